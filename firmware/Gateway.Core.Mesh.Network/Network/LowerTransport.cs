using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Segmentation and reassembly of the lower transport layer (MshPRT §3.5.3; reference/ble-mesh.md
    /// §4.3), Mesh 1.0 timing. Receiving: segments of one (SRC, SeqAuth) collect in a pre-allocated
    /// slot; a unicast destination is acknowledged with a BlockAck when the acknowledgment timer
    /// fires and at once when the message completes; a message that stalls past the incomplete
    /// timer is dropped; duplicates of a completed message are acknowledged again, never
    /// delivered twice. Sending is in <c>LowerTransport.Send.cs</c>. Runs on the scheduler's thread.
    /// </summary>
    internal sealed partial class LowerTransport
    {
        private readonly IScheduler _scheduler;
        private readonly ITransportHost _host;
        private readonly MeshNetworkOptions _options;
        private readonly ReplayProtectionList _rpl;
        private readonly IncomingSegmentedMessage[] _incoming;
        private readonly OutgoingSegmentedMessage[] _outgoing;
        private readonly byte[] _ack = new byte[SegmentAcknowledgment.Length];
        private readonly byte[] _segment = new byte[NetworkPduCodec.MaxAccessTransportLength];
        private long _age;

        public LowerTransport(IScheduler scheduler, ITransportHost host, MeshNetworkOptions options, ReplayProtectionList rpl)
        {
            _scheduler = scheduler;
            _host = host;
            _options = options;
            _rpl = rpl;
            _incoming = new IncomingSegmentedMessage[options.ReassemblySlots];
            for (int i = 0; i < _incoming.Length; i++)
            {
                IncomingSegmentedMessage slot = new IncomingSegmentedMessage();
                slot.AckTimerAction = () => OnAckTimer(slot);
                slot.IncompleteTimerAction = () => OnIncompleteTimer(slot);
                _incoming[i] = slot;
            }

            _outgoing = new OutgoingSegmentedMessage[options.TransmissionSlots];
            for (int i = 0; i < _outgoing.Length; i++)
            {
                OutgoingSegmentedMessage slot = new OutgoingSegmentedMessage();
                slot.TimerAction = () => OnRetransmitTimer(slot);
                slot.CompleteAction = () => Complete(slot);
                _outgoing[i] = slot;
            }
        }

        /// <summary>Segments dropped as malformed, conflicting, replayed or for lack of a slot.</summary>
        public long DroppedSegments { get; private set; }

        /// <summary>Segmented messages dropped by the incomplete timer.</summary>
        public long IncompleteTimeouts { get; private set; }

        /// <summary>
        /// One segment of an access message (SEG = 1, CTL = 0) whose Network PDU authenticated.
        /// <paramref name="pdu"/>[<paramref name="offset"/> …] is the Lower Transport PDU.
        /// </summary>
        public void OnAccessSegment(NetworkKeyMaterial key, uint ivIndex, int ttl, int seq, int src, int dst, byte[] pdu, int offset, int count)
        {
            int dataLength = count - LowerTransportHeader.SegmentedHeaderLength;
            if (dataLength < 1)
            {
                DroppedSegments++;
                return;
            }

            int seqZero = LowerTransportHeader.SeqZero(pdu, offset);
            int segO = LowerTransportHeader.SegO(pdu, offset);
            int segN = LowerTransportHeader.SegN(pdu, offset);
            bool szmic = LowerTransportHeader.Szmic(pdu, offset);
            bool akf = (pdu[offset] & 0x40) != 0;
            int aid = pdu[offset] & 0x3F;
            int seqAuth = LowerTransportHeader.SeqAuth(seq, seqZero);

            // MshPRT §3.5.2.2: SegO ≤ SegN, every segment but the last carries 12 octets; a
            // message must be long enough for its TransMIC.
            bool last = segO == segN;
            if (segO > segN || seqAuth < 0 || (!last && dataLength != LowerTransportHeader.MaxAccessSegmentLength)
                || (segN == 0 && dataLength <= UpperTransportCrypto.MicLength(szmic)))
            {
                DroppedSegments++;
                return;
            }

            IncomingSegmentedMessage slot = FindIncoming(src, ivIndex, seqAuth);
            if (slot == null)
            {
                slot = StartIncoming(key, ivIndex, ttl, seq, src, dst, seqAuth, segN, szmic, akf, aid);
                if (slot == null)
                {
                    return;
                }
            }
            else if (slot.State == IncomingSegmentedMessage.StateComplete)
            {
                // A late copy of a finished message: acknowledge again (the sender missed our ack),
                // but at most once per CompletedAckIntervalMilliseconds for the same SeqAuth
                // (the rate limit of Zephyr's SEQAUTH_ALREADY_PROCESSED_TIMEOUT; MshPRT v1.1
                // §3.5.3.4 has the receiver's acknowledgment timing, not this exact rule). Every
                // segment arrives in several copies (Network Transmit) and every round repeats
                // them: one acknowledgment per copy would multiply the receiver's own traffic by
                // copies × segments, and a busy advertiser that falls behind then drowns in
                // acknowledgments while the sender, which never sees them, keeps retransmitting.
                if (slot.Dst == dst && MeshAddress.IsUnicast(dst)
                    && _scheduler.NowMilliseconds - slot.LastAckAt >= _options.CompletedAckIntervalMilliseconds)
                {
                    SendAck(slot, slot.Received);
                }

                return;
            }
            else if (slot.SegN != segN || slot.Szmic != szmic || slot.Akf != akf || slot.Aid != aid || slot.Dst != dst || slot.Key != key)
            {
                DroppedSegments++;
                return;
            }

            _rpl.Accept(src, ivIndex, seq);
            uint bit = 1u << segO;
            if ((slot.Received & bit) != 0)
            {
                return;
            }

            Array.Copy(pdu, offset + LowerTransportHeader.SegmentedHeaderLength, slot.Buffer, segO * LowerTransportHeader.MaxAccessSegmentLength, dataLength);
            if (last)
            {
                slot.LastSegmentLength = dataLength;
            }

            slot.Received |= bit;
            if (slot.IsComplete)
            {
                Finish(slot);
                return;
            }

            // MshPRT §3.5.3.4: the incomplete timer restarts with every new segment (a deadline
            // moved forward; the one timer re-arms itself, so no timer per segment); the
            // acknowledgment timer runs from the first unacknowledged segment.
            slot.IncompleteDeadline = _scheduler.NowMilliseconds + _options.IncompleteTimeoutMilliseconds;
            if (slot.IncompleteTimer == 0)
            {
                slot.IncompleteTimer = _scheduler.Schedule(_options.IncompleteTimeoutMilliseconds, slot.IncompleteTimerAction);
            }
            if (slot.AckTimer == 0 && MeshAddress.IsUnicast(dst))
            {
                slot.AckTimer = _scheduler.Schedule(_options.AckTimerBaseMilliseconds + (_options.AckTimerPerTtlMilliseconds * slot.Ttl), slot.AckTimerAction);
            }
        }

        private IncomingSegmentedMessage StartIncoming(NetworkKeyMaterial key, uint ivIndex, int ttl, int seq, int src, int dst,
            int seqAuth, int segN, bool szmic, bool akf, int aid)
        {
            // A new message from a source supersedes its older unfinished one; a segment of an
            // older message than the last one from that source is stale.
            for (int i = 0; i < _incoming.Length; i++)
            {
                IncomingSegmentedMessage other = _incoming[i];
                if (other.State != IncomingSegmentedMessage.StateFree && other.Src == src)
                {
                    bool older = other.IvIndex > ivIndex || (other.IvIndex == ivIndex && other.SeqAuth > seqAuth);
                    if (older)
                    {
                        DroppedSegments++;
                        return null;
                    }

                    if (other.State == IncomingSegmentedMessage.StateInProgress)
                    {
                        Release(other);
                    }
                }
            }

            if (_rpl.IsReplay(src, ivIndex, seq) || !_rpl.HasRoomFor(src))
            {
                DroppedSegments++;
                return null;
            }

            IncomingSegmentedMessage slot = FreeIncomingSlot();
            if (slot == null)
            {
                // MshPRT §3.5.3.4: no resources for the message: BlockAck 0 tells the sender.
                DroppedSegments++;
                if (MeshAddress.IsUnicast(dst))
                {
                    int ackTtl = ttl == 0 ? 0 : _options.DefaultTtl;
                    SegmentAcknowledgment.Write(_ack, 0, false, seqAuth, 0);
                    _host.SendLowerTransportPdu(key, _host.TransmitIvIndex, true, ackTtl, dst, src, -1, _ack, 0, SegmentAcknowledgment.Length);
                }

                return null;
            }

            slot.State = IncomingSegmentedMessage.StateInProgress;
            slot.Key = key;
            slot.IvIndex = ivIndex;
            slot.Src = src;
            slot.Dst = dst;
            slot.Ttl = ttl;
            slot.Akf = akf;
            slot.Aid = aid;
            slot.Szmic = szmic;
            slot.SeqAuth = seqAuth;
            slot.SegN = segN;
            slot.Received = 0;
            slot.LastSegmentLength = 0;
            slot.Age = ++_age;
            return slot;
        }

        private IncomingSegmentedMessage FindIncoming(int src, uint ivIndex, int seqAuth)
        {
            for (int i = 0; i < _incoming.Length; i++)
            {
                IncomingSegmentedMessage slot = _incoming[i];
                if (slot.State != IncomingSegmentedMessage.StateFree && slot.Src == src && slot.SeqAuth == seqAuth && slot.IvIndex == ivIndex)
                {
                    return slot;
                }
            }

            return null;
        }

        /// <summary>A free slot, else the oldest completed one; null when all are receiving.</summary>
        private IncomingSegmentedMessage FreeIncomingSlot()
        {
            IncomingSegmentedMessage oldest = null;
            for (int i = 0; i < _incoming.Length; i++)
            {
                IncomingSegmentedMessage slot = _incoming[i];
                if (slot.State == IncomingSegmentedMessage.StateFree)
                {
                    return slot;
                }

                if (slot.State == IncomingSegmentedMessage.StateComplete && (oldest == null || slot.Age < oldest.Age))
                {
                    oldest = slot;
                }
            }

            return oldest;
        }

        private void Finish(IncomingSegmentedMessage slot)
        {
            CancelTimer(ref slot.AckTimer);
            CancelTimer(ref slot.IncompleteTimer);
            slot.State = IncomingSegmentedMessage.StateComplete;
            if (MeshAddress.IsUnicast(slot.Dst))
            {
                SendAck(slot, slot.Received);
            }

            _host.OnSegmentedAccessPdu(slot);
        }

        private void OnAckTimer(IncomingSegmentedMessage slot)
        {
            slot.AckTimer = 0;
            if (slot.State == IncomingSegmentedMessage.StateInProgress)
            {
                SendAck(slot, slot.Received);
            }
        }

        private void OnIncompleteTimer(IncomingSegmentedMessage slot)
        {
            slot.IncompleteTimer = 0;
            long remaining = slot.IncompleteDeadline - _scheduler.NowMilliseconds;
            if (slot.State == IncomingSegmentedMessage.StateInProgress && remaining > 0)
            {
                slot.IncompleteTimer = _scheduler.Schedule(remaining, slot.IncompleteTimerAction);
                return;
            }

            if (slot.State == IncomingSegmentedMessage.StateInProgress)
            {
                IncompleteTimeouts++;
                Release(slot);
            }
        }

        private void SendAck(IncomingSegmentedMessage slot, uint blockAck)
        {
            // MshPRT §3.5.3.4: acknowledge with TTL 0 what came with TTL 0 (a direct neighbour).
            int ttl = slot.Ttl == 0 ? 0 : _options.DefaultTtl;
            slot.LastAckAt = _scheduler.NowMilliseconds;
            SegmentAcknowledgment.Write(_ack, 0, false, slot.SeqAuth, blockAck);
            _host.SendLowerTransportPdu(slot.Key, _host.TransmitIvIndex, true, ttl, slot.Dst, slot.Src, -1, _ack, 0, SegmentAcknowledgment.Length);
        }

        private void Release(IncomingSegmentedMessage slot)
        {
            CancelTimer(ref slot.AckTimer);
            CancelTimer(ref slot.IncompleteTimer);
            slot.State = IncomingSegmentedMessage.StateFree;
            slot.Received = 0;
            slot.Key = null;
        }

        private void CancelTimer(ref int timer)
        {
            if (timer != 0)
            {
                _scheduler.Cancel(timer);
                timer = 0;
            }
        }
    }
}
