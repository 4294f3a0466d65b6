extern alias firmware;

using System.IO;
using System.Linq;
using System.Reflection;
using Gateway.Core.Tests.Build;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>Where the firmware, its .nfproj and the compile check's stand-ins are.</summary>
    internal static class FirmwarePaths
    {
        public static string FirmwareDirectory => Path.Combine(RepoPaths.RepoRoot, "firmware", "Gateway.Firmware");

        public static string Nfproj => Path.Combine(FirmwareDirectory, "Gateway.Firmware.nfproj");

        public static string StandInDirectory => Path.Combine(RepoPaths.RepoRoot, "tools", "Gateway.Firmware.CompileCheck", "StandIns");

        /// <summary>The compile check's assembly: the firmware and the stand-ins, built against each other.</summary>
        public static Assembly CompileCheckAssembly => typeof(firmware::Gateway.Firmware.Program).Assembly;

        public static string[] StandInFiles()
        {
            return Directory.GetFiles(StandInDirectory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
        }
    }
}
