using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// What the device build reads from a nanoFramework .nfproj (legacy MSBuild format): the
    /// assembly's name, kind and language version, its own &lt;Compile&gt; list, its
    /// &lt;Reference&gt;s to nanoFramework packages and its &lt;ProjectReference&gt;s. Pure: parses
    /// text, touches no file.
    /// </summary>
    public sealed class NfprojFile
    {
        private NfprojFile()
        {
        }

        /// <summary>Full path of the .nfproj.</summary>
        public string Path { get; private set; }

        /// <summary>The folder of the .nfproj; relative items are resolved against it.</summary>
        public string Directory { get; private set; }

        /// <summary>The file name without ".nfproj".</summary>
        public string ProjectName { get; private set; }

        /// <summary>&lt;AssemblyName&gt;, else the project name (MSBuild's default).</summary>
        public string AssemblyName { get; private set; }

        /// <summary>&lt;OutputType&gt;: "Library" (the default) or "Exe".</summary>
        public string OutputType { get; private set; }

        /// <summary>&lt;LangVersion&gt;, or null when the project leaves it to the toolchain.</summary>
        public string LangVersion { get; private set; }

        public bool IsExe
        {
            get { return string.Equals(OutputType, "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(OutputType, "WinExe", StringComparison.OrdinalIgnoreCase); }
        }

        /// <summary>
        /// A nanoFramework unit-test project: &lt;IsTestProject&gt;true, or a reference to
        /// nanoFramework.TestFramework.
        /// </summary>
        public bool IsTestProject { get; private set; }

        /// <summary>&lt;Compile Include&gt; items in the project's order, as full paths (Windows backslashes converted).</summary>
        public IReadOnlyList<string> CompileFiles { get; private set; }

        /// <summary>&lt;Reference Include="Name, Version=..."&gt; items in the project's order.</summary>
        public IReadOnlyList<NfprojReference> References { get; private set; }

        /// <summary>&lt;ProjectReference Include&gt; items as full paths.</summary>
        public IReadOnlyList<string> ProjectReferences { get; private set; }

        /// <summary>Items of kinds the device build does not carry over (e.g. EmbeddedResource), as "Kind Include".</summary>
        public IReadOnlyList<string> IgnoredItems { get; private set; }

        public static NfprojFile Load(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            return Parse(full, File.ReadAllText(full));
        }

        /// <summary>Parses the text of the .nfproj at <paramref name="path"/> (a full path).</summary>
        public static NfprojFile Parse(string path, string xml)
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(xml);
            }
            catch (System.Xml.XmlException e)
            {
                throw new DeviceBuildException(path + ": not a valid project file: " + e.Message);
            }

            string projectName = System.IO.Path.GetFileNameWithoutExtension(path);
            NfprojFile project = new NfprojFile
            {
                Path = path,
                Directory = System.IO.Path.GetDirectoryName(path),
                ProjectName = projectName,
            };

            project.AssemblyName = Property(document, path, projectName, "AssemblyName") ?? projectName;
            project.OutputType = Property(document, path, projectName, "OutputType") ?? "Library";
            project.LangVersion = Property(document, path, projectName, "LangVersion");

            List<string> compile = new List<string>();
            foreach (string include in Items(document, "Compile"))
            {
                compile.Add(Resolve(project.Directory, Expand(include, path, projectName)));
            }

            List<NfprojReference> references = new List<NfprojReference>();
            foreach (XElement reference in ItemElements(document, "Reference"))
            {
                string hint = reference.Elements().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value.Trim()).FirstOrDefault();
                references.Add(NfprojReference.Parse((string)reference.Attribute("Include"), hint));
            }

            List<string> projectReferences = new List<string>();
            foreach (string include in Items(document, "ProjectReference"))
            {
                projectReferences.Add(Resolve(project.Directory, Expand(include, path, projectName)));
            }

            List<string> ignored = new List<string>();
            foreach (string kind in new[] { "EmbeddedResource", "Content", "Resource" })
            {
                foreach (string include in Items(document, kind))
                {
                    ignored.Add(kind + " " + include);
                }
            }

            project.CompileFiles = compile;
            project.References = references;
            project.ProjectReferences = projectReferences;
            project.IgnoredItems = ignored;
            string isTest = Property(document, path, projectName, "IsTestProject");
            project.IsTestProject = string.Equals(isTest, "true", StringComparison.OrdinalIgnoreCase)
                || references.Any(r => r.Name == "nanoFramework.TestFramework");
            return project;
        }

        /// <summary>
        /// The value of an unconditional property (the last one wins, as in MSBuild). Properties set
        /// in a PropertyGroup or element with a Condition are configuration-specific and ignored.
        /// </summary>
        private static string Property(XDocument document, string path, string projectName, string name)
        {
            string value = null;
            foreach (XElement group in document.Root.Elements().Where(e => e.Name.LocalName == "PropertyGroup"))
            {
                if (group.Attribute("Condition") != null)
                {
                    continue;
                }

                foreach (XElement property in group.Elements().Where(e => e.Name.LocalName == name))
                {
                    if (property.Attribute("Condition") == null)
                    {
                        value = Expand(property.Value.Trim(), path, projectName);
                    }
                }
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        private static IEnumerable<XElement> ItemElements(XDocument document, string kind)
        {
            return document.Root.Elements()
                .Where(e => e.Name.LocalName == "ItemGroup")
                .SelectMany(g => g.Elements())
                .Where(e => e.Name.LocalName == kind && e.Attribute("Include") != null);
        }

        private static IEnumerable<string> Items(XDocument document, string kind)
        {
            foreach (XElement item in ItemElements(document, kind))
            {
                foreach (string part in ((string)item.Attribute("Include")).Split(';'))
                {
                    string trimmed = part.Trim();
                    if (trimmed.Length > 0)
                    {
                        yield return trimmed;
                    }
                }
            }
        }

        /// <summary>Expands the few MSBuild properties an .nfproj item or name may use; anything else is an error.</summary>
        private static string Expand(string value, string path, string projectName)
        {
            string result = value
                .Replace("$(MSBuildProjectName)", projectName, StringComparison.Ordinal)
                .Replace("$(MSBuildThisFileName)", projectName, StringComparison.Ordinal)
                .Replace("$(MSBuildProjectDirectory)", System.IO.Path.GetDirectoryName(path), StringComparison.Ordinal)
                .Replace("$(MSBuildThisFileDirectory)", System.IO.Path.GetDirectoryName(path) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (result.Contains("$(", StringComparison.Ordinal))
            {
                throw new DeviceBuildException(path + ": cannot evaluate '" + value + "' (the device build expands only $(MSBuildProjectName) and $(MSBuildProjectDirectory))");
            }

            return result;
        }

        /// <summary>A project-relative path with Windows or POSIX separators, as a full path.</summary>
        public static string Resolve(string directory, string include)
        {
            string normalized = include.Replace('\\', '/');
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, normalized));
        }
    }

    /// <summary>One &lt;Reference&gt; of an .nfproj: "Name, Version=1.2.3.4, Culture=neutral, PublicKeyToken=..." and its HintPath.</summary>
    public sealed class NfprojReference
    {
        private NfprojReference(string include, string name, Version version, string hintPath)
        {
            Include = include;
            Name = name;
            Version = version;
            HintPath = hintPath;
        }

        public string Include { get; }

        /// <summary>The simple assembly name, e.g. "nanoFramework.System.Text".</summary>
        public string Name { get; }

        /// <summary>The Version= part, or null when the reference has none.</summary>
        public Version Version { get; }

        /// <summary>The HintPath as written (into ..\packages\...), or null; the device build uses the toolchain's lib/ instead.</summary>
        public string HintPath { get; }

        public static NfprojReference Parse(string include, string hintPath)
        {
            string[] parts = include.Split(',');
            string name = parts[0].Trim();
            Version version = null;
            for (int i = 1; i < parts.Length; i++)
            {
                string part = parts[i].Trim();
                int eq = part.IndexOf('=');
                if (eq > 0 && part.Substring(0, eq).Trim().Equals("Version", StringComparison.OrdinalIgnoreCase))
                {
                    string text = part.Substring(eq + 1).Trim();
                    if (!Version.TryParse(text, out version))
                    {
                        throw new DeviceBuildException("reference '" + include + "': '" + text + "' is not a version");
                    }
                }
            }

            return new NfprojReference(include, name, version, hintPath);
        }
    }

    /// <summary>A problem the device build reports as one clear message (no stack trace).</summary>
    public sealed class DeviceBuildException : Exception
    {
        public DeviceBuildException(string message)
            : base(message)
        {
        }
    }
}
