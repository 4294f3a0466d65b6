using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace Gateway.Interop.Tests.BlueZ
{
    /// <summary>
    /// Starts child processes from one thread that lives as long as the test process. meshd in unit
    /// mode sets PR_SET_PDEATHSIG(SIGSEGV), and Linux sends it when the *thread* that forked the
    /// child exits, not the process: started from a test's thread-pool thread, meshd dies with
    /// SIGSEGV as soon as the pool retires that thread (seen: a node that vanished from its bus a
    /// few seconds after it started).
    /// </summary>
    internal static class ChildProcessLauncher
    {
        private static readonly BlockingCollection<Request> Requests = new BlockingCollection<Request>();

        static ChildProcessLauncher()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "child-process-launcher" };
            thread.Start();
        }

        public static Process Start(ProcessStartInfo info)
        {
            var request = new Request(info);
            Requests.Add(request);
            request.Done.Wait();
            if (request.Error != null)
            {
                throw new InvalidOperationException("cannot start " + info.FileName + ": " + request.Error.Message, request.Error);
            }

            return request.Process;
        }

        private static void Loop()
        {
            foreach (Request request in Requests.GetConsumingEnumerable())
            {
                try
                {
                    request.Process = Process.Start(request.Info);
                }
                catch (Exception e)
                {
                    request.Error = e;
                }

                request.Done.Set();
            }
        }

        private sealed class Request
        {
            public Request(ProcessStartInfo info)
            {
                Info = info;
            }

            public ProcessStartInfo Info { get; }

            public ManualResetEventSlim Done { get; } = new ManualResetEventSlim();

            public Process Process { get; set; }

            public Exception Error { get; set; }
        }
    }
}
