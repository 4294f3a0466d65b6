using System;
using System.IO;

namespace Gateway.Core.Tests.Build
{
    /// <summary>Where the repository and the shared reference material are, seen from a test run.</summary>
    internal static class RepoPaths
    {
        /// <summary>Overrides the shared folder (the one holding reference/nanoframework-api), or names the API folder itself.</summary>
        public const string SharedDirVariable = "GATEWAY_SHARED_DIR";

        private static readonly Lazy<string> Root = new Lazy<string>(FindRoot);

        /// <summary>The directory that contains Gateway.sln.</summary>
        public static string RepoRoot
        {
            get { return Root.Value; }
        }

        /// <summary>firmware/: one folder per device assembly of the core (Gateway.Core.*) and Gateway.Firmware.</summary>
        public static string FirmwareDirectory
        {
            get { return Path.Combine(RepoRoot, "firmware"); }
        }

        /// <summary>The .nfproj of every device assembly of the core (firmware/Gateway.Core.*/Gateway.Core.*.nfproj), by name.</summary>
        public static string[] CoreNfprojs
        {
            get
            {
                string[] found = Directory.GetFiles(FirmwareDirectory, "Gateway.Core.*.nfproj", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                return found;
            }
        }

        /// <summary>
        /// The device test projects: every .nfproj under tests/ (each an NFUnitTest assembly for one group
        /// of layers, run on nanoCLR by tools/device-build.sh), by path.
        /// </summary>
        public static string[] DeviceTestNfprojs
        {
            get
            {
                string[] found = Directory.GetFiles(Path.Combine(RepoRoot, "tests"), "*.nfproj", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                return found;
            }
        }

        /// <summary>Imported by every host .csproj of the core: the gate (analyzers, banned symbols, warnings as errors).</summary>
        public static string CoreHostProps
        {
            get { return Path.Combine(FirmwareDirectory, "Gateway.Core.Host.props"); }
        }

        public static string BannedSymbolsFile
        {
            get { return Path.Combine(FirmwareDirectory, "BannedSymbols.txt"); }
        }

        /// <summary>
        /// The folder of the device's API lists: $GATEWAY_SHARED_DIR/reference/nanoframework-api (or
        /// $GATEWAY_SHARED_DIR itself when it holds mscorlib.txt), else
        /// &lt;repo root&gt;/../shared/reference/nanoframework-api. Null when absent; then
        /// <paramref name="looked"/> says where the test looked.
        /// </summary>
        public static string FindApiListFolder(out string looked)
        {
            string overrideDir = Environment.GetEnvironmentVariable(SharedDirVariable);
            if (!string.IsNullOrEmpty(overrideDir))
            {
                string nested = Path.Combine(overrideDir, "reference", "nanoframework-api");
                looked = nested + " (from " + SharedDirVariable + ")";
                if (File.Exists(Path.Combine(nested, "mscorlib.txt")))
                {
                    return nested;
                }

                if (File.Exists(Path.Combine(overrideDir, "mscorlib.txt")))
                {
                    return overrideDir;
                }

                return null;
            }

            string folder = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "nanoframework-api"));
            looked = folder;
            return File.Exists(Path.Combine(folder, "mscorlib.txt")) ? folder : null;
        }

        private static string FindRoot()
        {
            for (DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
