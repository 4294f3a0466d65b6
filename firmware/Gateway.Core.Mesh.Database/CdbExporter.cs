using System.Collections;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Writes a <see cref="MeshDatabase"/> as a Mesh Configuration Database 1.0.1 document
    /// (reference/ble-mesh.md §5), the format the nRF Mesh apps and BlueZ mesh-cfgclient read:
    /// members in the order of the §5 example, addresses as 4 upper-case hex digits, keys as 32,
    /// UUIDs with dashes, optional members only when known. Compact (no indentation) because the
    /// same bytes are the stored blob (<see cref="MeshDatabaseStore"/>). The IV Index, SEQ and
    /// replay list are never written here (§4.8).
    /// The output holds every key of the network: it goes to storage or to the owner's phone,
    /// never to a log.
    /// </summary>
    public static class CdbExporter
    {
        public const string Schema = "http://json-schema.org/draft-04/schema#";
        public const string SchemaId = "https://www.bluetooth.com/specifications/specs/mesh-cdb-1-0-1-schema.json#";
        public const string SchemaVersion = "1.0.1";

        /// <summary>
        /// The document as UTF-8 bytes. Written twice: once to measure, once into an array of the
        /// exact size, so the heap never holds more than the blob itself (CdbJsonBuilder).
        /// </summary>
        public static byte[] Export(MeshDatabase db)
        {
            CdbJsonBuilder counter = new CdbJsonBuilder(null);
            Write(counter, db);
            CdbJsonBuilder writer = new CdbJsonBuilder(new byte[counter.Length]);
            Write(writer, db);
            return writer.Buffer;
        }

        /// <summary>The document as text (tools and tests).</summary>
        public static string ExportText(MeshDatabase db)
        {
            byte[] bytes = Export(db);
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        private static void Write(CdbJsonBuilder w, MeshDatabase db)
        {
            w.BeginObject();
            w.String("$schema", Schema);
            w.String("id", SchemaId);
            w.String("version", SchemaVersion);
            w.Uuid("meshUUID", db.MeshUuid);
            w.String("meshName", db.MeshName);
            w.String("timestamp", db.Timestamp);
            w.Boolean("partial", db.Partial);
            WriteProvisioners(w, db.Provisioners);
            WriteNetKeys(w, db);
            WriteAppKeys(w, db.AppKeys);
            w.BeginArray("nodes");
            for (int i = 0; i < db.Nodes.Count; i++)
            {
                WriteNode(w, (MeshNode)db.Nodes[i]);
            }

            w.EndArray();
            WriteGroups(w, db.Groups);
            WriteScenes(w, db.Scenes);
            if (db.NetworkExclusions.Count > 0)
            {
                WriteExclusions(w, db.NetworkExclusions);
            }

            w.EndObject();
        }

        private static void WriteProvisioners(CdbJsonBuilder w, ArrayList provisioners)
        {
            w.BeginArray("provisioners");
            for (int i = 0; i < provisioners.Count; i++)
            {
                ProvisionerEntry p = (ProvisionerEntry)provisioners[i];
                w.BeginObject();
                w.String("provisionerName", p.Name);
                w.Uuid("UUID", p.Uuid);
                WriteRanges(w, "allocatedUnicastRange", "lowAddress", "highAddress", p.UnicastRanges);
                WriteRanges(w, "allocatedGroupRange", "lowAddress", "highAddress", p.GroupRanges);
                WriteRanges(w, "allocatedSceneRange", "firstScene", "lastScene", p.SceneRanges);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteRanges(CdbJsonBuilder w, string name, string lowName, string highName, ArrayList ranges)
        {
            w.BeginArray(name);
            for (int i = 0; i < ranges.Count; i++)
            {
                AddressRange r = (AddressRange)ranges[i];
                w.BeginObject();
                w.Hex16(lowName, r.Low);
                w.Hex16(highName, r.High);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteNetKeys(CdbJsonBuilder w, MeshDatabase db)
        {
            w.BeginArray("netKeys");
            for (int i = 0; i < db.NetKeys.Count; i++)
            {
                MeshNetKey k = (MeshNetKey)db.NetKeys[i];
                w.BeginObject();
                w.String("name", k.Name);
                w.Number("index", k.Index);
                w.HexBytes("key", k.Key);
                if (k.OldKey != null)
                {
                    w.HexBytes("oldKey", k.OldKey);
                }

                w.Number("phase", k.Phase);
                w.String("minSecurity", CdbText.SecurityText(k.MinSecurity));
                w.String("timestamp", k.Timestamp ?? db.Timestamp);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteAppKeys(CdbJsonBuilder w, ArrayList keys)
        {
            w.BeginArray("appKeys");
            for (int i = 0; i < keys.Count; i++)
            {
                MeshAppKey k = (MeshAppKey)keys[i];
                w.BeginObject();
                w.String("name", k.Name);
                w.Number("index", k.Index);
                w.Number("boundNetKey", k.BoundNetKey);
                w.HexBytes("key", k.Key);
                if (k.OldKey != null)
                {
                    w.HexBytes("oldKey", k.OldKey);
                }

                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteNode(CdbJsonBuilder w, MeshNode n)
        {
            w.BeginObject();
            w.Uuid("UUID", n.Uuid);
            w.Hex16("unicastAddress", n.UnicastAddress);
            if (n.DeviceKey != null)
            {
                w.HexBytes("deviceKey", n.DeviceKey);
            }

            w.String("security", CdbText.SecurityText(n.Security));
            WriteNodeKeys(w, "netKeys", n.NetKeys);
            WriteNodeKeys(w, "appKeys", n.AppKeys);
            w.Boolean("configComplete", n.ConfigComplete);
            if (n.Name != null)
            {
                w.String("name", n.Name);
            }

            WriteOptionalHex(w, "cid", n.Cid);
            WriteOptionalHex(w, "pid", n.Pid);
            WriteOptionalHex(w, "vid", n.Vid);
            WriteOptionalHex(w, "crpl", n.Crpl);
            if (n.Features != null)
            {
                w.BeginObject("features");
                w.Number("relay", n.Features.Relay);
                w.Number("proxy", n.Features.Proxy);
                w.Number("friend", n.Features.Friend);
                w.Number("lowPower", n.Features.LowPower);
                w.EndObject();
            }

            if (n.SecureNetworkBeacon >= 0)
            {
                w.Boolean("secureNetworkBeacon", n.SecureNetworkBeacon == 1);
            }

            if (n.DefaultTtl >= 0)
            {
                w.Number("defaultTTL", n.DefaultTtl);
            }

            WriteTransmit(w, "networkTransmit", n.NetworkTransmit);
            WriteTransmit(w, "relayRetransmit", n.RelayRetransmit);
            w.BeginArray("elements");
            for (int i = 0; i < n.Elements.Count; i++)
            {
                WriteElement(w, (MeshElement)n.Elements[i]);
            }

            w.EndArray();
            w.Boolean("excluded", n.Excluded);
            if (n.HeartbeatPub != null)
            {
                w.Raw("heartbeatPub", JsonWriter.Write(n.HeartbeatPub, JsonLimits.DefaultMaxDepth));
            }

            if (n.HeartbeatSub != null)
            {
                w.Raw("heartbeatSub", JsonWriter.Write(n.HeartbeatSub, JsonLimits.DefaultMaxDepth));
            }

            w.EndObject();
        }

        private static void WriteNodeKeys(CdbJsonBuilder w, string name, ArrayList keys)
        {
            w.BeginArray(name);
            for (int i = 0; i < keys.Count; i++)
            {
                NodeKey k = (NodeKey)keys[i];
                w.BeginObject();
                w.Number("index", k.Index);
                w.Boolean("updated", k.Updated);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteOptionalHex(CdbJsonBuilder w, string name, int value)
        {
            if (value >= 0)
            {
                w.Hex16(name, value);
            }
        }

        private static void WriteTransmit(CdbJsonBuilder w, string name, TransmitSettings t)
        {
            if (t != null)
            {
                w.BeginObject(name);
                w.Number("count", t.Count);
                w.Number("interval", t.Interval);
                w.EndObject();
            }
        }

        private static void WriteElement(CdbJsonBuilder w, MeshElement e)
        {
            w.BeginObject();
            if (e.Name != null)
            {
                w.String("name", e.Name);
            }

            w.Number("index", e.Index);
            w.Hex16("location", e.Location);
            w.BeginArray("models");
            for (int i = 0; i < e.Models.Count; i++)
            {
                WriteModel(w, (MeshModel)e.Models[i]);
            }

            w.EndArray();
            w.EndObject();
        }

        private static void WriteModel(CdbJsonBuilder w, MeshModel m)
        {
            w.BeginObject();
            if (m.IsVendor)
            {
                // 8 hex digits: Company ID then the vendor's model id.
                w.HexBytes("modelId", new byte[] { (byte)(m.ModelId >> 24), (byte)(m.ModelId >> 16), (byte)(m.ModelId >> 8), (byte)m.ModelId });
            }
            else
            {
                w.Hex16("modelId", (int)m.ModelId);
            }
            w.BeginArray("bind");
            for (int i = 0; i < m.Bind.Count; i++)
            {
                w.NumberItem((int)m.Bind[i]);
            }

            w.EndArray();
            w.BeginArray("subscribe");
            for (int i = 0; i < m.Subscribe.Count; i++)
            {
                object entry = m.Subscribe[i];
                if (entry is byte[] label)
                {
                    w.HexBytesItem(label);
                }
                else
                {
                    w.Hex16Item((int)entry);
                }
            }

            w.EndArray();
            ModelPublication p = m.Publish;
            if (p != null)
            {
                w.BeginObject("publish");
                WriteAddress(w, "address", p.Address, p.Label);
                w.Number("index", p.Index);
                w.Number("ttl", p.Ttl);
                w.BeginObject("period");
                w.Number("numberOfSteps", p.PeriodSteps);
                w.Number("resolution", p.PeriodResolution);
                w.EndObject();
                w.Number("credentials", p.Credentials);
                w.BeginObject("retransmit");
                w.Number("count", p.RetransmitCount);
                w.Number("interval", p.RetransmitInterval);
                w.EndObject();
                w.EndObject();
            }

            w.EndObject();
        }

        private static void WriteGroups(CdbJsonBuilder w, ArrayList groups)
        {
            w.BeginArray("groups");
            for (int i = 0; i < groups.Count; i++)
            {
                MeshGroup g = (MeshGroup)groups[i];
                w.BeginObject();
                w.String("name", g.Name);
                WriteAddress(w, "address", g.Address, g.Label);
                WriteAddress(w, "parentAddress", g.ParentAddress, g.ParentLabel);
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteScenes(CdbJsonBuilder w, ArrayList scenes)
        {
            w.BeginArray("scenes");
            for (int i = 0; i < scenes.Count; i++)
            {
                MeshScene s = (MeshScene)scenes[i];
                w.BeginObject();
                w.String("name", s.Name);
                w.Hex16("number", s.Number);
                w.BeginArray("addresses");
                for (int k = 0; k < s.Addresses.Count; k++)
                {
                    w.Hex16Item((int)s.Addresses[k]);
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();
        }

        private static void WriteExclusions(CdbJsonBuilder w, ArrayList exclusions)
        {
            w.BeginArray("networkExclusions");
            for (int i = 0; i < exclusions.Count; i++)
            {
                NetworkExclusion e = (NetworkExclusion)exclusions[i];
                w.BeginObject();
                w.Number("ivIndex", e.IvIndex);
                w.BeginArray("addresses");
                for (int k = 0; k < e.Addresses.Count; k++)
                {
                    w.Hex16Item((int)e.Addresses[k]);
                }

                w.EndArray();
                w.EndObject();
            }

            w.EndArray();
        }

        /// <summary>A 16-bit address (4 hex digits) or, for a virtual address, its Label UUID (32 hex digits).</summary>
        private static void WriteAddress(CdbJsonBuilder w, string name, int address, byte[] label)
        {
            if (label != null)
            {
                w.HexBytes(name, label);
            }
            else
            {
                w.Hex16(name, address);
            }
        }
    }
}
