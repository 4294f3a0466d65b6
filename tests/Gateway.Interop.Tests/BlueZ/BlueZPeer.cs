using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace Gateway.Interop.Tests.BlueZ
{
    /// <summary>
    /// What running bluetooth-meshd as a test peer needs (reference/bluez-peer.md): the Debian
    /// packages, and our preload library built once per test run with gcc and checked against its
    /// crypto vectors before any meshd starts. <see cref="Require"/> skips a test when something is
    /// missing on a developer machine and fails it under CI=true, where .ci/run installs everything.
    /// </summary>
    public static class BlueZPeer
    {
        public const string Meshd = "/usr/libexec/bluetooth/bluetooth-meshd";
        public const string DbusDaemon = "/usr/bin/dbus-daemon";
        public const string Python = "/usr/bin/python3";
        public const string Packages = "bluez-meshd dbus python3-dbus python3-gi gcc libssl-dev";

        private static readonly object Sync = new object();
        private static string _preload;
        private static string _missing;
        private static bool _checked;

        /// <summary>Folder of the fixture's sources (copied next to the test assembly).</summary>
        public static string SourceFolder => Path.Combine(AppContext.BaseDirectory, "BlueZ");

        /// <summary>Path of the built preload library; call <see cref="Require"/> first.</summary>
        public static string PreloadLibrary => _preload;

        /// <summary>Skips (or under CI fails) unless meshd and everything around it can run here.</summary>
        public static void Require()
        {
            lock (Sync)
            {
                if (!_checked)
                {
                    _checked = true;
                    _missing = FindMissing();
                    if (_missing == null)
                    {
                        _preload = BuildPreload(out string error);
                        _missing = error;
                    }
                }
            }

            if (_missing != null)
            {
                Assert.True(Environment.GetEnvironmentVariable("CI") != "true",
                    _missing + " (.ci/run installs it: tools/ci/install-deps.sh)");
                Skip.If(true, _missing + " (apt-get install " + Packages + ")");
            }
        }

        private static string FindMissing()
        {
            if (!OperatingSystem.IsLinux())
            {
                return "bluetooth-meshd runs on Linux only";
            }

            foreach (string file in new[] { Meshd, DbusDaemon, Python })
            {
                if (!File.Exists(file))
                {
                    return file + " is missing";
                }
            }

            if (Run(Python, "-c \"import dbus, dbus.mainloop.glib; from gi.repository import GLib\"", null, out string output) != 0)
            {
                return "python3-dbus or python3-gi is missing: " + output.Trim();
            }

            if (Run("gcc", "--version", null, out _) != 0)
            {
                return "gcc is missing";
            }

            return File.Exists("/usr/include/openssl/evp.h") ? null : "libssl-dev (OpenSSL headers) is missing";
        }

        /// <summary>gcc builds meshd-preload.so and its self-test into a folder of this run; the self-test must pass.</summary>
        private static string BuildPreload(out string error)
        {
            string folder = Path.Combine(Path.GetTempPath(), "gw-meshd-preload-" + Environment.ProcessId);
            Directory.CreateDirectory(folder);
            string library = Path.Combine(folder, "meshd-preload.so");
            string selfTest = Path.Combine(folder, "meshd-preload-selftest");
            string source = Path.Combine(SourceFolder, "meshd-preload.c");
            if (Run("gcc", $"-shared -fPIC -O2 -Wall -Werror -o \"{library}\" \"{source}\" -lcrypto -ldl", null, out string output) != 0)
            {
                error = "gcc could not build meshd-preload.so: " + output;
                return null;
            }

            if (Run("gcc", $"-Wall -Werror -o \"{selfTest}\" \"{Path.Combine(SourceFolder, "meshd-preload-selftest.c")}\" \"{library}\"", null, out output) != 0)
            {
                error = "gcc could not build the preload self-test: " + output;
                return null;
            }

            if (Run(selfTest, string.Empty, null, out output) != 0)
            {
                // A wrong AES, CCM or CMAC would make every meshd result meaningless: stop here.
                throw new InvalidOperationException("meshd-preload.so failed its crypto vectors:\n" + output);
            }

            error = null;
            return library;
        }

        internal static int Run(string file, string arguments, string workingDirectory, out string output)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            try
            {
                using Process process = Process.Start(info);
                var text = new StringBuilder();
                process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (text) { text.AppendLine(e.Data); } } };
                process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (text) { text.AppendLine(e.Data); } } };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (!process.WaitForExit(120_000))
                {
                    process.Kill(true);
                    output = file + " did not finish in 120 s";
                    return -1;
                }

                process.WaitForExit();
                lock (text)
                {
                    output = text.ToString();
                }

                return process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                output = e.Message;
                return -1;
            }
        }
    }
}
