using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.Registry;
using Gateway.Cloud.Service;
using Gateway.Interop.Tests.BlueZ;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// `gw gateway --config` with `"radio": {"unixSocket", "peers"}` (docs/cli.md) as a user runs it:
    /// a separate process whose mesh radio is the meshd node's socket, against the cloud emulator on
    /// an embedded broker; it exits 0 once the node is provisioned and configured.
    /// </summary>
    [Trait("Category", "Interop")]
    public sealed class GwGatewayWithMeshdTests : MeshdTest
    {
        public GwGatewayWithMeshdTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [SkippableFact]
        public async Task GwGateway_WithTheUnixSocketRadio_ProvisionsAMeshdNode()
        {
            BlueZPeer.Require();
            string secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var registry = new CloudRegistry();
            registry.AddProduct("a1GwCliRadio", "CliRadioProdSecret");
            registry.AddDevice("a1GwCliRadio", "gateway-cli", secret);
            var cloud = new CloudEmulator(registry, new CloudEmulatorOptions { Policy = ApprovalPolicy.Auto });
            await using CloudEmulatorService service = await CloudEmulatorService.StartEmbeddedAsync(cloud);

            string gatewaySocket = GatewaySocket;
            byte[] uuid = MeshdProvisioningTests.NewV4Uuid();
            using var node = new MeshdNode("meshd-gw", Path.Combine(Folder, "n1"), uuid, gatewaySocket);
            string config = Path.Combine(Folder, "gateway.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new
            {
                productKey = "a1GwCliRadio",
                deviceName = "gateway-cli",
                deviceSecret = secret,
                broker = "mqtt://" + service.Host + ":" + service.Port,
                radio = new { unixSocket = gatewaySocket, peers = new[] { node.SocketPath }, expectDevices = 1 },
            }));

            (int code, string output) = Gateway.Cli.Tests.GwProcess.Run(TimeSpan.FromSeconds(150), "gateway", "--config", config, "--until-done");
            Output.WriteLine(output);
            Assert.True(code == 0, output + "\n" + node.Describe());
            Assert.Contains("mesh radio on " + gatewaySocket, output);
            Assert.Contains("radio-1 (mesh PB-ADV (external radio)", output);
            Assert.Contains("provisioned address", output);
            Assert.True(node.WaitForAgent("JOIN_COMPLETE", TimeSpan.FromSeconds(5)) != null, node.Describe());
            Assert.DoesNotContain(secret, output);
        }
    }
}
