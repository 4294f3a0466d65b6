using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Reads a Mesh Configuration Database document (reference/ble-mesh.md §5): ours, or one
    /// written by the nRF Mesh apps (CDB 1.0.0 or 1.0.1) or BlueZ. Unknown members are ignored,
    /// absent optional members take their defaults, and anything unusable is a
    /// <see cref="CdbFormatException"/> naming the JSON path; random bytes never escape as another
    /// exception. Reading never touches storage: a failed import leaves the stored database as it
    /// was (<see cref="MeshDatabaseStore.Replace"/> writes only a database that was read completely).
    /// </summary>
    public static partial class CdbImporter
    {
        /// <summary>Deepest nesting of a CDB document is 9 (root, nodes, node, elements, element, models, model, publish, period).</summary>
        public const int MaxDepth = 16;

        /// <summary>
        /// Reads the document exactly as stored: the local provisioner is the first one. Used for
        /// the gateway's own blob.
        /// </summary>
        public static MeshDatabase Parse(byte[] utf8, int offset, int count, int maxBytes)
        {
            object document;
            try
            {
                document = new JsonDom(maxBytes, MaxDepth).Parse(utf8, offset, count);
            }
            catch (JsonFormatException e)
            {
                throw new CdbFormatException("$", "not a usable JSON document: " + e.Message);
            }

            return ReadDatabase(CdbReader.AsObject(document, "$"));
        }

        /// <summary>
        /// Reads a document from elsewhere (a backup, the nRF Mesh app) and makes it the gateway's:
        /// the gateway's provisioner becomes the first one — the imported provisioner with
        /// <see cref="CdbImportOptions.ProvisionerUuid"/> if there is one, otherwise a new entry
        /// (the imported provisioners stay) — and the gateway takes a unicast address no node has
        /// and no exclusion entry lists. Nodes keep replay entries for the address the gateway
        /// had when the document was written, and its SEQ is not in the document, so sending from
        /// the old address again would have its messages dropped (ble-mesh.md §4.8; nRF Mesh iOS
        /// does the same on import, IOS-nRF-Mesh-Library#265, #623). A previous gateway node is
        /// retired under <see cref="CdbImportOptions.IvIndex"/>.
        /// </summary>
        public static MeshDatabase Import(byte[] utf8, int offset, int count, int maxBytes, CdbImportOptions options)
        {
            if (options == null || options.ProvisionerUuid == null || options.ProvisionerUuid.Length != 16
                || options.DeviceKey == null || options.DeviceKey.Length != 16)
            {
                throw new MeshDatabaseException("import needs the gateway's provisioner UUID and a new device key (16 octets each)");
            }

            MeshDatabase db = Parse(utf8, offset, count, maxBytes);
            TakeOver(db, options);
            return db;
        }

        private static void TakeOver(MeshDatabase db, CdbImportOptions options)
        {
            // The document's exclusion entries prove the network reached their IV Index: never
            // retire under an older one, or the address would be free again too early.
            uint ivIndex = options.IvIndex;
            for (int i = 0; i < db.NetworkExclusions.Count; i++)
            {
                uint listed = ((NetworkExclusion)db.NetworkExclusions[i]).IvIndex;
                ivIndex = listed > ivIndex ? listed : ivIndex;
            }

            ProvisionerEntry local = db.FindProvisioner(options.ProvisionerUuid);
            MeshNode previous = null;
            int position = -1;
            if (local != null)
            {
                db.Provisioners.Remove(local);
                previous = db.FindNodeByUuid(local.Uuid);
                if (previous != null)
                {
                    position = db.Nodes.IndexOf(previous);
                    db.Nodes.Remove(previous);
                    db.Retire(previous.UnicastAddress, previous.LastAddress, ivIndex);
                }

                if (local.UnicastRanges.Count == 0)
                {
                    ProvisionerRanges.Assign(db, local, previous == null ? 1 : previous.ElementCount);
                }
            }
            else
            {
                local = new ProvisionerEntry(options.ProvisionerName, options.ProvisionerUuid);
                ProvisionerRanges.Assign(db, local, 1);

                // A node with the new provisioner's UUID would be taken for the gateway's node.
                MeshNode clash = db.FindNodeByUuid(local.Uuid);
                if (clash != null)
                {
                    throw new MeshDatabaseException("a node already uses the gateway's provisioner UUID");
                }
            }

            db.Provisioners.Insert(0, local);
            int elements = previous == null ? 1 : previous.ElementCount;
            int address;
            if (!UnicastAllocator.TryAllocateFresh(db, local, elements, out address))
            {
                throw new MeshDatabaseException("no unused unicast address is left for the gateway");
            }

            MeshNode node;
            if (previous != null)
            {
                node = previous;
                node.UnicastAddress = address;
            }
            else
            {
                node = MeshDatabase.CreateGatewayNode(db, local, address, options.DeviceKey);
            }

            db.AddNode(node, ivIndex);
            if (position >= 0)
            {
                // Keep the node where the document had it, so an export differs only where it must.
                db.Nodes.Remove(node);
                db.Nodes.Insert(position, node);
            }
        }

        private static MeshDatabase ReadDatabase(Hashtable root)
        {
            const string path = "$";
            MeshDatabase db = new MeshDatabase(CdbReader.GetUuid(root, "meshUUID", path), CdbReader.GetOptionalString(root, "meshName", path, string.Empty));
            db.Timestamp = CdbReader.GetOptionalString(root, "timestamp", path, string.Empty);
            db.Partial = CdbReader.GetOptionalBool(root, "partial", path, false);
            ReadNetKeys(db, root);
            ReadAppKeys(db, root);
            ReadProvisioners(db, root);
            ArrayList nodes = CdbReader.GetOptionalArray(root, "nodes", path);
            for (int i = 0; i < nodes.Count; i++)
            {
                string at = CdbReader.Where(path, "nodes", i);
                AddImportedNode(db, ReadNode(CdbReader.AsObject(nodes[i], at), at), at);
            }

            ReadGroups(db, root);
            ReadScenes(db, root);
            ReadExclusions(db, root);
            return db;
        }

        private static void ReadNetKeys(MeshDatabase db, Hashtable root)
        {
            string path = "$.netKeys";
            ArrayList keys = CdbReader.GetArray(root, "netKeys", "$");
            if (keys.Count == 0)
            {
                throw new CdbFormatException(path, "a network needs at least one NetKey");
            }

            for (int i = 0; i < keys.Count; i++)
            {
                string at = CdbReader.Item(path, i);
                Hashtable t = CdbReader.AsObject(keys[i], at);
                MeshNetKey key = new MeshNetKey(CdbReader.GetInt(t, "index", at, 0, MeshDatabase.MaxKeyIndex), CdbReader.GetKey(t, "key", at));
                key.Name = CdbReader.GetOptionalString(t, "name", at, string.Empty);
                key.OldKey = CdbReader.GetOptionalKey(t, "oldKey", at);
                key.Phase = CdbReader.GetOptionalInt(t, "phase", at, 0, 2, 0);
                key.MinSecurity = CdbReader.GetOptionalSecurity(t, "minSecurity", at);
                key.Timestamp = CdbReader.GetOptionalString(t, "timestamp", at, null);
                if (db.FindNetKey(key.Index) != null)
                {
                    throw new CdbFormatException(CdbReader.Member(at, "index"), "duplicate NetKey index");
                }

                db.NetKeys.Add(key);
            }
        }

        private static void ReadAppKeys(MeshDatabase db, Hashtable root)
        {
            string path = "$.appKeys";
            ArrayList keys = CdbReader.GetOptionalArray(root, "appKeys", "$");
            for (int i = 0; i < keys.Count; i++)
            {
                string at = CdbReader.Item(path, i);
                Hashtable t = CdbReader.AsObject(keys[i], at);
                MeshAppKey key = new MeshAppKey(
                    CdbReader.GetInt(t, "index", at, 0, MeshDatabase.MaxKeyIndex),
                    CdbReader.GetInt(t, "boundNetKey", at, 0, MeshDatabase.MaxKeyIndex),
                    CdbReader.GetKey(t, "key", at));
                key.Name = CdbReader.GetOptionalString(t, "name", at, string.Empty);
                key.OldKey = CdbReader.GetOptionalKey(t, "oldKey", at);
                if (db.FindAppKey(key.Index) != null)
                {
                    throw new CdbFormatException(CdbReader.Member(at, "index"), "duplicate AppKey index");
                }

                if (db.FindNetKey(key.BoundNetKey) == null)
                {
                    throw new CdbFormatException(CdbReader.Member(at, "boundNetKey"), "names no NetKey of the network");
                }

                db.AppKeys.Add(key);
            }
        }

        private static void ReadProvisioners(MeshDatabase db, Hashtable root)
        {
            string path = "$.provisioners";
            ArrayList list = CdbReader.GetOptionalArray(root, "provisioners", "$");
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Item(path, i);
                Hashtable t = CdbReader.AsObject(list[i], at);
                ProvisionerEntry p = new ProvisionerEntry(CdbReader.GetOptionalString(t, "provisionerName", at, string.Empty), CdbReader.GetUuid(t, "UUID", at));
                if (db.FindProvisioner(p.Uuid) != null)
                {
                    throw new CdbFormatException(CdbReader.Member(at, "UUID"), "duplicate provisioner UUID");
                }

                ReadRanges(t, "allocatedUnicastRange", "lowAddress", "highAddress", at, 0x0001, MeshDatabase.MaxUnicastAddress, p.UnicastRanges);
                ReadRanges(t, "allocatedGroupRange", "lowAddress", "highAddress", at, 0xC000, 0xFEFF, p.GroupRanges);
                ReadRanges(t, "allocatedSceneRange", "firstScene", "lastScene", at, 0x0001, 0xFFFF, p.SceneRanges);
                db.Provisioners.Add(p);
            }
        }

        private static void ReadRanges(Hashtable t, string name, string lowName, string highName, string path, int min, int max, ArrayList into)
        {
            ArrayList list = CdbReader.GetOptionalArray(t, name, path);
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Where(path, name, i);
                Hashtable r = CdbReader.AsObject(list[i], at);
                int low = CdbReader.GetHex16(r, lowName, at, min, max);
                int high = CdbReader.GetHex16(r, highName, at, min, max);
                if (high < low)
                {
                    throw new CdbFormatException(CdbReader.Member(at, highName), "is below " + lowName);
                }

                into.Add(new AddressRange(low, high));
            }
        }

        private static void ReadExclusions(MeshDatabase db, Hashtable root)
        {
            string path = "$.networkExclusions";
            ArrayList list = CdbReader.GetOptionalArray(root, "networkExclusions", "$");
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Item(path, i);
                Hashtable t = CdbReader.AsObject(list[i], at);
                uint ivIndex = (uint)CdbReader.GetInteger(t, "ivIndex", at, 0, 0xFFFFFFFFL);
                ArrayList addresses = CdbReader.GetArray(t, "addresses", at);
                for (int k = 0; k < addresses.Count; k++)
                {
                    int a = CdbReader.AsHex16(addresses[k], at, "addresses", k, 0x0001, MeshDatabase.MaxUnicastAddress);
                    db.AddExclusion(a, a, ivIndex);
                }
            }
        }
    }
}
