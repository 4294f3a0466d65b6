using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Gateway.Cloud.Mesh;
using Gateway.Core.Orchestration;
using Gateway.Interop.Tests.BlueZ;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// Static OOB authentication (MshPRT v1.1 §5.4.2.4) against bluetooth-meshd, whose agent offers
    /// the static value through PromptStatic. The cloud knows the value the way it knows a Tmall
    /// Genie-style product's (alibaba-provisioning.md §4: UUID with Product ID and MAC, AuthValue
    /// from the device secret) and hands it to the gateway sealed; meshd 5.66 wants an RFC 4122 v4
    /// UUID, so the product's ID and MAC are chosen to give the version and variant bits.
    /// </summary>
    [Trait("Category", "Interop")]
    public sealed class MeshdStaticOobTests : MeshdTest
    {
        public MeshdStaticOobTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [SkippableFact]
        public async Task MshPRT_5_4_2_4_StaticOob_MeshdPromptsForTheValue_AndJoins()
        {
            BlueZPeer.Require();
            GenieMeshDevice product = Product(0x01);
            using var node = new MeshdNode("meshd-static", Path.Combine(Folder, "n1"), product.Uuid(), GatewaySocket, product.StaticOob());
            await using InteropGateway gateway = await InteropGateway.StartAsync(Folder, new[] { node.SocketPath }, product);

            var end = gateway.WaitForEnd(product.Uuid(), Limit);
            var joined = node.WaitForAgent("JOIN_COMPLETE", TimeSpan.FromSeconds(5));
            MeshdProvisioningTests.Report(Output, gateway, node, product.Uuid());
            Assert.True(node.WaitForAgent("PROMPT_STATIC static-oob", TimeSpan.Zero) != null, "meshd never asked its agent for the static value: static OOB was not chosen\n" + node.Describe());
            Assert.True(joined != null, "meshd did not call JoinComplete\n" + node.Describe() + "\n" + gateway.DescribeLog());
            Assert.True(end != null && end.Value.Stage == MeshDeviceStage.Done, "gateway: " + end + "\n" + node.Describe() + "\n" + gateway.DescribeLog());
            Assert.True(File.Exists(node.NodeJsonPath));
        }

        [SkippableFact]
        public async Task MshPRT_5_4_2_4_WrongStaticValue_FailsOnBothSidesWithConfirmationFailed()
        {
            BlueZPeer.Require();
            GenieMeshDevice product = Product(0x02);
            byte[] wrong = RandomNumberGenerator.GetBytes(16);
            using var node = new MeshdNode("meshd-wrong", Path.Combine(Folder, "n1"), product.Uuid(), GatewaySocket, wrong);
            await using InteropGateway gateway = await InteropGateway.StartAsync(Folder, new[] { node.SocketPath }, product);

            var end = gateway.WaitForEnd(product.Uuid(), Limit);
            var failed = node.WaitForAgent("JOIN_FAILED", TimeSpan.FromSeconds(30));
            MeshdProvisioningTests.Report(Output, gateway, node, product.Uuid());
            Output.WriteLine("gateway: " + end + "; meshd: " + failed?.Line);

            // MshPRT §5.4.4 Table 5.41: 0x04 Confirmation Failed. Whichever side checks first sends
            // Provisioning Failed with it; the other side ends on receiving it.
            Assert.True(failed != null, "meshd did not call JoinFailed\n" + node.Describe() + "\n" + gateway.DescribeLog());
            Assert.Contains("confirmation", failed.Value.Line, StringComparison.OrdinalIgnoreCase);
            Assert.True(end != null && end.Value.Stage == MeshDeviceStage.Failed, "gateway: " + end + "\n" + gateway.DescribeLog());

            // meshd checks first (the device gets the provisioner's Random before revealing its
            // own): our session ends on its Provisioning Failed, and the cloud hears code 4.
            // A device-reported failure is final: no second attempt (the reason names bearer and attempts).
            Assert.Equal("pb-adv device-failed-4 after 1 attempt", end.Value.Reason);
            Assert.Equal(4, gateway.Cloud.FindMeshDevice(Gateway.Core.Runtime.Hex.Encode(product.Uuid())).Code);
            Assert.False(File.Exists(node.NodeJsonPath), "meshd kept a node after a failed provisioning");
            Assert.Null(gateway.Node(product.Uuid(), n => n));
        }

        /// <summary>A Genie-style product whose UUID is also a valid RFC 4122 version 4 UUID.</summary>
        private static GenieMeshDevice Product(byte serial)
        {
            // UUID octet 6 is the Product ID's high octet (version nibble 4); octet 8 is MAC[4] (variant 10).
            uint productId = 0x4100_0100u | serial;
            byte[] mac = { 0x28, 0xfa, 0x7a, 0x00, 0x9c, serial };
            var product = new GenieMeshDevice(productId, mac, RandomNumberGenerator.GetBytes(16), "interop lamp " + serial);
            byte[] uuid = product.Uuid();
            if ((uuid[6] & 0xF0) != 0x40 || (uuid[8] & 0xC0) != 0x80)
            {
                throw new InvalidOperationException("not a v4 UUID: " + Convert.ToHexString(uuid));
            }

            return product;
        }
    }
}
