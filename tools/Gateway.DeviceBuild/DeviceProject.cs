using System.Collections.Generic;

namespace Gateway.DeviceBuild
{
    /// <summary>Where one .nfproj is in the device build.</summary>
    public enum ProjectState
    {
        Pending,
        Compiled,
        CompileFailed,
        NotBuilt,
        Converted,
        ConvertFailed,
    }

    /// <summary>One .nfproj in the device build: its generated project, outputs and state.</summary>
    public sealed class DeviceProject
    {
        public DeviceProject(NfprojFile nfproj, string assemblyName)
        {
            Nfproj = nfproj;
            AssemblyName = assemblyName;
        }

        public NfprojFile Nfproj { get; }

        /// <summary>The assembly name it is built with (a test project is always NFUnitTest).</summary>
        public string AssemblyName { get; }

        /// <summary>Repository-relative path of the .nfproj, '/' separators.</summary>
        public string RelativePath { get; set; }

        /// <summary>The scratch folder with the generated project: artifacts/device/&lt;project name&gt;/.</summary>
        public string Folder { get; set; }

        public string Csproj { get; set; }

        /// <summary>The compiled assembly (from the generated project's marker), or null.</summary>
        public string Dll { get; set; }

        public string Pe { get; set; }

        /// <summary>The projects it references (ProjectReference), in build order.</summary>
        public List<DeviceProject> Dependencies { get; } = new List<DeviceProject>();

        /// <summary>The toolchain libraries its .nfproj references (mscorlib included).</summary>
        public List<LibraryInfo> Libraries { get; } = new List<LibraryInfo>();

        public ProjectState State { get; set; }

        /// <summary>The metadata processor's exit code and error line, when it failed.</summary>
        public string ConvertError { get; set; }

        /// <summary>Why it failed or was not built.</summary>
        public string Note { get; set; }

        public bool IsTest
        {
            get { return Nfproj.IsTestProject; }
        }

        public bool IsExe
        {
            get { return Nfproj.IsExe; }
        }
    }
}
