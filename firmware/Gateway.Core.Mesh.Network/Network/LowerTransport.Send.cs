using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Sending side of segmentation (MshPRT §3.5.3.3): every segment in its own Network PDU with
    /// its own SEQ (the first one's SEQ is SeqAuth); to a unicast destination the unacknowledged
    /// segments go again each retransmission interval until all are acknowledged, the receiver
    /// reports it is busy, or the rounds without progress run out; to a group every segment is
    /// simply repeated.
    /// </summary>
    internal sealed partial class LowerTransport
    {
        /// <summary>A free transmission slot; null when all are busy or one already sends to <paramref name="dst"/>.</summary>
        public OutgoingSegmentedMessage AcquireTransmission(int dst)
        {
            OutgoingSegmentedMessage free = null;
            for (int i = 0; i < _outgoing.Length; i++)
            {
                OutgoingSegmentedMessage slot = _outgoing[i];
                if (slot.InUse)
                {
                    // MshPRT §3.5.3.3: one segmented message at a time to a destination.
                    if (slot.Dst == dst)
                    {
                        return null;
                    }
                }
                else if (free == null)
                {
                    free = slot;
                }
            }

            return free;
        }

        /// <summary>Starts a prepared slot: the first round of segments goes out now.</summary>
        public void StartTransmission(OutgoingSegmentedMessage slot)
        {
            slot.InUse = true;
            slot.Ending = false;
            slot.Acked = 0;
            slot.RoundsLeft = slot.IsUnicast ? _options.SegmentRetransmitCount : _options.GroupSegmentRetransmitCount;
            if (SendUnacked(slot, true))
            {
                ScheduleRetransmit(slot);
            }
        }

        /// <summary>A Segment Acknowledgment addressed to one of our elements (MshPRT §3.5.2.3.1).</summary>
        public void OnSegmentAcknowledgment(int src, int dst, bool onBehalfOf, int seqZero, uint blockAck)
        {
            for (int i = 0; i < _outgoing.Length; i++)
            {
                OutgoingSegmentedMessage slot = _outgoing[i];
                if (!slot.InUse || slot.Ending || !slot.IsUnicast || slot.Src != dst || (slot.SeqAuth & LowerTransportHeader.SeqZeroMask) != seqZero)
                {
                    continue;
                }

                // OBO: a Friend acknowledges for its Low Power node; otherwise only the destination may.
                if (slot.Dst != src && !onBehalfOf)
                {
                    continue;
                }

                if ((blockAck & ~slot.AllSegments) != 0)
                {
                    DroppedSegments++;
                    return;
                }

                if (blockAck == 0)
                {
                    End(slot, AccessSendResult.Busy);
                    return;
                }

                uint progress = blockAck & ~slot.Acked;
                slot.Acked |= blockAck;
                if (slot.Acked == slot.AllSegments)
                {
                    End(slot, AccessSendResult.Acknowledged);
                    return;
                }

                if (progress != 0)
                {
                    // Progress restarts the count of rounds; what is missing goes again now.
                    slot.RoundsLeft = _options.SegmentRetransmitCount;
                    CancelTimer(ref slot.Timer);
                    if (SendUnacked(slot, false))
                    {
                        ScheduleRetransmit(slot);
                    }
                }

                return;
            }
        }

        /// <summary>Ends every transmission with <see cref="AccessSendResult.Cancelled"/>.</summary>
        public void CancelAll()
        {
            for (int i = 0; i < _outgoing.Length; i++)
            {
                if (_outgoing[i].InUse && !_outgoing[i].Ending)
                {
                    End(_outgoing[i], AccessSendResult.Cancelled);
                }
            }
        }

        public int ActiveTransmissions
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _outgoing.Length; i++)
                {
                    if (_outgoing[i].InUse)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        private void OnRetransmitTimer(OutgoingSegmentedMessage slot)
        {
            slot.Timer = 0;
            if (!slot.InUse || slot.Ending)
            {
                return;
            }

            if (slot.RoundsLeft == 0)
            {
                End(slot, slot.IsUnicast ? AccessSendResult.Timeout : AccessSendResult.Sent);
                return;
            }

            slot.RoundsLeft--;
            if (SendUnacked(slot, false))
            {
                ScheduleRetransmit(slot);
            }
        }

        private void ScheduleRetransmit(OutgoingSegmentedMessage slot)
        {
            int interval = slot.IsUnicast ? _options.SegmentRetransmitUnicastMilliseconds : _options.SegmentRetransmitGroupMilliseconds;
            slot.Timer = _scheduler.Schedule(interval, slot.TimerAction);
        }

        /// <summary>Sends every segment not yet acknowledged. False when the transmission ended.</summary>
        private bool SendUnacked(OutgoingSegmentedMessage slot, bool firstRound)
        {
            int segN = slot.SegN;
            for (int segO = 0; segO <= segN; segO++)
            {
                if ((slot.Acked & (1u << segO)) != 0)
                {
                    continue;
                }

                int at = segO * LowerTransportHeader.MaxAccessSegmentLength;
                int length = slot.UpperLength - at;
                if (length > LowerTransportHeader.MaxAccessSegmentLength)
                {
                    length = LowerTransportHeader.MaxAccessSegmentLength;
                }

                LowerTransportHeader.WriteSegmentedAccess(_segment, 0, slot.Akf, slot.Aid, slot.Szmic, slot.SeqAuth, segO, segN);
                Array.Copy(slot.Upper, at, _segment, LowerTransportHeader.SegmentedHeaderLength, length);
                int seq = firstRound && segO == 0 ? slot.SeqAuth : -1;
                int used = _host.SendLowerTransportPdu(slot.Key, slot.IvIndex, false, slot.Ttl, slot.Src, slot.Dst, seq, _segment, 0,
                    LowerTransportHeader.SegmentedHeaderLength + length);

                // MshPRT §3.5.3.1: every segment's SEQ must lie within 8192 of SeqAuth.
                if (used < 0 || used - slot.SeqAuth > LowerTransportHeader.SeqZeroMask)
                {
                    End(slot, used < 0 ? AccessSendResult.NoSequenceNumber : AccessSendResult.Timeout);
                    return false;
                }

                if (slot.Ending)
                {
                    return false;
                }
            }

            return true;
        }

        private void End(OutgoingSegmentedMessage slot, AccessSendResult result)
        {
            CancelTimer(ref slot.Timer);
            slot.Result = result;
            slot.Ending = true;
            _scheduler.Post(slot.CompleteAction);
        }

        private void Complete(OutgoingSegmentedMessage slot)
        {
            AccessSendCallback callback = slot.Callback;
            slot.Callback = null;
            slot.Key = null;
            slot.Ending = false;
            slot.InUse = false;
            _host.OnTransmissionSlotFree();
            if (callback != null)
            {
                callback(slot.Result);
            }
        }
    }
}
