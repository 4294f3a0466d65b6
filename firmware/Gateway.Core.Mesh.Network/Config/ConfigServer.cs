using System;
using System.Collections;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// A minimal Configuration Server (MshPRT §4.4.1), the node side of what <see cref="ConfigClient"/>
    /// sends: Composition Data, AppKey Add, Model App Bind, Model Publication Set, Model Subscription
    /// Add, Default TTL and Node Reset, with the status codes of MshPRT §4.3.2. It is the reference
    /// node for simulations and tests: state lives in memory (AppKeys go into the node's
    /// <see cref="MeshKeyStore"/> so AppKey messages decrypt at once). It answers requests that
    /// arrive under its own device key at its primary element; malformed ones are ignored.
    /// </summary>
    public sealed class ConfigServer
    {
        private readonly MeshNetwork _network;
        private readonly MeshKeyStore _keys;
        private readonly MeshCrypto _crypto;
        private readonly IAes128 _aes;
        private readonly CompositionData _composition;
        private readonly byte[] _compositionBytes;
        private readonly ArrayList _appKeys = new ArrayList();
        private readonly ArrayList _bindings = new ArrayList();
        private readonly ArrayList _subscriptions = new ArrayList();
        private readonly ArrayList _publications = new ArrayList();
        private readonly byte[] _response;

        public ConfigServer(MeshNetwork network, MeshKeyStore keys, MeshCrypto crypto, IAes128 aes, CompositionData composition)
        {
            if (network == null || keys == null || crypto == null || aes == null || composition == null)
            {
                throw new ArgumentNullException(network == null ? "network" : keys == null ? "keys" : crypto == null ? "crypto" : aes == null ? "aes" : "composition");
            }

            _network = network;
            _keys = keys;
            _crypto = crypto;
            _aes = aes;
            _composition = composition;
            _compositionBytes = composition.ToBytes();
            _response = new byte[2 + _compositionBytes.Length + 14];
            DefaultTtl = network.Options.DefaultTtl;
            MaxAppKeys = 8;
            network.AccessMessageReceived += OnAccessMessage;
        }

        /// <summary>Raised after the Node Reset Status went out: the node must forget the network.</summary>
        public event Action NodeResetRequested;

        public int DefaultTtl { get; private set; }

        /// <summary>AppKeys the node can hold; one more answers Insufficient Resources.</summary>
        public int MaxAppKeys { get; set; }

        public int AppKeyCount
        {
            get { return _appKeys.Count; }
        }

        public int RequestsHandled { get; private set; }

        /// <summary>True when AppKey <paramref name="appKeyIndex"/> is bound to the model.</summary>
        public bool IsBound(int elementAddress, uint modelId, bool vendor, int appKeyIndex)
        {
            return Find(_bindings, elementAddress, modelId, vendor, appKeyIndex) >= 0;
        }

        public bool IsSubscribed(int elementAddress, uint modelId, bool vendor, int address)
        {
            return Find(_subscriptions, elementAddress, modelId, vendor, address) >= 0;
        }

        /// <summary>The publication of a model, or null.</summary>
        public ModelPublication GetPublication(int elementAddress, uint modelId, bool vendor)
        {
            for (int i = 0; i < _publications.Count; i++)
            {
                ModelPublication p = (ModelPublication)_publications[i];
                if (p.ElementAddress == elementAddress && p.ModelId == modelId && p.IsVendorModel == vendor)
                {
                    return p;
                }
            }

            return null;
        }

        private void OnAccessMessage(ReceivedAccessMessage m)
        {
            int primary = _network.PrimaryAddress;
            if (!m.IsDeviceKey || m.DeviceKeyAddress != primary || m.Destination != primary)
            {
                return;
            }

            int length;
            try
            {
                ByteReader r = new ByteReader(m.Buffer, m.ParametersOffset, m.ParametersLength);
                length = Handle(m.Opcode, r);
            }
            catch (ProtocolFormatException)
            {
                return;
            }

            if (length <= 0)
            {
                return;
            }

            RequestsHandled++;
            int opcode = m.Opcode;
            _network.SendAccessMessage(primary, m.Source, MeshNetwork.LocalDeviceKey, m.NetKeyIndex, MeshNetwork.Default, _response, 0, length,
                opcode == ConfigOpcodes.NodeReset ? (AccessSendCallback)OnResetStatusSent : null);
        }

        /// <summary>Builds the answer into <see cref="_response"/>; 0 when the request is ignored.</summary>
        private int Handle(int opcode, ByteReader r)
        {
            switch (opcode)
            {
                case ConfigOpcodes.CompositionDataGet:
                    r.ReadByte();
                    r.EnsureEnd();
                    return ConfigMessages.CompositionDataStatus(_response, 0, 0, _compositionBytes, 0, _compositionBytes.Length);
                case ConfigOpcodes.AppKeyAdd:
                    return AppKeyAdd(r);
                case ConfigOpcodes.ModelAppBind:
                    return ModelAppBind(r);
                case ConfigOpcodes.ModelPublicationSet:
                    return ModelPublicationSet(r);
                case ConfigOpcodes.ModelSubscriptionAdd:
                    return ModelSubscriptionAdd(r);
                case ConfigOpcodes.DefaultTtlGet:
                    r.EnsureEnd();
                    return ConfigMessages.DefaultTtlStatus(_response, 0, DefaultTtl);
                case ConfigOpcodes.DefaultTtlSet:
                    int ttl = r.ReadByte();
                    r.EnsureEnd();

                    // MshPRT §4.2.7: 0x01 and 0x80–0xFF are prohibited; such a message is ignored.
                    if (ttl == 1 || ttl > 0x7F)
                    {
                        return 0;
                    }

                    DefaultTtl = ttl;
                    return ConfigMessages.DefaultTtlStatus(_response, 0, ttl);
                case ConfigOpcodes.NodeReset:
                    r.EnsureEnd();
                    return ConfigMessages.NodeResetStatus(_response, 0);
                default:
                    return 0;
            }
        }

        private int AppKeyAdd(ByteReader r)
        {
            int packed = r.ReadByte() | (r.ReadByte() << 8) | (r.ReadByte() << 16);
            byte[] key = r.ReadBytes(16);
            r.EnsureEnd();
            int netIndex = packed & 0xFFF;
            int appIndex = packed >> 12;
            int status = (int)ConfigStatusCode.Success;
            if (_keys.FindNetworkKey(netIndex) == null)
            {
                status = (int)ConfigStatusCode.InvalidNetKeyIndex;
            }
            else
            {
                byte[] stored = FindAppKey(appIndex);
                if (stored != null)
                {
                    // MshPRT §4.4.1.2.9: the same key again is Success, another key Key Index Already Stored.
                    if (!ConstantTime.AreEqual(stored, key))
                    {
                        status = (int)ConfigStatusCode.KeyIndexAlreadyStored;
                    }
                }
                else if (_appKeys.Count >= MaxAppKeys)
                {
                    status = (int)ConfigStatusCode.InsufficientResources;
                }
                else
                {
                    _keys.AddApplicationKey(new ApplicationKeyMaterial(_crypto, _aes, appIndex, netIndex, key));
                    _appKeys.Add(new object[] { appIndex, key });
                }
            }

            return ConfigMessages.AppKeyStatus(_response, 0, status, netIndex, appIndex);
        }

        private int ModelAppBind(ByteReader r)
        {
            int element = r.ReadUInt16LittleEndian();
            int appIndex = r.ReadUInt16LittleEndian();
            bool vendor;
            uint model = ReadModel(r, out vendor);
            int status = CheckModel(element, model, vendor);
            if (status == 0 && FindAppKey(appIndex) == null)
            {
                status = (int)ConfigStatusCode.InvalidAppKeyIndex;
            }

            // MshPRT §4.4.1.2.6 (Zephyr mod_app_bind): the Configuration Server uses only the device key.
            if (status == 0 && !vendor && model == ConfigOpcodes.ConfigurationServerModel)
            {
                status = (int)ConfigStatusCode.CannotBind;
            }

            if (status == 0 && !IsBound(element, model, vendor, appIndex))
            {
                _bindings.Add(new object[] { element, model, vendor, appIndex });
            }

            return ConfigMessages.ModelAppStatus(_response, 0, status, element, appIndex & 0xFFF, model, vendor);
        }

        private int ModelPublicationSet(ByteReader r)
        {
            ModelPublication p = new ModelPublication();
            p.ElementAddress = r.ReadUInt16LittleEndian();
            p.PublishAddress = r.ReadUInt16LittleEndian();
            int index = r.ReadUInt16LittleEndian();
            p.AppKeyIndex = index & 0xFFF;
            p.CredentialFlag = (index & 0x1000) != 0;
            p.PublishTtl = r.ReadByte();
            p.PublishPeriod = r.ReadByte();
            p.PublishRetransmit = r.ReadByte();
            bool vendor;
            p.ModelId = ReadModel(r, out vendor);
            p.IsVendorModel = vendor;

            // MshPRT §4.3.2.16: a publish TTL above 0x7F other than 0xFF is prohibited (ignored).
            if (p.PublishTtl > 0x7F && p.PublishTtl != 0xFF)
            {
                return 0;
            }

            int status = CheckModel(p.ElementAddress, p.ModelId, vendor);
            if (status == 0 && FindAppKey(p.AppKeyIndex) == null)
            {
                status = (int)ConfigStatusCode.InvalidAppKeyIndex;
            }

            if (status == 0 && MeshAddress.IsVirtual(p.PublishAddress))
            {
                status = (int)ConfigStatusCode.InvalidPublishParameters;
            }

            if (status == 0)
            {
                ModelPublication old = GetPublication(p.ElementAddress, p.ModelId, vendor);
                if (old != null)
                {
                    _publications.Remove(old);
                }

                _publications.Add(p);
            }

            return ConfigMessages.ModelPublicationStatus(_response, 0, status, p);
        }

        private int ModelSubscriptionAdd(ByteReader r)
        {
            int element = r.ReadUInt16LittleEndian();
            int address = r.ReadUInt16LittleEndian();
            bool vendor;
            uint model = ReadModel(r, out vendor);

            // MshPRT §4.3.2.19: the address must be a group address other than all-nodes.
            int status = CheckModel(element, model, vendor);
            if (status == 0 && (!MeshAddress.IsGroup(address) || address == MeshAddress.AllNodes))
            {
                status = (int)ConfigStatusCode.InvalidAddress;
            }

            if (status == 0 && !vendor && model == ConfigOpcodes.ConfigurationServerModel)
            {
                status = (int)ConfigStatusCode.NotASubscribeModel;
            }

            if (status == 0 && !IsSubscribed(element, model, vendor, address))
            {
                _subscriptions.Add(new object[] { element, model, vendor, address });
            }

            return ConfigMessages.ModelSubscriptionStatus(_response, 0, status, element, address, model, vendor);
        }

        /// <summary>Invalid Address when the element is not ours, Invalid Model when it lacks the model.</summary>
        private int CheckModel(int element, uint model, bool vendor)
        {
            int index = element - _network.PrimaryAddress;
            if (index < 0 || index >= _composition.Elements.Length)
            {
                return (int)ConfigStatusCode.InvalidAddress;
            }

            return _composition.Elements[index].HasModel(model, vendor) ? 0 : (int)ConfigStatusCode.InvalidModel;
        }

        private static uint ReadModel(ByteReader r, out bool vendor)
        {
            vendor = r.Remaining == 4;
            if (!vendor && r.Remaining != 2)
            {
                throw new ProtocolFormatException("model ID of " + r.Remaining + " octets");
            }

            if (!vendor)
            {
                return r.ReadUInt16LittleEndian();
            }

            uint company = r.ReadUInt16LittleEndian();
            return (company << 16) | r.ReadUInt16LittleEndian();
        }

        private byte[] FindAppKey(int appIndex)
        {
            for (int i = 0; i < _appKeys.Count; i++)
            {
                object[] entry = (object[])_appKeys[i];
                if ((int)entry[0] == appIndex)
                {
                    return (byte[])entry[1];
                }
            }

            return null;
        }

        private static int Find(ArrayList list, int element, uint model, bool vendor, int value)
        {
            for (int i = 0; i < list.Count; i++)
            {
                object[] e = (object[])list[i];
                if ((int)e[0] == element && (uint)e[1] == model && (bool)e[2] == vendor && (int)e[3] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private void OnResetStatusSent(AccessSendResult result)
        {
            Action handler = NodeResetRequested;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
