using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace Gateway.Interop.Tests.BlueZ
{
    /// <summary>
    /// One unprovisioned BlueZ mesh node: a private session dbus-daemon, bluetooth-meshd on it with
    /// its radio on a Unix datagram socket (<c>--io unit:</c>) and our preload library, and the
    /// Python Join application (join-agent.py) that calls Network1.Join and answers meshd's
    /// callbacks. Each is a direct child of the test process, started from a thread that never
    /// exits (<see cref="ChildProcessLauncher"/>: meshd's unit mode sets PR_SET_PDEATHSIG), and
    /// is killed by PID on <see cref="Dispose"/>.
    /// </summary>
    public sealed class MeshdNode : IDisposable
    {
        private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

        private readonly List<Process> _processes = new List<Process>();
        private readonly StringBuilder _meshdLog = new StringBuilder();
        private readonly List<(TimeSpan At, string Line)> _agentLines = new List<(TimeSpan, string)>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _meshdOnBus;
        private Process _meshd;

        /// <param name="folder">A short folder of its own (socket paths hold at most 107 octets).</param>
        /// <param name="uuid">Device UUID, RFC 4122 version 4 (meshd 5.66 refuses others).</param>
        /// <param name="gatewaySocket">The gateway radio's socket path, where meshd's datagrams go.</param>
        /// <param name="staticOob">16 octets for the agent to offer as static OOB; null: No OOB.</param>
        public MeshdNode(string name, string folder, byte[] uuid, string gatewaySocket, byte[] staticOob = null)
        {
            Name = name;
            Folder = folder;
            Uuid = uuid;
            UuidHex = Convert.ToHexString(uuid).ToLowerInvariant();
            Directory.CreateDirectory(folder);
            Storage = Path.Combine(folder, "store");
            Directory.CreateDirectory(Storage);
            BusSocket = Path.Combine(folder, "bus");
            SocketPath = Path.Combine(folder, "meshd.sock");
            try
            {
                StartBus();
                StartMeshd(gatewaySocket);
                StartAgent(staticOob);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Name { get; }

        public string Folder { get; }

        public byte[] Uuid { get; }

        public string UuidHex { get; }

        /// <summary>meshd's storage (<c>-s</c>); the node's node.json lands under it after JoinComplete.</summary>
        public string Storage { get; }

        public string BusSocket { get; }

        /// <summary>meshd's radio socket (<c>--io unit:</c>), a peer of the gateway's radio.</summary>
        public string SocketPath { get; }

        /// <summary>The node's saved configuration: <c>&lt;storage&gt;/&lt;uuid&gt;/node.json</c> (mesh/mesh-config-json.c).</summary>
        public string NodeJsonPath => Path.Combine(Storage, UuidHex, "node.json");

        /// <summary>Time since the node started (its clock for the step timings).</summary>
        public TimeSpan Elapsed => _clock.Elapsed;

        /// <summary>Waits for the agent's line starting with <paramref name="prefix"/>; returns it and when it came, or null at the limit.</summary>
        public (TimeSpan At, string Line)? WaitForAgent(string prefix, TimeSpan limit)
        {
            DateTime deadline = DateTime.UtcNow + limit;
            lock (_agentLines)
            {
                while (true)
                {
                    foreach ((TimeSpan at, string line) in _agentLines)
                    {
                        if (line.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            return (at, line);
                        }
                    }

                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        return null;
                    }

                    Monitor.Wait(_agentLines, left);
                }
            }
        }

        /// <summary>Every line the agent printed so far.</summary>
        public string[] AgentLines()
        {
            lock (_agentLines)
            {
                return _agentLines.ConvertAll(l => $"{l.At.TotalSeconds,6:F2} s {l.Line}").ToArray();
            }
        }

        /// <summary>The last lines meshd printed (its -d debug log), for failure messages.</summary>
        public string MeshdLogTail(int lines = 40)
        {
            string[] all;
            lock (_meshdLog)
            {
                all = _meshdLog.ToString().Split('\n');
            }

            int from = Math.Max(0, all.Length - lines);
            return string.Join("\n", all, from, all.Length - from);
        }

        /// <summary>Everything meshd printed.</summary>
        public string MeshdLog()
        {
            lock (_meshdLog)
            {
                return _meshdLog.ToString();
            }
        }

        /// <summary>What to print when a check fails: agent lines and meshd's log tail.</summary>
        public string Describe()
        {
            string state = _meshd == null ? "not started" : _meshd.HasExited ? "exited with " + _meshd.ExitCode : "running";
            return Name + " agent:\n  " + string.Join("\n  ", AgentLines()) + "\n" + Name + " meshd (" + state + ") log (tail):\n" + MeshdLogTail();
        }

        public void Dispose()
        {
            for (int i = _processes.Count - 1; i >= 0; i--)
            {
                Process process = _processes[i];
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }

                    process.WaitForExit(5000);
                }
                catch (InvalidOperationException)
                {
                    // Never started or already reaped.
                }

                process.Dispose();
            }

            _processes.Clear();
        }

        private void StartBus()
        {
            string template = File.ReadAllText(Path.Combine(BlueZPeer.SourceFolder, "session-bus.conf"));
            string config = Path.Combine(Folder, "bus.conf");
            File.WriteAllText(config, template.Replace("@LISTEN@", "unix:path=" + BusSocket, StringComparison.Ordinal));
            Start(BlueZPeer.DbusDaemon, new[] { "--config-file=" + config, "--nofork" }, null, null, null);
            if (!SpinWait.SpinUntil(() => File.Exists(BusSocket), StartLimit))
            {
                throw new InvalidOperationException(Name + ": dbus-daemon did not create " + BusSocket);
            }
        }

        private void StartMeshd(string gatewaySocket)
        {
            var environment = new Dictionary<string, string>
            {
                ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + BusSocket,
                ["LD_PRELOAD"] = BlueZPeer.PreloadLibrary,
                ["GW_MESHD_PEER"] = gatewaySocket,
            };
            Start(BlueZPeer.Meshd, new[] { "-n", "-d", "--io", "unit:" + SocketPath, "-s", Storage }, environment, OnMeshdLine, OnMeshdLine);
            lock (_meshdLog)
            {
                DateTime deadline = DateTime.UtcNow + StartLimit;
                while (!_meshdOnBus && DateTime.UtcNow < deadline)
                {
                    Monitor.Wait(_meshdLog, TimeSpan.FromMilliseconds(100));
                }
            }

            if (!_meshdOnBus)
            {
                throw new InvalidOperationException(Name + ": bluetooth-meshd did not reach the bus:\n" + MeshdLogTail());
            }
        }

        private void StartAgent(byte[] staticOob)
        {
            var arguments = new List<string> { Path.Combine(BlueZPeer.SourceFolder, "join-agent.py"), "--uuid", UuidHex };
            if (staticOob != null)
            {
                arguments.Add("--static");
                arguments.Add(Convert.ToHexString(staticOob));
            }

            var environment = new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + BusSocket, ["PYTHONUNBUFFERED"] = "1" };
            Start(BlueZPeer.Python, arguments.ToArray(), environment, OnAgentLine, OnAgentLine);
        }

        private void OnMeshdLine(string line)
        {
            lock (_meshdLog)
            {
                _meshdLog.Append(_clock.Elapsed.TotalSeconds.ToString("F3")).Append(' ').AppendLine(line);
                if (line.Contains("Added Network Interface", StringComparison.Ordinal))
                {
                    _meshdOnBus = true;
                }

                Monitor.PulseAll(_meshdLog);
            }
        }

        private void OnAgentLine(string line)
        {
            lock (_agentLines)
            {
                _agentLines.Add((_clock.Elapsed, line));
                Monitor.PulseAll(_agentLines);
            }
        }

        private void Start(string file, string[] arguments, Dictionary<string, string> environment, Action<string> onOutput, Action<string> onError)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            if (environment != null)
            {
                foreach (KeyValuePair<string, string> pair in environment)
                {
                    info.Environment[pair.Key] = pair.Value;
                }
            }

            Process process = ChildProcessLauncher.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
            _processes.Add(process);
            if (file == BlueZPeer.Meshd)
            {
                _meshd = process;
            }

            process.OutputDataReceived += (_, e) => { if (e.Data != null) { onOutput?.Invoke(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { onError?.Invoke(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
    }
}
