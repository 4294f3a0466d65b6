using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Gateway.Cli.Tests
{
    /// <summary>`gw demo --deterministic` as a process: the same seed replays byte for byte, a different seed does not.</summary>
    [Trait("Category", "Integration")]
    public class GwDemoDeterministicTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

        [Fact]
        public void SameSeedGivesTheSameTimelineByteForByte()
        {
            string dir = Path.Combine(Path.GetTempPath(), "gw-det-test-" + Guid.NewGuid());
            string report = Path.Combine(dir, "report.json");
            try
            {
                string[] args = { "demo", "--deterministic", "--seed", "5", "--mesh", "12", "--wifi", "4", "--loss", "0.2", "--report", report };
                var (code1, first) = GwProcess.Run(Limit, args);
                string firstReport = File.ReadAllText(report);
                string firstMesh = File.ReadAllText(Path.Combine(dir, "report.mesh.json"));
                var (code2, second) = GwProcess.Run(Limit, args);
                Assert.Equal(code1, code2);
                Assert.Equal(first, second);
                Assert.Equal(firstReport, File.ReadAllText(report));
                Assert.Equal(firstMesh, File.ReadAllText(Path.Combine(dir, "report.mesh.json")));
                Assert.Contains("in-process broker", first);
                Assert.Matches(@"\d+ of 16 devices provisioned and configured", LastLine(first));

                var (_, other) = GwProcess.Run(Limit, "demo", "--deterministic", "--seed", "6", "--mesh", "12", "--wifi", "4", "--loss", "0.2", "--report", report);
                Assert.NotEqual(Timeline(first), Timeline(other));
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
        public void PipedOutputIsOneLinePerDeviceThenTheSummary()
        {
            var (code, output) = GwProcess.Run(Limit, "demo", "--deterministic", "--seed", "1");
            Assert.True(code == 0, output);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(9, lines.Count(l => l.StartsWith('[') && l.Contains("provisioned and configured", StringComparison.Ordinal)));
            Assert.DoesNotContain(lines, l => l.Contains('│') || l.Contains('╭'));
            Assert.Matches(@"^9 of 9 devices provisioned and configured in \d+\.\d s of simulated time\.$", LastLine(output));
        }

        [Fact]
        public void StockFirmwareSaysWhatItReachesAndWhy()
        {
            // Without the native add-on the gateway has no PB-ADV: the PB-ADV-only devices fail with that reason.
            var (code, output) = GwProcess.Run(Limit, "demo", "--deterministic", "--stock", "--seed", "1");
            Assert.Equal(1, code);
            Assert.Contains("stock firmware (PB-GATT + GATT Proxy, P-256 1000 ms)", output);
            Assert.Matches(@"^6 of 9 devices provisioned and configured in \d+\.\d s of simulated time; 3 failed \(no-usable-bearer ×3\)\.$", LastLine(output));
        }

        /// <summary>
        /// Attacker's view of the output: in a deterministic run every secret of the home (the
        /// gateway's and lamps' device secrets, the home Wi-Fi password, static OOB values) is a
        /// window of one seeded stream (DemoRun.SecretBytes, seed ^ 0x5EC2E75, drawn 4 octets at a
        /// time). No window of it may appear in what the demo prints or in its JSON report, as hex
        /// (either case) or as the password's Base64. (The mesh database next to the report is the
        /// user's own CDB export and carries keys by design.)
        /// </summary>
        [Fact]
        public void NoSecretOfTheHomeAppearsInTheOutputOrTheReport()
        {
            string dir = Path.Combine(Path.GetTempPath(), "gw-det-secrets-" + Guid.NewGuid());
            string report = Path.Combine(dir, "report.json");
            try
            {
                var (_, output) = GwProcess.Run(Limit, "demo", "--deterministic", "--seed", "9", "--mesh", "6", "--wifi", "3", "--report", report);
                string text = (output + File.ReadAllText(report)).ToUpperInvariant();
                Assert.Contains("DEVICES PROVISIONED", text);
                var stream = new byte[4096];
                new Gateway.Core.Runtime.SeededRandom(9 ^ 0x5EC2E75L).NextBytes(stream, 0, stream.Length);
                for (int at = 0; at + 16 <= stream.Length; at += 4)
                {
                    string hex = Convert.ToHexString(stream, at, 8);
                    Assert.False(text.Contains(hex, StringComparison.Ordinal), "secret octets at " + at + " printed as hex");
                    string base64 = Convert.ToBase64String(stream, at, 12).ToUpperInvariant();
                    Assert.False(text.Contains(base64, StringComparison.Ordinal), "a password-sized secret at " + at + " printed as Base64");
                }
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
        public void DeterministicRefusesTheRealTimeOptions()
        {
            var (code, output) = GwProcess.Run(Limit, "demo", "--deterministic", "--real-time");
            Assert.Equal(2, code);
            Assert.Contains("error:", output);
        }

        private static string LastLine(string output) => output.TrimEnd().Split('\n').Last().TrimEnd('\r');

        /// <summary>The per-device lines (the report path is the same for both seeds, so the whole output would differ anyway).</summary>
        private static string Timeline(string output) => string.Join("\n", output.Split('\n').Where(l => l.StartsWith('[')));
    }
}
