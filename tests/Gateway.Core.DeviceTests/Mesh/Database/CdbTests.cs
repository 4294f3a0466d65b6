using System.Collections;
using System.Text;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Database
{
    /// <summary>
    /// The mesh network database on the device: the CDB exporter on a small network (read back with
    /// the device's JSON DOM and with the importer), names with escapes and non-ASCII text, the
    /// importer's defaults and typed errors, and the store's atomic commits across a power cut.
    /// Host twins: tests/Gateway.Core.Tests/Mesh/Database/CdbExportTests.cs, CdbImportTests.cs
    /// and MeshDatabaseStoreTests.cs.
    /// </summary>
    [TestClass]
    public class CdbTests
    {
        private const string NetKeyHex = "7DD7364CD842AD18C17C2B820C84C3D6";

        /// <summary>Mesh CDB: a gateway and two nodes exported; keys and addresses as upper-case hex, UUIDs 8-4-4-4-12, numbers as JSON integers.</summary>
        [TestMethod]
        public static void MeshCdb_ExportOfASmallNetwork()
        {
            MeshDatabase db = SmallNetwork();
            long start = System.DateTime.UtcNow.Ticks;
            byte[] bytes = CdbExporter.Export(db);
            long ticks = System.DateTime.UtcNow.Ticks - start;
            OutputHelper.WriteLine("CDB export, 3 nodes: " + bytes.Length.ToString() + " bytes in " + (ticks / 10000).ToString() + " ms");

            Hashtable root = (Hashtable)new JsonDom(65536, 32).Parse(bytes, 0, bytes.Length);
            Assert.AreEqual("Home", (string)root["meshName"], "#1");
            string uuid = (string)root["meshUUID"];
            Assert.AreEqual(36, uuid.Length, "#2");
            Assert.AreEqual('-', uuid[8], "#3");
            Assert.AreEqual(uuid.ToUpper(), uuid, "#4");

            ArrayList netKeys = (ArrayList)root["netKeys"];
            Hashtable netKey = (Hashtable)netKeys[0];
            Assert.AreEqual(NetKeyHex, (string)netKey["key"], "#5");
            Assert.AreEqual(0L, (long)netKey["index"], "#6");

            ArrayList nodes = (ArrayList)root["nodes"];
            Assert.AreEqual(3, nodes.Count, "#7");
            Assert.AreEqual("0001", (string)((Hashtable)nodes[0])["unicastAddress"], "#8");
            Hashtable lamp = (Hashtable)nodes[1];
            Assert.AreEqual("0002", (string)lamp["unicastAddress"], "#9");
            Assert.AreEqual("Lamp", (string)lamp["name"], "#10");
            Assert.AreEqual("9D6DD0E96EB25DC19A40ED9914F8F03F", (string)lamp["deviceKey"], "#11");
            Assert.AreEqual("0004", (string)((Hashtable)nodes[2])["unicastAddress"], "after the lamp's two elements");
            Assert.IsFalse((bool)lamp["configComplete"], "#12");
        }

        /// <summary>Export, import, export again: the same text, every member kept.</summary>
        [TestMethod]
        public static void MeshCdb_ExportImportExportIsStable()
        {
            MeshDatabase db = SmallNetwork();
            byte[] first = CdbExporter.Export(db);
            MeshDatabase again = CdbImporter.Parse(first, 0, first.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
            Assert.AreEqual(3, again.NodeCount, "#13");
            Assert.AreEqual(0x0002, again.FindNodeByAddress(0x0003).UnicastAddress, "#14");
            Assert.AreEqual(CdbExporter.ExportText(db), CdbExporter.ExportText(again), "#15");
        }

        /// <summary>RFC 8259 escapes and RFC 3629 UTF-8 in names survive export and import on the device.</summary>
        [TestMethod]
        [DataRow("Kitchen \"main\" \\ light")]
        [DataRow("tab\there\nnew line\u0001\u001f")]
        [DataRow("K\u00fcche \u2013 \u53a8\u623f \ud83d\udca1")]
        [DataRow("")]
        public static void Rfc8259_NamesSurviveExportAndImport(string name)
        {
            MeshDatabase db = SmallNetwork();
            db.MeshName = name;
            db.GatewayNode.Name = name;
            byte[] bytes = CdbExporter.Export(db);
            Hashtable root = (Hashtable)new JsonDom(65536, 32).Parse(bytes, 0, bytes.Length);
            Assert.AreEqual(name, (string)root["meshName"], "#16");
            Assert.AreEqual(name, (string)((Hashtable)((ArrayList)root["nodes"])[0])["name"], "#17");
            Assert.AreEqual(name, CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes).MeshName, "#18");
        }

        /// <summary>A minimal document (only meshUUID, netKeys, nodes) imports with the defaults of every optional member.</summary>
        [TestMethod]
        public static void MeshCdb_MinimalDocumentTakesTheDefaults()
        {
            MeshDatabase db = Import("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"" + NetKeyHex
                + "\"}],\"nodes\":[{\"UUID\":\"70CF7C97-32A3-45B6-9149-4810D2E9CBF4\",\"unicastAddress\":\"0010\"}]}");
            Assert.AreEqual(string.Empty, db.MeshName, "#19");
            Assert.AreEqual(0, db.Provisioners.Count, "#20");
            Assert.AreEqual(0, db.GatewayAddress, "#21");
            MeshNode node = db.GetNode(0);
            Assert.AreEqual(0x0010, node.UnicastAddress, "#22");
            Assert.IsNull(node.DeviceKey, "#23");
            Assert.AreEqual(1, node.ElementCount, "#24");
            Assert.AreEqual(-1, node.Cid, "#25");
            Assert.IsFalse(node.ConfigComplete, "#26");
            Assert.AreEqual((int)MeshSecurity.Insecure, (int)node.Security, "#27");
        }

        /// <summary>Broken documents get a CdbFormatException (with a JSON path), never another exception.</summary>
        [TestMethod]
        [DataRow("")]
        [DataRow("[]")]
        [DataRow("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"nodes\":[]}")]
        [DataRow("{\"meshUUID\":\"xyz\",\"netKeys\":[],\"nodes\":[]}")]
        [DataRow("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"7DD7\"}],\"nodes\":[]}")]
        [DataRow("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"7DD7364CD842AD18C17C2B820C84C3D6\"}],\"nodes\":[{\"UUID\":\"70CF7C9732A345B691494810D2E9CBF4\",\"unicastAddress\":\"8000\"}]}")]
        [DataRow("{\"meshUUID\":\"5F1B2C3D4E5F4A6B8C7D9E0F1A2B3C4D\",\"netKeys\":[{\"index\":0,\"key\":\"7DD7364CD842AD18C17C2B820C84C3D6\"}],\"nodes\":[{\"UUID\":\"70CF7C9732A345B691494810D2E9CBF4\"")]
        public static void MalformedInput_BrokenCdbIsACdbFormatException(string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            try
            {
                CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
            }
            catch (CdbFormatException e)
            {
                Assert.IsNotNull(e.Path, "#28");
                return;
            }

            Assert.IsTrue(false, "accepted: " + json);
        }

        /// <summary>The store commits the database atomically: a power cut during a commit leaves the old or the new database, both readable.</summary>
        [TestMethod]
        public static void MeshDatabaseStore_PowerCutDuringCommitKeepsOldOrNew()
        {
            for (int applied = 0; applied < 2; applied++)
            {
                MemoryStorage storage = new MemoryStorage();
                MeshDatabaseStore store = new MeshDatabaseStore(storage);
                store.Create(SmallNetwork(), "2024-01-01T00:00:00Z");
                string before = CdbExporter.ExportText(store.Current);

                store.Current.MeshName = "Renamed";
                storage.CutPowerAtWrite(storage.WriteCount, applied == 1);
                Assert.ThrowsException(typeof(PowerCutException), () => store.Commit("2024-01-02T00:00:00Z"), "#29");

                MeshDatabaseStore rebooted = new MeshDatabaseStore(storage.Snapshot());
                Assert.IsTrue(rebooted.Open(), "#30");
                Assert.AreEqual(applied == 1 ? "Renamed" : "Home", rebooted.Current.MeshName, "#31");
                if (applied == 0)
                {
                    Assert.AreEqual(before, CdbExporter.ExportText(rebooted.Current), "#32");
                }
            }
        }

        /// <summary>A gateway at 0x0001 and two nodes provisioned through the allocator (two elements, then one).</summary>
        internal static MeshDatabase SmallNetwork()
        {
            SeededRandom random = new SeededRandom(9);
            ProvisionerEntry gateway = new ProvisionerEntry("Gateway", Bytes(random, 16));
            gateway.UnicastRanges.Add(new AddressRange(0x0001, 0x00FF));
            gateway.GroupRanges.Add(new AddressRange(0xC000, 0xCFFF));
            gateway.SceneRanges.Add(new AddressRange(0x0001, 0x0FFF));
            MeshNetKey netKey = new MeshNetKey(0, Hex.Decode(NetKeyHex));
            netKey.Name = "Primary";
            MeshDatabase db = MeshDatabase.Create(Bytes(random, 16), "Home", gateway, netKey, Bytes(random, 16));
            UnicastAllocator allocator = new UnicastAllocator();
            MeshNode lamp = Provision(db, allocator, 2, Hex.Decode("9d6dd0e96eb25dc19a40ed9914f8f03f"));
            lamp.Name = "Lamp";
            Provision(db, allocator, 1, Bytes(random, 16));
            return db;
        }

        private static MeshNode Provision(MeshDatabase db, UnicastAllocator allocator, int elements, byte[] deviceKey)
        {
            int address;
            Assert.IsTrue(allocator.TryAllocate(db, db.LocalProvisioner, elements, 0, out address), "#33");
            byte[] uuid = new byte[16];
            uuid[0] = 0xDE;
            uuid[15] = (byte)address;
            MeshNode node = new MeshNode(uuid, address, elements, deviceKey);
            node.AddNetKey(0);
            db.AddNode(node, 0);
            return node;
        }

        private static MeshDatabase Import(string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
        }

        private static byte[] Bytes(SeededRandom random, int count)
        {
            byte[] b = new byte[count];
            random.NextBytes(b, 0, count);
            return b;
        }
    }
}
