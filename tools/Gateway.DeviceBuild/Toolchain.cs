using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// The nanoFramework device toolchain folder (nf.props, lib/*.dll + *.pe, mdp/, bin/nanoclr):
    /// $NANOFRAMEWORK_TOOLCHAIN, else &lt;repo root&gt;/../shared/nanoframework.
    /// </summary>
    public sealed class Toolchain
    {
        public const string Variable = "NANOFRAMEWORK_TOOLCHAIN";

        private readonly Dictionary<string, LibraryInfo> _libraries = new Dictionary<string, LibraryInfo>(StringComparer.Ordinal);

        public Toolchain(string root)
        {
            Root = Path.GetFullPath(root);
        }

        public string Root { get; }

        public string Props
        {
            get { return Path.Combine(Root, "nf.props"); }
        }

        public string Lib
        {
            get { return Path.Combine(Root, "lib"); }
        }

        public string MetadataProcessor
        {
            get { return Path.Combine(Root, "mdp", "nanoFramework.Tools.MetadataProcessor.dll"); }
        }

        public string NanoClr
        {
            get { return Path.Combine(Root, "bin", "nanoclr"); }
        }

        /// <summary>
        /// Where the toolchain is. <paramref name="variableValue"/> is $NANOFRAMEWORK_TOOLCHAIN (wins when
        /// set); the default is &lt;repo root&gt;/../shared/nanoframework when it holds nf.props. Returns
        /// null when there is none; <paramref name="looked"/> then says where it looked. A variable that
        /// names a folder without nf.props is an error, not a skip.
        /// </summary>
        public static string Locate(string variableValue, string repoRoot, Func<string, bool> fileExists, out string looked)
        {
            if (!string.IsNullOrEmpty(variableValue))
            {
                string chosen = Path.GetFullPath(variableValue);
                looked = chosen + " (" + Variable + ")";
                if (!fileExists(Path.Combine(chosen, "nf.props")))
                {
                    throw new DeviceBuildException(Variable + "=" + variableValue + " is not a nanoFramework toolchain folder (no nf.props in it)");
                }

                return chosen;
            }

            string fallback = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "nanoframework"));
            looked = fallback;
            return fileExists(Path.Combine(fallback, "nf.props")) ? fallback : null;
        }

        /// <summary>lib/&lt;name&gt;.dll: its version and the assemblies it references; null when the toolchain has no such library.</summary>
        public LibraryInfo Library(string name)
        {
            lock (_libraries)
            {
                if (_libraries.TryGetValue(name, out LibraryInfo known))
                {
                    return known;
                }

                string dll = Path.Combine(Lib, name + ".dll");
                LibraryInfo info = null;
                if (File.Exists(dll))
                {
                    AssemblyIdentity identity = AssemblyIdentity.Read(dll);
                    info = new LibraryInfo(name, identity.Version, dll, Path.Combine(Lib, name + ".pe"), identity.References);
                }

                _libraries[name] = info;
                return info;
            }
        }
    }

    /// <summary>A nanoFramework library of the toolchain.</summary>
    public sealed class LibraryInfo
    {
        public LibraryInfo(string name, Version version, string dll, string pe, IReadOnlyList<string> references)
        {
            Name = name;
            Version = version;
            Dll = dll;
            Pe = pe;
            References = references;
        }

        public string Name { get; }

        public Version Version { get; }

        public string Dll { get; }

        public string Pe { get; }

        /// <summary>Simple names of the assemblies it references (mscorlib included).</summary>
        public IReadOnlyList<string> References { get; }
    }

    /// <summary>An assembly's version and references, read from its metadata (System.Reflection.Metadata; nothing is loaded).</summary>
    public sealed class AssemblyIdentity
    {
        private AssemblyIdentity(string name, Version version, IReadOnlyList<string> references)
        {
            Name = name;
            Version = version;
            References = references;
        }

        public string Name { get; }

        public Version Version { get; }

        public IReadOnlyList<string> References { get; }

        public static AssemblyIdentity Read(string dll)
        {
            using FileStream stream = File.OpenRead(dll);
            using PEReader pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            AssemblyDefinition definition = reader.GetAssemblyDefinition();
            List<string> references = new List<string>();
            foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
            {
                references.Add(reader.GetString(reader.GetAssemblyReference(handle).Name));
            }

            return new AssemblyIdentity(reader.GetString(definition.Name), definition.Version, references);
        }
    }
}
