using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>Events of a <see cref="GattProxyClient"/>.</summary>
    public delegate void GattProxyClientHandler(GattProxyClient client);

    /// <summary>
    /// The GATT bearer as Proxy Client (MshPRT §6, §7.2; reference/ble-mesh.md §3.2): a GATT
    /// central link to a node's Mesh Proxy Service (0x1828; Data In 0x2ADD written without
    /// response, Data Out 0x2ADE notified). Proxy PDUs carry Network PDUs (type 0x00), Mesh Beacons
    /// (0x01) and proxy configuration (0x02), segmented by Proxy SAR to ATT_MTU − 3. Stock
    /// nanoFramework reaches mesh nodes only this way. On connect the client sets an accept-list
    /// filter with our addresses so the proxy forwards what is sent to us (MshPRT §6.7).
    /// A SAR violation or a stalled segmented message drops the link (MshPRT §6.3.2).
    /// </summary>
    public sealed class GattProxyClient : INetworkBearer, IDirectNetworkBearer, IGattClientHandler
    {
        public const ushort ServiceUuid = 0x1828;
        public const ushort DataInUuid = 0x2ADD;
        public const ushort DataOutUuid = 0x2ADE;

        /// <summary>Proxy SAR timeout (MshPRT §6.3.2.2; Zephyr proxy_msg.c).</summary>
        public const int SarTimeoutMilliseconds = 20000;

        /// <summary>Largest message we reassemble: a Network PDU, a beacon or a proxy configuration PDU.</summary>
        private const int MaxMessage = 66;

        private readonly IGattCentral _central;
        private readonly IScheduler _scheduler;
        private readonly IProxyConfigurationCodec _codec;
        private readonly ILog _log;
        private readonly ProxySarReassembler _reassembler = new ProxySarReassembler(MaxMessage);
        private readonly byte[] _configuration = new byte[NetworkPduCodec.MaxControlTransportLength];
        private readonly byte[] _configurationPdu = new byte[NetworkPduCodec.MaxLength];
        private readonly Action _onSarTimer;
        private int[] _filterAddresses = new int[0];
        private INetworkBearerReceiver _receiver;
        private IGattConnection _connection;
        private byte[] _segment;
        private int _mtu;
        private int _sarTimer;
        private bool _connecting;

        public GattProxyClient(IGattCentral central, IScheduler scheduler, IProxyConfigurationCodec codec, ILog log)
        {
            if (central == null || scheduler == null || codec == null)
            {
                throw new ArgumentNullException(central == null ? "central" : scheduler == null ? "scheduler" : "codec");
            }

            _central = central;
            _scheduler = scheduler;
            _codec = codec;
            _log = log == null ? new NullLog() : log;
            _onSarTimer = OnSarTimer;
            FilterType = -1;
            FilterListSize = -1;
        }

        /// <summary>Connected and the filter set-up sent.</summary>
        public event GattProxyClientHandler Connected;

        /// <summary>The link is gone (or never came up); <see cref="LastStatus"/> says why.</summary>
        public event GattProxyClientHandler Disconnected;

        /// <summary>A Filter Status arrived (<see cref="FilterType"/>, <see cref="FilterListSize"/>).</summary>
        public event GattProxyClientHandler FilterStatusReceived;

        public ulong Address { get; private set; }

        public bool IsReady
        {
            get { return _connection != null; }
        }

        public bool IsConnecting
        {
            get { return _connecting; }
        }

        public GattLinkStatus LastStatus { get; private set; }

        /// <summary>Filter type from the last Filter Status, −1 before one arrived.</summary>
        public int FilterType { get; private set; }

        public int FilterListSize { get; private set; }

        /// <summary>Proxy PDUs that broke Proxy SAR (each dropped the link).</summary>
        public long ProtocolErrors { get; private set; }

        /// <summary>The addresses put in the proxy's accept list on connect (our elements, subscribed groups).</summary>
        public void SetFilterAddresses(int[] addresses)
        {
            if (addresses == null)
            {
                throw new ArgumentNullException("addresses");
            }

            _filterAddresses = new int[addresses.Length];
            Array.Copy(addresses, _filterAddresses, addresses.Length);
        }

        /// <summary>Connects to the proxy node at <paramref name="address"/> (found by its 0x1828 advertising).</summary>
        public void Connect(ulong address)
        {
            if (_connecting || _connection != null)
            {
                throw new InvalidOperationException("already connected or connecting");
            }

            Address = address;
            ServerAddress = 0;
            ServerElementCount = 0;
            _connecting = true;
            _central.Connect(address, ServiceUuid, DataInUuid, DataOutUuid, this);
        }

        /// <summary>
        /// The primary element address of the proxy server at the other end, when the caller knows
        /// it (it connected by the node's Node Identity, MshPRT §7.2.2.2.3), and its element count;
        /// 0 when unknown. PDUs for that node then go over this link only (<see cref="Reaches"/>).
        /// </summary>
        public int ServerAddress { get; private set; }

        public int ServerElementCount { get; private set; }

        /// <summary>Names the node at the other end of the connection being made or up (see <see cref="ServerAddress"/>).</summary>
        public void IdentifyServer(int primaryAddress, int elementCount)
        {
            ServerAddress = primaryAddress;
            ServerElementCount = elementCount < 1 ? 1 : elementCount;
        }

        public bool Reaches(int destination)
        {
            return IsReady && ServerAddress != 0 && destination >= ServerAddress && destination < ServerAddress + ServerElementCount;
        }

        public void Disconnect()
        {
            IGattConnection connection = _connection;
            if (connection != null)
            {
                connection.Disconnect();
            }
        }

        public void SetReceiver(INetworkBearerReceiver receiver)
        {
            _receiver = receiver;
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            SendMessage(ProxySar.MessageTypeNetworkPdu, pdu, offset, count);
        }

        public void SendBeacon(byte[] beacon, int offset, int count)
        {
            SendMessage(ProxySar.MessageTypeMeshBeacon, beacon, offset, count);
        }

        /// <summary>Sends a proxy configuration message (opcode first), secured by the network layer.</summary>
        public bool SendProxyConfiguration(byte[] message, int offset, int count)
        {
            int length = _codec.EncodeProxyConfiguration(message, offset, count, _configurationPdu, 0);
            if (length < 0)
            {
                return false;
            }

            SendMessage(ProxySar.MessageTypeProxyConfiguration, _configurationPdu, 0, length);
            return true;
        }

        public void OnConnected(IGattConnection connection)
        {
            _connecting = false;
            if (connection == null)
            {
                return;
            }

            _connection = connection;
            _mtu = connection.Mtu < ProxySar.MinAttMtu ? ProxySar.DefaultAttMtu : connection.Mtu;
            int segment = ProxySar.MaxProxyPduLength(_mtu);
            _segment = new byte[segment > MaxMessage + 1 ? MaxMessage + 1 : segment];
            _reassembler.Reset();
            LastStatus = GattLinkStatus.Success;
            SetUpFilter();
            if (_receiver != null)
            {
                _receiver.OnBearerReady(this);
            }

            Raise(Connected);
        }

        public void OnNotification(byte[] data, int offset, int length)
        {
            if (_connection == null)
            {
                return;
            }

            ProxySarResult result = _reassembler.Add(data, offset, length);
            if (result == ProxySarResult.InProgress)
            {
                CancelSarTimer();
                _sarTimer = _scheduler.Schedule(SarTimeoutMilliseconds, _onSarTimer);
                return;
            }

            CancelSarTimer();
            if (result != ProxySarResult.Complete)
            {
                ProtocolErrors++;
                _log.Write(LogLevel.Warning, "proxy", "Proxy SAR error " + (int)result + ": disconnecting");
                Disconnect();
                return;
            }

            byte[] message = _reassembler.Buffer;
            int count = _reassembler.Length;
            switch (_reassembler.MessageType)
            {
                case ProxySar.MessageTypeNetworkPdu:
                    if (_receiver != null)
                    {
                        _receiver.OnNetworkPdu(this, message, 0, count);
                    }

                    break;
                case ProxySar.MessageTypeMeshBeacon:
                    if (_receiver != null)
                    {
                        _receiver.OnBeacon(this, message, 0, count);
                    }

                    break;
                case ProxySar.MessageTypeProxyConfiguration:
                    OnProxyConfiguration(message, count);
                    break;
                default:
                    break;
            }
        }

        public void OnDisconnected(GattLinkStatus status)
        {
            _connecting = false;
            _connection = null;
            _segment = null;
            CancelSarTimer();
            _reassembler.Reset();
            LastStatus = status;
            Raise(Disconnected);
        }

        private void SetUpFilter()
        {
            // MshPRT §6.7: an accept list with our addresses; the proxy then forwards to us what
            // the mesh sends to them (it also adds the SRC of what we send, but not our groups).
            int length = ProxyConfiguration.WriteSetFilterType(_configuration, 0, ProxyConfiguration.AcceptListFilter);
            if (!SendProxyConfiguration(_configuration, 0, length))
            {
                return;
            }

            for (int at = 0; at < _filterAddresses.Length; at += ProxyConfiguration.MaxAddressesPerMessage)
            {
                int n = _filterAddresses.Length - at;
                if (n > ProxyConfiguration.MaxAddressesPerMessage)
                {
                    n = ProxyConfiguration.MaxAddressesPerMessage;
                }

                length = ProxyConfiguration.WriteAddresses(_configuration, 0, false, _filterAddresses, at, n);
                SendProxyConfiguration(_configuration, 0, length);
            }
        }

        private void OnProxyConfiguration(byte[] pdu, int count)
        {
            byte[] buffer;
            int messageOffset;
            int messageLength;
            int filterType;
            int listSize;
            if (_codec.TryDecodeProxyConfiguration(pdu, 0, count, out buffer, out messageOffset, out messageLength)
                && ProxyConfiguration.TryParseFilterStatus(buffer, messageOffset, messageLength, out filterType, out listSize))
            {
                FilterType = filterType;
                FilterListSize = listSize;
                Raise(FilterStatusReceived);
            }
        }

        private void SendMessage(int messageType, byte[] data, int offset, int count)
        {
            IGattConnection connection = _connection;
            if (connection == null)
            {
                return;
            }

            int segments = ProxySar.SegmentCount(count, _segment.Length + ProxySar.AttOverhead);
            for (int i = 0; i < segments && _connection == connection; i++)
            {
                int length = ProxySar.WriteSegment(messageType, data, offset, count, _segment.Length + ProxySar.AttOverhead, i, _segment, 0);
                connection.Write(_segment, 0, length);
            }
        }

        private void OnSarTimer()
        {
            _sarTimer = 0;
            if (_reassembler.IsInProgress)
            {
                ProtocolErrors++;
                Disconnect();
            }
        }

        private void CancelSarTimer()
        {
            if (_sarTimer != 0)
            {
                _scheduler.Cancel(_sarTimer);
                _sarTimer = 0;
            }
        }

        private void Raise(GattProxyClientHandler handler)
        {
            if (handler != null)
            {
                handler(this);
            }
        }
    }
}
