using System.Linq;
using System.Text;
using Gateway.Cloud;
using Gateway.Cloud.Mesh;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Orchestration;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Orchestration
{
    /// <summary>found → provision (cloud decides the method) → provisioned → configured → result, with the in-process cloud.</summary>
    public class MeshProvisioningWorkflowTests
    {
        private sealed class Rig
        {
            public Rig(ApprovalPolicy policy = ApprovalPolicy.Auto)
            {
                Cloud = new EmulatorRig(policy);
                Home = new SimulatedMeshHome(5, null, null, Cloud.Scheduler);
                Home.Gateway.AutoAuthorize = false;
                Registry = new InMemoryNodeRegistry();
                Configurator = new InstantConfigurator(Cloud.Scheduler, Registry);
                Link = Cloud.CreateLink(EmulatorRig.GatewayPk, EmulatorRig.GatewayDn, EmulatorRig.GatewaySecret);
                Log = new CapturingLog();
                Workflow = new MeshProvisioningWorkflow(Link, Home.Gateway.Discovery, Home.Gateway.Provisioner, Registry, Configurator,
                    new SecretEnvelope(new ManagedAes128(), new SeededRandom(9), EmulatorRig.GatewaySecret), Cloud.Scheduler, Log);
                Link.Start();
            }

            public EmulatorRig Cloud { get; }

            public SimulatedMeshHome Home { get; }

            public InMemoryNodeRegistry Registry { get; }

            public InstantConfigurator Configurator { get; }

            public CloudLink Link { get; }

            public CapturingLog Log { get; }

            public MeshProvisioningWorkflow Workflow { get; }

            public bool RunUntilResults(int count, long limitMs) =>
                Cloud.Scheduler.RunUntil(() => Cloud.Emulator.MeshDevices.Count(d => d.Results > 0) >= count, limitMs);
        }

        [Fact]
        public void NoOobStaticOobAndOutputOobDevicesAreProvisionedConfiguredAndReported()
        {
            var rig = new Rig();
            var genie = new GenieMeshDevice(0x00001234, Hex.Decode("28fa7a112233"), Hex.Decode("00112233445566778899aabbccddeeff"), "Genie lamp");
            rig.Cloud.Emulator.AddMeshDevice(genie);
            var plain = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            var staticNode = rig.Home.AddNode(ProvisioningBearerType.PbGatt, o =>
            {
                o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100030001000000000000"), 0, 11);
                o.StaticOob = genie.StaticOob();
            }, genie.Uuid());
            var outputNode = rig.Home.AddNode(ProvisioningBearerType.PbAdv, o => o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100030000040008000000"), 0, 11));
            rig.Cloud.Emulator.OutputOobResponder = (uuid, action, size) => uuid == Hex.Encode(outputNode.Uuid) ? outputNode.ShownOutputOob : null;

            Assert.True(rig.RunUntilResults(3, 120_000), string.Join("; ", rig.Cloud.Emulator.Events.Select(e => e.ToString())));
            foreach (var node in new[] { plain, staticNode, outputNode })
            {
                var record = rig.Cloud.Emulator.FindMeshDevice(Hex.Encode(node.Uuid));
                Assert.Equal(MeshDeviceRecordState.Provisioned, record.State);
                Assert.Equal("configuration", record.ResultStage);
                Assert.True(node.IsProvisioned);
                Assert.Equal(node.Session.Data.UnicastAddress.ToString("X4"), record.UnicastAddress);
            }

            Assert.Equal(AuthenticationMethod.StaticOob, staticNode.Session.StartParameters.AuthenticationMethod);
            Assert.Equal(AuthenticationMethod.OutputOob, outputNode.Session.StartParameters.AuthenticationMethod);
            Assert.Equal(3, rig.Registry.Count);
            Assert.Equal(3, rig.Workflow.ConfiguredCount);

            // The static OOB value, the NetKey and the Output OOB value never travel in clear text.
            string mqtt = string.Join("\n", rig.Cloud.Broker.MessageLog.Select(m => m.Topic + " " + m.Payload));
            foreach (byte[] secret in new[] { genie.StaticOob(), rig.Registry.NetKey, Encoding.UTF8.GetBytes(outputNode.ShownOutputOob.PadLeft(4, '#')) })
            {
                Assert.DoesNotContain(Hex.Encode(secret), mqtt, System.StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(System.Convert.ToBase64String(secret), mqtt);
            }

            Assert.DoesNotContain("\"value\":\"" + outputNode.ShownOutputOob + "\"", mqtt);
            Assert.False(rig.Log.ContainsSecret(genie.StaticOob()));
        }

        [Fact]
        public void DeniedDevicesAreNeverProvisioned()
        {
            var rig = new Rig(ApprovalPolicy.Deny);
            var node = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            rig.Cloud.Scheduler.Advance(30_000);
            Assert.False(node.IsProvisioned);
            Assert.Equal(MeshDeviceRecordState.Denied, rig.Cloud.Emulator.FindMeshDevice(Hex.Encode(node.Uuid)).State);
            Assert.Equal(0, rig.Home.Gateway.Provisioner.StartedCount);
        }

        [Fact]
        public void ManualApprovalStartsProvisioningOnlyAfterTheOperatorApproves()
        {
            var rig = new Rig(ApprovalPolicy.Manual);
            var node = rig.Home.AddNode(ProvisioningBearerType.PbGatt);
            rig.Cloud.Scheduler.Advance(10_000);
            Assert.Equal(0, rig.Home.Gateway.Provisioner.StartedCount);
            Assert.True(rig.Cloud.Emulator.ApproveMesh(Hex.Encode(node.Uuid)));
            Assert.True(rig.RunUntilResults(1, 60_000));
            Assert.True(node.IsProvisioned);
        }

        [Fact]
        public void AWrongStaticOobFromTheCloudFailsWithConfirmationFailedAndIsReported()
        {
            var rig = new Rig();
            var genie = new GenieMeshDevice(0x00004321, Hex.Decode("28fa7a445566"), Hex.Decode("ffeeddccbbaa99887766554433221100"), "Genie plug");
            rig.Cloud.Emulator.AddMeshDevice(genie);
            var node = rig.Home.AddNode(ProvisioningBearerType.PbAdv, o =>
            {
                o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100030001000000000000"), 0, 11);
                o.StaticOob = new byte[16]; // the device's value is not what the cloud computes
                o.RetryAfterFailure = false;
            }, genie.Uuid());
            Assert.True(rig.RunUntilResults(1, 60_000));
            var record = rig.Cloud.Emulator.FindMeshDevice(Hex.Encode(node.Uuid));
            Assert.Equal(MeshDeviceRecordState.Failed, record.State);
            Assert.Equal("provisioning", record.ResultStage);
            Assert.Equal((int)ProvisioningErrorCode.ConfirmationFailed, record.Code);
            Assert.Equal(0, rig.Registry.Count);
        }

        [Fact]
        public void NodeResetFromTheCloudRemovesTheNode()
        {
            var rig = new Rig();
            var node = rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            Assert.True(rig.RunUntilResults(1, 60_000));
            Assert.Equal(1, rig.Registry.Count);
            Assert.True(rig.Cloud.Emulator.ResetMeshNode(Hex.Encode(node.Uuid)));
            rig.Cloud.Scheduler.Advance(5_000);
            Assert.Equal(0, rig.Registry.Count);
        }
    }
}
