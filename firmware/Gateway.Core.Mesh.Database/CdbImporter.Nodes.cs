using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>Nodes, elements, models, groups and scenes of a CDB document.</summary>
    public static partial class CdbImporter
    {
        private static readonly int[] Resolutions = new int[] { 100, 1000, 10000, 600000 };

        private static MeshNode ReadNode(Hashtable t, string at)
        {
            byte[] uuid = CdbReader.GetUuid(t, "UUID", at);
            int address = CdbReader.GetHex16(t, "unicastAddress", at, 0x0001, MeshDatabase.MaxUnicastAddress);
            MeshNode node = new MeshNode(uuid, address, 0, CdbReader.GetOptionalKey(t, "deviceKey", at));
            node.Security = CdbReader.GetOptionalSecurity(t, "security", at);
            ReadNodeKeys(t, "netKeys", at, node.NetKeys);
            ReadNodeKeys(t, "appKeys", at, node.AppKeys);
            node.ConfigComplete = CdbReader.GetOptionalBool(t, "configComplete", at, false);
            node.Name = CdbReader.GetOptionalString(t, "name", at, null);
            node.Cid = CdbReader.GetOptionalHex16(t, "cid", at, 0, 0xFFFF, -1);
            node.Pid = CdbReader.GetOptionalHex16(t, "pid", at, 0, 0xFFFF, -1);
            node.Vid = CdbReader.GetOptionalHex16(t, "vid", at, 0, 0xFFFF, -1);
            node.Crpl = CdbReader.GetOptionalHex16(t, "crpl", at, 0, 0xFFFF, -1);
            if (CdbReader.Has(t, "features"))
            {
                string fat = CdbReader.Member(at, "features");
                Hashtable f = CdbReader.GetObject(t, "features", at);
                node.Features = new NodeFeatures(
                    CdbReader.GetOptionalInt(f, "relay", fat, 0, 2, NodeFeatures.NotSupported),
                    CdbReader.GetOptionalInt(f, "proxy", fat, 0, 2, NodeFeatures.NotSupported),
                    CdbReader.GetOptionalInt(f, "friend", fat, 0, 2, NodeFeatures.NotSupported),
                    CdbReader.GetOptionalInt(f, "lowPower", fat, 0, 2, NodeFeatures.NotSupported));
            }

            if (CdbReader.Has(t, "secureNetworkBeacon"))
            {
                node.SecureNetworkBeacon = CdbReader.GetOptionalBool(t, "secureNetworkBeacon", at, false) ? 1 : 0;
            }

            node.DefaultTtl = CdbReader.GetOptionalInt(t, "defaultTTL", at, 0, 127, -1);
            node.NetworkTransmit = ReadTransmit(t, "networkTransmit", at);
            node.RelayRetransmit = ReadTransmit(t, "relayRetransmit", at);
            ArrayList elements = CdbReader.GetOptionalArray(t, "elements", at);
            if (elements.Count > MeshNode.MaxElements)
            {
                throw new CdbFormatException(CdbReader.Member(at, "elements"), "more than " + MeshNode.MaxElements + " elements");
            }

            for (int i = 0; i < elements.Count; i++)
            {
                string eat = CdbReader.Where(at, "elements", i);
                node.Elements.Add(ReadElement(CdbReader.AsObject(elements[i], eat), eat, i));
            }

            if (node.Elements.Count == 0)
            {
                // A node has at least its primary element; the CDB leaves it out only when partial.
                node.Elements.Add(new MeshElement(0, 0));
            }

            // "blacklisted" is the CDB 1.0.0 name, still written by nRF Mesh before version 3.0.
            node.Excluded = CdbReader.GetOptionalBool(t, "excluded", at, CdbReader.GetOptionalBool(t, "blacklisted", at, false));
            if (CdbReader.Has(t, "heartbeatPub"))
            {
                node.HeartbeatPub = CdbReader.GetObject(t, "heartbeatPub", at);
            }

            if (CdbReader.Has(t, "heartbeatSub"))
            {
                node.HeartbeatSub = CdbReader.GetObject(t, "heartbeatSub", at);
            }

            return node;
        }

        /// <summary>Node ranges must stay inside the unicast space and apart, and UUIDs unique: the allocator relies on it.</summary>
        private static void AddImportedNode(MeshDatabase db, MeshNode node, string at)
        {
            if (node.LastAddress > MeshDatabase.MaxUnicastAddress)
            {
                throw new CdbFormatException(CdbReader.Member(at, "elements"), "the node's elements run past address 7FFF");
            }

            if (db.FindNodeOverlapping(node.UnicastAddress, node.LastAddress) != null)
            {
                throw new CdbFormatException(CdbReader.Member(at, "unicastAddress"), "the node's addresses overlap another node's");
            }

            if (db.FindNodeByUuid(node.Uuid) != null)
            {
                throw new CdbFormatException(CdbReader.Member(at, "UUID"), "duplicate node UUID");
            }

            db.Nodes.Add(node);
        }

        private static void ReadNodeKeys(Hashtable t, string name, string path, ArrayList into)
        {
            ArrayList list = CdbReader.GetOptionalArray(t, name, path);
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Where(path, name, i);
                Hashtable k = CdbReader.AsObject(list[i], at);
                into.Add(new NodeKey(CdbReader.GetInt(k, "index", at, 0, MeshDatabase.MaxKeyIndex), CdbReader.GetOptionalBool(k, "updated", at, false)));
            }
        }

        /// <summary>nRF Mesh treats a zero count or interval as "not known"; so do we.</summary>
        private static TransmitSettings ReadTransmit(Hashtable t, string name, string path)
        {
            if (!CdbReader.Has(t, name))
            {
                return null;
            }

            string at = CdbReader.Member(path, name);
            Hashtable s = CdbReader.GetObject(t, name, path);
            int count = CdbReader.GetInt(s, "count", at, 0, 8);
            int interval = CdbReader.GetInt(s, "interval", at, 0, 320);
            return count == 0 || interval == 0 ? null : new TransmitSettings(count, interval);
        }

        private static MeshElement ReadElement(Hashtable t, string at, int position)
        {
            MeshElement element = new MeshElement(
                CdbReader.GetOptionalInt(t, "index", at, 0, MeshNode.MaxElements - 1, position),
                CdbReader.GetOptionalHex16(t, "location", at, 0, 0xFFFF, 0));
            element.Name = CdbReader.GetOptionalString(t, "name", at, null);
            ArrayList models = CdbReader.GetOptionalArray(t, "models", at);
            for (int i = 0; i < models.Count; i++)
            {
                string mat = CdbReader.Where(at, "models", i);
                element.Models.Add(ReadModel(CdbReader.AsObject(models[i], mat), mat));
            }

            return element;
        }

        private static MeshModel ReadModel(Hashtable t, string at)
        {
            uint id;
            bool vendor;
            if (!CdbText.TryParseModelId(CdbReader.GetString(t, "modelId", at), out id, out vendor))
            {
                throw new CdbFormatException(CdbReader.Member(at, "modelId"), "must be 4 (SIG) or 8 (vendor) hexadecimal digits");
            }

            MeshModel model = new MeshModel(id, vendor);
            ArrayList bind = CdbReader.GetOptionalArray(t, "bind", at);
            for (int i = 0; i < bind.Count; i++)
            {
                model.AddBinding((int)CdbReader.AsInteger(bind[i], at, "bind", i, 0, MeshDatabase.MaxKeyIndex));
            }

            ArrayList subscribe = CdbReader.GetOptionalArray(t, "subscribe", at);
            for (int i = 0; i < subscribe.Count; i++)
            {
                model.Subscribe.Add(ReadAddressOrLabel(subscribe[i], at, "subscribe", i));
            }

            if (CdbReader.Has(t, "publish"))
            {
                model.Publish = ReadPublication(CdbReader.GetObject(t, "publish", at), CdbReader.Member(at, "publish"));
            }

            return model;
        }

        private static ModelPublication ReadPublication(Hashtable t, string at)
        {
            ModelPublication p = new ModelPublication();
            object address = ReadAddressOrLabel(CdbReader.Require(t, "address", at), at, "address", CdbReader.NoIndex);
            if (address is byte[] label)
            {
                p.Label = label;
            }
            else
            {
                p.Address = (int)address;
            }

            p.Index = CdbReader.GetInt(t, "index", at, 0, MeshDatabase.MaxKeyIndex);
            p.Ttl = CdbReader.GetOptionalInt(t, "ttl", at, 0, 255, ModelPublication.UseDefaultTtl);
            if (CdbReader.Has(t, "period"))
            {
                ReadPeriod(t, at, p);
            }

            // CDB 1.0.1 writes credentials as 0/1; accept a boolean as well.
            p.Credentials = CdbReader.Has(t, "credentials") && t["credentials"] is bool flag
                ? (flag ? 1 : 0)
                : CdbReader.GetOptionalInt(t, "credentials", at, 0, 1, 0);
            if (CdbReader.Has(t, "retransmit"))
            {
                string rat = CdbReader.Member(at, "retransmit");
                Hashtable r = CdbReader.GetObject(t, "retransmit", at);
                p.RetransmitCount = CdbReader.GetOptionalInt(r, "count", rat, 0, 7, 0);
                p.RetransmitInterval = CdbReader.GetOptionalInt(r, "interval", rat, 50, 1600, 50);
            }

            return p;
        }

        /// <summary>CDB 1.0.1 period {numberOfSteps, resolution}; CDB 1.0.0 wrote milliseconds as one integer.</summary>
        private static void ReadPeriod(Hashtable t, string at, ModelPublication p)
        {
            string pat = CdbReader.Member(at, "period");
            object value = t["period"];
            if (value is long)
            {
                long total = CdbReader.AsInteger(value, at, "period", CdbReader.NoIndex, 0, 63L * 600000);
                for (int r = 0; r < Resolutions.Length; r++)
                {
                    if (total % Resolutions[r] == 0 && total / Resolutions[r] <= 63)
                    {
                        p.PeriodSteps = (int)(total / Resolutions[r]);
                        p.PeriodResolution = Resolutions[r];
                        return;
                    }
                }

                throw new CdbFormatException(pat, "is not a publish period (steps 0..63 of 100 ms, 1 s, 10 s or 10 min)");
            }

            Hashtable period = CdbReader.AsObject(value, pat);
            p.PeriodSteps = CdbReader.GetInt(period, "numberOfSteps", pat, 0, 63);
            p.PeriodResolution = CdbReader.GetInt(period, "resolution", pat, 100, 600000);
            for (int r = 0; r < Resolutions.Length; r++)
            {
                if (Resolutions[r] == p.PeriodResolution)
                {
                    return;
                }
            }

            throw new CdbFormatException(CdbReader.Member(pat, "resolution"), "must be 100, 1000, 10000 or 600000");
        }

        /// <summary>A 16-bit address (boxed int, 4 hex digits) or a Label UUID (byte[16], 32 hex digits).</summary>
        private static object ReadAddressOrLabel(object value, string path, string name, int index)
        {
            string text = CdbReader.AsString(value, path, name, index);
            if (text.Length == 32)
            {
                return CdbReader.AsKey(text, path, name, index);
            }

            return CdbReader.AsHex16(text, path, name, index, 0, 0xFFFF);
        }

        private static void ReadGroups(MeshDatabase db, Hashtable root)
        {
            ArrayList list = CdbReader.GetOptionalArray(root, "groups", "$");
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Item("$.groups", i);
                Hashtable t = CdbReader.AsObject(list[i], at);
                MeshGroup g = new MeshGroup(CdbReader.GetOptionalString(t, "name", at, string.Empty), 0);
                object address = ReadAddressOrLabel(CdbReader.Require(t, "address", at), at, "address", CdbReader.NoIndex);
                if (address is byte[] label)
                {
                    g.Label = label;
                }
                else
                {
                    g.Address = (int)address;
                }

                if (CdbReader.Has(t, "parentAddress"))
                {
                    object parent = ReadAddressOrLabel(t["parentAddress"], at, "parentAddress", CdbReader.NoIndex);
                    if (parent is byte[] parentLabel)
                    {
                        g.ParentLabel = parentLabel;
                    }
                    else
                    {
                        g.ParentAddress = (int)parent;
                    }
                }

                db.Groups.Add(g);
            }
        }

        private static void ReadScenes(MeshDatabase db, Hashtable root)
        {
            ArrayList list = CdbReader.GetOptionalArray(root, "scenes", "$");
            for (int i = 0; i < list.Count; i++)
            {
                string at = CdbReader.Item("$.scenes", i);
                Hashtable t = CdbReader.AsObject(list[i], at);
                MeshScene s = new MeshScene(CdbReader.GetOptionalString(t, "name", at, string.Empty), CdbReader.GetHex16(t, "number", at, 0x0001, 0xFFFF));
                ArrayList addresses = CdbReader.GetOptionalArray(t, "addresses", at);
                for (int k = 0; k < addresses.Count; k++)
                {
                    s.Addresses.Add(CdbReader.AsHex16(addresses[k], at, "addresses", k, 0x0001, MeshDatabase.MaxUnicastAddress));
                }

                db.Scenes.Add(s);
            }
        }
    }
}
