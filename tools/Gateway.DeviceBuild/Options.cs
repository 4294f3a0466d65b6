using System;
using System.Globalization;
using System.IO;

namespace Gateway.DeviceBuild
{
    /// <summary>Command-line options of the device build.</summary>
    public sealed class Options
    {
        public const string Usage =
            "usage: tools/device-build.sh [--results FILE] [--no-tests] [--verbose] [--test-timeout SECONDS] [--repo DIR] [--toolchain DIR]\n"
            + "  Builds every .nfproj under firmware/ and tests/ against the nanoFramework toolchain\n"
            + "  ($NANOFRAMEWORK_TOOLCHAIN, default <repo>/../shared/nanoframework), converts the assemblies to .pe,\n"
            + "  loads them on nanoCLR, prints their share of the .pe limits and the image against the boards'\n"
            + "  deployment partitions (hardware/boards/*.json), and runs the device tests. Every compile runs the\n"
            + "  language rules of tools/Gateway.Analyzers (NF1001-NF1021).\n"
            + "  --results FILE        also write the summary lines there (default artifacts/device/results.txt)\n"
            + "  --no-tests            stop after the load check, the size table and the board lines\n"
            + "  --verbose             show warnings, passed tests and the nanoCLR command lines\n"
            + "  --test-timeout N      seconds the test run may take (default 600)\n"
            + "  --repo DIR            the repository (default: the folder above with Gateway.sln)\n"
            + "  --toolchain DIR       the toolchain folder (overrides $NANOFRAMEWORK_TOOLCHAIN)\n"
            + "  Under CI=true a missing toolchain and a skipped device test are failures.\n"
            + "  Exit status: 0 all good (or skipped without a toolchain), 1 build/load/budget/partition/test failure, 2 usage.";

        public string RepoRoot { get; set; }

        public string Toolchain { get; set; }

        public string ResultsFile { get; set; }

        public bool NoTests { get; set; }

        public bool Verbose { get; set; }

        public int TestTimeoutSeconds { get; set; } = 600;

        public int LoadTimeoutSeconds { get; set; } = 120;

        /// <summary>CI=true (or 1): nothing may be skipped.</summary>
        public bool Ci { get; set; }

        public static Options Parse(string[] args, Func<string, string> environment)
        {
            Options options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "--results":
                        options.ResultsFile = Value(args, ref i);
                        break;
                    case "--no-tests":
                        options.NoTests = true;
                        break;
                    case "--verbose":
                    case "-v":
                        options.Verbose = true;
                        break;
                    case "--test-timeout":
                        if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds <= 0)
                        {
                            throw new UsageException("--test-timeout needs a number of seconds");
                        }

                        options.TestTimeoutSeconds = seconds;
                        break;
                    case "--repo":
                        options.RepoRoot = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "--toolchain":
                        options.Toolchain = Value(args, ref i);
                        break;
                    case "--help":
                    case "-h":
                        throw new UsageException(null);
                    default:
                        throw new UsageException("unknown option " + arg);
                }
            }

            string ci = environment("CI");
            options.Ci = string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
            return options;
        }

        /// <summary>The folder above <paramref name="start"/> (or it) that holds Gateway.sln, or null.</summary>
        public static string FindRepoRoot(string start)
        {
            for (DirectoryInfo dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new UsageException(args[i] + " needs a value");
            }

            i++;
            return args[i];
        }
    }

    /// <summary>A command-line mistake: print it and the usage, exit 2.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message ?? "help")
        {
            IsHelp = message == null;
        }

        /// <summary>--help: print the usage and exit 0.</summary>
        public bool IsHelp { get; }
    }
}
