using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Gateway.Cli.Tests
{
    /// <summary>`gw bench scale` on a tiny matrix: the table lands between its markers (a re-run replaces it) and the plot is SVG.</summary>
    [Trait("Category", "Integration")]
    public class GwBenchTests
    {
        [Fact]
        public void ScaleWritesTheTableBetweenMarkersAndAPlot()
        {
            string dir = Path.Combine(Path.GetTempPath(), "gw-bench-test-" + Guid.NewGuid());
            Directory.CreateDirectory(dir);
            string docs = Path.Combine(dir, "BENCHMARKS.md");
            File.WriteAllText(docs, "# Benchmarks\n\nkept\n");
            try
            {
                for (int i = 0; i < 2; i++)
                {
                    var (code, output) = GwProcess.Run(TimeSpan.FromMinutes(3), "bench", "scale", "--seeds", "2", "--sizes", "4,6", "--wifi", "1", "--loss", "0", "--out", Path.Combine(dir, "out"), "--docs", docs);
                    Assert.True(code == 0, output);
                    Assert.Contains("[4/4] 6 mesh + 1 Wi-Fi, loss 0, seed 2", output);
                    Assert.EndsWith("4 of 4 homes provisioned and configured completely.", output.TrimEnd());
                }

                string text = File.ReadAllText(docs);
                Assert.StartsWith("# Benchmarks\n\nkept\n", text);
                Assert.Single(Regex.Matches(text, "gw bench scale: begin"));
                Assert.Contains("| 4 + 1 | 0 | 2 of 2 | 5 of 5 |", text);
                Assert.Contains("| 6 + 1 | 0 | 2 of 2 | 7 of 7 |", text);
                Assert.Contains("](out/scale.svg)", text);
                XDocument svg = XDocument.Load(Path.Combine(dir, "out", "scale.svg"));
                Assert.Equal(2, svg.Root.Elements(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
