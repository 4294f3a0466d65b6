using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.DeviceBuild
{
    /// <summary>One assembly in nanoCLR's load report.</summary>
    public sealed class LoadedAssembly
    {
        public string Name { get; set; }

        public string Version { get; set; }

        public long Ram { get; set; }

        /// <summary>ROM bytes: the size of the .pe image.</summary>
        public long Rom { get; set; }

        public long Metadata { get; set; }

        /// <summary>The string table ("Strings = N bytes"); the .pe format allows 65,535 bytes.</summary>
        public long Strings { get; set; } = -1;

        /// <summary>The byte code ("ByteCode = N bytes"); the .pe format allows 65,535 bytes.</summary>
        public long ByteCode { get; set; } = -1;
    }

    /// <summary>
    /// What nanoCLR prints before it runs anything: one block per assembly
    /// ("Assembly: X (1.2.3.4)   (N RAM - N ROM - N METADATA)" followed by the table sizes, among them
    /// "Strings = N bytes" and "ByteCode = N bytes"), then "Resolving.", a total, and "Ready." when
    /// every reference resolved, or "Link failure: ..." with one "needs assembly" line per missing
    /// reference. Everything after "Ready." is the program's output. Pure: parses text.
    /// </summary>
    public sealed class LoadReport
    {
        private static readonly Regex AssemblyLine = new Regex(@"^\s*Assembly: (\S+) \(([0-9.]+)\)\s+\((\d+) RAM - (\d+) ROM - (\d+) METADATA\)\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex TableLine = new Regex(@"^\s*(Strings|ByteCode)\s*=\s*(\d+) bytes", RegexOptions.CultureInvariant);

        public List<LoadedAssembly> Assemblies { get; } = new List<LoadedAssembly>();

        /// <summary>"Ready.": every assembly loaded and every reference resolved.</summary>
        public bool Ready { get; private set; }

        public bool LinkFailure { get; private set; }

        /// <summary>The lines that explain a failed load ("Link failure ...", "... needs assembly ...", "Error: ...", anything with "fail" before "Ready.").</summary>
        public List<string> Problems { get; } = new List<string>();

        /// <summary>The program's output: the lines after "Ready.".</summary>
        public List<string> ProgramOutput { get; } = new List<string>();

        public static LoadReport Parse(IEnumerable<string> lines)
        {
            LoadReport report = new LoadReport();
            LoadedAssembly current = null;
            foreach (string raw in lines)
            {
                string line = raw.TrimEnd('\r', '\n');
                if (report.Ready)
                {
                    report.ProgramOutput.Add(line);
                    continue;
                }

                string trimmed = line.Trim();
                Match assembly = AssemblyLine.Match(line);
                if (assembly.Success)
                {
                    current = new LoadedAssembly
                    {
                        Name = assembly.Groups[1].Value,
                        Version = assembly.Groups[2].Value,
                        Ram = Number(assembly.Groups[3].Value),
                        Rom = Number(assembly.Groups[4].Value),
                        Metadata = Number(assembly.Groups[5].Value),
                    };
                    report.Assemblies.Add(current);
                    continue;
                }

                Match table = TableLine.Match(line);
                if (table.Success)
                {
                    if (current != null)
                    {
                        if (table.Groups[1].Value == "Strings")
                        {
                            current.Strings = Number(table.Groups[2].Value);
                        }
                        else
                        {
                            current.ByteCode = Number(table.Groups[2].Value);
                        }
                    }

                    continue;
                }

                if (trimmed == "Ready.")
                {
                    report.Ready = true;
                    continue;
                }

                if (trimmed.StartsWith("Total:", StringComparison.Ordinal) || trimmed == "Resolving." || trimmed.StartsWith("Loading ", StringComparison.Ordinal))
                {
                    // The totals (and anything after them) belong to no assembly.
                    current = null;
                    continue;
                }

                if (trimmed.StartsWith("Loaded:", StringComparison.Ordinal))
                {
                    continue;
                }

                if (trimmed.Contains("Link failure", StringComparison.Ordinal))
                {
                    report.LinkFailure = true;
                    report.Problems.Add(trimmed);
                }
                else if (trimmed.Contains("needs assembly", StringComparison.Ordinal)
                    || trimmed.StartsWith("Error:", StringComparison.Ordinal)
                    || trimmed.Contains("fail", StringComparison.OrdinalIgnoreCase)
                    || trimmed.Contains("Cannot", StringComparison.Ordinal))
                {
                    report.Problems.Add(trimmed);
                }
            }

            return report;
        }

        public LoadedAssembly Find(string name)
        {
            return Assemblies.Find(a => a.Name == name);
        }

        private static long Number(string text)
        {
            return long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }
}
