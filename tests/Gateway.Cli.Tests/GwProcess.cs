using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Gateway.Cli.Tests
{
    /// <summary>Runs `gw` (the built gw.dll) as a child process with a time limit and captures its output.</summary>
    internal static class GwProcess
    {
        public static string GwDll
        {
            get
            {
                string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
                string root = RepoRoot();
                string dll = Path.Combine(root, "tools", "Gateway.Cli", "bin", configuration, "net10.0", "gw.dll");
                if (!File.Exists(dll))
                {
                    throw new FileNotFoundException("build tools/Gateway.Cli first: " + dll);
                }

                return dll;
            }
        }

        public static string RepoRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "Gateway.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }

        public static (int ExitCode, string Output) Run(TimeSpan limit, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(GwDll);
            foreach (string a in args)
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["NO_COLOR"] = "1";
            info.Environment["COLUMNS"] = "160";
            var output = new StringBuilder();
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)limit.TotalMilliseconds))
            {
                process.Kill(true);
                process.WaitForExit();
                return (-1, output + "\n[killed after " + limit + "]");
            }

            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
    }
}
