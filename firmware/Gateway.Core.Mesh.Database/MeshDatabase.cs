using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// The gateway's mesh network database, the content of a Mesh Configuration Database
    /// (reference/ble-mesh.md §5): mesh UUID and name, NetKeys, AppKeys, provisioners, nodes,
    /// groups, scenes and the retired-address list (networkExclusions). The IV Index, the
    /// gateway's SEQ and the replay list live outside it (§4.8; <see cref="MeshStateStore"/>).
    /// <para>
    /// The gateway's own provisioner is the first of <see cref="Provisioners"/> (the nRF Mesh
    /// library's rule: its local provisioner is <c>provisioners.first</c>), and its own unicast
    /// address is that of the node carrying the provisioner's UUID, as in the §5 example.
    /// </para>
    /// Mutators keep the invariants the allocator relies on: node address ranges never overlap,
    /// node UUIDs and key indexes are unique, a node is never placed on a retired address before
    /// the IV Index allows it. The lists are exposed for reading and for plain data edits
    /// (names, bindings); add and remove nodes and keys through the methods. Persist each change
    /// with <see cref="MeshDatabaseStore.Commit"/>.
    /// </summary>
    public sealed partial class MeshDatabase
    {
        /// <summary>Highest key index (12 bits, ble-mesh.md §4.1).</summary>
        public const int MaxKeyIndex = 0x0FFF;

        /// <summary>Configuration Client model id, the model every provisioner node has (MshPRT §4.4.2).</summary>
        public const int ConfigurationClientModel = 0x0001;

        public MeshDatabase(byte[] meshUuid, string meshName)
        {
            MeshUuid = meshUuid;
            MeshName = meshName;
        }

        /// <summary>16 octets.</summary>
        public byte[] MeshUuid { get; set; }

        public string MeshName { get; set; }

        /// <summary>ISO 8601 time of the last change, set by <see cref="MeshDatabaseStore.Commit"/> from the caller's clock.</summary>
        public string Timestamp { get; set; }

        /// <summary>CDB "partial": the document leaves out information (device keys, for example).</summary>
        public bool Partial { get; set; }

        /// <summary><see cref="ProvisionerEntry"/> entries; the gateway's is first.</summary>
        public ArrayList Provisioners { get; } = new ArrayList();

        /// <summary><see cref="MeshNetKey"/> entries.</summary>
        public ArrayList NetKeys { get; } = new ArrayList();

        /// <summary><see cref="MeshAppKey"/> entries.</summary>
        public ArrayList AppKeys { get; } = new ArrayList();

        /// <summary><see cref="MeshNode"/> entries, including the gateway's own node.</summary>
        public ArrayList Nodes { get; } = new ArrayList();

        /// <summary><see cref="MeshGroup"/> entries.</summary>
        public ArrayList Groups { get; } = new ArrayList();

        /// <summary><see cref="MeshScene"/> entries.</summary>
        public ArrayList Scenes { get; } = new ArrayList();

        /// <summary><see cref="NetworkExclusion"/> entries, one per IV Index.</summary>
        public ArrayList NetworkExclusions { get; } = new ArrayList();

        /// <summary>The gateway's provisioner entry, or null in a database without provisioners.</summary>
        public ProvisionerEntry LocalProvisioner
        {
            get { return Provisioners.Count > 0 ? (ProvisionerEntry)Provisioners[0] : null; }
        }

        /// <summary>The gateway's own node (the node with the local provisioner's UUID), or null.</summary>
        public MeshNode GatewayNode
        {
            get
            {
                ProvisionerEntry local = LocalProvisioner;
                return local == null ? null : FindNodeByUuid(local.Uuid);
            }
        }

        /// <summary>The gateway's unicast address (source of its messages), or 0 when it has no node.</summary>
        public int GatewayAddress
        {
            get
            {
                MeshNode node = GatewayNode;
                return node == null ? 0 : node.UnicastAddress;
            }
        }

        /// <summary>
        /// A new network: one NetKey, the gateway's provisioner entry and the gateway's node at the
        /// lowest address of its unicast range, with one element holding the Configuration Client.
        /// Keys and UUIDs come from the caller's random source (the device's hardware RNG).
        /// </summary>
        public static MeshDatabase Create(byte[] meshUuid, string meshName, ProvisionerEntry gateway, MeshNetKey primaryNetKey, byte[] gatewayDeviceKey)
        {
            MeshDatabase db = new MeshDatabase(meshUuid, meshName);
            db.AddNetKey(primaryNetKey);
            db.Provisioners.Add(gateway);
            int address;
            if (!UnicastAllocator.TryAllocateFresh(db, gateway, 1, out address))
            {
                throw new MeshDatabaseException("the gateway's provisioner has no free unicast address");
            }

            db.AddNode(CreateGatewayNode(db, gateway, address, gatewayDeviceKey), 0);
            return db;
        }

        /// <summary>The gateway's node: the provisioner's UUID and name, every key of the network, one element with the Configuration Client.</summary>
        internal static MeshNode CreateGatewayNode(MeshDatabase db, ProvisionerEntry gateway, int address, byte[] deviceKey)
        {
            MeshNode node = new MeshNode(gateway.Uuid, address, 1, deviceKey);
            node.Name = gateway.Name;
            node.Security = MeshSecurity.Secure;
            node.ConfigComplete = true;
            for (int i = 0; i < db.NetKeys.Count; i++)
            {
                node.AddNetKey(((MeshNetKey)db.NetKeys[i]).Index);
            }

            for (int i = 0; i < db.AppKeys.Count; i++)
            {
                node.AddAppKey(((MeshAppKey)db.AppKeys[i]).Index);
            }

            node.GetElement(0).Models.Add(MeshModel.Sig(ConfigurationClientModel));
            return node;
        }

        public MeshNetKey FindNetKey(int index)
        {
            for (int i = 0; i < NetKeys.Count; i++)
            {
                MeshNetKey key = (MeshNetKey)NetKeys[i];
                if (key.Index == index)
                {
                    return key;
                }
            }

            return null;
        }

        public MeshAppKey FindAppKey(int index)
        {
            for (int i = 0; i < AppKeys.Count; i++)
            {
                MeshAppKey key = (MeshAppKey)AppKeys[i];
                if (key.Index == index)
                {
                    return key;
                }
            }

            return null;
        }

        /// <summary>Adds a NetKey (the index new and within 12 bits, the key 16 octets); the gateway's node learns it too.</summary>
        public void AddNetKey(MeshNetKey key)
        {
            CheckKey(key == null ? -1 : key.Index, key == null ? null : key.Key, "NetKey");
            if (FindNetKey(key.Index) != null)
            {
                throw new MeshDatabaseException("NetKey index " + key.Index + " already exists");
            }

            NetKeys.Add(key);
            MeshNode gateway = GatewayNode;
            if (gateway != null)
            {
                gateway.AddNetKey(key.Index);
            }
        }

        /// <summary>Adds an AppKey bound to an existing NetKey; the gateway's node learns it too.</summary>
        public void AddAppKey(MeshAppKey key)
        {
            CheckKey(key == null ? -1 : key.Index, key == null ? null : key.Key, "AppKey");
            if (FindAppKey(key.Index) != null)
            {
                throw new MeshDatabaseException("AppKey index " + key.Index + " already exists");
            }

            if (FindNetKey(key.BoundNetKey) == null)
            {
                throw new MeshDatabaseException("AppKey " + key.Index + " is bound to the unknown NetKey " + key.BoundNetKey);
            }

            AppKeys.Add(key);
            MeshNode gateway = GatewayNode;
            if (gateway != null)
            {
                gateway.AddAppKey(key.Index);
            }
        }

        /// <summary>Removes an AppKey from the network and from every node and binding that held it.</summary>
        public void RemoveAppKey(int index)
        {
            MeshAppKey key = FindAppKey(index);
            if (key == null)
            {
                return;
            }

            AppKeys.Remove(key);
            for (int i = 0; i < Nodes.Count; i++)
            {
                ((MeshNode)Nodes[i]).RemoveAppKey(index);
            }
        }

        public ProvisionerEntry FindProvisioner(byte[] uuid)
        {
            for (int i = 0; i < Provisioners.Count; i++)
            {
                ProvisionerEntry p = (ProvisionerEntry)Provisioners[i];
                if (p.HasUuid(uuid))
                {
                    return p;
                }
            }

            return null;
        }

        public override string ToString()
        {
            return "mesh " + CdbText.Uuid(MeshUuid) + " (" + Nodes.Count + " nodes, " + NetKeys.Count + " NetKeys, " + AppKeys.Count + " AppKeys)";
        }

        private static void CheckKey(int index, byte[] key, string what)
        {
            if (index < 0 || index > MaxKeyIndex)
            {
                throw new MeshDatabaseException(what + " index out of range");
            }

            if (key == null || key.Length != 16)
            {
                throw new MeshDatabaseException(what + " " + index + " must be 16 octets");
            }
        }
    }
}
