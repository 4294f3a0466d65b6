using System;
using System.IO;
using Xunit;

namespace Gateway.Cli.Tests
{
    [Trait("Category", "Integration")]
    public class GwCommandTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Fact]
        public void MeshDecodeDecryptsTheMshPRT_8_3_16Sample()
        {
            var (code, output) = GwProcess.Run(Limit, "mesh", "decode", "68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228",
                "--netkey", "7dd7364cd842ad18c17c2b820c84c3d6", "--devkey", "1201:9d6dd0e96eb25dc19a40ed9914f8f03f", "--iv-index", "12345678");
            Assert.True(code == 0, output);
            Assert.Contains("1201 → 0003", output);
            Assert.Contains("8003", output);
            Assert.Contains("00563412", output);
        }

        [Fact]
        public void MeshDecodeWithTheWrongKeySaysSoInOneLine()
        {
            var (code, output) = GwProcess.Run(Limit, "mesh", "decode", "68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228", "--netkey", "00000000000000000000000000000000", "--iv-index", "12345678");
            Assert.Equal(1, code);
            Assert.Contains("no NetKey decrypts it", output);
            Assert.DoesNotContain("   at ", output);
        }

        [Fact]
        public void QrWritesAPngAndTheBindToken()
        {
            string png = Path.Combine(Path.GetTempPath(), "gw-qr-" + Guid.NewGuid() + ".png");
            try
            {
                var (code, output) = GwProcess.Run(Limit, "qr", "--ssid", "HomeNet", "--password", "hunter22", "--bssid", "aa:bb:cc:dd:ee:ff", "--random", "010203", "--png", png);
                Assert.True(code == 0, output);
                Assert.Contains("a3e30d8436ac3745d59c082ddcffc339", output);
                byte[] header = File.ReadAllBytes(png)[..8];
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
            }
            finally
            {
                File.Delete(png);
            }
        }

        [Theory]
        [InlineData("qr --ssid x --password y --bssid zz", "--bssid must be 6 octets of hex")]
        [InlineData("cloud --registry /no/such/file.json", "registry file not found")]
        [InlineData("mesh show --state /no/such/folder", "give --state")]
        [InlineData("mesh show --db /etc/hostname", "is not a valid mesh database")]
        [InlineData("demo --loss 0.9", "--loss must be between 0 and 0.5")]
        public void MistakesGetOneClearLineAndANonZeroExitCode(string commandLine, string expected)
        {
            var (code, output) = GwProcess.Run(Limit, commandLine.Split(' '));
            Assert.NotEqual(0, code);
            Assert.Contains(expected, output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("Unhandled exception", output);
        }
    }
}
