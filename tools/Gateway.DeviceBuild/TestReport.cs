using System;
using System.Collections.Generic;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// The UnitTestLauncher's verdicts: one line per test, "Test passed,&lt;Namespace.Class.Method.N&gt;,&lt;ticks&gt;",
    /// "Test failed,&lt;...&gt;,&lt;message&gt;" or "Test skipped,&lt;...&gt;,&lt;message&gt;". Every other line of
    /// the program's output (OutputHelper.WriteLine, e.g. interpreter timings; exceptions) is kept in
    /// order. Pure: parses text.
    /// </summary>
    public sealed class TestReport
    {
        public List<string> Passed { get; } = new List<string>();

        public List<string> Failed { get; } = new List<string>();

        public List<string> Skipped { get; } = new List<string>();

        /// <summary>Lines that are not a verdict and not the host's own "Done."/"Exiting.".</summary>
        public List<string> OtherOutput { get; } = new List<string>();

        /// <summary>The host printed "Done.": the program ended and every thread with it.</summary>
        public bool Finished { get; private set; }

        /// <summary>Sum of the ticks (100 ns) the passed tests report.</summary>
        public long PassedTicks { get; private set; }

        public int Total
        {
            get { return Passed.Count + Failed.Count + Skipped.Count; }
        }

        public static TestReport Parse(IEnumerable<string> programOutput)
        {
            TestReport report = new TestReport();
            foreach (string raw in programOutput)
            {
                report.Add(raw);
            }

            return report;
        }

        /// <summary>Classifies one line; returns its kind: "passed", "failed", "skipped", "host" or "output".</summary>
        public string Add(string raw)
        {
            string line = raw.TrimEnd('\r', '\n');
            if (line.StartsWith("Test passed,", StringComparison.Ordinal))
            {
                string rest = line.Substring("Test passed,".Length);
                int comma = rest.LastIndexOf(',');
                if (comma > 0 && long.TryParse(rest.AsSpan(comma + 1), out long ticks))
                {
                    PassedTicks += ticks;
                    rest = rest.Substring(0, comma);
                }

                Passed.Add(rest);
                return "passed";
            }

            if (line.StartsWith("Test failed,", StringComparison.Ordinal))
            {
                Failed.Add(line.Substring("Test failed,".Length));
                return "failed";
            }

            if (line.StartsWith("Test skipped,", StringComparison.Ordinal))
            {
                Skipped.Add(line.Substring("Test skipped,".Length));
                return "skipped";
            }

            string trimmed = line.Trim();
            if (trimmed == "Done.")
            {
                Finished = true;
                return "host";
            }

            if (trimmed == "Exiting." || trimmed.Length == 0)
            {
                return "host";
            }

            OtherOutput.Add(line);
            return "output";
        }

        /// <summary>The machine-readable summary line.</summary>
        public static string SummaryLine(int passed, int failed, int skipped)
        {
            return "device tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }
}
