using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Gateway.Core.Tests.Build
{
    /// <summary>The parts of a nanoFramework .nfproj (legacy MSBuild format) that the tests check.</summary>
    internal sealed class NfProject
    {
        private readonly XDocument _document;

        public NfProject(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
            Directory = System.IO.Path.GetDirectoryName(Path);
            _document = XDocument.Load(path);
        }

        public string Path { get; }

        public string Directory { get; }

        /// <summary>&lt;Compile Include&gt; items, relative to the project folder, with '/' separators.</summary>
        public List<string> CompileItems
        {
            get { return Items("Compile").Select(i => Normalize((string)i.Attribute("Include"))).ToList(); }
        }

        /// <summary>&lt;Compile&gt; items as full paths.</summary>
        public List<string> CompileFiles
        {
            get { return CompileItems.Select(c => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, c))).ToList(); }
        }

        /// <summary>&lt;Reference Include="Name, Version=..., PublicKeyToken=..."&gt; items.</summary>
        public List<NfReference> References
        {
            get
            {
                return Items("Reference").Select(r => new NfReference(
                    (string)r.Attribute("Include"),
                    (string)r.Elements().FirstOrDefault(e => e.Name.LocalName == "HintPath"))).ToList();
            }
        }

        /// <summary>&lt;ProjectReference Include&gt; items as full paths.</summary>
        public List<string> ProjectReferences
        {
            get
            {
                return Items("ProjectReference")
                    .Select(i => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, Normalize((string)i.Attribute("Include")))))
                    .ToList();
            }
        }

        public string Property(string name)
        {
            return _document.Descendants().Where(e => e.Name.LocalName == name).Select(e => e.Value).FirstOrDefault();
        }

        /// <summary>Every .nfproj under firmware/ and tests/ of the repository.</summary>
        public static List<string> FindAll()
        {
            List<string> result = new List<string>();
            foreach (string top in new[] { "firmware", "tests" })
            {
                string dir = System.IO.Path.Combine(RepoPaths.RepoRoot, top);
                if (System.IO.Directory.Exists(dir))
                {
                    result.AddRange(System.IO.Directory.GetFiles(dir, "*.nfproj", SearchOption.AllDirectories)
                        .Where(p => !IsBuildOutput(p)));
                }
            }

            result.Sort(StringComparer.Ordinal);
            return result;
        }

        /// <summary>The .cs files that belong to the project folder (bin/ and obj/ excluded), relative with '/'.</summary>
        public List<string> SourceFilesOnDisk()
        {
            return System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(System.IO.Path.GetRelativePath(Directory, p)))
                .Select(p => Normalize(System.IO.Path.GetRelativePath(Directory, p)))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
        }

        private static bool IsBuildOutput(string path)
        {
            string[] parts = path.Replace('\\', '/').Split('/');
            return parts.Contains("bin") || parts.Contains("obj");
        }

        private IEnumerable<XElement> Items(string kind)
        {
            return _document.Descendants().Where(e => e.Name.LocalName == kind && e.Attribute("Include") != null);
        }

        private static string Normalize(string path)
        {
            return path.Replace('\\', '/');
        }
    }

    /// <summary>One &lt;Reference&gt; of an .nfproj: a full assembly identity and its HintPath.</summary>
    internal sealed class NfReference
    {
        public NfReference(string include, string hintPath)
        {
            Include = include;
            HintPath = hintPath;
            string[] parts = include.Split(',').Select(p => p.Trim()).ToArray();
            Name = parts[0];
            foreach (string part in parts.Skip(1))
            {
                int eq = part.IndexOf('=');
                if (eq > 0)
                {
                    Attributes[part.Substring(0, eq)] = part.Substring(eq + 1);
                }
            }
        }

        public string Include { get; }

        public string HintPath { get; }

        public string Name { get; }

        public Dictionary<string, string> Attributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
