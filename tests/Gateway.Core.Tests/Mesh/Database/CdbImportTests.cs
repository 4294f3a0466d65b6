using System;
using System.Collections;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>Importing documents from elsewhere: tolerant of what it does not need, strict (with a JSON path) about what it does.</summary>
    public class CdbImportTests
    {
        private const string NetKeyHex = "7DD7364CD842AD18C17C2B820C84C3D6";
        private const string DeviceKeyHex = "9D6DD0E96EB25DC19A40ED9914F8F03F";

        private static string Minimal(string nodes)
        {
            return "{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"}],\"nodes\":[" + nodes + "]}";
        }

        [Fact]
        public void MinimalDocument_TakesDefaultsForEveryOptionalMember()
        {
            MeshDatabase db = CdbSamples.Parse(Minimal("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\"}"));

            Assert.Equal(string.Empty, db.MeshName);
            Assert.Empty(db.Provisioners);
            Assert.Null(db.LocalProvisioner);
            Assert.Equal(0, db.GatewayAddress);
            MeshNode node = db.GetNode(0);
            Assert.Null(node.DeviceKey);
            Assert.Equal(1, node.ElementCount);
            Assert.Equal(-1, node.Cid);
            Assert.False(node.ConfigComplete);
            Assert.Equal(MeshSecurity.Insecure, node.Security);

            // The export carries every member the CDB schema requires, with the defaults.
            object exported = CdbSamples.Dom(CdbExporter.ExportText(db));
            foreach (string member in new[] { "$schema", "id", "version", "meshName", "timestamp", "partial", "provisioners", "appKeys", "groups", "scenes" })
            {
                Assert.True(((Hashtable)exported).Contains(member), member);
            }

            Assert.Equal("insecure", CdbSamples.At(exported, "netKeys[0].minSecurity"));
            Assert.Equal(false, CdbSamples.At(exported, "nodes[0].configComplete"));
        }

        [Fact]
        public void NordicStyleDocument_OlderFormsAndUnknownMembersAreAccepted()
        {
            // CDB 1.0.0 as older nRF Mesh versions wrote it: 32-hex UUIDs, "blacklisted", an
            // integer publish period in ms, lower-case hex, plus members we do not know.
            string json = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"version\":\"1.0.0\",\"meshUUID\":\"1c3d6d30635b49a9a21c11fccdd2c9fb\","
                + "\"meshName\":\"nRF Mesh Network\",\"timestamp\":\"2021-08-30T14:00:27+02:00\",\"partial\":false,\"vendorExtension\":{\"x\":[1,2.5,null]},"
                + "\"netKeys\":[{\"name\":\"Network Key 1\",\"index\":0,\"key\":\"" + NetKeyHex.ToLowerInvariant() + "\",\"phase\":0,\"minSecurity\":\"secure\",\"timestamp\":\"2021-08-30T13:56:35+02:00\"}],"
                + "\"appKeys\":[{\"name\":\"Application Key 1\",\"index\":0,\"boundNetKey\":0,\"key\":\"63964771734fbd76e3b40519d1d94a48\"}],"
                + "\"provisioners\":[{\"provisionerName\":\"Phone\",\"UUID\":\"a1b2c3d4e5f647898abcdef012345678\",\"allocatedUnicastRange\":[{\"lowAddress\":\"0001\",\"highAddress\":\"199a\"}],"
                + "\"allocatedGroupRange\":[{\"lowAddress\":\"c000\",\"highAddress\":\"cc9a\"}],\"allocatedSceneRange\":[{\"firstScene\":\"0001\",\"lastScene\":\"3333\"}]}],"
                + "\"nodes\":[{\"UUID\":\"70cf7c9732a345b691494810d2e9cbf4\",\"unicastAddress\":\"0002\",\"deviceKey\":\"" + DeviceKeyHex + "\",\"security\":\"secure\","
                + "\"netKeys\":[{\"index\":0,\"updated\":false}],\"appKeys\":[],\"configComplete\":true,\"blacklisted\":true,\"rssi\":-40,"
                + "\"elements\":[{\"index\":0,\"location\":\"0000\",\"models\":[{\"modelId\":\"1000\",\"bind\":[0],\"subscribe\":[\"0123456789abcdef0123456789abcdef\"],"
                + "\"publish\":{\"address\":\"c001\",\"index\":0,\"ttl\":5,\"period\":3000,\"credentials\":false,\"retransmit\":{\"count\":1,\"interval\":100}}}]}]}],"
                + "\"groups\":[],\"scenes\":[]}";

            MeshDatabase db = CdbSamples.Parse(json);

            MeshNode node = db.GetNode(0);
            Assert.True(node.Excluded);
            Assert.Equal(MeshSecurity.Secure, db.FindNetKey(0).MinSecurity);
            ModelPublication p = node.FindModel(0, 0x1000, false).Publish;
            // 3000 ms in the finest resolution that holds it: 30 steps of 100 ms.
            Assert.Equal(30, p.PeriodSteps);
            Assert.Equal(100, p.PeriodResolution);
            Assert.Equal(0xC001, p.Address);
            Assert.Equal(0, p.Credentials);
            Assert.IsType<byte[]>(node.FindModel(0, 0x1000, false).Subscribe[0]);

            object exported = CdbSamples.Dom(CdbExporter.ExportText(db));
            Assert.Equal("1C3D6D30-635B-49A9-A21C-11FCCDD2C9FB", CdbSamples.At(exported, "meshUUID"));
            Assert.Equal("70CF7C97-32A3-45B6-9149-4810D2E9CBF4", CdbSamples.At(exported, "nodes[0].UUID"));
            Assert.Equal(true, CdbSamples.At(exported, "nodes[0].excluded"));
            Assert.Equal("199A", CdbSamples.At(exported, "provisioners[0].allocatedUnicastRange[0].highAddress"));
            Assert.Equal(30L, CdbSamples.At(exported, "nodes[0].elements[0].models[0].publish.period.numberOfSteps"));
            Assert.Equal("0123456789ABCDEF0123456789ABCDEF", CdbSamples.At(exported, "nodes[0].elements[0].models[0].subscribe[0]"));
            Assert.Equal("1.0.1", CdbSamples.At(exported, "version"));
        }

        [Theory]
        [InlineData("[]", "$")]
        [InlineData("{\"netKeys\":[]}", "$.meshUUID")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4\",\"netKeys\":[]}", "$.meshUUID")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[]}", "$.netKeys")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":{}}", "$.netKeys")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":4096,\"key\":\"" + NetKeyHex + "\"}]}", "$.netKeys[0].index")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"7DD7\"}]}", "$.netKeys[0].key")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0.5,\"key\":\"" + NetKeyHex + "\"}]}", "$.netKeys[0].index")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"},{\"index\":0,\"key\":\"" + NetKeyHex + "\"}]}", "$.netKeys[1].index")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"}],\"appKeys\":[{\"index\":0,\"boundNetKey\":1,\"key\":\"" + NetKeyHex + "\"}]}", "$.appKeys[0].boundNetKey")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"}],\"provisioners\":[{\"UUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"allocatedUnicastRange\":[{\"lowAddress\":\"0100\",\"highAddress\":\"00FF\"}]}]}", "$.provisioners[0].allocatedUnicastRange[0].highAddress")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"}],\"networkExclusions\":[{\"ivIndex\":-1,\"addresses\":[]}]}", "$.networkExclusions[0].ivIndex")]
        [InlineData("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex + "\"}],\"networkExclusions\":[{\"ivIndex\":1,\"addresses\":[\"C000\"]}]}", "$.networkExclusions[0].addresses[0]")]
        public void MalformedDocument_IsATypedErrorNamingThePath(string json, string path)
        {
            CdbFormatException e = Assert.Throws<CdbFormatException>(() => CdbSamples.Parse(json));
            Assert.Equal(path, e.Path);
        }

        [Theory]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"8000\"}", "$.nodes[0].unicastAddress")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0000\"}", "$.nodes[0].unicastAddress")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"deviceKey\":\"9D6DD0E96EB25DC19A40ED9914F8F03G\"}", "$.nodes[0].deviceKey")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"security\":\"medium\"}", "$.nodes[0].security")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"defaultTTL\":128}", "$.nodes[0].defaultTTL")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"features\":{\"relay\":3}}", "$.nodes[0].features.relay")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"7FFF\",\"elements\":[{},{}]}", "$.nodes[0].elements")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"elements\":[{\"models\":[{\"modelId\":\"10000\"}]}]}", "$.nodes[0].elements[0].models[0].modelId")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"elements\":[{\"models\":[{\"modelId\":\"1000\",\"bind\":[\"0\"]}]}]}", "$.nodes[0].elements[0].models[0].bind[0]")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"elements\":[{\"models\":[{\"modelId\":\"1000\",\"publish\":{\"address\":\"C000\",\"index\":0,\"period\":{\"numberOfSteps\":1,\"resolution\":200}}}]}]}", "$.nodes[0].elements[0].models[0].publish.period.resolution")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"elements\":[{\"models\":[{\"modelId\":\"1000\",\"publish\":{\"address\":\"C000\",\"index\":0,\"retransmit\":{\"count\":8}}}]}]}", "$.nodes[0].elements[0].models[0].publish.retransmit.count")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"elements\":[{},{}]},{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF5\",\"unicastAddress\":\"0011\"}", "$.nodes[1].unicastAddress")]
        [InlineData("{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\"},{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0020\"}", "$.nodes[1].UUID")]
        [InlineData("17", "$.nodes[0]")]
        public void MalformedNode_IsATypedErrorNamingThePath(string nodes, string path)
        {
            CdbFormatException e = Assert.Throws<CdbFormatException>(() => CdbSamples.Parse(Minimal(nodes)));
            Assert.Equal(path, e.Path);
        }

        [Fact]
        public void MalformedKey_ErrorNeverQuotesTheKey()
        {
            string badKey = DeviceKeyHex.Substring(0, 31) + "Z";
            CdbFormatException e = Assert.Throws<CdbFormatException>(() => CdbSamples.Parse(Minimal(
                "{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\",\"deviceKey\":\"" + badKey + "\"}")));
            Assert.DoesNotContain(badKey.Substring(0, 16), e.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void TooLargeDocument_IsATypedError()
        {
            byte[] bytes = CdbSamples.Utf8(CdbSamples.Example());
            CdbFormatException e = Assert.Throws<CdbFormatException>(() => CdbImporter.Parse(bytes, 0, bytes.Length, 1000));
            Assert.Equal("$", e.Path);
        }

        [Property(MaxTest = 2000)]
        public void RandomBytes_AreATypedErrorNeverACrash(byte[] bytes)
        {
            bytes = bytes ?? new byte[0];
            AssertParsesOrFailsTyped(bytes);
        }

        /// <summary>
        /// JSON-ish input: the §5 example with one random edit (a value replaced by a random JSON
        /// value of another type, a member dropped, a string truncated, a number pushed out of
        /// range, the text cut at a random point). Either it reads or it is a CdbFormatException.
        /// </summary>
        [Property(MaxTest = 3000)]
        public void MutatedExample_ReadsOrIsATypedError(int seed)
        {
            var random = new Random(seed);
            object dom = CdbSamples.Dom(CdbSamples.Example());
            int edits = 1 + random.Next(3);
            for (int i = 0; i < edits; i++)
            {
                Mutate(dom, random);
            }

            string text = new JsonDom(1 << 20, 64).Write(dom);
            if (random.Next(8) == 0)
            {
                text = text.Substring(0, random.Next(text.Length));
            }

            AssertParsesOrFailsTyped(Encoding.UTF8.GetBytes(text));
        }

        private static void AssertParsesOrFailsTyped(byte[] bytes)
        {
            try
            {
                MeshDatabase db = CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes);

                // Whatever was accepted exports and reads back to the same document.
                string once = CdbExporter.ExportText(db);
                Assert.Equal(once, CdbExporter.ExportText(CdbSamples.Parse(once)));
            }
            catch (CdbFormatException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Path));
                Assert.StartsWith("$", e.Path);
            }
        }

        private static void Mutate(object dom, Random random)
        {
            // Walk to a random container.
            object current = dom;
            for (int depth = 0; depth < 8; depth++)
            {
                object child = PickChild(current, random);
                if (!(child is Hashtable || child is ArrayList) || random.Next(4) == 0)
                {
                    break;
                }

                current = child;
            }

            if (current is Hashtable table && table.Count > 0)
            {
                string key = (string)new ArrayList(table.Keys)[random.Next(table.Count)];
                if (random.Next(4) == 0)
                {
                    table.Remove(key);
                }
                else
                {
                    table[key] = RandomValue(table[key], random);
                }
            }
            else if (current is ArrayList list && list.Count > 0)
            {
                int i = random.Next(list.Count);
                if (random.Next(4) == 0)
                {
                    list.RemoveAt(i);
                }
                else
                {
                    list[i] = RandomValue(list[i], random);
                }
            }
        }

        private static object PickChild(object container, Random random)
        {
            if (container is Hashtable table && table.Count > 0)
            {
                return table[new ArrayList(table.Keys)[random.Next(table.Count)]];
            }

            if (container is ArrayList list && list.Count > 0)
            {
                return list[random.Next(list.Count)];
            }

            return null;
        }

        private static object RandomValue(object old, Random random)
        {
            switch (random.Next(11))
            {
                case 0: return null;
                case 1: return random.Next(2) == 0;
                case 2: return (long)random.Next(-70000, 70000);
                case 3: return random.NextDouble() * 1000;
                case 4: return new ArrayList();
                case 5: return new Hashtable();
                case 6: return "FFFF";
                case 7: return "C000";
                case 8: return old is string s && s.Length > 0 ? s.Substring(0, random.Next(s.Length)) : "";
                case 9: return old is string t ? t.ToLowerInvariant() + "0" : "0001";
                default: return old is long l ? l + random.Next(-5000, 5000) : (object)0xFFFFFFFFFL;
            }
        }
    }
}
