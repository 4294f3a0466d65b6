using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
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
    }
}
