using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Gateway.Cli.Tests
{
    /// <summary>`gw cloud` and `gw gateway` as two processes talking MQTT over TCP, as a developer runs them.</summary>
    [Trait("Category", "Integration")]
    public class GwGatewayTests
    {
        [Fact]
        public void GatewayProcessProvisionsItsDevicesThroughTheCloudProcess()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            string root = GwProcess.RepoRoot();
            string config = Path.Combine(Path.GetTempPath(), "gw-gateway-" + port + ".json");
            File.WriteAllText(config, File.ReadAllText(Path.Combine(root, "tools", "Gateway.Cli", "gateway.example.json")).Replace("1883", port.ToString()));
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { GwProcess.GwDll, "cloud", "--registry", Path.Combine(root, "tools", "Gateway.Cloud", "registry.example.json"), "--port", port.ToString() })
            {
                info.ArgumentList.Add(a);
            }

            using Process cloud = Process.Start(info);
            try
            {
                WaitForPort(port);
                var (code, output) = GwProcess.Run(TimeSpan.FromMinutes(3), "gateway", "--config", config, "--until-done");
                Assert.True(code == 0, output);
                Assert.Contains("wifi-1 (wifi zero-config", output);
                Assert.Equal(5, output.Split("provisioned").Length - 1);
            }
            finally
            {
                cloud.Kill(true);
                cloud.WaitForExit();
                File.Delete(config);
            }
        }

        private static void WaitForPort(int port)
        {
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    System.Threading.Thread.Sleep(50);
                }
            }

            throw new TimeoutException("gw cloud did not listen on port " + port);
        }
    }
}
