using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using Xunit;

namespace Gateway.Cli.Tests
{
    /// <summary>`gw demo` as a user runs it: a separate process, real TCP to a real broker, exit code and report checked.</summary>
    [Trait("Category", "Integration")]
    public class GwDemoTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

        [Fact]
        public void DemoWithTheEmbeddedBrokerProvisionsEveryDevice()
        {
            string dir = Path.Combine(Path.GetTempPath(), "gw-demo-test-" + Guid.NewGuid());
            try
            {
                string report = Path.Combine(dir, "report.json");
                var (code, output) = GwProcess.Run(Limit, "demo", "--seed", "1", "--report", report);
                Assert.True(code == 0, output);
                Assert.Contains("9 of 9 devices provisioned", output);
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(report));
                Assert.Equal(9, doc.RootElement.GetProperty("devices").GetArrayLength());
                foreach (JsonElement device in doc.RootElement.GetProperty("devices").EnumerateArray())
                {
                    Assert.Equal("provisioned", device.GetProperty("result").GetString());
                }

                // The mesh database next to the report is CDB JSON with the six nodes plus the gateway.
                using JsonDocument mesh = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.mesh.json")));
                Assert.Equal(7, mesh.RootElement.GetProperty("nodes").GetArrayLength());
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }

        [Fact]
        public void DemoAtTwentyPercentLossStillProvisionsEveryDevice()
        {
            var (code, output) = GwProcess.Run(Limit, "demo", "--seed", "2", "--loss", "0.2");
            Assert.True(code == 0, output);
            Assert.Contains("9 of 9 devices provisioned", output);
        }

        [SkippableFact]
        public void DemoOverARealMosquittoProvisionsEveryDevice()
        {
            string mosquitto = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : null;
            if (mosquitto == null)
            {
                Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "mosquitto is not installed: .ci/run installs it with apt-get (tools/ci/install-deps.sh)");
                Skip.If(true, "mosquitto is not installed (apt-get install mosquitto)");
            }

            int port = FreePort();
            string config = Path.Combine(Path.GetTempPath(), "gw-mosquitto-" + port + ".conf");
            File.WriteAllText(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
            using var broker = Process.Start(new ProcessStartInfo(mosquitto, "-c " + config) { RedirectStandardOutput = true, RedirectStandardError = true });
            try
            {
                WaitForPort(port);
                var (code, output) = GwProcess.Run(Limit, "demo", "--seed", "4", "--broker", "mqtt://127.0.0.1:" + port);
                Assert.True(code == 0, output);
                Assert.Contains("9 of 9 devices provisioned", output);
                Assert.Contains("external broker", output);
            }
            finally
            {
                broker.Kill();
                broker.WaitForExit();
                File.Delete(config);
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void WaitForPort(int port)
        {
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }

            throw new TimeoutException("mosquitto did not listen on port " + port);
        }
    }
}
