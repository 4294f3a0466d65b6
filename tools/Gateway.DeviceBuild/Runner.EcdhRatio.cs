using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
        // ------------------------------------------------------------------ 7. the ECDH ratio (issue 11)

        /// <summary>The §8.7 keys P256CostTests uses on nanoCLR; the same ECDH is timed here on .NET.</summary>
        private const string SampleProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        private const string SampleDevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";

        private static readonly Regex EcdhLine = new Regex(@"P-256 ECDH \(incl\. peer key check\): \d+ ms \((\d+) us\)", RegexOptions.CultureInvariant);

        /// <summary>
        /// One ECDH on nanoCLR (read from the device tests' P256CostTests line) against the same managed
        /// code on .NET in this process (warmed up to the optimizing JIT, best mean of five batches):
        /// the interpreter's share that carries over to the board. A figure, not a check (DESIGN.md §8).
        /// </summary>
        private void ReportEcdhRatio()
        {
            string log = Path.Combine(_scratch, "nanoclr-tests-Gateway.Core.DeviceTests.log");
            Match match = File.Exists(log) ? EcdhLine.Match(File.ReadAllText(log)) : Match.Empty;
            if (!match.Success)
            {
                Step("P-256 ECDH ratio: no nanoCLR figure (P256CostTests did not print one)");
                return;
            }

            long nanoMicroseconds = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            double dotNetMicroseconds = TimeManagedEcdhOnDotNet();
            double ratio = nanoMicroseconds / dotNetMicroseconds;
            Step(string.Format(
                CultureInfo.InvariantCulture,
                "P-256 ECDH (same managed code, incl. peer key check): nanoCLR {0:N0} us, .NET {1:0.0} us => nanoCLR / .NET = {2:0}x (issue 11 target <= 40x; x86 nanoCLR, not ESP32 time)",
                nanoMicroseconds,
                dotNetMicroseconds,
                ratio));
        }

        private static double TimeManagedEcdhOnDotNet()
        {
            ManagedKeyAgreement ka = new ManagedKeyAgreement();
            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(SampleDevicePrivateKey));
            byte[] peer = ka.CreateKeyPair(Hex.Decode(SampleProvisionerPrivateKey)).PublicKey;
            byte[] secret = new byte[32];

            // Warm-up long enough for tiered compilation to reach the optimized code.
            Stopwatch warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 1500)
            {
                ka.TryComputeSharedSecret(own, peer, 0, secret, 0);
                Thread.Sleep(0);
            }

            const int Batch = 200;
            double best = double.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                Stopwatch clock = Stopwatch.StartNew();
                for (int i = 0; i < Batch; i++)
                {
                    ka.TryComputeSharedSecret(own, peer, 0, secret, 0);
                }

                best = Math.Min(best, clock.Elapsed.TotalMilliseconds * 1000.0 / Batch);
            }

            return best;
        }
    }
}
