using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;

namespace Gateway.DeviceBuild
{
    /// <summary>The end of a child process run.</summary>
    public sealed class ProcessResult
    {
        public int ExitCode { get; set; }

        /// <summary>Killed because the time limit passed.</summary>
        public bool TimedOut { get; set; }

        /// <summary>Killed because the caller had seen what it needed (e.g. nanoCLR's "Ready.").</summary>
        public bool Stopped { get; set; }

        /// <summary>stdout and stderr, line by line, in arrival order.</summary>
        public List<string> Lines { get; } = new List<string>();

        public string Text
        {
            get { return string.Join("\n", Lines); }
        }
    }

    /// <summary>Runs a child process with a time limit; the caller sees each line as it arrives and may stop the process.</summary>
    public static class ProcessRunner
    {
        /// <summary>
        /// Runs <paramref name="file"/>. <paramref name="onLine"/> (may be null) sees every line and returns
        /// true to stop the process. A process still running at <paramref name="timeout"/> is killed with
        /// its children (only this process tree: the one this method started).
        /// </summary>
        public static ProcessResult Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, Func<string, bool> onLine)
        {
            ProcessStartInfo start = new ProcessStartInfo(file)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

            ProcessResult result = new ProcessResult();
            using BlockingCollection<string> queue = new BlockingCollection<string>();
            using Process process = new Process { StartInfo = start };
            int open = 2;
            DataReceivedEventHandler handler = (sender, e) =>
            {
                if (e.Data == null)
                {
                    if (System.Threading.Interlocked.Decrement(ref open) == 0)
                    {
                        queue.CompleteAdding();
                    }
                }
                else
                {
                    queue.Add(e.Data);
                }
            };
            process.OutputDataReceived += handler;
            process.ErrorDataReceived += handler;
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new DeviceBuildException("cannot start " + file + ": " + e.Message);
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            Stopwatch clock = Stopwatch.StartNew();
            bool killed = false;
            TimeSpan killedAt = TimeSpan.Zero;
            TimeSpan? exitedAt = null;
            while (!queue.IsCompleted)
            {
                int left = (int)Math.Max(1, (timeout - clock.Elapsed).TotalMilliseconds);
                if (queue.TryTake(out string line, killed ? 200 : Math.Min(left, 500)))
                {
                    result.Lines.Add(line);
                    if (!killed && onLine != null && onLine(line))
                    {
                        result.Stopped = true;
                        Kill(process);
                        killed = true;
                        killedAt = clock.Elapsed;
                    }
                }
                else if (!killed && clock.Elapsed >= timeout)
                {
                    result.TimedOut = true;
                    Kill(process);
                    killed = true;
                    killedAt = clock.Elapsed;
                }
                else if (killed && clock.Elapsed >= killedAt + TimeSpan.FromSeconds(10))
                {
                    break; // a grandchild kept the pipes open; give up reading
                }
                else if (process.HasExited)
                {
                    // The process is gone but the pipes are still open: a process it started (e.g. an MSBuild
                    // node kept for reuse) inherited them. Nothing more of interest will come.
                    exitedAt ??= clock.Elapsed;
                    if (clock.Elapsed >= exitedAt.Value + TimeSpan.FromSeconds(5))
                    {
                        break;
                    }
                }
            }

            process.WaitForExit(10000);
            result.ExitCode = process.HasExited ? process.ExitCode : -1;
            return result;
        }

        private static void Kill(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }
    }
}
