using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
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
    }
}
