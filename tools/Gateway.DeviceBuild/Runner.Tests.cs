using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
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
                Remember(report, set);
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
    }
}
