using System;
using System.Collections;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>An ISO 8601 UTC time for the CDB timestamp (the core has no clock of its own).</summary>
    public delegate string MeshTimestampSource();

    /// <summary>
    /// <see cref="IMeshNodeRegistry"/> over the mesh database (<see cref="MeshDatabaseStore"/>, one
    /// atomic blob per change) and the gateway's key store. It keeps the network stack's keys in
    /// step with the database: at construction every NetKey, AppKey and node DeviceKey is loaded
    /// into the <see cref="MeshKeyStore"/> (after a reboot the gateway can talk to every node at
    /// once), a node's DeviceKey is added when the node is stored and removed with the node. The
    /// IV Index is the network's (<see cref="MeshNetwork.IvIndex"/>, kept with the SEQ).
    /// <para>
    /// Addresses: several provisioning sessions may be between address assignment (Capabilities)
    /// and <see cref="AddNode"/> (Provisioning Data) at once, so assignments are remembered in
    /// memory, per device, and the allocator sees them as taken. They are not stored: until the
    /// data goes out no device holds them, and the write-ahead <see cref="AddNode"/> stores them.
    /// </para>
    /// </summary>
    public sealed class MeshDatabaseRegistry : IMeshNodeRegistry
    {
        private const string Component = "mesh-db";

        private readonly MeshDatabaseStore _store;
        private readonly MeshKeyStore _keys;
        private readonly MeshNetwork _network;
        private readonly MeshCrypto _crypto;
        private readonly IAes128 _aes;
        private readonly ILog _log;
        private readonly UnicastAllocator _allocator = new UnicastAllocator();
        private readonly ArrayList _reservations = new ArrayList(); // MeshNode placeholders, never stored

        /// <param name="store">The opened store (<see cref="MeshDatabaseStore.Current"/> set).</param>
        /// <param name="keys">The key store of <paramref name="network"/>; filled from the database here.</param>
        public MeshDatabaseRegistry(MeshDatabaseStore store, MeshKeyStore keys, MeshNetwork network, IAes128 aes, ILog log)
        {
            if (store == null || store.Current == null || keys == null || network == null || aes == null)
            {
                throw new ArgumentNullException(store == null || store.Current == null ? "store" : keys == null ? "keys" : network == null ? "network" : "aes");
            }

            _store = store;
            _keys = keys;
            _network = network;
            _aes = aes;
            _crypto = new MeshCrypto(aes);
            _log = log == null ? new NullLog() : log;
            LoadKeys(store.Current, keys, _crypto, aes);
        }

        /// <summary>Timestamps of the commits; null keeps the last one.</summary>
        public MeshTimestampSource Clock { get; set; }

        public MeshDatabase Database
        {
            get { return _store.Current; }
        }

        public byte[] NetKey
        {
            get { return PrimaryNetKey().Key; }
        }

        public int NetKeyIndex
        {
            get { return PrimaryNetKey().Index; }
        }

        public uint IvIndex
        {
            get { return _network.IvIndex; }
        }

        /// <summary>
        /// Fills <paramref name="keys"/> from <paramref name="db"/>: NetKeys, AppKeys and the DeviceKey
        /// of every node but the gateway's own (its Configuration Client sends under the target's key).
        /// </summary>
        public static void LoadKeys(MeshDatabase db, MeshKeyStore keys, MeshCrypto crypto, IAes128 aes)
        {
            for (int i = 0; i < db.NetKeys.Count; i++)
            {
                MeshNetKey k = (MeshNetKey)db.NetKeys[i];
                keys.AddNetworkKey(new NetworkKeyMaterial(crypto, aes, k.Index, k.Key));
            }

            for (int i = 0; i < db.AppKeys.Count; i++)
            {
                MeshAppKey k = (MeshAppKey)db.AppKeys[i];
                keys.AddApplicationKey(new ApplicationKeyMaterial(crypto, aes, k.Index, k.BoundNetKey, k.Key));
            }

            MeshNode gateway = db.GatewayNode;
            for (int i = 0; i < db.NodeCount; i++)
            {
                MeshNode node = db.GetNode(i);
                if (node != gateway && node.DeviceKey != null)
                {
                    keys.AddDeviceKey(new DeviceKeyMaterial(aes, node.UnicastAddress, node.DeviceKey), node.ElementCount);
                }
            }
        }

        public bool TryAllocateAddresses(byte[] uuid, int elementCount, out int unicastAddress)
        {
            MeshDatabase db = _store.Current;
            DropReservation(uuid);

            // The other sessions' assignments count as taken, for the length of this call only.
            for (int i = 0; i < _reservations.Count; i++)
            {
                db.Nodes.Add(_reservations[i]);
            }

            bool found;
            try
            {
                found = _allocator.TryAllocate(db, db.LocalProvisioner, elementCount, IvIndex, out unicastAddress);
            }
            finally
            {
                for (int i = 0; i < _reservations.Count; i++)
                {
                    db.Nodes.Remove(_reservations[i]);
                }
            }

            if (found)
            {
                _reservations.Add(new MeshNode(Copy(uuid), unicastAddress, elementCount, null));
            }

            return found;
        }

        public bool AddNode(byte[] uuid, int unicastAddress, int elementCount, byte[] deviceKey, bool secure, bool overGatt)
        {
            MeshDatabase db = _store.Current;
            MeshNode existing = db.FindNodeByUuid(uuid);
            if (existing != null)
            {
                return existing.UnicastAddress == unicastAddress && existing.ElementCount == elementCount;
            }

            MeshNode node = new MeshNode(Copy(uuid), unicastAddress, elementCount, Copy(deviceKey));
            node.Security = secure ? MeshSecurity.Secure : MeshSecurity.Insecure;
            node.AddNetKey(NetKeyIndex);
            if (overGatt)
            {
                // MshPRT §7.2.2.2.3: provisioned over PB-GATT, it serves the GATT Proxy (and is reached through it).
                node.Features = new NodeFeatures(NodeFeatures.Disabled, NodeFeatures.Enabled, NodeFeatures.Disabled, NodeFeatures.Disabled);
            }

            try
            {
                db.AddNode(node, IvIndex);
                _store.Commit(Now());
            }
            catch (MeshDatabaseException e)
            {
                return Refused(db, node, e.Message);
            }
            catch (StorageException e)
            {
                return Refused(db, node, e.Message);
            }

            DropReservation(uuid);
            _keys.AddDeviceKey(new DeviceKeyMaterial(_aes, unicastAddress, deviceKey), elementCount);
            return true;
        }

        public int FindNode(byte[] uuid)
        {
            MeshNode node = Find(uuid);
            return node == null ? 0 : node.UnicastAddress;
        }

        public byte[][] UnconfiguredNodes()
        {
            MeshDatabase db = _store.Current;
            ArrayList found = new ArrayList();
            for (int i = 0; i < db.NodeCount; i++)
            {
                MeshNode node = db.GetNode(i);
                if (node != db.GatewayNode && !node.ConfigComplete)
                {
                    found.Add(node.Uuid);
                }
            }

            byte[][] result = new byte[found.Count][];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte[])found[i];
            }

            return result;
        }

        public void MarkConfigured(byte[] uuid)
        {
            MeshNode node = Find(uuid);
            if (node == null || node.ConfigComplete)
            {
                return;
            }

            node.ConfigComplete = true;
            TryCommit("node configured");
        }

        public void RemoveNode(byte[] uuid)
        {
            MeshNode node = Find(uuid);
            if (node == null)
            {
                return;
            }

            _store.Current.RemoveNode(node, IvIndex);
            if (TryCommit("node removed"))
            {
                _keys.RemoveDeviceKey(node.UnicastAddress);
                for (int a = node.UnicastAddress; a <= node.LastAddress; a++)
                {
                    _network.ForgetSource(a);
                }
            }
        }

        /// <summary>
        /// A new network for a gateway's first boot: a random mesh UUID and NetKey (index 0), the
        /// gateway's provisioner owning the whole unicast, group and scene space, its node at
        /// 0x0001, and the first AppKey (index 0, bound to the NetKey), which the configurator
        /// adds to every node.
        /// </summary>
        public static MeshDatabase CreateNetwork(IRandom random, string meshName, byte[] provisionerUuid, string provisionerName)
        {
            ProvisionerEntry gateway = new ProvisionerEntry(provisionerName, provisionerUuid);
            gateway.UnicastRanges.Add(new AddressRange(0x0001, MeshDatabase.MaxUnicastAddress));
            gateway.GroupRanges.Add(new AddressRange(0xC000, 0xFEFF));
            gateway.SceneRanges.Add(new AddressRange(0x0001, 0xFFFF));
            MeshNetKey netKey = new MeshNetKey(0, RandomBytes(random, 16));
            netKey.Name = "Home network";
            MeshDatabase db = MeshDatabase.Create(RandomBytes(random, 16), meshName, gateway, netKey, RandomBytes(random, 16));
            MeshAppKey appKey = new MeshAppKey(0, 0, RandomBytes(random, 16));
            appKey.Name = "Home application";
            db.AddAppKey(appKey);
            return db;
        }

        private MeshNode Find(byte[] uuid)
        {
            MeshDatabase db = _store.Current;
            MeshNode node = db.FindNodeByUuid(uuid);
            return node == db.GatewayNode ? null : node;
        }

        private MeshNetKey PrimaryNetKey()
        {
            return (MeshNetKey)_store.Current.NetKeys[0];
        }

        private bool TryCommit(string what)
        {
            try
            {
                _store.Commit(Now());
                return true;
            }
            catch (MeshDatabaseException e)
            {
                _log.Write(LogLevel.Error, Component, what + " not stored: " + e.Message);
            }
            catch (StorageException e)
            {
                _log.Write(LogLevel.Error, Component, what + " not stored: " + e.Message);
            }

            return false;
        }

        private bool Refused(MeshDatabase db, MeshNode node, string why)
        {
            // A refused commit reloads Current from storage; a refused AddNode changed nothing.
            if (_store.Current == db && db.Nodes.Contains(node))
            {
                db.Nodes.Remove(node);
            }

            _log.Write(LogLevel.Error, Component, "node 0x" + node.UnicastAddress.ToString("x4") + " not stored: " + why);
            return false;
        }

        private void DropReservation(byte[] uuid)
        {
            for (int i = _reservations.Count - 1; i >= 0; i--)
            {
                if (((MeshNode)_reservations[i]).HasUuid(uuid))
                {
                    _reservations.RemoveAt(i);
                }
            }
        }

        private string Now()
        {
            MeshTimestampSource clock = Clock;
            return clock == null ? null : clock();
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, copy, source.Length);
            return copy;
        }

        private static byte[] RandomBytes(IRandom random, int count)
        {
            byte[] b = new byte[count];
            random.NextBytes(b, 0, count);
            return b;
        }
    }
}
