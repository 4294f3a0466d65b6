using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
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
                string line = "  " + (exe != null ? "firmware image (" + exe.AssemblyName + ")" : "libraries without an Exe") + ": "
                    + Bytes(ours + theirs) + " of .pe = ours " + Bytes(ours) + " in " + set.Count + (set.Count == 1 ? " assembly" : " assemblies") + " + nanoFramework " + Bytes(theirs) + " in " + libraries.Count + (libraries.Count == 1 ? " library" : " libraries") + " ("
                    + string.Join(", ", libraries.Select(l => l.Name)) + ")";
                _imageTotals.Add(new ImageTotal(line, exe?.AssemblyName, ours + theirs));
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

        /// <summary>Keeps each of our assemblies' figures from a load report; <paramref name="loadedSet"/> says which project a name means (every test project is NFUnitTest).</summary>
        private void Remember(LoadReport report, List<DeviceProject> loadedSet = null)
        {
            foreach (LoadedAssembly assembly in report.Assemblies)
            {
                DeviceProject project = (loadedSet ?? _projects).FirstOrDefault(p => p.AssemblyName == assembly.Name && p.State == ProjectState.Converted);
                if (project != null)
                {
                    _loaded[assembly.Name + "|" + project.Pe] = assembly;
                }
            }
        }
    }
}
