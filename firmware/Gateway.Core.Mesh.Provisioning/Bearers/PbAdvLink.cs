using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// One PB-ADV provisioning link (MshPRT §5.3), created by <see cref="PbAdvBearer"/> for one
    /// device and one session. It runs link establishment, transactions (segmentation,
    /// acknowledgement, retransmission, timeouts) and Link Close; the bearer only demultiplexes
    /// advertisements to it by Link ID. All buffers are allocated when the link is created.
    /// </summary>
    public sealed partial class PbAdvLink : IProvisioningBearer
    {
        private const byte RangeBit = 0x80;

        private readonly PbAdvBearer _bearer;
        private readonly IScheduler _scheduler;
        private readonly IRandom _random;
        private readonly PbAdvOptions _options;
        private readonly IProvisioningLinkHandler _handler;
        private readonly ProvisioningRole _role;
        private readonly byte[] _deviceUuid;
        private readonly byte[] _adv = new byte[GenericProvisioning.MaxAdStructureLength];
        private readonly ByteWriter _writer;
        private readonly GenericProvisioningReassembler _reassembler;
        private readonly ProvisioningPduQueue _queue;
        private readonly Action _onTxTimer;
        private readonly Action _onAckTimer;
        private readonly Action _onLinkTimer;
        private readonly Action _onTransactionTimer;

        private ProvisioningLinkState _state;
        private uint _linkId;
        private bool _hasLinkId;

        private bool _txActive;
        private bool _txSent;
        private byte _txNumber;
        private byte _txFcs;
        private byte _nextTxNumber;

        private int _lastRxNumber = -1;
        private byte _expectedRxNumber;

        private int _pendingAckNumber = -1;
        private bool _pendingLinkAck;
        private int _closeSendsLeft;

        private ProvisioningLinkCloseReason _closeReason;
        private bool _closedByPeer;
        private int _peerCloseReasonCode = -1;

        private int _txTimer;
        private int _ackTimer;
        private int _linkTimer;
        private int _transactionTimer;

        internal PbAdvLink(PbAdvBearer bearer, IScheduler scheduler, IRandom random, PbAdvOptions options, ProvisioningRole role, byte[] deviceUuid, IProvisioningLinkHandler handler)
        {
            _bearer = bearer;
            _scheduler = scheduler;
            _random = random;
            _options = options;
            _role = role;
            _handler = handler;
            _deviceUuid = new byte[GenericProvisioning.DeviceUuidLength];
            Array.Copy(deviceUuid, _deviceUuid, GenericProvisioning.DeviceUuidLength);
            _writer = new ByteWriter(_adv, 0, _adv.Length);
            _reassembler = new GenericProvisioningReassembler(options.MaxPduSize);
            _queue = new ProvisioningPduQueue(options.SendQueueDepth, options.MaxPduSize);
            _onTxTimer = OnTxTimer;
            _onAckTimer = OnAckTimer;
            _onLinkTimer = OnLinkTimer;
            _onTransactionTimer = OnTransactionTimer;

            // MshPRT §5.3.1: the PB-ADV client (provisioner) numbers its transactions 0x00–0x7F,
            // the server (device) 0x80–0xFF, each starting at the bottom of its range.
            _nextTxNumber = role == ProvisioningRole.Provisioner ? (byte)0x00 : RangeBit;
            _expectedRxNumber = role == ProvisioningRole.Provisioner ? RangeBit : (byte)0x00;
        }

        public ProvisioningBearerType BearerType
        {
            get { return ProvisioningBearerType.PbAdv; }
        }

        public ProvisioningRole Role
        {
            get { return _role; }
        }

        public ProvisioningLinkState State
        {
            get { return _state; }
        }

        public byte[] DeviceUuid
        {
            get { return _deviceUuid; }
        }

        public int MaxPduSize
        {
            get { return _options.MaxPduSize; }
        }

        public ProvisioningLinkCloseReason CloseReason
        {
            get { return _closeReason; }
        }

        public bool ClosedByPeer
        {
            get { return _closedByPeer; }
        }

        public int PeerCloseReasonCode
        {
            get { return _peerCloseReasonCode; }
        }

        /// <summary>The Link ID (valid once <see cref="HasLinkId"/>).</summary>
        public uint LinkId
        {
            get { return _linkId; }
        }

        /// <summary>Provisioner: from Open on. Device: from the accepted Link Open on.</summary>
        public bool HasLinkId
        {
            get { return _hasLinkId; }
        }

        public void Open()
        {
            if (_state != ProvisioningLinkState.Idle)
            {
                throw new InvalidOperationException("link already opened");
            }

            _state = ProvisioningLinkState.Opening;
            if (_role == ProvisioningRole.Provisioner)
            {
                // MshPRT §5.3.2: Link Open is repeated until Link ACK, for at most 60 s.
                _linkId = _bearer.AllocateLinkId();
                _hasLinkId = true;
                _linkTimer = _scheduler.Schedule(_options.LinkEstablishmentTimeoutMilliseconds, _onLinkTimer);
                ScheduleTx(RandomDelay());
            }
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            if (pdu == null)
            {
                throw new ArgumentNullException("pdu");
            }

            if (count < 1 || count > _options.MaxPduSize || offset < 0 || offset > pdu.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (_state != ProvisioningLinkState.Open)
            {
                throw new InvalidOperationException("link is not open");
            }

            if (_queue.IsFull)
            {
                throw new InvalidOperationException("send queue full");
            }

            _queue.Enqueue(pdu, offset, count);
            if (!_txActive)
            {
                StartTransaction();
            }
        }

        public void Close(ProvisioningLinkCloseReason reason)
        {
            if (_state == ProvisioningLinkState.Closing || _state == ProvisioningLinkState.Closed)
            {
                return;
            }

            BeginClose(reason);
        }

        /// <summary>Device role: the bearer matched a Link Open to this listening link.</summary>
        internal void AcceptLinkOpen(uint linkId)
        {
            _linkId = linkId;
            _hasLinkId = true;
            _state = ProvisioningLinkState.Open;
            _pendingLinkAck = true;
            ScheduleAck();
            _handler.OnLinkOpened(this);
        }

        /// <summary>A well-formed PDU carrying this link's Link ID.</summary>
        internal void Receive(GenericProvisioningPdu pdu)
        {
            switch (pdu.Format)
            {
                case GenericProvisioning.FormatBearerControl:
                    ReceiveBearerControl(pdu);
                    break;
                case GenericProvisioning.FormatTransactionAck:
                    if (_state == ProvisioningLinkState.Open && _txActive && pdu.TransactionNumber == _txNumber)
                    {
                        CompleteTransaction();
                    }
                    else
                    {
                        _bearer.CountStale();
                    }

                    break;
                default:
                    ReceiveTransaction(pdu);
                    break;
            }
        }

        private void ReceiveBearerControl(GenericProvisioningPdu pdu)
        {
            switch (pdu.Opcode)
            {
                case GenericProvisioning.OpcodeLinkOpen:
                    // MshPRT §5.3.2: a device re-acknowledges a repeated Link Open of its link.
                    if (_role == ProvisioningRole.Device && _state == ProvisioningLinkState.Open
                        && SameUuid(pdu.Buffer, pdu.DataOffset))
                    {
                        _pendingLinkAck = true;
                        ScheduleAck();
                    }
                    else
                    {
                        _bearer.CountStale();
                    }

                    break;
                case GenericProvisioning.OpcodeLinkAck:
                    if (_role == ProvisioningRole.Provisioner && _state == ProvisioningLinkState.Opening)
                    {
                        CancelTimer(ref _linkTimer);
                        CancelTimer(ref _txTimer);
                        _state = ProvisioningLinkState.Open;
                        _handler.OnLinkOpened(this);
                    }
                    else
                    {
                        _bearer.CountDuplicate();
                    }

                    break;
                default:
                    // MshPRT §5.3.1.4.3: reasons 0x03–0xFF are "Unrecognized" but the close stands.
                    if (_state == ProvisioningLinkState.Opening || _state == ProvisioningLinkState.Open)
                    {
                        int code = pdu.CloseReason;
                        _peerCloseReasonCode = code;
                        _closedByPeer = true;
                        ClearSession();
                        _closeReason = code <= (int)ProvisioningLinkCloseReason.Fail
                            ? (ProvisioningLinkCloseReason)code
                            : ProvisioningLinkCloseReason.UnrecognizedPeerReason;
                        Finish();
                    }

                    break;
            }
        }

        private void OnTxTimer()
        {
            _txTimer = 0;
            switch (_state)
            {
                case ProvisioningLinkState.Opening:
                    _writer.Clear();
                    GenericProvisioning.WriteLinkOpen(_writer, _linkId, _deviceUuid, 0);
                    Transmit();
                    _txTimer = _scheduler.Schedule(_options.LinkOpenIntervalMilliseconds + _bearer.QueueDelayMilliseconds, _onTxTimer);
                    break;
                case ProvisioningLinkState.Open:
                    SendTransaction();
                    break;
                case ProvisioningLinkState.Closing:
                    _writer.Clear();
                    GenericProvisioning.WriteLinkClose(_writer, _linkId, WireReason(_closeReason));
                    Transmit();
                    _closeSendsLeft--;
                    if (_closeSendsLeft > 0)
                    {
                        ScheduleTx(RandomDelay());
                    }
                    else
                    {
                        Finish();
                    }

                    break;
            }
        }

        private void OnLinkTimer()
        {
            _linkTimer = 0;
            if (_state == ProvisioningLinkState.Opening)
            {
                BeginClose(ProvisioningLinkCloseReason.LinkOpenTimeout);
            }
        }

        private void BeginClose(ProvisioningLinkCloseReason reason)
        {
            if (_state == ProvisioningLinkState.Open && (_pendingLinkAck || _pendingAckNumber >= 0))
            {
                // An ack still waiting out its delay goes first (MshPRT §8.7.13.1 precedes §8.7.14):
                // the peer's last transaction, typically Complete, then counts as delivered.
                CancelTimer(ref _ackTimer);
                OnAckTimer();
            }

            ClearSession();
            _closeReason = reason;
            if (!_hasLinkId)
            {
                // Idle, or a device still waiting for a Link Open: nobody to tell.
                Finish();
                return;
            }

            // MshPRT §5.3.2: Link Close is repeated (at least three times) since it is not acknowledged.
            // A provisioner that never got Link ACK still sends it: the device may have opened.
            _state = ProvisioningLinkState.Closing;
            _closeSendsLeft = _options.LinkCloseCount;
            ScheduleTx(RandomDelay());
        }

        private void ClearSession()
        {
            CancelTimer(ref _txTimer);
            CancelTimer(ref _ackTimer);
            CancelTimer(ref _linkTimer);
            CancelTimer(ref _transactionTimer);
            _queue.Clear();
            _txActive = false;
            _pendingAckNumber = -1;
            _pendingLinkAck = false;
            _reassembler.Reset();
        }

        private void Finish()
        {
            ClearSession();
            _state = ProvisioningLinkState.Closed;
            _bearer.Release(this);
            _handler.OnLinkClosed(this, _closeReason);
        }

        private void ScheduleTx(int delay)
        {
            CancelTimer(ref _txTimer);
            _txTimer = _scheduler.Schedule(delay, _onTxTimer);
        }

        private void CancelTimer(ref int timer)
        {
            if (timer != 0)
            {
                _scheduler.Cancel(timer);
                timer = 0;
            }
        }

        private void Transmit()
        {
            _bearer.Transmit(_adv, _writer.Length);
        }

        private int RandomDelay()
        {
            int span = _options.TxDelayMaxMilliseconds - _options.TxDelayMinMilliseconds;
            return _options.TxDelayMinMilliseconds + (span > 0 ? _random.NextInt(span + 1) : 0);
        }

        internal bool SameUuid(byte[] data, int offset)
        {
            for (int i = 0; i < GenericProvisioning.DeviceUuidLength; i++)
            {
                if (data[offset + i] != _deviceUuid[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte WireReason(ProvisioningLinkCloseReason reason)
        {
            switch (reason)
            {
                case ProvisioningLinkCloseReason.Success:
                    return 0x00;
                case ProvisioningLinkCloseReason.Timeout:
                case ProvisioningLinkCloseReason.LinkOpenTimeout:
                    return 0x01;
                default:
                    return 0x02;
            }
        }
    }
}
