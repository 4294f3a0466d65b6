using System;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>The blob store: one atomic write per change, refusals that leave memory and flash equal, capacity.</summary>
    public class MeshDatabaseStoreTests
    {
        private static readonly byte[] Key = Convert.FromHexString("9D6DD0E96EB25DC19A40ED9914F8F03F");
        private readonly ITestOutputHelper _output;

        public MeshDatabaseStoreTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>
        /// A configured node of one element, the way the gateway's configuration flow leaves it
        /// (Composition Data, AppKey Add, Model App Bind, one publication and subscription;
        /// ble-mesh.md §7 #10). Profile 0 "switch": Config Server, Health Server, Generic OnOff
        /// Server. Profile 1 "light": adds Light Lightness Server and a vendor model. Profile 2
        /// "light, fully read": also Default TTL, Secure Network Beacon, Network Transmit and Relay
        /// Retransmit states, which the flow does not read but the nRF Mesh app may have.
        /// </summary>
        internal static MeshNode TypicalNode(MeshDatabase db, int n, int profile)
        {
            MeshNode node = TestNetwork.Provision(db, new UnicastAllocator(), TestNetwork.DeviceUuid(n), 1, 0, Key);
            node.Name = "Light " + n;
            node.Security = MeshSecurity.Secure;
            var composition = new CompositionData { Cid = 0x02E5, Pid = 0x0001, Vid = 0x0001, Crpl = 0x000A, Features = 0x0007 };
            composition.Elements.Add(profile == 0
                ? new CompositionElement(0x0000, new uint[] { 0x0000, 0x0002, 0x1000 }, null)
                : new CompositionElement(0x0000, new uint[] { 0x0000, 0x0002, 0x1000, 0x1300 }, new uint[] { 0x02E50001 }));
            node.ApplyComposition(composition);
            node.AddAppKey(0);
            for (int m = 1; m < node.GetElement(0).Models.Count; m++)
            {
                node.GetElement(0).GetModel(m).AddBinding(0);
            }

            MeshModel onOff = node.FindModel(0, 0x1000, false);
            onOff.AddSubscription(0xC000);
            onOff.Publish = new ModelPublication { Address = 0xC001, Index = 0, Ttl = 5 };
            if (profile == 2)
            {
                node.DefaultTtl = 7;
                node.SecureNetworkBeacon = 1;
                node.NetworkTransmit = new TransmitSettings(2, 20);
                node.RelayRetransmit = new TransmitSettings(2, 20);
            }

            node.ConfigComplete = true;
            return node;
        }

        internal static MeshNode TypicalLight(MeshDatabase db, int n, uint iv)
        {
            return TypicalNode(db, n, 1);
        }

        private static MeshDatabase NetworkWithAppKey()
        {
            MeshDatabase db = TestNetwork.Create(42, 0x0001, 0x7FFF);
            db.AddAppKey(new MeshAppKey(0, 0, Key) { Name = "Home" });
            return db;
        }

        /// <summary>
        /// How many nodes one blob of the default limit holds (docs/mesh-database.md quotes these
        /// numbers): a change that would pass the limit is refused before anything is written.
        /// </summary>
        [Theory]
        [InlineData(0, 83, 93)]
        [InlineData(1, 72, 82)]
        [InlineData(2, 62, 72)]
        public void Capacity_NodesThatFitOneBlobOfTheDefaultLimit(int profile, int min, int max)
        {
            var storage = new MemoryStorage();
            var store = new MeshDatabaseStore(storage);
            store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            int empty = store.BlobBytes;
            int nodes = 0;
            while (true)
            {
                TypicalNode(store.Current, nodes + 1, profile);
                try
                {
                    store.Commit("2024-05-01T12:00:00Z");
                }
                catch (MeshDatabaseException)
                {
                    break;
                }

                nodes++;
            }

            int perNode = (store.BlobBytes - empty) / nodes;
            _output.WriteLine("profile " + profile + ": empty network " + empty + " bytes; " + nodes + " nodes fit in " + MeshDatabaseStore.DefaultMaxBlobBytes + " bytes; " + perNode + " bytes per node");
            Assert.InRange(nodes, min, max);

            // The refused commit put the stored database back in memory: one node fewer than tried.
            Assert.Equal(nodes + 1, store.Current.NodeCount);
            Assert.Equal(store.ReadBlob(), CdbExporter.Export(store.Current));
        }

        /// <summary>
        /// The write path holds the document once: the exporter measures, then fills an array of
        /// the exact size (no UTF-16 copy). Reading goes through the JSON DOM and costs several
        /// times the blob; the numbers are printed for docs/mesh-database.md (host object sizes,
        /// an indication for the device, not its figure).
        /// </summary>
        [Fact]
        public void Memory_ExportAllocatesLittleMoreThanTheBlob()
        {
            MeshDatabase db = NetworkWithAppKey();
            for (int i = 1; i <= 60; i++)
            {
                TypicalNode(db, i, 1);
            }

            CdbExporter.Export(db); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            byte[] blob = CdbExporter.Export(db);
            long exportBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            MeshDatabase loaded = CdbImporter.Parse(blob, 0, blob.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
            long parseBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            _output.WriteLine("blob " + blob.Length + " bytes; export allocated " + exportBytes + " bytes; parse allocated " + parseBytes + " bytes (" + (parseBytes / blob.Length) + "x)");
            Assert.Equal(60 + 1, loaded.NodeCount);
            Assert.InRange(exportBytes, blob.Length, blob.Length + (blob.Length / 4));
        }

        [Fact]
        public void Commit_TooLargeIsRefusedAndMemoryReturnsToTheStoredState()
        {
            var storage = new MemoryStorage();
            var store = new MeshDatabaseStore(storage, 3000);
            store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            byte[] before = store.ReadBlob();
            int writes = storage.WriteCount;
            for (int i = 1; i <= 5; i++)
            {
                TypicalLight(store.Current, i, 0);
            }

            Assert.Throws<MeshDatabaseException>(() => store.Commit("2024-05-01T12:00:01Z"));

            Assert.Equal(writes, storage.WriteCount);
            Assert.Equal(before, store.ReadBlob());
            Assert.Equal(1, store.Current.NodeCount);
            Assert.Equal("2024-05-01T12:00:00Z", store.Current.Timestamp);
        }

        [Fact]
        public void Commit_StorageFailureLeavesMemoryEqualToFlash()
        {
            var storage = new FailingStorage();
            var store = new MeshDatabaseStore(storage);
            store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            byte[] before = store.ReadBlob();
            TypicalLight(store.Current, 1, 0);
            storage.FailNextWrite = true;

            Assert.Throws<StorageException>(() => store.Commit("2024-05-01T12:00:01Z"));

            Assert.Equal(before, store.ReadBlob());
            Assert.Equal(1, store.Current.NodeCount);
            Assert.Equal(CdbExporter.Export(store.Current), before);
        }

        [Fact]
        public void Replace_FailedImportLosesNothing()
        {
            var storage = new MemoryStorage();
            var store = new MeshDatabaseStore(storage);
            store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            TypicalLight(store.Current, 1, 0);
            store.Commit("2024-05-01T12:00:01Z");
            MeshDatabase current = store.Current;
            byte[] before = store.ReadBlob();
            int writes = storage.WriteCount;

            byte[] broken = CdbSamples.Utf8(CdbSamples.Example().Replace("\"0B0C\"", "\"0001\""));
            var options = new CdbImportOptions(TestNetwork.DeviceUuid(500), "Gateway", Key, 0);
            Assert.Throws<CdbFormatException>(() => store.Replace(CdbImporter.Import(broken, 0, broken.Length, store.MaxBlobBytes, options), null));

            Assert.Equal(writes, storage.WriteCount);
            Assert.Same(current, store.Current);
            Assert.Equal(before, store.ReadBlob());
        }

        [Fact]
        public void Replace_ImportBecomesTheDatabaseAfterReboot()
        {
            var storage = new MemoryStorage();
            var store = new MeshDatabaseStore(storage);
            store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            byte[] example = CdbSamples.Utf8(CdbSamples.Example());
            var options = new CdbImportOptions(CdbSamples.ExampleProvisionerUuid, "Gateway", Key, 3);

            store.Replace(CdbImporter.Import(example, 0, example.Length, store.MaxBlobBytes, options), "2024-06-01T08:00:00Z");

            var rebooted = new MeshDatabaseStore(storage.Snapshot());
            Assert.True(rebooted.Open());
            Assert.Equal("Home", rebooted.Current.MeshName);
            Assert.Equal(0x0002, rebooted.Current.GatewayAddress);
            Assert.Equal("2024-06-01T08:00:00Z", rebooted.Current.Timestamp);
            Assert.True(rebooted.Current.IsExcluded(0x0001, 0x0001, 4));
        }

        [Fact]
        public void Create_RefusesToOverwriteAStoredNetwork()
        {
            var storage = new MemoryStorage();
            new MeshDatabaseStore(storage).Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z");
            var store = new MeshDatabaseStore(storage);
            Assert.Throws<MeshDatabaseException>(() => store.Create(NetworkWithAppKey(), "2024-05-01T12:00:00Z"));
            Assert.Throws<MeshDatabaseException>(() => store.Commit("2024-05-01T12:00:00Z"));
        }

        [Fact]
        public void Open_UnreadableBlobIsATypedErrorAndNothingIsWritten()
        {
            var storage = new MemoryStorage();
            storage.Write(MeshDatabaseStore.BlobName, new byte[] { 0x7B, 0x22 });
            var store = new MeshDatabaseStore(storage);
            Assert.Throws<CdbFormatException>(() => store.Open());
            Assert.Equal(1, storage.WriteCount);
            Assert.False(new MeshDatabaseStore(new MemoryStorage()).Open());
        }

        [Fact]
        public void Secrets_NeverInToStringOrExceptionMessages()
        {
            MeshDatabase db = NetworkWithAppKey();
            MeshNode node = TypicalLight(db, 1, 0);
            string keyHex = Convert.ToHexString(Key);
            string[] texts =
            {
                db.ToString(), node.ToString(), db.FindNetKey(0).ToString(), db.FindAppKey(0).ToString(), db.LocalProvisioner.ToString(),
                Assert.Throws<MeshDatabaseException>(() => db.AddAppKey(new MeshAppKey(0, 0, Key))).Message,
                Assert.Throws<MeshDatabaseException>(() => db.AddNetKey(new MeshNetKey(0, Key))).Message,
                Assert.Throws<MeshDatabaseException>(() => db.AddNode(new MeshNode(TestNetwork.DeviceUuid(9), node.UnicastAddress, 1, Key), 0)).Message,
            };
            foreach (string text in texts)
            {
                Assert.DoesNotContain(keyHex, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Convert.ToHexString(db.FindNetKey(0).Key), text, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void MshPRT_4_2_2_1_CompositionWithAnotherElementCountIsRefused()
        {
            MeshDatabase db = NetworkWithAppKey();
            MeshNode node = TestNetwork.Provision(db, new UnicastAllocator(), TestNetwork.DeviceUuid(1), 2, 0, Key);
            var composition = new CompositionData();
            composition.Elements.Add(new CompositionElement(0, new uint[] { 0x0000 }, null));
            Assert.Throws<MeshDatabaseException>(() => node.ApplyComposition(composition));
            Assert.Equal(2, node.ElementCount);
            Assert.False(node.HasComposition);
        }

        [Fact]
        public void ApplyComposition_KeepsBindingsOfModelsThatStay()
        {
            MeshDatabase db = NetworkWithAppKey();
            MeshNode node = TypicalLight(db, 1, 0);
            var again = new CompositionData { Cid = 0x02E5, Pid = 0x0002, Vid = 0x0002, Crpl = 0x000A, Features = 0x0001 };
            again.Elements.Add(new CompositionElement(0x0100, new uint[] { 0x0000, 0x1000 }, null));

            node.ApplyComposition(again);

            Assert.Equal(2, node.GetElement(0).Models.Count);
            Assert.True(node.FindModel(0, 0x1000, false).IsBoundTo(0));
            Assert.NotNull(node.FindModel(0, 0x1000, false).Publish);
            Assert.Equal(NodeFeatures.NotSupported, node.Features.Proxy);
            Assert.Equal(NodeFeatures.Disabled, node.Features.Relay);
        }

        [Fact]
        public void RemoveAppKey_LeavesNoBindingBehind()
        {
            MeshDatabase db = NetworkWithAppKey();
            MeshNode node = TypicalLight(db, 1, 0);
            db.RemoveAppKey(0);
            Assert.False(node.HasAppKey(0));
            Assert.False(node.FindModel(0, 0x1000, false).IsBoundTo(0));
            Assert.False(db.GatewayNode.HasAppKey(0));
            Assert.Throws<MeshDatabaseException>(() => db.AddAppKey(new MeshAppKey(1, 5, Key)));
        }

        /// <summary>A MemoryStorage whose next write fails with the adapters' StorageException.</summary>
        private sealed class FailingStorage : IStorage
        {
            private readonly MemoryStorage _inner = new MemoryStorage();

            public bool FailNextWrite { get; set; }

            public bool TryRead(string name, out byte[] content)
            {
                return _inner.TryRead(name, out content);
            }

            public void Write(string name, byte[] content)
            {
                if (FailNextWrite)
                {
                    FailNextWrite = false;
                    throw new StorageException("flash full");
                }

                _inner.Write(name, content);
            }

            public void Delete(string name)
            {
                _inner.Delete(name);
            }

            public string[] List()
            {
                return _inner.List();
            }
        }
    }
}
