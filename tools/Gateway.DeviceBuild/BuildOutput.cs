using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// The diagnostics of one `dotnet build` of the generated projects, from its console lines
    /// (`file(line,col): error CODE: text [project]`). MSBuild prints a diagnostic once per project
    /// that reports it; each is kept once. Pure: reads lines.
    /// </summary>
    public sealed class BuildOutput
    {
        private static readonly Regex Diagnostic = new Regex(@"^\s*(?<file>.*?)(\((?<pos>\d+,\d+)\))?\s*:\s*(?<kind>error|warning)\s+(?<code>[A-Z]+\d+)\s*:\s*(?<text>.*?)(\s+\[(?<project>[^\]]+)\])?\s*$", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, int> _errorsPerProject = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        private BuildOutput()
        {
        }

        /// <summary>`[project] file(pos): error CODE: text`, in the order MSBuild printed them.</summary>
        public List<string> Errors { get; } = new List<string>();

        /// <summary>`file(pos): warning CODE: text`, each once.</summary>
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>The codes of every error and warning kept, in order (e.g. "CS0246", "NF1002").</summary>
        public List<string> Codes { get; } = new List<string>();

        /// <summary>
        /// Reads the build's lines; <paramref name="relative"/> turns a file path into the one shown
        /// (repository-relative).
        /// </summary>
        public static BuildOutput Parse(IEnumerable<string> lines, Func<string, string> relative)
        {
            BuildOutput output = new BuildOutput();
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in lines)
            {
                Match m = Diagnostic.Match(line);
                if (!m.Success)
                {
                    continue;
                }

                string project = m.Groups["project"].Success ? Path.GetFileNameWithoutExtension(m.Groups["project"].Value) : string.Empty;
                string file = m.Groups["file"].Value.Trim();
                string text = (file.Length > 0 ? relative(file) : project) + (m.Groups["pos"].Success ? "(" + m.Groups["pos"].Value + ")" : string.Empty)
                    + ": " + m.Groups["kind"].Value + " " + m.Groups["code"].Value + ": " + m.Groups["text"].Value;
                if (!seen.Add(text))
                {
                    continue;
                }

                output.Codes.Add(m.Groups["code"].Value);
                if (m.Groups["kind"].Value == "error")
                {
                    output.Errors.Add((project.Length > 0 ? "[" + project + "] " : string.Empty) + text);
                    output._errorsPerProject[project] = output._errorsPerProject.GetValueOrDefault(project) + 1;
                }
                else
                {
                    output.Warnings.Add(text);
                }
            }

            return output;
        }

        /// <summary>Errors reported for the project file named <paramref name="projectName"/> (without extension).</summary>
        public int ErrorsOf(string projectName)
        {
            return _errorsPerProject.GetValueOrDefault(projectName);
        }

        /// <summary>How many kept diagnostics have a code that starts with <paramref name="prefix"/> ("NF": the language rules).</summary>
        public int CountCodes(string prefix)
        {
            int count = 0;
            foreach (string code in Codes)
            {
                if (code.StartsWith(prefix, StringComparison.Ordinal))
                {
                    count++;
                }
            }

            return count;
        }
    }
}
