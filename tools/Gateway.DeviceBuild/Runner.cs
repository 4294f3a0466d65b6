using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// The device build, step by step: find the toolchain, read every .nfproj, generate and compile
    /// the SDK projects, convert with the metadata processor, load on nanoCLR, print the size table,
    /// run the device tests. Every problem is collected and the run goes on as far as it can, so one
    /// run shows all of them. One file per step: Runner.Projects.cs (read the .nfproj files),
    /// Runner.Compile.cs (generate, compile), Runner.Convert.cs (metadata processor),
    /// Runner.LoadCheck.cs (nanoCLR), Runner.Tests.cs (device tests), Runner.Sizes.cs (size table,
    /// image against the boards); this file holds the run, the shared state and the helpers.
    /// </summary>
    public sealed partial class Runner
    {
        private const string TestAssemblyName = "NFUnitTest";
        private const string Launcher = "nanoFramework.UnitTestLauncher";
        private const string TestFramework = "nanoFramework.TestFramework";
        private const int MaxErrorLines = 40;

        private readonly Options _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _problems = new List<string>();
        private readonly Dictionary<string, LoadedAssembly> _loaded = new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal);
        private readonly List<ImageTotal> _imageTotals = new List<ImageTotal>();
        private readonly Dictionary<DeviceProject, List<string>> _compileFiles = new Dictionary<DeviceProject, List<string>>();
        private Toolchain _toolchain;
        private string _scratch;
        private List<DeviceProject> _projects = new List<DeviceProject>();
        private int _passed;
        private int _failed;
        private int _skipped;
        private bool _testsRan;
        private bool _generatedChanged;
        private string _analyzer;

        public Runner(Options options)
        {
            _options = options;
        }

        public int Run()
        {
            string repo = _options.RepoRoot;
            _scratch = Path.Combine(repo, "artifacts", "device");
            string results = _options.ResultsFile ?? Path.Combine(_scratch, "results.txt");

            string toolchainRoot = Toolchain.Locate(_options.Toolchain ?? Environment.GetEnvironmentVariable(Toolchain.Variable), repo, File.Exists, out string looked);
            if (toolchainRoot == null)
            {
                if (_options.Ci)
                {
                    Console.WriteLine("device build: FAILED: no nanoFramework toolchain at " + looked + " and CI=true does not allow skipping (set " + Toolchain.Variable + ")");
                    WriteResults(results, "device build: failed (no toolchain)");
                    Console.WriteLine(TestReport.SummaryLine(0, 0, 0));
                    return 1;
                }

                Console.WriteLine("device build skipped: no nanoFramework toolchain at " + looked + " (set " + Toolchain.Variable
                    + "); firmware engineers build the .nfproj projects in Visual Studio 2022 with the .NET nanoFramework extension, solution configuration Device (docs/BUILD.md)");
                WriteResults(results, "device build: skipped (no toolchain)");
                return 0;
            }

            _toolchain = new Toolchain(toolchainRoot);
            Console.WriteLine("device build: toolchain " + toolchainRoot + (_options.Ci ? " (CI: nothing may be skipped)" : string.Empty));
            Directory.CreateDirectory(_scratch);

            if (ReadProjects(repo))
            {
                Generate();
                Compile();
                Convert();
                LoadCheck();
                if (!_options.NoTests)
                {
                    RunTests();
                    ReportEcdhRatio();
                }

                PrintSizes();
            }

            string verdict = _problems.Count == 0 ? "device build: ok" : "device build: FAILED (" + _problems.Count + " problem" + (_problems.Count == 1 ? string.Empty : "s") + ")";
            Step("done");
            if (_problems.Count > 0)
            {
                Console.WriteLine("device build FAILED:");
                foreach (string problem in _problems)
                {
                    Console.WriteLine("  - " + problem);
                }
            }

            WriteResults(results, verdict);
            Console.WriteLine(verdict);
            Console.WriteLine(TestReport.SummaryLine(_passed, _failed, _skipped));
            return _problems.Count == 0 ? 0 : 1;
        }


        // ------------------------------------------------------------------ helpers

        /// <summary>The projects <paramref name="project"/> needs, directly or not, in build order.</summary>
        private List<DeviceProject> Closure(DeviceProject project)
        {
            HashSet<DeviceProject> seen = new HashSet<DeviceProject>();
            Stack<DeviceProject> todo = new Stack<DeviceProject>(project.Dependencies);
            while (todo.Count > 0)
            {
                DeviceProject next = todo.Pop();
                if (seen.Add(next))
                {
                    foreach (DeviceProject dependency in next.Dependencies)
                    {
                        todo.Push(dependency);
                    }
                }
            }

            return _projects.Where(seen.Contains).ToList();
        }

        /// <summary>
        /// The toolchain libraries a set of our assemblies needs, mscorlib first and in dependency order:
        /// what their .nfproj files reference, what the compiled assemblies really reference
        /// (<paramref name="includeCompiled"/>), and what those libraries reference in turn.
        /// </summary>
        private List<LibraryInfo> Libraries(IEnumerable<DeviceProject> set, bool includeCompiled)
        {
            List<DeviceProject> list = set.ToList();
            HashSet<string> ours = new HashSet<string>(_projects.Select(p => p.AssemblyName), StringComparer.Ordinal);
            Dictionary<string, LibraryInfo> found = new Dictionary<string, LibraryInfo>(StringComparer.Ordinal);
            Queue<string> todo = new Queue<string>(list.SelectMany(p => p.Libraries).Select(l => l.Name));
            if (includeCompiled)
            {
                foreach (DeviceProject project in list.Where(p => p.Dll != null && File.Exists(p.Dll)))
                {
                    foreach (string reference in AssemblyIdentity.Read(project.Dll).References.Where(r => !ours.Contains(r)))
                    {
                        todo.Enqueue(reference);
                    }
                }
            }

            todo.Enqueue("mscorlib");
            while (todo.Count > 0)
            {
                string name = todo.Dequeue();
                if (found.ContainsKey(name))
                {
                    continue;
                }

                LibraryInfo library = _toolchain.Library(name);
                if (library == null)
                {
                    lock (_problems)
                    {
                        string message = "an assembly needs " + name + ", which the toolchain does not have";
                        if (!_problems.Contains(message))
                        {
                            _problems.Add(message);
                        }
                    }

                    continue;
                }

                found[name] = library;
                foreach (string reference in library.References)
                {
                    todo.Enqueue(reference);
                }
            }

            return BuildOrder.Sort(
                found.Values.OrderBy(l => l.Name == "mscorlib" ? 0 : 1).ThenBy(l => l.Name, StringComparer.Ordinal),
                l => l.Name,
                l => l.References.Where(found.ContainsKey));
        }

        private static bool WriteIfChanged(string path, string text)
        {
            if (File.Exists(path) && File.ReadAllText(path) == text)
            {
                return false;
            }

            File.WriteAllText(path, text);
            return true;
        }

        /// <summary>The summary for tools/ci/test.sh: the counts line first, then the verdict.</summary>
        private void WriteResults(string path, string verdict)
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(path));
            Directory.CreateDirectory(dir);
            File.WriteAllText(path, TestReport.SummaryLine(_passed, _failed, _skipped) + "\n" + verdict + "\n");
        }

        private string Relative(string path)
        {
            string relative = Path.GetRelativePath(_options.RepoRoot, path);
            return (relative.StartsWith("..", StringComparison.Ordinal) ? path : relative).Replace('\\', '/');
        }

        private static string Count(int count, string noun)
        {
            return count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
        }

        private static string Bytes(long value)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
        }

        private void Step(string text)
        {
            Console.WriteLine("[" + _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6) + "s] " + text);
        }

        private static void Detail(string text)
        {
            Console.WriteLine("          " + text);
        }

        private void Problem(string text)
        {
            lock (_problems)
            {
                _problems.Add(text);
            }
        }
    }
}
