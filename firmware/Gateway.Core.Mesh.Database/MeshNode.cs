using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A provisioned node (CDB "nodes[]", reference/ble-mesh.md §5 and §4.8): UUID, primary unicast
    /// address, device key, keys, composition and per-model bindings, subscriptions and
    /// publications. Its elements occupy <see cref="UnicastAddress"/> … <see cref="LastAddress"/>:
    /// until the Composition Data is known the elements are placeholders (location 0, no models),
    /// as nRF Mesh keeps them, so the address range is always stored.
    /// Optional CDB values absent from the database are -1 (numbers) or null (objects).
    /// Holds the device key: <see cref="ToString"/> names the address only.
    /// </summary>
    public sealed class MeshNode
    {
        /// <summary>Highest number of elements (Provisioning Capabilities, MshPRT §5.4.1.2: one octet).</summary>
        public const int MaxElements = 255;

        public MeshNode(byte[] uuid, int unicastAddress, int elementCount, byte[] deviceKey)
        {
            Uuid = uuid;
            UnicastAddress = unicastAddress;
            DeviceKey = deviceKey;
            for (int i = 0; i < elementCount; i++)
            {
                Elements.Add(new MeshElement(i, 0));
            }
        }

        /// <summary>Device UUID, 16 octets.</summary>
        public byte[] Uuid { get; set; }

        /// <summary>Address of the primary element.</summary>
        public int UnicastAddress { get; set; }

        /// <summary>16 octets; null in a partial CDB that left it out.</summary>
        public byte[] DeviceKey { get; set; }

        public MeshSecurity Security { get; set; } = MeshSecurity.Insecure;

        /// <summary><see cref="NodeKey"/> entries.</summary>
        public ArrayList NetKeys { get; } = new ArrayList();

        /// <summary><see cref="NodeKey"/> entries.</summary>
        public ArrayList AppKeys { get; } = new ArrayList();

        public bool ConfigComplete { get; set; }

        /// <summary>Optional name; null when none.</summary>
        public string Name { get; set; }

        public int Cid { get; set; } = -1;

        public int Pid { get; set; } = -1;

        public int Vid { get; set; } = -1;

        public int Crpl { get; set; } = -1;

        public NodeFeatures Features { get; set; }

        /// <summary>-1 unknown, 0 off, 1 on.</summary>
        public int SecureNetworkBeacon { get; set; } = -1;

        /// <summary>Default TTL 0–127, or -1 unknown.</summary>
        public int DefaultTtl { get; set; } = -1;

        public TransmitSettings NetworkTransmit { get; set; }

        public TransmitSettings RelayRetransmit { get; set; }

        /// <summary><see cref="MeshElement"/> entries; element i has address UnicastAddress + i.</summary>
        public ArrayList Elements { get; } = new ArrayList();

        /// <summary>True when the node is being excluded from the network by a Key Refresh.</summary>
        public bool Excluded { get; set; }

        /// <summary>CDB "heartbeatPub" kept as read (a JSON object), or null.</summary>
        public Hashtable HeartbeatPub { get; set; }

        /// <summary>CDB "heartbeatSub" kept as read (a JSON object), or null.</summary>
        public Hashtable HeartbeatSub { get; set; }

        public int ElementCount
        {
            get { return Elements.Count; }
        }

        /// <summary>Address of the last element.</summary>
        public int LastAddress
        {
            get { return UnicastAddress + (Elements.Count > 0 ? Elements.Count : 1) - 1; }
        }

        public bool HasComposition
        {
            get { return Cid >= 0; }
        }

        public MeshElement GetElement(int index)
        {
            return (MeshElement)Elements[index];
        }

        /// <summary>True when <paramref name="address"/> is one of this node's element addresses.</summary>
        public bool ContainsAddress(int address)
        {
            return address >= UnicastAddress && address <= LastAddress;
        }

        public bool Overlaps(int first, int last)
        {
            return first <= LastAddress && last >= UnicastAddress;
        }

        public bool HasUuid(byte[] uuid)
        {
            return CdbText.SameBytes(Uuid, uuid);
        }

        public bool HasNetKey(int index)
        {
            return FindKey(NetKeys, index) != null;
        }

        public bool HasAppKey(int index)
        {
            return FindKey(AppKeys, index) != null;
        }

        /// <summary>Records that the node holds a NetKey (Provisioning Data or Config NetKey Add).</summary>
        public void AddNetKey(int index)
        {
            if (FindKey(NetKeys, index) == null)
            {
                NetKeys.Add(new NodeKey(index, false));
            }
        }

        /// <summary>Records a successful Config AppKey Add.</summary>
        public void AddAppKey(int index)
        {
            if (FindKey(AppKeys, index) == null)
            {
                AppKeys.Add(new NodeKey(index, false));
            }
        }

        /// <summary>Records Config AppKey Delete: the node also drops every binding to it (MshPRT §4.4.1.2.4).</summary>
        public void RemoveAppKey(int index)
        {
            NodeKey key = FindKey(AppKeys, index);
            if (key != null)
            {
                AppKeys.Remove(key);
            }

            for (int e = 0; e < Elements.Count; e++)
            {
                MeshElement element = (MeshElement)Elements[e];
                for (int m = 0; m < element.Models.Count; m++)
                {
                    ((MeshModel)element.Models[m]).RemoveBinding(index);
                }
            }
        }

        /// <summary>The model on element <paramref name="elementIndex"/>, or null.</summary>
        public MeshModel FindModel(int elementIndex, uint modelId, bool isVendor)
        {
            if (elementIndex < 0 || elementIndex >= Elements.Count)
            {
                return null;
            }

            return ((MeshElement)Elements[elementIndex]).FindModel(modelId, isVendor);
        }

        /// <summary>
        /// Takes the Composition Data Page 0 (MshPRT §4.2.2.1): CID, PID, VID, CRPL, features and
        /// the elements with their models. Bindings, subscriptions and publications of models that
        /// stay are kept. The element count must equal the provisioned one: the node's address
        /// range was fixed at provisioning, and a smaller count would free addresses silently.
        /// </summary>
        public void ApplyComposition(CompositionData composition)
        {
            if (composition == null || composition.Elements.Count != Elements.Count)
            {
                throw new MeshDatabaseException("composition data has " + (composition == null ? 0 : composition.Elements.Count)
                    + " elements, the node was provisioned with " + Elements.Count);
            }

            Cid = composition.Cid;
            Pid = composition.Pid;
            Vid = composition.Vid;
            Crpl = composition.Crpl;
            Features = NodeFeatures.FromCompositionBits(composition.Features);
            for (int e = 0; e < Elements.Count; e++)
            {
                MeshElement old = (MeshElement)Elements[e];
                CompositionElement source = (CompositionElement)composition.Elements[e];
                MeshElement element = new MeshElement(e, source.Location);
                element.Name = old.Name;
                AddModels(element, old, source.SigModels, false);
                AddModels(element, old, source.VendorModels, true);
                Elements[e] = element;
            }
        }

        public override string ToString()
        {
            return "node " + CdbText.Hex16(UnicastAddress) + " (" + Elements.Count + " elements)";
        }

        private static void AddModels(MeshElement element, MeshElement old, uint[] ids, bool isVendor)
        {
            if (ids == null)
            {
                return;
            }

            for (int i = 0; i < ids.Length; i++)
            {
                MeshModel kept = old.FindModel(ids[i], isVendor);
                element.Models.Add(kept ?? new MeshModel(ids[i], isVendor));
            }
        }

        private static NodeKey FindKey(ArrayList keys, int index)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                NodeKey key = (NodeKey)keys[i];
                if (key.Index == index)
                {
                    return key;
                }
            }

            return null;
        }
    }
}
