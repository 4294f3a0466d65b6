using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Gateway.Core.Runtime;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class ConsoleLogTests
    {
        private static readonly DateTimeOffset Noon = new DateTimeOffset(2025, 1, 31, 20, 0, 0, 123, TimeSpan.FromHours(8));

        [Fact]
        public void OneLineWithUtcTimestampLevelNameAndComponent()
        {
            var text = new StringWriter();
            var log = new ConsoleLog(LogLevel.Trace, text, () => Noon);
            log.Write(LogLevel.Information, "mesh.prov", "device 0x0005 provisioned");
            log.Write(LogLevel.Error, "cloud", "publish failed");
            Assert.Equal(
                "2025-01-31T12:00:00.123Z info  mesh.prov: device 0x0005 provisioned" + Environment.NewLine
                + "2025-01-31T12:00:00.123Z error cloud: publish failed" + Environment.NewLine,
                text.ToString());
        }

        [Fact]
        public void LinesBelowTheMinimumLevelAreDropped()
        {
            var text = new StringWriter();
            var log = new ConsoleLog(LogLevel.Warning, text, () => Noon);
            Assert.False(log.IsEnabled(LogLevel.Information));
            Assert.True(log.IsEnabled(LogLevel.Warning));
            log.Write(LogLevel.Debug, "x", "hidden");
            Assert.Equal(string.Empty, text.ToString());
            log.MinimumLevel = LogLevel.Debug;
            log.Write(LogLevel.Debug, "x", "shown");
            Assert.Contains("debug x: shown", text.ToString());
        }

        // Stops a message (for example a device name from the air) from forging extra log lines.
        [Fact]
        public void LineBreaksInsideAMessageAreEscaped()
        {
            var text = new StringWriter();
            var log = new ConsoleLog(LogLevel.Trace, text, () => Noon);
            log.Write(LogLevel.Warning, "air\n", "name=x\r\n2025-01-01T00:00:00.000Z error fake: line");
            string[] lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.Contains("air\\n: name=x\\r\\n2025", lines[0]);
        }

        [Fact]
        public void ConcurrentWritersProduceWholeLines()
        {
            var text = new StringWriter();
            var log = new ConsoleLog(LogLevel.Trace, text, () => Noon);
            Parallel.For(0, 4, t =>
            {
                for (int i = 0; i < 500; i++)
                {
                    log.Write(LogLevel.Information, "t" + t, "message number " + i);
                }
            });
            string[] lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2000, lines.Length);
            Assert.All(lines, l => Assert.Matches(@"^2025-01-31T12:00:00\.123Z info  t[0-3]: message number \d+$", l));
            for (int t = 0; t < 4; t++)
            {
                Assert.Equal(500, lines.Count(l => l.Contains(" t" + t + ":", StringComparison.Ordinal)));
            }
        }
    }
}
