using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
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
    public sealed class GwGatewayWithMeshdTests : IDisposable
    {
        private readonly ITestOutputHelper _output;
        private readonly string _folder = Path.Combine("/tmp", "gwi-" + Guid.NewGuid().ToString("N").Substring(0, 10));

        public GwGatewayWithMeshdTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
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

            string gatewaySocket = Path.Combine(_folder, "gw.sock");
            byte[] uuid = MeshdProvisioningTests.NewV4Uuid();
            using var node = new MeshdNode("meshd-gw", Path.Combine(_folder, "n1"), uuid, gatewaySocket);
            string config = Path.Combine(_folder, "gateway.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new
            {
                productKey = "a1GwCliRadio",
                deviceName = "gateway-cli",
                deviceSecret = secret,
                broker = "mqtt://" + service.Host + ":" + service.Port,
                radio = new { unixSocket = gatewaySocket, peers = new[] { node.SocketPath }, expectDevices = 1 },
            }));

            (int code, string output) = RunGw(TimeSpan.FromSeconds(150), "gateway", "--config", config, "--until-done");
            _output.WriteLine(output);
            Assert.True(code == 0, output + "\n" + node.Describe());
            Assert.Contains("mesh radio on " + gatewaySocket, output);
            Assert.Contains("radio-1 (mesh PB-ADV (external radio)", output);
            Assert.Contains("provisioned address", output);
            Assert.True(node.WaitForAgent("JOIN_COMPLETE", TimeSpan.FromSeconds(5)) != null, node.Describe());
            Assert.DoesNotContain(secret, output);
        }

        private static (int Code, string Output) RunGw(TimeSpan limit, params string[] args)
        {
            string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            string root = AppContext.BaseDirectory;
            while (root != null && !File.Exists(Path.Combine(root, "Gateway.sln")))
            {
                root = Path.GetDirectoryName(root);
            }

            string dll = Path.Combine(root ?? ".", "tools", "Gateway.Cli", "bin", configuration, "net10.0", "gw.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["NO_COLOR"] = "1";
            info.Environment["COLUMNS"] = "160";
            var output = new StringBuilder();
            using Process process = Process.Start(info);
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)limit.TotalMilliseconds))
            {
                process.Kill(true);
                process.WaitForExit();
                return (-1, output + "\n[killed after " + limit + "]");
            }

            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
    }
}
