using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>Export the database, import it into a fresh gateway, and configure a node from there.</summary>
    public partial class MeshHomeScenarioTests
    {
        private static ConfigResult Call(MeshHomeRig rig, System.Action<ConfigResultHandler> request)
        {
            ConfigResult result = null;
            request(r => result = r);
            rig.Scheduler.RunUntil(() => result != null, 120_000);
            Assert.NotNull(result);
            return result;
        }

        /// <summary>
        /// Issue 5 "must show": the CDB export of a configured home, imported into a new gateway
        /// (another device, empty flash), which takes a new unicast address (CdbImporter) and
        /// configures both nodes: Default TTL Set over the advertising bearer, Model Subscription
        /// Add through the GATT Proxy. Status Success from both. A gateway that kept the old
        /// address would start again at SEQ 0, and the node drops that as a replay.
        /// </summary>
        [Fact]
        public void ImportedDatabase_NewGatewayAddress_NodesAcceptItsConfiguration_OldAddressWithReusedSeqIsAReplay()
        {
            var rig = new MeshHomeRig(21);
            SimulatedMeshNode advNode = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            SimulatedMeshNode gattNode = rig.Home.AddNode(ProvisioningBearerType.PbGatt);
            Assert.True(rig.Scheduler.RunUntil(() => rig.AllConfigured, 120_000), rig.Describe());
            int oldAddress = rig.Gateway.Address;
            byte[] cdb = CdbExporter.Export(rig.Database);
            Assert.Equal(cdb, rig.Gateway.DatabaseStore.ReadBlob());
            rig.Gateway.PowerFail();

            // The new gateway: its own provisioner UUID and DeviceKey; the IV Index it learned (the CDB has none).
            var random = new SeededRandom(77);
            byte[] provisioner = new byte[16];
            byte[] deviceKey = new byte[16];
            random.NextBytes(provisioner, 0, 16);
            random.NextBytes(deviceKey, 0, 16);
            MeshDatabase imported = CdbImporter.Import(cdb, 0, cdb.Length, MeshDatabaseStore.DefaultMaxBlobBytes,
                new CdbImportOptions(provisioner, "New gateway", deviceKey, rig.Gateway.Network.IvIndex));
            var storage = new MemoryStorage();
            new MeshDatabaseStore(storage).Replace(imported, "2026-02-01T00:00:00Z");
            AirStation station = rig.Home.Air.AddStation("gateway-2", 0xC0FFEE000002, 0.3, 0.3);
            var options = new MeshGatewayOptions { InitialIvIndex = rig.Gateway.Network.IvIndex };
            var gateway = new SimulatedMeshGateway(station, rig.Scheduler, 99, options, storage, null);

            int newAddress = gateway.Address;
            Assert.NotEqual(oldAddress, newAddress);
            // The old gateway stays in the document as the other provisioner's node, at its old address.
            Assert.NotEqual(gateway.DatabaseStore.Current.GatewayNode, gateway.DatabaseStore.Current.FindNodeByAddress(oldAddress));
            Assert.Equal(gateway.DatabaseStore.Current.GatewayNode, gateway.DatabaseStore.Current.FindNodeByAddress(newAddress));
            Assert.NotEqual(advNode.UnicastAddress, newAddress);
            Assert.NotEqual(gattNode.UnicastAddress, newAddress);
            Assert.Equal(0, gateway.Network.SequenceNumbers.NextSeq); // fresh flash: SEQ starts again, safe only at a new address

            ConfigResult ttl = Call(rig, done => gateway.ConfigClient.SetDefaultTtl(advNode.UnicastAddress, 9, done));
            Assert.True(ttl.Succeeded, ttl.Outcome.ToString());
            Assert.Equal(9, advNode.ConfigServer.DefaultTtl);

            bool proxy = false;
            gateway.ProxyConnector.Acquire(gattNode.UnicastAddress, (connected, reason) => proxy = connected);
            Assert.True(rig.Scheduler.RunUntil(() => proxy, 30_000));
            ConfigResult subscription = Call(rig, done => gateway.ConfigClient.AddModelSubscription(gattNode.UnicastAddress, gattNode.UnicastAddress, 0xC001, 0x1000, false, done));
            Assert.True(subscription.Succeeded, subscription.Outcome + " " + subscription.Status?.Status);
            Assert.True(gattNode.ConfigServer.IsSubscribed(gattNode.UnicastAddress, 0x1000, false, 0xC001));
            gateway.ProxyConnector.Release(gattNode.UnicastAddress);

            // The node remembers the old gateway address with a SEQ far above 0 (MshPRT §3.9.8).
            Assert.True(advNode.Network.ReplayList.TryGet(oldAddress, out uint lastIv, out int lastSeq));
            Assert.True(lastSeq > 0);
            Assert.True(advNode.Network.ReplayList.TryGet(newAddress, out _, out int newSeq));
            Assert.True(newSeq < lastSeq);

            // A gateway that imported the database but kept the old address restarts SEQ at 0: dropped.
            var aes = new ManagedAes128();
            var keys = new MeshKeyStore();
            MeshDatabaseRegistry.LoadKeys(imported, keys, new MeshCrypto(aes), aes);
            AirStation naiveStation = rig.Home.Air.AddStation("naive", 0xC0FFEE000003, 0.6, 0.6);
            var naive = new MeshNetwork(rig.Scheduler, new SeededRandom(5), aes, new MemoryStorage(), null, keys, oldAddress, 1, null);
            naive.Start(lastIv);
            naive.AddBearer(new AdvertisingNetworkBearer(naiveStation.Radio, 3, 20));
            long replaysBefore = advNode.Network.Statistics.DroppedReplay;
            byte[] set = new byte[3];
            int n = ConfigMessages.DefaultTtlSet(set, 0, 20);
            naive.SendAccessMessage(oldAddress, advNode.UnicastAddress, MeshNetwork.RemoteDeviceKey, set, 0, n, null);
            rig.Scheduler.RunAll(2_000);
            Assert.True(advNode.Network.Statistics.DroppedReplay > replaysBefore);
            Assert.Equal(9, advNode.ConfigServer.DefaultTtl);
            _output.WriteLine($"old gateway 0x{oldAddress:x4} (node's RPL: SEQ {lastSeq}), new gateway 0x{newAddress:x4}; "
                + $"message from the old address with SEQ 0 dropped as a replay ({advNode.Network.Statistics.DroppedReplay - replaysBefore} PDU copies)");
        }
    }
}
