namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Transactions of a PB-ADV link (MshPRT §5.3.3): sending with retransmission and the 30 s
    /// timeout, receiving with reassembly, acknowledgments and the transaction-number rules.
    /// The link's state machine and establishment are in PbAdvLink.cs.
    /// </summary>
    public sealed partial class PbAdvLink
    {
        private void ReceiveTransaction(GenericProvisioningPdu pdu)
        {
            if (_state != ProvisioningLinkState.Open)
            {
                _bearer.CountStale();
                return;
            }

            // Read everything first: handlers run below and may re-enter the bearer, which reuses its decoder.
            byte number = pdu.TransactionNumber;
            bool isStart = pdu.Format == GenericProvisioning.FormatTransactionStart;
            int index = isStart ? 0 : pdu.SegmentIndex;
            int lastSegment = pdu.LastSegmentIndex;
            int totalLength = pdu.TotalLength;
            byte fcs = pdu.Fcs;
            byte[] data = pdu.Buffer;
            int dataOffset = pdu.DataOffset;
            int dataCount = pdu.DataCount;

            // MshPRT §5.3.1: the peer's transactions live in the other half of the number space.
            if ((number & RangeBit) != (_expectedRxNumber & RangeBit))
            {
                _bearer.CountMalformed();
                return;
            }

            // MshPRT §5.3.3: a repeat of the transaction already delivered is acknowledged again
            // (its sender missed our ack) but never delivered twice.
            if (number == _lastRxNumber)
            {
                _bearer.CountDuplicate();
                QueueAck(number);
                return;
            }

            if (number != _expectedRxNumber)
            {
                _bearer.CountStale();
                return;
            }

            ReassemblyResult result = isStart
                ? _reassembler.AddStart(number, lastSegment, totalLength, fcs, data, dataOffset, dataCount)
                : _reassembler.AddContinuation(number, index, data, dataOffset, dataCount);

            switch (result)
            {
                case ReassemblyResult.Complete:
                    _lastRxNumber = number;
                    _expectedRxNumber = NextNumber(number);
                    QueueAck(number);
                    if (_txActive)
                    {
                        // The peer only starts its next transaction after it received ours, so it is
                        // acknowledged even if its Transaction ACK was lost or, as BlueZ meshd does,
                        // replaced in its queue by this PDU (reference/bluez-peer.md). Only a whole
                        // transaction with a good FCS says so: a first segment alone may be anyone's,
                        // and taking it as the ack would stop our retransmissions.
                        CompleteTransaction();
                        if (_state != ProvisioningLinkState.Open)
                        {
                            return;
                        }
                    }

                    _handler.OnPduReceived(this, _reassembler.Buffer, 0, _reassembler.TotalLength);
                    break;
                case ReassemblyResult.InProgress:
                    break;
                case ReassemblyResult.Duplicate:
                    _bearer.CountDuplicate();
                    break;
                case ReassemblyResult.NotStarted:
                    _bearer.CountContinuationBeforeStart();
                    break;
                default:
                    _bearer.CountAbortedTransaction();
                    break;
            }
        }

        private void StartTransaction()
        {
            _txActive = true;
            _txSent = false;
            _txNumber = _nextTxNumber;
            _nextTxNumber = NextNumber(_nextTxNumber);
            _txFcs = ProvisioningFcs.Compute(_queue.PeekBuffer, 0, _queue.PeekLength);
            ScheduleTx(RandomDelay());
        }

        private void CompleteTransaction()
        {
            CancelTimer(ref _txTimer);
            CancelTimer(ref _transactionTimer);
            _txActive = false;
            _queue.Dequeue();
            _handler.OnTransmitComplete(this);
            if (_state == ProvisioningLinkState.Open && !_txActive && _queue.Count > 0)
            {
                StartTransaction();
            }
        }

        private void SendTransaction()
        {
            if (!_txActive)
            {
                return;
            }

            if (!_txSent)
            {
                // MshPRT §5.3.3: 30 s from the first transmission without an ack ends the link.
                _txSent = true;
                _transactionTimer = _scheduler.Schedule(_options.TransactionTimeoutMilliseconds, _onTransactionTimer);
            }

            // MshPRT §5.3.3: all segments, in order, every time.
            int length = _queue.PeekLength;
            int last = GenericProvisioning.LastSegmentIndex(length);
            for (int i = 0; i <= last; i++)
            {
                _writer.Clear();
                GenericProvisioning.WriteTransactionSegment(_writer, _linkId, _txNumber, _queue.PeekBuffer, 0, length, _txFcs, i);
                Transmit();
            }

            // The interval counts from when the segments are on the air, not from when they were queued.
            _txTimer = _scheduler.Schedule(_options.RetransmitIntervalMilliseconds + _bearer.QueueDelayMilliseconds, _onTxTimer);
        }

        private void OnTransactionTimer()
        {
            _transactionTimer = 0;
            if (_state == ProvisioningLinkState.Open && _txActive)
            {
                BeginClose(ProvisioningLinkCloseReason.Timeout);
            }
        }

        private void QueueAck(byte number)
        {
            if (_pendingAckNumber >= 0 && _pendingAckNumber != number)
            {
                // One ack slot: an older ack still waiting goes out now rather than being lost.
                SendAck((byte)_pendingAckNumber);
            }

            _pendingAckNumber = number;
            ScheduleAck();
        }

        private void SendAck(byte number)
        {
            _writer.Clear();
            GenericProvisioning.WriteTransactionAck(_writer, _linkId, number);
            Transmit();
        }

        private void ScheduleAck()
        {
            // MshPRT §5.3.3: acknowledgments wait the same random 20–50 ms; one pending ack covers repeats.
            if (_ackTimer == 0)
            {
                _ackTimer = _scheduler.Schedule(RandomDelay(), _onAckTimer);
            }
        }

        private void OnAckTimer()
        {
            _ackTimer = 0;
            if (_state != ProvisioningLinkState.Open)
            {
                return;
            }

            if (_pendingLinkAck)
            {
                _pendingLinkAck = false;
                _writer.Clear();
                GenericProvisioning.WriteLinkAck(_writer, _linkId);
                Transmit();
            }

            if (_pendingAckNumber >= 0)
            {
                byte number = (byte)_pendingAckNumber;
                _pendingAckNumber = -1;
                SendAck(number);
            }
        }

        private static byte NextNumber(byte number)
        {
            // Wraps inside its half: 0x7F → 0x00 and 0xFF → 0x80 (MshPRT §5.3.1).
            return (byte)(((number + 1) & 0x7F) | (number & RangeBit));
        }
    }
}
