using System.Linq;
using Gateway.Cloud.Mesh;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Scenarios;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Orchestration
{
    /// <summary>
    /// The provisioning workflow with the real parts instead of the in-memory fakes:
    /// <see cref="MeshDatabaseRegistry"/> on a storage, <see cref="MeshNodeConfigurator"/> over the
    /// Configuration client and the network (advertising bearer and GATT Proxy), with the cloud.
    /// </summary>
    public class MeshGatewayPartsTests
    {
        private static NodeResult Configure(MeshHomeRig rig, SimulatedMeshNode node, MeshConfigurationPlan plan, long limitMs = 120_000)
        {
            NodeResult result = null;
            rig.Gateway.Configurator.Configure(node.Uuid, plan, (uuid, success, reason) => result = new NodeResult(success, reason));
            Assert.True(rig.Scheduler.RunUntil(() => result != null, limitMs));
            return result;
        }

        private sealed record NodeResult(bool Success, string Reason);

        [Fact]
        public void NoOobStaticOobAndOutputOobDevices_AreStoredConfiguredAndReportedOnce()
        {
            var rig = new MeshHomeRig(51);
            var genie = new GenieMeshDevice(0x00001234, Hex.Decode("28fa7a112233"), Hex.Decode("00112233445566778899aabbccddeeff"), "Genie lamp");
            rig.Cloud.Emulator.AddMeshDevice(genie);
            var plain = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            var staticNode = rig.Home.AddNode(ProvisioningBearerType.PbGatt, o =>
            {
                o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100030001000000000000"), 0, 11);
                o.StaticOob = genie.StaticOob();
            }, genie.Uuid());
            var outputNode = rig.Home.AddNode(ProvisioningBearerType.PbAdv, o => o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0200030000040008000000"), 0, 11));
            rig.Cloud.Emulator.OutputOobResponder = (uuid, action, size) => uuid == Hex.Encode(outputNode.Uuid) ? outputNode.ShownOutputOob : null;

            Assert.True(rig.Run(() => rig.AllConfigured, 180_000), rig.Describe());
            MeshHomeChecks.AssertConsistent(rig);
            Assert.Equal(AuthenticationMethod.StaticOob, staticNode.Session.StartParameters.AuthenticationMethod);
            Assert.Equal(MeshSecurity.Secure, rig.Database.FindNodeByUuid(staticNode.Uuid).Security);
            Assert.Equal(MeshSecurity.Insecure, rig.Database.FindNodeByUuid(plain.Uuid).Security);
            Assert.Equal(2, rig.Database.FindNodeByUuid(outputNode.Uuid).ElementCount); // two elements: both bound
            Assert.Equal(3, MeshHomeChecks.BoundModels(rig.Database.FindNodeByUuid(outputNode.Uuid)));
            Assert.Equal(1, rig.Gateway.ProxyConnector.ConnectionsMade);
            Assert.False(rig.Gateway.Log.ContainsSecret(genie.StaticOob()));
            Assert.False(rig.Gateway.Log.ContainsSecret(rig.Database.FindNodeByUuid(plain.Uuid).DeviceKey));
        }

        [Fact]
        public void AfterAReboot_TheKeyStoreHoldsEveryDeviceKey_AndTheGatewayTalksToNodesAtOnce()
        {
            var rig = new MeshHomeRig(52);
            var adv = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            var gatt = rig.Home.AddNode(ProvisioningBearerType.PbGatt);
            Assert.True(rig.Run(() => rig.AllConfigured, 120_000), rig.Describe());
            rig.Reboot();
            SimulatedMeshGateway gateway = rig.Gateway;
            Assert.NotNull(gateway.Keys.FindDeviceKey(adv.UnicastAddress));
            Assert.NotNull(gateway.Keys.FindDeviceKey(gatt.UnicastAddress));
            Assert.NotNull(gateway.Keys.FindApplicationKey(0));
            Assert.Equal(1, gateway.Keys.NetworkKeyCount);

            ConfigResult ttl = null;
            gateway.ConfigClient.GetDefaultTtl(adv.UnicastAddress, r => ttl = r);
            Assert.True(rig.Scheduler.RunUntil(() => ttl != null, 30_000));
            Assert.True(ttl.Succeeded);

            // A configuration after the reboot reaches the PB-GATT node through its proxy again.
            NodeResult again = Configure(rig, gatt, new MeshConfigurationPlan());
            Assert.True(again.Success, again.Reason);
        }

        [Fact]
        public void NodeResetFromTheCloud_NodeForgetsAndBeacons_AddressesRetired_ReprovisionedElsewhere()
        {
            var rig = new MeshHomeRig(53);
            var node = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            Assert.True(rig.Run(() => rig.AllConfigured, 120_000), rig.Describe());
            int old = node.UnicastAddress;
            Assert.True(rig.Cloud.Emulator.ResetMeshNode(Hex.Encode(node.Uuid)));
            Assert.True(rig.Run(() => node.ResetCount == 1, 30_000), rig.Describe());
            Assert.False(node.IsProvisioned);
            Assert.Null(rig.Database.FindNodeByUuid(node.Uuid));
            Assert.True(rig.Database.IsExcluded(old, old, rig.Gateway.Network.IvIndex));
            Assert.Null(rig.Gateway.Keys.FindDeviceKey(old));

            // The cloud (auto-approval) takes it back; the retired address is not reused.
            Assert.True(rig.Run(() => rig.AllConfigured, 180_000), rig.Describe());
            Assert.NotEqual(old, node.UnicastAddress);
            Assert.Equal(new[] { old, node.UnicastAddress }, node.AddressHistory.ToArray());
        }

        [Fact]
        public void FailuresNameTheStepAndTheStatus()
        {
            var rig = new MeshHomeRig(54);
            var adv = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            var gatt = rig.Home.AddNode(ProvisioningBearerType.PbGatt);
            Assert.True(rig.Run(() => rig.AllConfigured, 120_000), rig.Describe());

            Assert.Equal("appkey-unknown", Configure(rig, adv, new MeshConfigurationPlan { AppKeyIndex = 7 }).Reason);

            // The node has room for one AppKey: a second one is Insufficient Resources (MshPRT §4.4.1.2.9).
            rig.Database.AddAppKey(new MeshAppKey(1, 0, Hex.Decode("00112233445566778899aabbccddeeff")));
            adv.ConfigServer.MaxAppKeys = 1;
            Assert.Equal("appkey-add-insufficient-resources", Configure(rig, adv, new MeshConfigurationPlan { AppKeyIndex = 1 }).Reason);

            NodeResult result = null;
            rig.Gateway.Configurator.Reset(new byte[16], (u, s, r) => result = new NodeResult(s, r));
            rig.Scheduler.RunUntil(() => result != null, 1_000);
            Assert.Equal("not-a-node", result.Reason);

            adv.Station.PowerOff();
            Assert.Equal("composition-timeout", Configure(rig, adv, new MeshConfigurationPlan(), 200_000).Reason);
            // The proxy link stays up between configurations; gone, it is missed after the supervision timeout.
            gatt.Station.PowerOff();
            rig.Scheduler.Advance(6_000);
            Assert.Equal(0, rig.Gateway.ProxyConnector.ConnectedNode);
            Assert.Equal("proxy-timeout", Configure(rig, gatt, new MeshConfigurationPlan(), 200_000).Reason);
        }

        [Fact]
        public void ConcurrentAssignmentsNeverCollide_AddIsWriteAheadAndIdempotent_RemoveRetires()
        {
            var rig = new MeshHomeRig(55);
            MeshDatabaseRegistry registry = rig.Gateway.Registry;
            byte[] a = Enumerable.Repeat((byte)0xA1, 16).ToArray();
            byte[] b = Enumerable.Repeat((byte)0xB2, 16).ToArray();
            Assert.True(registry.TryAllocateAddresses(a, 2, out int first));
            Assert.True(registry.TryAllocateAddresses(b, 1, out int second));
            Assert.True(second >= first + 2 || second + 1 <= first, $"{first:x4}+2 and {second:x4}+1 overlap");
            Assert.True(registry.TryAllocateAddresses(a, 2, out int again));
            Assert.Equal(first, again); // the same device's new assignment replaces its old one

            int writes = rig.Storage.WriteCount;
            byte[] key = Enumerable.Repeat((byte)0x5C, 16).ToArray();
            Assert.True(registry.AddNode(b, second, 1, key, false, true));
            Assert.Equal(writes + 1, rig.Storage.WriteCount); // one atomic write
            Assert.True(registry.AddNode(b, second, 1, key, false, true));
            Assert.Equal(writes + 1, rig.Storage.WriteCount);
            Assert.False(registry.AddNode(b, second + 5, 1, key, false, true));
            Assert.NotNull(rig.Gateway.Keys.FindDeviceKey(second));
            Assert.Equal(NodeFeatures.Enabled, rig.Database.FindNodeByUuid(b).Features.Proxy);
            Assert.Equal(new[] { Hex.Encode(b) }, registry.UnconfiguredNodes().Select(Hex.Encode).ToArray());

            registry.RemoveNode(b);
            Assert.Equal(0, registry.FindNode(b));
            Assert.True(rig.Database.IsExcluded(second, second, registry.IvIndex));
            Assert.Null(rig.Gateway.Keys.FindDeviceKey(second));
            Assert.True(registry.TryAllocateAddresses(b, 1, out int third));
            Assert.NotEqual(second, third);
        }
    }
}
