using System;
using System.IO;

namespace Gateway.DeviceBuild
{
    /// <summary>Entry point of the device build (tools/device-build.sh runs it; docs/BUILD.md, "The device build").</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Options options;
            try
            {
                options = Options.Parse(args, Environment.GetEnvironmentVariable);
            }
            catch (UsageException e)
            {
                if (e.IsHelp)
                {
                    Console.WriteLine(Options.Usage);
                    return 0;
                }

                Console.Error.WriteLine("device build: " + e.Message);
                Console.Error.WriteLine(Options.Usage);
                return 2;
            }

            options.RepoRoot ??= Options.FindRepoRoot(Directory.GetCurrentDirectory()) ?? Options.FindRepoRoot(AppContext.BaseDirectory);
            if (options.RepoRoot == null)
            {
                Console.Error.WriteLine("device build: no Gateway.sln above " + Directory.GetCurrentDirectory() + " (use --repo)");
                return 2;
            }

            try
            {
                return new Runner(options).Run();
            }
            catch (DeviceBuildException e)
            {
                Console.WriteLine("device build: FAILED: " + e.Message);
                Console.WriteLine(TestReport.SummaryLine(0, 0, 0));
                return 1;
            }
        }
    }
}
