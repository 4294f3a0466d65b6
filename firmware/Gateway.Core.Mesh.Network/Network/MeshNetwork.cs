using System;
using System.Collections;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The mesh network stack of one node (MshPRT §3.4–§3.7): network layer (NID/IVI key
    /// selection, encryption and obfuscation), lower transport (segmentation, acknowledgments,
    /// replay protection), upper transport (AppKey and device key security) and access opcodes,
    /// over any number of <see cref="INetworkBearer"/>s. It owns the SEQ (store-ahead on
    /// <see cref="IStorage"/>), the IV Index state and the RPL. Everything runs on the
    /// scheduler's thread; per received Network PDU it allocates nothing.
    /// Sending is in <c>MeshNetwork.Send.cs</c>, receiving in <c>MeshNetwork.Receive.cs</c>,
    /// beacons, IV Update and proxy configuration in <c>MeshNetwork.Beacons.cs</c>.
    /// </summary>
    public sealed partial class MeshNetwork : INetworkBearerReceiver, ITransportHost, IProxyConfigurationCodec
    {
        /// <summary>Key index meaning "the device key of the destination node" (a configuration client's requests).</summary>
        public const int RemoteDeviceKey = -1;

        /// <summary>Key index meaning "our own device key" (a configuration server's answers).</summary>
        public const int LocalDeviceKey = -2;

        /// <summary>TTL or NetKey index meaning "use the default".</summary>
        public const int Default = -1;

        private const string Component = "mesh-net";

        private readonly IScheduler _scheduler;
        private readonly IRandom _random;
        private readonly ILog _log;
        private readonly IMeshKeyStore _keys;
        private readonly MeshNetworkOptions _options;
        private readonly int _primaryAddress;
        private readonly int _elementCount;
        private readonly SequenceNumberStore _seq;
        private readonly ReplayProtectionList _rpl;
        private readonly LowerTransport _lower;
        private readonly ArrayList _bearers = new ArrayList();
        private readonly int[] _subscriptions;
        private readonly NetworkPduCodec _txCodec = new NetworkPduCodec();
        private readonly byte[] _txBuffer = new byte[NetworkPduCodec.MaxLength];
        private readonly Action _onReplayStoreTimer;
        private int _subscriptionCount;
        private int _replayStoreTimer;
        private bool _started;

        /// <param name="primaryAddress">Unicast address of this node's primary element (the gateway's own address).</param>
        /// <param name="elementCount">Elements of this node: addresses primary … primary + count − 1.</param>
        public MeshNetwork(IScheduler scheduler, IRandom random, IAes128 aes, IStorage storage, ILog log,
            IMeshKeyStore keys, int primaryAddress, int elementCount, MeshNetworkOptions options)
        {
            if (scheduler == null || random == null || aes == null || storage == null || keys == null)
            {
                throw new ArgumentNullException(scheduler == null ? "scheduler" : random == null ? "random" : aes == null ? "aes" : storage == null ? "storage" : "keys");
            }

            if (!MeshAddress.IsUnicast(primaryAddress) || elementCount < 1 || primaryAddress + elementCount - 1 > MeshAddress.MaxUnicast)
            {
                throw new ArgumentOutOfRangeException("primaryAddress");
            }

            _options = options == null ? new MeshNetworkOptions() : options;
            _options.Validate();
            _scheduler = scheduler;
            _random = random;
            _log = log == null ? new NullLog() : log;
            _keys = keys;
            _primaryAddress = primaryAddress;
            _elementCount = elementCount;
            _seq = new SequenceNumberStore(storage, _options.SeqBlobName, _options.SeqStoreBlockSize);
            _rpl = new ReplayProtectionList(storage, _options.ReplayBlobName, _options.ReplayListCapacity);
            _lower = new LowerTransport(scheduler, this, _options, _rpl);
            _subscriptions = new int[_options.MaxSubscriptions];
            _onReplayStoreTimer = OnReplayStoreTimer;
            _upper = new UpperTransportCrypto();
            _rxCodec = new NetworkPduCodec();
            _access = new byte[LowerTransportHeader.MaxSegmentedAccessLength];
            _received = new ReceivedAccessMessage();
            _beacon = new SecureNetworkBeacon();
            _beaconBuffer = new byte[SecureNetworkBeacon.Length];
            _pending = new ArrayList();
        }

        /// <summary>Every access message addressed to this node (its elements, all-nodes, or a subscribed group).</summary>
        public event AccessMessageHandler AccessMessageReceived;

        public int PrimaryAddress
        {
            get { return _primaryAddress; }
        }

        public int ElementCount
        {
            get { return _elementCount; }
        }

        public IMeshKeyStore Keys
        {
            get { return _keys; }
        }

        public MeshNetworkOptions Options
        {
            get { return _options; }
        }

        /// <summary>The current IV Index (MshPRT §3.11.5: during IV Update in Progress, the new one).</summary>
        public uint IvIndex
        {
            get { return _seq.IvIndex; }
        }

        public bool IvUpdateInProgress
        {
            get { return _seq.IvUpdateInProgress; }
        }

        /// <summary>IV Index used to send: the old one while an IV Update is in progress.</summary>
        public uint TransmitIvIndex
        {
            get { return _seq.IvUpdateInProgress ? _seq.IvIndex - 1 : _seq.IvIndex; }
        }

        public SequenceNumberStore SequenceNumbers
        {
            get { return _seq; }
        }

        public ReplayProtectionList ReplayList
        {
            get { return _rpl; }
        }

        public NetworkStatistics Statistics { get; } = new NetworkStatistics();

        public bool IsStarted
        {
            get { return _started; }
        }

        /// <summary>
        /// Loads the SEQ, IV Index and RPL from storage; on the very first start (nothing stored)
        /// begins at <paramref name="initialIvIndex"/> (the IV Index of the network, from provisioning).
        /// </summary>
        public void Start(uint initialIvIndex)
        {
            if (!_seq.Load())
            {
                _seq.Initialize(initialIvIndex, false);
            }

            _rpl.Load();
            _started = true;
        }

        public void AddBearer(INetworkBearer bearer)
        {
            if (bearer == null)
            {
                throw new ArgumentNullException("bearer");
            }

            if (!_bearers.Contains(bearer))
            {
                _bearers.Add(bearer);
                bearer.SetReceiver(this);
            }
        }

        public void RemoveBearer(INetworkBearer bearer)
        {
            if (bearer != null && _bearers.Contains(bearer))
            {
                _bearers.Remove(bearer);
                bearer.SetReceiver(null);
            }
        }

        /// <summary>True when <paramref name="address"/> is one of this node's elements.</summary>
        public bool IsLocalElement(int address)
        {
            return address >= _primaryAddress && address < _primaryAddress + _elementCount;
        }

        /// <summary>Delivers messages sent to a group or virtual address (MshPRT §3.4.5.2 lets the access layer choose).</summary>
        public bool AddSubscription(int address)
        {
            if (!MeshAddress.IsGroup(address) && !MeshAddress.IsVirtual(address))
            {
                throw new ArgumentOutOfRangeException("address");
            }

            if (IsSubscribed(address))
            {
                return true;
            }

            if (_subscriptionCount == _subscriptions.Length)
            {
                return false;
            }

            _subscriptions[_subscriptionCount++] = address;
            return true;
        }

        public bool RemoveSubscription(int address)
        {
            for (int i = 0; i < _subscriptionCount; i++)
            {
                if (_subscriptions[i] == address)
                {
                    _subscriptions[i] = _subscriptions[--_subscriptionCount];
                    return true;
                }
            }

            return false;
        }

        /// <summary>Forgets the RPL entry of a removed or reset node, whose SEQ starts again (persisted at once).</summary>
        public void ForgetSource(int address)
        {
            if (_rpl.Remove(address))
            {
                _rpl.Persist();
            }
        }

        int ITransportHost.SendLowerTransportPdu(NetworkKeyMaterial key, uint ivIndex, bool ctl, int ttl, int src, int dst, int seq, byte[] pdu, int offset, int count)
        {
            return SendTransportPdu(key, ivIndex, ctl, ttl, src, dst, seq, pdu, offset, count);
        }

        void ITransportHost.OnSegmentedAccessPdu(IncomingSegmentedMessage message)
        {
            OnSegmentedAccessPdu(message);
        }

        void ITransportHost.OnTransmissionSlotFree()
        {
            SendPending();
        }

        private int SendTransportPdu(NetworkKeyMaterial key, uint ivIndex, bool ctl, int ttl, int src, int dst, int seq, byte[] pdu, int offset, int count)
        {
            if (seq < 0)
            {
                seq = AllocateSeq();
                if (seq < 0)
                {
                    return -1;
                }
            }

            int length = _txCodec.Encode(key, ivIndex, ctl, ttl, seq, src, dst, pdu, offset, count, false, _txBuffer, 0);
            SendToBearers(_txBuffer, 0, length, dst);
            return seq;
        }

        private void SendToBearers(byte[] pdu, int offset, int count, int dst)
        {
            Statistics.NetworkPdusSent++;
            for (int i = 0; i < _bearers.Count; i++)
            {
                // A node at the other end of a point-to-point bearer (its GATT Proxy) gets its PDUs
                // there only (IDirectNetworkBearer).
                IDirectNetworkBearer direct = _bearers[i] as IDirectNetworkBearer;
                if (direct != null && direct.Reaches(dst))
                {
                    ((INetworkBearer)_bearers[i]).Send(pdu, offset, count);
                    return;
                }
            }

            for (int i = 0; i < _bearers.Count; i++)
            {
                INetworkBearer bearer = (INetworkBearer)_bearers[i];
                if (bearer.IsReady)
                {
                    bearer.Send(pdu, offset, count);
                }
            }
        }

        /// <summary>The next SEQ, or −1 (storage failure or SEQ space exhausted; never a reused one).</summary>
        private int AllocateSeq()
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start the network before sending");
            }

            int seq;
            try
            {
                seq = _seq.Allocate();
            }
            catch (StorageException e)
            {
                _log.Write(LogLevel.Error, Component, "cannot reserve SEQ: " + e.Message);
                return -1;
            }

            if (seq >= 0 && !_seq.IvUpdateInProgress && _seq.Remaining < _options.IvUpdateSeqThreshold)
            {
                // MshPRT §3.11.5: a node running out of SEQ starts an IV Update (after this message).
                _scheduler.Post(StartIvUpdateIfLow);
            }

            return seq;
        }

        private void StartIvUpdateIfLow()
        {
            if (!_seq.IvUpdateInProgress && _seq.Remaining < _options.IvUpdateSeqThreshold)
            {
                StartIvUpdate();
            }
        }

        private bool IsForUs(int dst)
        {
            if (IsLocalElement(dst) || dst == MeshAddress.AllNodes)
            {
                return true;
            }

            return IsSubscribed(dst);
        }

        private bool IsSubscribed(int address)
        {
            for (int i = 0; i < _subscriptionCount; i++)
            {
                if (_subscriptions[i] == address)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
