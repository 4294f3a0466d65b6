using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// The device build, step by step: find the toolchain, read every .nfproj, generate and compile
    /// the SDK projects, convert with the metadata processor, load on nanoCLR, print the size table,
    /// run the device tests. Every problem is collected and the run goes on as far as it can, so one
    /// run shows all of them.
    /// </summary>
    public sealed class Runner
    {
        private const string TestAssemblyName = "NFUnitTest";
        private const string Launcher = "nanoFramework.UnitTestLauncher";
        private const string TestFramework = "nanoFramework.TestFramework";
        private const int MaxErrorLines = 40;

        private static readonly Regex MsBuildDiagnostic = new Regex(@"^\s*(?<file>.*?)(\((?<pos>\d+,\d+)\))?\s*:\s*(?<kind>error|warning)\s+(?<code>[A-Z]+\d+)\s*:\s*(?<text>.*?)(\s+\[(?<project>[^\]]+)\])?\s*$", RegexOptions.CultureInvariant);

        private readonly Options _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _problems = new List<string>();
        private readonly Dictionary<string, LoadedAssembly> _loaded = new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal);
        private readonly List<string> _imageTotals = new List<string>();
        private Toolchain _toolchain;
        private string _scratch;
        private List<DeviceProject> _projects = new List<DeviceProject>();
        private int _passed;
        private int _failed;
        private int _skipped;
        private bool _testsRan;

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

        // ------------------------------------------------------------------ 1. projects

        private bool ReadProjects(string repo)
        {
            Step("projects: every .nfproj under firmware/ and tests/");
            Dictionary<string, NfprojFile> byPath = new Dictionary<string, NfprojFile>(StringComparer.Ordinal);
            Queue<string> todo = new Queue<string>(FindNfprojs(repo));
            while (todo.Count > 0)
            {
                string path = todo.Dequeue();
                if (byPath.ContainsKey(path))
                {
                    continue;
                }

                NfprojFile nfproj;
                try
                {
                    nfproj = NfprojFile.Load(path);
                }
                catch (DeviceBuildException e)
                {
                    Problem(e.Message);
                    continue;
                }

                byPath[path] = nfproj;
                foreach (string reference in nfproj.ProjectReferences)
                {
                    if (!reference.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase))
                    {
                        Problem(Relative(path) + ": ProjectReference to " + Relative(reference) + ", which is not an .nfproj (a device assembly can reference only device projects)");
                    }
                    else if (!File.Exists(reference))
                    {
                        Problem(Relative(path) + ": ProjectReference to " + Relative(reference) + ", which does not exist");
                    }
                    else
                    {
                        todo.Enqueue(reference);
                    }
                }
            }

            if (byPath.Count == 0)
            {
                Problem("no .nfproj under firmware/ or tests/");
                return false;
            }

            List<DeviceProject> projects = new List<DeviceProject>();
            HashSet<string> folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (NfprojFile nfproj in byPath.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                string assemblyName = nfproj.AssemblyName;
                if (nfproj.IsTestProject && assemblyName != TestAssemblyName)
                {
                    Detail("note: " + Relative(nfproj.Path) + " has AssemblyName " + assemblyName + "; built as " + TestAssemblyName + ", the name the UnitTestLauncher loads (set <AssemblyName>" + TestAssemblyName + "</AssemblyName>)");
                    assemblyName = TestAssemblyName;
                }

                DeviceProject project = new DeviceProject(nfproj, assemblyName) { RelativePath = Relative(nfproj.Path) };
                string folderName = folders.Add(nfproj.ProjectName) ? nfproj.ProjectName : nfproj.ProjectName + "-" + folders.Count.ToString(CultureInfo.InvariantCulture);
                folders.Add(folderName);
                project.Folder = Path.Combine(_scratch, folderName);
                project.Csproj = Path.Combine(project.Folder, folderName + ".csproj");
                projects.Add(project);

                foreach (string ignored in nfproj.IgnoredItems)
                {
                    Detail("warning: " + project.RelativePath + ": " + ignored + " is not carried into the device build");
                }

                CheckCompileFiles(project);
                CheckReferences(project);
            }

            // Two assemblies of the same name cannot load together; test projects load one at a time.
            foreach (IGrouping<string, DeviceProject> same in projects.Where(p => !p.IsTest).GroupBy(p => p.AssemblyName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Problem("assembly name " + same.Key + " is used by " + string.Join(" and ", same.Select(p => p.RelativePath)));
            }

            Dictionary<string, DeviceProject> byFile = projects.ToDictionary(p => p.Nfproj.Path, StringComparer.Ordinal);
            try
            {
                _projects = BuildOrder.Sort(
                    projects,
                    p => p.AssemblyName + (p.IsTest ? " (" + p.RelativePath + ")" : string.Empty),
                    p => p.Nfproj.ProjectReferences.Where(byFile.ContainsKey).Select(r => byFile[r]).Select(d => d.AssemblyName + (d.IsTest ? " (" + d.RelativePath + ")" : string.Empty)));
            }
            catch (DeviceBuildException e)
            {
                Problem(e.Message);
                return false;
            }

            foreach (DeviceProject project in _projects)
            {
                foreach (string reference in project.Nfproj.ProjectReferences.Where(byFile.ContainsKey))
                {
                    project.Dependencies.Add(byFile[reference]);
                }

                project.Dependencies.Sort((a, b) => _projects.IndexOf(a).CompareTo(_projects.IndexOf(b)));
                string kind = project.IsTest ? "tests" : project.IsExe ? "Exe" : "Library";
                Detail(project.AssemblyName.PadRight(Math.Max(30, project.AssemblyName.Length)) + " " + kind.PadRight(7) + " " + project.Nfproj.CompileFiles.Count.ToString(CultureInfo.InvariantCulture).PadLeft(4) + " files  "
                    + project.RelativePath
                    + (project.Dependencies.Count > 0 ? "  -> " + string.Join(", ", project.Dependencies.Select(d => d.AssemblyName)) : string.Empty));
                if (project.IsTest && Closure(project).Any(d => d.IsExe))
                {
                    Problem(project.RelativePath + " references the Exe " + Closure(project).First(d => d.IsExe).AssemblyName
                        + ": nanoCLR would start its Main instead of the UnitTestLauncher's (docs/BUILD.md); test the libraries instead");
                }
            }

            // Project files that cannot be read, compiled or resolved: building would only add noise.
            return _problems.Count == 0;
        }

        private static List<string> FindNfprojs(string repo)
        {
            List<string> result = new List<string>();
            foreach (string top in new[] { "firmware", "tests" })
            {
                string dir = Path.Combine(repo, top);
                if (Directory.Exists(dir))
                {
                    Walk(dir, result);
                }
            }

            result.Sort(StringComparer.Ordinal);
            return result;
        }

        private static void Walk(string dir, List<string> result)
        {
            result.AddRange(Directory.GetFiles(dir, "*.nfproj"));
            foreach (string sub in Directory.GetDirectories(dir))
            {
                string name = Path.GetFileName(sub);
                if (name == "bin" || name == "obj" || name.StartsWith('.'))
                {
                    continue;
                }

                Walk(sub, result);
            }
        }

        private void CheckCompileFiles(DeviceProject project)
        {
            List<string> resolved = new List<string>();
            foreach (string file in project.Nfproj.CompileFiles)
            {
                if (File.Exists(file))
                {
                    resolved.Add(file);
                    continue;
                }

                // Visual Studio resolves names case-insensitively (Windows); say so instead of failing obscurely.
                string dir = Path.GetDirectoryName(file);
                string match = Directory.Exists(dir) ? Directory.GetFiles(dir).FirstOrDefault(f => string.Equals(f, file, StringComparison.OrdinalIgnoreCase)) : null;
                if (match != null)
                {
                    Detail("warning: " + project.RelativePath + ": Compile item " + Relative(file) + " is " + Path.GetFileName(match) + " on disk (case differs)");
                    resolved.Add(match);
                }
                else
                {
                    Problem(project.RelativePath + ": Compile item " + Relative(file) + " does not exist (tools/sync-nfproj.sh " + project.RelativePath + ")");
                }
            }

            _compileFiles[project] = resolved;
        }

        private readonly Dictionary<DeviceProject, List<string>> _compileFiles = new Dictionary<DeviceProject, List<string>>();

        private void CheckReferences(DeviceProject project)
        {
            foreach (NfprojReference reference in project.Nfproj.References)
            {
                LibraryInfo library = _toolchain.Library(reference.Name);
                if (library == null)
                {
                    Problem(project.RelativePath + " references " + reference.Name + ", which the toolchain does not have (" + Relative(Path.Combine(_toolchain.Lib, reference.Name + ".dll")) + ")");
                    continue;
                }

                string mismatch = VersionCheck.Check(project.RelativePath, reference.Name, reference.Version, library.Version, Relative(library.Dll));
                if (mismatch != null)
                {
                    Problem(mismatch);
                }

                if (!File.Exists(library.Pe))
                {
                    Problem("the toolchain has " + Relative(library.Dll) + " but no " + Path.GetFileName(library.Pe));
                }

                project.Libraries.Add(library);
            }

            if (project.Libraries.All(l => l.Name != "mscorlib"))
            {
                project.Libraries.Insert(0, _toolchain.Library("mscorlib"));
            }
        }

        // ------------------------------------------------------------------ 2. generate

        private void Generate()
        {
            int written = 0;
            foreach (DeviceProject project in _projects)
            {
                Directory.CreateDirectory(project.Folder);
                string text = ProjectGenerator.Generate(
                    project.RelativePath,
                    _toolchain.Props,
                    project.AssemblyName,
                    project.IsExe ? "Exe" : "Library",
                    project.Nfproj.LangVersion,
                    _compileFiles[project],
                    project.Libraries.Where(l => l.Name != "mscorlib").Select(l => new KeyValuePair<string, string>(l.Name, l.Dll)),
                    project.Dependencies.Select(d => Path.GetRelativePath(project.Folder, d.Csproj)));
                written += WriteIfChanged(project.Csproj, text) ? 1 : 0;
            }

            // The repository's Directory.Build.props (host settings: warnings as errors, LangVersion latest) must not apply here.
            WriteIfChanged(Path.Combine(_scratch, "Directory.Build.props"), "<Project>\n  <!-- Generated by tools/Gateway.DeviceBuild: the device projects take their settings from nf.props only. -->\n</Project>\n");
            WriteIfChanged(Path.Combine(_scratch, "Directory.Build.targets"), "<Project />\n");
            written += WriteIfChanged(SolutionPath, ProjectGenerator.Solution(_projects.Select(p => Path.GetRelativePath(_scratch, p.Csproj).Replace('\\', '/')))) ? 1 : 0;
            _generatedChanged = written > 0;
            Step("generate: " + Relative(_scratch) + "/ (" + _projects.Count + " projects, " + written + " file" + (written == 1 ? string.Empty : "s") + " changed)");
        }

        private bool _generatedChanged;

        private string SolutionPath
        {
            get { return Path.Combine(_scratch, "DeviceBuild.slnx"); }
        }

        // ------------------------------------------------------------------ 3. compile

        private void Compile()
        {
            foreach (DeviceProject project in _projects)
            {
                File.Delete(Path.Combine(project.Folder, ProjectGenerator.BuiltMarker));
            }

            bool restored = !_generatedChanged && _projects.All(p => File.Exists(Path.Combine(p.Folder, "obj", "project.assets.json")));
            List<string> arguments = new List<string> { "build", SolutionPath, "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary" };
            if (restored)
            {
                arguments.Add("--no-restore");
            }

            Step("compile: dotnet build -c Release (" + _projects.Count + " projects" + (restored ? ", no restore needed" : string.Empty) + ")");
            ProcessResult build = ProcessRunner.Run("dotnet", arguments, _scratch, TimeSpan.FromMinutes(20), null);
            File.WriteAllLines(Path.Combine(_scratch, "build.log"), build.Lines);

            // MSBuild prints each diagnostic once per project that reports it; keep the first.
            List<string> errors = new List<string>();
            HashSet<string> warnings = new HashSet<string>(StringComparer.Ordinal);
            Dictionary<string, int> errorsPerProject = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string line in build.Lines)
            {
                Match m = MsBuildDiagnostic.Match(line);
                if (!m.Success)
                {
                    continue;
                }

                string project = m.Groups["project"].Success ? Path.GetFileNameWithoutExtension(m.Groups["project"].Value) : string.Empty;
                string file = m.Groups["file"].Value.Trim();
                string text = (file.Length > 0 ? Relative(file) : project) + (m.Groups["pos"].Success ? "(" + m.Groups["pos"].Value + ")" : string.Empty)
                    + ": " + m.Groups["kind"].Value + " " + m.Groups["code"].Value + ": " + m.Groups["text"].Value;
                if (!seen.Add(text))
                {
                    continue;
                }

                if (m.Groups["kind"].Value == "error")
                {
                    errors.Add((project.Length > 0 ? "[" + project + "] " : string.Empty) + text);
                    errorsPerProject[project] = errorsPerProject.GetValueOrDefault(project) + 1;
                }
                else
                {
                    warnings.Add(text);
                }
            }

            foreach (DeviceProject project in _projects)
            {
                string marker = Path.Combine(project.Folder, ProjectGenerator.BuiltMarker);
                if (File.Exists(marker))
                {
                    project.State = ProjectState.Compiled;
                    project.Dll = File.ReadAllText(marker).Trim();
                    project.Pe = Path.ChangeExtension(project.Dll, ".pe");
                }
                else if (project.Dependencies.Any(d => d.State != ProjectState.Compiled))
                {
                    project.State = ProjectState.NotBuilt;
                    project.Note = "not built: needs " + string.Join(", ", project.Dependencies.Where(d => d.State != ProjectState.Compiled).Select(d => d.AssemblyName));
                }
                else
                {
                    project.State = ProjectState.CompileFailed;
                    int count = errorsPerProject.GetValueOrDefault(Path.GetFileNameWithoutExtension(project.Csproj));
                    project.Note = "compile failed (" + count + " error" + (count == 1 ? string.Empty : "s") + ")";
                    Problem(project.AssemblyName + ": " + project.Note + ", see above or " + Relative(Path.Combine(_scratch, "build.log")));
                }
            }

            foreach (string error in errors.Take(MaxErrorLines))
            {
                Detail(error);
            }

            if (errors.Count > MaxErrorLines)
            {
                Detail("... and " + (errors.Count - MaxErrorLines) + " more errors in " + Relative(Path.Combine(_scratch, "build.log")));
            }

            if (_options.Verbose)
            {
                foreach (string warning in warnings)
                {
                    Detail(warning);
                }
            }

            if (build.ExitCode != 0 && errors.Count == 0)
            {
                foreach (string line in build.Lines.Where(l => l.Trim().Length > 0).TakeLast(15))
                {
                    Detail(line);
                }

                if (_projects.All(p => p.State == ProjectState.Compiled))
                {
                    Problem("dotnet build failed (exit code " + build.ExitCode + "), see " + Relative(Path.Combine(_scratch, "build.log")));
                }
            }

            Detail("compiled " + _projects.Count(p => p.State == ProjectState.Compiled) + " of " + _projects.Count + " projects"
                + (warnings.Count > 0 ? ", " + warnings.Count + " warning" + (warnings.Count == 1 ? string.Empty : "s") + (_options.Verbose ? string.Empty : " (--verbose shows them)") : string.Empty));
            foreach (DeviceProject project in _projects.Where(p => p.State != ProjectState.Compiled))
            {
                Detail(project.AssemblyName + ": " + project.Note);
            }
        }

        // ------------------------------------------------------------------ 4. convert

        private void Convert()
        {
            List<DeviceProject> compiled = _projects.Where(p => p.State == ProjectState.Compiled).ToList();
            if (compiled.Count == 0)
            {
                return;
            }

            Step("convert: metadata processor -> .pe (" + compiled.Count + " assemblies)");
            Dictionary<DeviceProject, string> outcome = new Dictionary<DeviceProject, string>();
            ParallelOptions parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
            Parallel.ForEach(compiled, parallel, project =>
            {
                string result = ConvertOne(project);
                lock (outcome)
                {
                    outcome[project] = result;
                }
            });

            foreach (DeviceProject project in compiled)
            {
                string result = outcome[project];
                if (project.State == ProjectState.Converted)
                {
                    Detail(project.AssemblyName + ": " + result);
                }
                else
                {
                    project.Note = "no .pe: " + MdpOutput.ShortReason(project.ConvertError);
                    Detail(project.AssemblyName + ": FAILED " + result);
                    Problem(project.AssemblyName + ": the metadata processor failed: " + project.ConvertError);
                }
            }
        }

        /// <summary>Runs the processor on one assembly unless its .pe is up to date; sets the state and returns what happened.</summary>
        private string ConvertOne(DeviceProject project)
        {
            List<KeyValuePair<string, string>> hints = LoadHints(project);
            string stampFile = project.Pe + ".stamp";
            string failedFile = project.Pe + ".failed";
            string stamp = Stamp(project.Dll, hints);
            if (File.Exists(project.Pe) && File.Exists(stampFile) && File.ReadAllText(stampFile) == stamp)
            {
                project.State = ProjectState.Converted;
                return Bytes(new FileInfo(project.Pe).Length) + " (up to date)";
            }

            // The processor is deterministic: the same inputs fail the same way, so a failure is remembered too.
            if (File.Exists(failedFile))
            {
                string[] failed = File.ReadAllLines(failedFile);
                if (failed.Length == 2 && failed[0] == stamp)
                {
                    project.State = ProjectState.ConvertFailed;
                    project.ConvertError = failed[1];
                    return failed[1] + " (same inputs as the last run)";
                }
            }

            File.Delete(stampFile);
            File.Delete(failedFile);
            File.Delete(project.Pe);
            List<string> arguments = new List<string> { _toolchain.MetadataProcessor };
            foreach (KeyValuePair<string, string> hint in hints)
            {
                arguments.Add("-loadhints");
                arguments.Add(hint.Key);
                arguments.Add(hint.Value);
            }

            arguments.AddRange(new[] { "-parse", project.Dll, "-compile", project.Pe, "false" });
            Stopwatch clock = Stopwatch.StartNew();
            ProcessResult mdp = ProcessRunner.Run("dotnet", arguments, Path.GetDirectoryName(project.Dll), TimeSpan.FromMinutes(10), null);
            File.WriteAllLines(Path.Combine(project.Folder, "mdp.log"), mdp.Lines);
            if (mdp.ExitCode != 0 || mdp.TimedOut || !File.Exists(project.Pe) || new FileInfo(project.Pe).Length == 0)
            {
                // On "String table overflow" / "Byte code table overflow" it exits 134 and leaves a truncated .pe.
                File.Delete(project.Pe);
                project.State = ProjectState.ConvertFailed;
                string error = (mdp.TimedOut ? "timed out" : "exit code " + mdp.ExitCode) + ": " + MdpOutput.ErrorLine(mdp.Text);
                if (!mdp.TimedOut)
                {
                    File.WriteAllLines(failedFile, new[] { stamp, error });
                }

                project.ConvertError = error;

                return error;
            }

            File.WriteAllText(stampFile, stamp);
            project.State = ProjectState.Converted;
            return Bytes(new FileInfo(project.Pe).Length) + " (" + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s)";
        }

        /// <summary>-loadhints for every assembly the processor may have to resolve: our closure and every library any of it references.</summary>
        private List<KeyValuePair<string, string>> LoadHints(DeviceProject project)
        {
            List<DeviceProject> ours = Closure(project);
            List<KeyValuePair<string, string>> hints = new List<KeyValuePair<string, string>>();
            foreach (LibraryInfo library in Libraries(ours.Append(project), includeCompiled: false))
            {
                hints.Add(new KeyValuePair<string, string>(library.Name, library.Dll));
            }

            foreach (DeviceProject dependency in ours)
            {
                hints.Add(new KeyValuePair<string, string>(dependency.AssemblyName, dependency.Dll));
            }

            return hints;
        }

        private string Stamp(string dll, List<KeyValuePair<string, string>> hints)
        {
            using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(File.ReadAllBytes(dll));
            FileInfo mdp = new FileInfo(_toolchain.MetadataProcessor);
            hash.AppendData(Encoding.UTF8.GetBytes(mdp.FullName + "|" + mdp.Length + "|" + mdp.LastWriteTimeUtc.Ticks));
            foreach (KeyValuePair<string, string> hint in hints)
            {
                hash.AppendData(Encoding.UTF8.GetBytes("|" + hint.Key + "|" + hint.Value + "|"));
                hash.AppendData(File.ReadAllBytes(hint.Value));
            }

            return System.Convert.ToHexString(hash.GetHashAndReset());
        }

        // ------------------------------------------------------------------ 5. load check

        /// <summary>
        /// Loads every non-test assembly on nanoCLR with the libraries it needs. nanoCLR prints its load
        /// report, resolves, prints "Ready." and then starts the Exe's Main (Gateway.Firmware's tries
        /// Bluetooth and Wi-Fi, which have no natives here, and Device.Bluetooth's watcher thread keeps the
        /// process alive), so the run is stopped at "Ready.": the load check judges resolution only.
        /// One run per Exe (its closure), and one for libraries no Exe loads.
        /// </summary>
        private void LoadCheck()
        {
            List<DeviceProject> devices = _projects.Where(p => !p.IsTest).ToList();
            if (devices.Count == 0)
            {
                return;
            }

            List<List<DeviceProject>> runs = new List<List<DeviceProject>>();
            HashSet<DeviceProject> covered = new HashSet<DeviceProject>();
            foreach (DeviceProject exe in devices.Where(p => p.IsExe))
            {
                List<DeviceProject> set = Closure(exe).Append(exe).ToList();
                runs.Add(set);
                covered.UnionWith(set);
            }

            List<DeviceProject> rest = devices.Where(p => !covered.Contains(p)).ToList();
            if (rest.Count > 0)
            {
                runs.Add(rest.SelectMany(p => Closure(p).Append(p)).Distinct().OrderBy(p => _projects.IndexOf(p)).ToList());
            }

            foreach (List<DeviceProject> set in runs)
            {
                DeviceProject exe = set.FirstOrDefault(p => p.IsExe);
                string name = exe != null ? exe.AssemblyName : "libraries";
                List<DeviceProject> missing = set.Where(p => p.State != ProjectState.Converted).ToList();
                if (missing.Count > 0)
                {
                    Step("load check (" + name + "): skipped, no .pe for " + string.Join(", ", missing.Select(p => p.AssemblyName)));
                    continue;
                }

                List<LibraryInfo> libraries = Libraries(set, includeCompiled: true);
                List<string> pes = libraries.Select(l => l.Pe).Concat(set.Select(p => p.Pe)).ToList();
                Step("load check (" + name + "): nanoCLR loads " + libraries.Count + " nanoFramework + " + set.Count + " of our assemblies, stopped at \"Ready.\"");
                LoadReport report = RunNanoClr("load-" + name, pes, TimeSpan.FromSeconds(_options.LoadTimeoutSeconds), stopAtReady: true, onProgramLine: null, out ProcessResult run);
                Remember(report);
                JudgeLoad(name, report, run);

                long ours = set.Sum(p => new FileInfo(p.Pe).Length);
                long theirs = libraries.Sum(l => new FileInfo(l.Pe).Length);
                _imageTotals.Add("  " + (exe != null ? "firmware image (" + exe.AssemblyName + ")" : "libraries without an Exe") + ": "
                    + Bytes(ours + theirs) + " of .pe = ours " + Bytes(ours) + " in " + set.Count + (set.Count == 1 ? " assembly" : " assemblies") + " + nanoFramework " + Bytes(theirs) + " in " + libraries.Count + (libraries.Count == 1 ? " library" : " libraries") + " ("
                    + string.Join(", ", libraries.Select(l => l.Name)) + ")");
            }
        }

        private void JudgeLoad(string name, LoadReport report, ProcessResult run)
        {
            if (report.LinkFailure || report.Problems.Any(p => p.Contains("needs assembly", StringComparison.Ordinal)))
            {
                foreach (string line in report.Problems)
                {
                    Detail(line);
                }

                Problem(name + ": nanoCLR link failure (" + string.Join("; ", report.Problems.Where(p => p.Contains("needs assembly", StringComparison.Ordinal))) + ")");
            }
            else if (!report.Ready)
            {
                foreach (string line in run.Lines.TakeLast(10))
                {
                    Detail(line);
                }

                Problem(name + ": nanoCLR did not get to \"Ready.\" (" + (run.TimedOut ? "timed out" : "exit code " + run.ExitCode) + ")");
            }
            else
            {
                Detail("resolved: " + report.Assemblies.Count + " assemblies, no link failure");
            }
        }

        // ------------------------------------------------------------------ 6. tests

        private void RunTests()
        {
            List<DeviceProject> tests = _projects.Where(p => p.IsTest).ToList();
            if (tests.Count == 0)
            {
                Problem("no device test project (an .nfproj that references nanoFramework.TestFramework)");
                return;
            }

            foreach (DeviceProject test in tests)
            {
                List<DeviceProject> set = Closure(test).Append(test).ToList();
                List<DeviceProject> missing = set.Where(p => p.State != ProjectState.Converted).ToList();
                if (missing.Count > 0)
                {
                    Step("device tests (" + test.RelativePath + "): not run, no .pe for " + string.Join(", ", missing.Select(p => p.AssemblyName)));
                    continue;
                }

                // The launcher and the framework come first whatever the project lists (the launcher is an Exe
                // in the package; the toolchain has it as lib/nanoFramework.UnitTestLauncher.dll/.pe).
                List<LibraryInfo> libraries = Libraries(set, includeCompiled: true);
                foreach (string required in new[] { TestFramework, Launcher })
                {
                    if (libraries.All(l => l.Name != required))
                    {
                        LibraryInfo library = _toolchain.Library(required);
                        if (library == null)
                        {
                            Problem("the toolchain has no " + required + ".dll");
                            return;
                        }

                        libraries.Insert(1, library);
                    }
                }

                List<LibraryInfo> ordered = libraries.Where(l => l.Name == "mscorlib")
                    .Concat(libraries.Where(l => l.Name == Launcher))
                    .Concat(libraries.Where(l => l.Name == TestFramework))
                    .Concat(libraries.Where(l => l.Name != "mscorlib" && l.Name != Launcher && l.Name != TestFramework))
                    .ToList();
                List<string> pes = ordered.Select(l => l.Pe).Concat(set.Select(p => p.Pe)).ToList();
                Step("device tests (" + test.RelativePath + "): nanoCLR runs " + test.AssemblyName + " through the UnitTestLauncher (time limit " + _options.TestTimeoutSeconds + " s)");

                TestReport tally = new TestReport();
                LoadReport report = RunNanoClr("tests-" + Path.GetFileName(test.Folder), pes, TimeSpan.FromSeconds(_options.TestTimeoutSeconds), stopAtReady: false, line =>
                {
                    string kind = tally.Add(line);
                    if (kind == "failed" || kind == "skipped" || kind == "output" || (kind == "passed" && _options.Verbose))
                    {
                        Detail(line);
                    }
                }, out ProcessResult run);
                Remember(report);
                _testsRan = true;
                _passed += tally.Passed.Count;
                _failed += tally.Failed.Count;
                _skipped += tally.Skipped.Count;

                string name = test.AssemblyName + " (" + test.RelativePath + ")";
                if (!report.Ready)
                {
                    JudgeLoad(name, report, run);
                }
                else if (run.TimedOut)
                {
                    Problem(name + ": the test run did not finish within " + _options.TestTimeoutSeconds + " s (--test-timeout)"
                        + (Libraries(set, includeCompiled: true).Any(l => l.Name == "nanoFramework.Device.Bluetooth") ? "; nanoFramework.Device.Bluetooth is loaded and its watcher thread never ends" : string.Empty));
                }
                else if (!tally.Finished)
                {
                    Problem(name + ": nanoCLR ended without \"Done.\" (exit code " + run.ExitCode + "): it crashed; see " + Relative(Path.Combine(_scratch, "nanoclr-tests-" + Path.GetFileName(test.Folder) + ".log")));
                }

                Detail(tally.Passed.Count + " passed, " + tally.Failed.Count + " failed, " + tally.Skipped.Count + " skipped; interpreter time of the passed tests "
                    + (tally.PassedTicks / 10000.0).ToString("0", CultureInfo.InvariantCulture) + " ms (x86 nanoCLR, not device time)");
                if (tally.Failed.Count > 0)
                {
                    Problem(tally.Failed.Count + " device test" + (tally.Failed.Count == 1 ? string.Empty : "s") + " failed: " + string.Join("; ", tally.Failed.Select(f => f.Split(',')[0])));
                }

                if (tally.Skipped.Count > 0 && _options.Ci)
                {
                    Problem(tally.Skipped.Count + " device test" + (tally.Skipped.Count == 1 ? string.Empty : "s") + " skipped (CI=true: a skipped device test is a failure)");
                }

                if (tally.Total == 0 && report.Ready)
                {
                    Problem(name + ": no test ran");
                }
            }

            if (!_testsRan && _problems.Count == 0)
            {
                Problem("no device test ran");
            }
        }

        // ------------------------------------------------------------------ 7. sizes

        private void PrintSizes()
        {
            Step("sizes: our assemblies against the .pe limits (65,535 bytes of strings, 65,535 of byte code)");
            List<SizeRow> rows = new List<SizeRow>();
            foreach (DeviceProject project in _projects)
            {
                SizeRow row = new SizeRow { Assembly = project.AssemblyName + (project.IsTest ? " (tests)" : string.Empty) };
                if (project.State == ProjectState.Converted)
                {
                    row.PeBytes = new FileInfo(project.Pe).Length;
                    if (_loaded.TryGetValue(project.AssemblyName + "|" + project.Pe, out LoadedAssembly loaded))
                    {
                        row.Strings = loaded.Strings;
                        row.ByteCode = loaded.ByteCode;
                    }
                    else
                    {
                        row.Note = project.IsTest && _options.NoTests ? "not loaded (--no-tests)" : "not loaded";
                    }
                }
                else
                {
                    row.Note = project.Note;
                }

                rows.Add(row);
                if (SizeTable.OverBudget(row))
                {
                    Problem(project.AssemblyName + " is over the budget of " + SizeTable.Budget.ToString("N0", CultureInfo.InvariantCulture) + " bytes (75 % of the .pe limit): strings "
                        + row.Strings.ToString("N0", CultureInfo.InvariantCulture) + ", byte code " + row.ByteCode.ToString("N0", CultureInfo.InvariantCulture) + "; split it (docs/BUILD.md)");
                }
            }

            foreach (string line in SizeTable.Format(rows, _imageTotals))
            {
                Console.WriteLine(line);
            }
        }

        // ------------------------------------------------------------------ helpers

        private LoadReport RunNanoClr(string name, List<string> pes, TimeSpan timeout, bool stopAtReady, Action<string> onProgramLine, out ProcessResult run)
        {
            string log = Path.Combine(_scratch, "nanoclr-" + name + ".log");
            string command = _toolchain.NanoClr + " " + string.Join(" ", pes);
            if (_options.Verbose)
            {
                Detail("$ " + command);
            }

            bool ready = false;
            run = ProcessRunner.Run(_toolchain.NanoClr, pes, _scratch, timeout, line =>
            {
                if (ready)
                {
                    onProgramLine?.Invoke(line);
                    return false;
                }

                if (line.Trim() == "Ready.")
                {
                    ready = true;
                    return stopAtReady;
                }

                return false;
            });
            File.WriteAllLines(log, new[] { "$ " + command }.Concat(run.Lines));
            return LoadReport.Parse(run.Lines);
        }

        private void Remember(LoadReport report)
        {
            foreach (LoadedAssembly assembly in report.Assemblies)
            {
                DeviceProject project = _projects.FirstOrDefault(p => p.AssemblyName == assembly.Name && p.State == ProjectState.Converted);
                if (project != null)
                {
                    _loaded[assembly.Name + "|" + project.Pe] = assembly;
                }
            }
        }

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
