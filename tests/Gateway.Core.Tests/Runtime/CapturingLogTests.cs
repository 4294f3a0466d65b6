using System;
using System.IO;
using System.Threading.Tasks;
using Gateway.Core.Runtime;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class CapturingLogTests
    {
        [Fact]
        public void KeepsEveryLineInOrderAtEveryLevel()
        {
            var log = new CapturingLog();
            Assert.True(log.IsEnabled(LogLevel.Trace));
            log.Write(LogLevel.Trace, "mesh.prov", "invite sent");
            log.Write(LogLevel.Error, "cloud", "publish failed code 460");
            Assert.Equal(2, log.Count);
            LogEntry first = log.Get(0);
            Assert.Equal(LogLevel.Trace, first.Level);
            Assert.Equal("mesh.prov", first.Component);
            Assert.Equal("invite sent", first.Message);
            Assert.Equal("trace mesh.prov: invite sent\nerror cloud: publish failed code 460\n", log.AllText());
            Assert.Equal(1, log.CountAtLeast(LogLevel.Warning));
            Assert.Equal(2, log.ToArray().Length);
            Assert.True(log.Contains("code 460"));
            Assert.False(log.Contains("code 461"));
            log.Clear();
            Assert.Equal(0, log.Count);
        }

        [Fact]
        public void NullComponentAndMessageAreKeptAsEmpty()
        {
            var log = new CapturingLog();
            log.Write(LogLevel.Information, null, null);
            Assert.Equal("info : \n", log.AllText());
        }

        [Fact]
        public void ForwardsWhatTheOtherLogEnables()
        {
            var text = new StringWriter();
            var console = new ConsoleLog(LogLevel.Warning, text, () => new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero));
            var log = new CapturingLog(console);
            log.Write(LogLevel.Debug, "x", "quiet");
            log.Write(LogLevel.Warning, "x", "loud");
            Assert.Equal(2, log.Count);
            Assert.Equal("2025-01-31T12:00:00.000Z warn  x: loud" + Environment.NewLine, text.ToString());
        }

        [Fact]
        public void ContainsSecretFindsKeyBytesPrintedAsHexOrBase64()
        {
            byte[] netKey = Hex.Decode("7dd7364cd842ad18c17c2b820c84c3d6");
            var lower = new CapturingLog();
            lower.Write(LogLevel.Debug, "mesh", "key " + Hex.Encode(netKey));
            var upper = new CapturingLog();
            upper.Write(LogLevel.Debug, "mesh", "key " + Convert.ToHexString(netKey));
            var base64 = new CapturingLog();
            base64.Write(LogLevel.Debug, "mesh", "key=" + Convert.ToBase64String(netKey).TrimEnd('='));
            var clean = new CapturingLog();
            clean.Write(LogLevel.Debug, "mesh", "netkey index 0 length 16");

            Assert.True(lower.ContainsSecret(netKey));
            Assert.True(upper.ContainsSecret(netKey));
            Assert.True(base64.ContainsSecret(netKey));
            Assert.False(clean.ContainsSecret(netKey));
        }

        [Fact]
        public void ContainsSecretFindsAPasswordVerbatim()
        {
            var log = new CapturingLog();
            log.Write(LogLevel.Information, "awss", "ssid home-net");
            Assert.False(log.ContainsSecret("correct horse"));
            log.Write(LogLevel.Trace, "awss", "pw correct horse");
            Assert.True(log.ContainsSecret("correct horse"));
        }

        [Fact]
        public void TooShortSecretsAreRefusedBecauseTheyMatchByChance()
        {
            var log = new CapturingLog();
            Assert.Throws<ArgumentException>(() => log.ContainsSecret(new byte[] { 1, 2, 3 }));
            Assert.Throws<ArgumentException>(() => log.ContainsSecret("abc"));
        }

        [Fact]
        public void ConcurrentWritersLoseNoLine()
        {
            var log = new CapturingLog();
            Parallel.For(0, 4, t =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    log.Write(LogLevel.Debug, "t" + t, "line " + i);
                }
            });
            Assert.Equal(4000, log.Count);
        }

        [Fact]
        public void NullLogIsDisabledAndSilent()
        {
            ILog log = NullLog.Instance;
            Assert.False(log.IsEnabled(LogLevel.Error));
            log.Write(LogLevel.Error, "x", "y");
        }
    }
}
