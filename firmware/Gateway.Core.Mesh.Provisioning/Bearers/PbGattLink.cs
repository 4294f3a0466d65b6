using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// PB-GATT link logic shared by both roles (MshPRT §5.2.2): Provisioning PDUs travel as Proxy
    /// PDUs of Message Type 0x03 over the Mesh Provisioning Service, segmented to ATT_MTU − 3.
    /// The link is the GATT link: it opens when notifications of Data Out are on, closes on
    /// disconnect, and carries no close reason. Any Proxy SAR violation, and a segmented message
    /// that stalls for 20 s, drops the connection (MshPRT §6.3.2).
    /// Subclasses bind it to <see cref="IGattCentral"/> (<see cref="PbGattClientLink"/>) or
    /// <see cref="IGattPeripheral"/> (<see cref="PbGattServerLink"/>).
    /// </summary>
    public abstract class PbGattLink : IProvisioningBearer
    {
        /// <summary>Mesh Provisioning Service and its characteristics (Assigned Numbers; MshPRT §7.1).</summary>
        public const ushort ServiceUuid = 0x1827;
        public const ushort DataInUuid = 0x2ADB;
        public const ushort DataOutUuid = 0x2ADC;

        private readonly IScheduler _scheduler;
        private readonly PbGattOptions _options;
        private readonly IProvisioningLinkHandler _handler;
        private readonly ProvisioningRole _role;
        private readonly byte[] _deviceUuid;
        private readonly ProxySarReassembler _reassembler;
        private readonly Action _onLinkTimer;
        private readonly Action _onSarTimer;
        private readonly Action _onTransmitComplete;
        private readonly Action _onFinish;

        private ProvisioningLinkState _state;
        private ProvisioningLinkCloseReason _closeReason;
        private bool _closedByPeer;
        private byte[] _segment;
        private int _mtu;
        private int _linkTimer;
        private int _sarTimer;

        protected PbGattLink(IScheduler scheduler, PbGattOptions options, ProvisioningRole role, byte[] deviceUuid, IProvisioningLinkHandler handler)
        {
            if (scheduler == null)
            {
                throw new ArgumentNullException("scheduler");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (deviceUuid == null || deviceUuid.Length != GenericProvisioning.DeviceUuidLength)
            {
                throw new ArgumentException("Device UUID must be 16 octets", "deviceUuid");
            }

            _options = options == null ? new PbGattOptions() : options;
            _options.Validate();
            _scheduler = scheduler;
            _handler = handler;
            _role = role;
            _deviceUuid = new byte[GenericProvisioning.DeviceUuidLength];
            Array.Copy(deviceUuid, _deviceUuid, _deviceUuid.Length);
            _reassembler = new ProxySarReassembler(_options.MaxPduSize);
            _onLinkTimer = OnLinkTimer;
            _onSarTimer = OnSarTimer;
            _onTransmitComplete = OnTransmitCompletePosted;
            _onFinish = Finish;
        }

        public ProvisioningBearerType BearerType
        {
            get { return ProvisioningBearerType.PbGatt; }
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

        /// <summary>PB-GATT has no close reason on the air (MshPRT §5.2.2).</summary>
        public int PeerCloseReasonCode
        {
            get { return -1; }
        }

        /// <summary>Complete Proxy PDUs of a Message Type other than Provisioning PDU, ignored.</summary>
        public long IgnoredMessageCount { get; private set; }

        /// <summary>ATT_MTU of the GATT link once open.</summary>
        public int Mtu
        {
            get { return _mtu; }
        }

        protected PbGattOptions Options
        {
            get { return _options; }
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
                _linkTimer = _scheduler.Schedule(_options.LinkEstablishmentTimeoutMilliseconds, _onLinkTimer);
            }

            StartTransport();
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

            // MshPRT §5.2.2: a Provisioning PDU goes out as one or more Proxy PDUs of at most ATT_MTU − 3 octets.
            int segments = ProxySar.SegmentCount(count, _mtu);
            for (int i = 0; i < segments && _state == ProvisioningLinkState.Open; i++)
            {
                int length = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, pdu, offset, count, _mtu, i, _segment, 0);
                WriteSegment(_segment, 0, length);
            }

            _scheduler.Post(_onTransmitComplete);
        }

        public void Close(ProvisioningLinkCloseReason reason)
        {
            if (_state == ProvisioningLinkState.Closing || _state == ProvisioningLinkState.Closed)
            {
                return;
            }

            bool hadTransport = _state != ProvisioningLinkState.Idle;
            _closeReason = reason;
            _state = ProvisioningLinkState.Closing;
            ClearTimers();
            _reassembler.Reset();
            if (hadTransport)
            {
                StopTransport();
            }

            // Reported from the scheduler so the caller's stack unwinds first; a late disconnect
            // event from the GATT port finds the link Closing and is ignored.
            _scheduler.Post(_onFinish);
        }

        /// <summary>Starts the GATT side: connect (client) or serve and advertise (server).</summary>
        protected abstract void StartTransport();

        /// <summary>Drops the GATT side (disconnect; the server also stops its service).</summary>
        protected abstract void StopTransport();

        /// <summary>Sends one Proxy PDU: Write Without Response to Data In (client) or a notification of Data Out (server).</summary>
        protected abstract void WriteSegment(byte[] data, int offset, int count);

        /// <summary>The GATT link is usable (client: connected, CCCD enabled; server: central subscribed).</summary>
        protected void TransportUp(int attMtu)
        {
            if (_state != ProvisioningLinkState.Opening)
            {
                return;
            }

            int mtu = attMtu < ProxySar.MinAttMtu ? ProxySar.DefaultAttMtu : attMtu;
            int needed = ProxySar.MaxProxyPduLength(mtu);
            if (needed > _options.MaxPduSize + 1)
            {
                needed = _options.MaxPduSize + 1;
            }

            _mtu = mtu;
            _segment = new byte[needed];
            CancelTimer(ref _linkTimer);
            _state = ProvisioningLinkState.Open;
            _handler.OnLinkOpened(this);
        }

        /// <summary>One Proxy PDU from the peer (the buffer is not kept).</summary>
        protected void TransportData(byte[] data, int offset, int count)
        {
            if (_state != ProvisioningLinkState.Open)
            {
                return;
            }

            ProxySarResult result = _reassembler.Add(data, offset, count);
            switch (result)
            {
                case ProxySarResult.InProgress:
                    // MshPRT §6.3.2.2 (Zephyr restarts it per segment): a stalled message drops the link.
                    CancelTimer(ref _sarTimer);
                    _sarTimer = _scheduler.Schedule(_options.SarTimeoutMilliseconds, _onSarTimer);
                    break;
                case ProxySarResult.Complete:
                    CancelTimer(ref _sarTimer);
                    if (_reassembler.MessageType != ProxySar.MessageTypeProvisioningPdu)
                    {
                        IgnoredMessageCount++;
                        return;
                    }

                    _handler.OnPduReceived(this, _reassembler.Buffer, 0, _reassembler.Length);
                    break;
                default:
                    Close(ProvisioningLinkCloseReason.ProxyProtocolError);
                    break;
            }
        }

        /// <summary>The GATT link went down without our asking.</summary>
        protected void TransportDown()
        {
            if (_state == ProvisioningLinkState.Opening || _state == ProvisioningLinkState.Open)
            {
                _closeReason = _state == ProvisioningLinkState.Opening
                    ? ProvisioningLinkCloseReason.ConnectFailed
                    : ProvisioningLinkCloseReason.Disconnected;
                _closedByPeer = _state == ProvisioningLinkState.Open;
                Finish();
            }
        }

        /// <summary>True while the link wants its GATT link (Opening or Open).</summary>
        protected bool IsActive
        {
            get { return _state == ProvisioningLinkState.Opening || _state == ProvisioningLinkState.Open; }
        }

        private void OnTransmitCompletePosted()
        {
            if (_state == ProvisioningLinkState.Open)
            {
                _handler.OnTransmitComplete(this);
            }
        }

        private void OnLinkTimer()
        {
            _linkTimer = 0;
            if (_state == ProvisioningLinkState.Opening)
            {
                Close(ProvisioningLinkCloseReason.LinkOpenTimeout);
            }
        }

        private void OnSarTimer()
        {
            _sarTimer = 0;
            if (_state == ProvisioningLinkState.Open)
            {
                Close(ProvisioningLinkCloseReason.ProxySarTimeout);
            }
        }

        private void Finish()
        {
            if (_state == ProvisioningLinkState.Closed)
            {
                return;
            }

            ClearTimers();
            _reassembler.Reset();
            _state = ProvisioningLinkState.Closed;
            _handler.OnLinkClosed(this, _closeReason);
        }

        private void ClearTimers()
        {
            CancelTimer(ref _linkTimer);
            CancelTimer(ref _sarTimer);
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
