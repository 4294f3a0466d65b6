using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Database;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>Power cuts at every write of a provisioning-and-configuration run.</summary>
    public partial class MeshHomeScenarioTests
    {
        private static readonly ProvisioningBearerType[] CrashHome = { ProvisioningBearerType.PbAdv, ProvisioningBearerType.PbGatt, ProvisioningBearerType.PbAdv };

        private static MeshHomeRig CrashRig(long seed, out RecordingStorage recorder, int cutAt = -1, bool applied = false)
        {
            RecordingStorage made = null;
            var rig = new MeshHomeRig(seed, flash: m => made = new RecordingStorage(m), beforeBoot: m =>
            {
                if (cutAt >= 0)
                {
                    m.CutPowerAtWrite(cutAt, applied);
                }
            });
            recorder = made;
            foreach (ProvisioningBearerType bearer in CrashHome)
            {
                rig.Home.AddNode(bearer);
            }

            return rig;
        }

        /// <summary>
        /// Issue 5 crash test: three nodes (PB-ADV, PB-GATT, PB-ADV) provisioned and configured
        /// through the cloud; the gateway's power is cut at write k (every k of the uncut run),
        /// the write applied or not. At the cut the database blob is exactly the one before or
        /// after that write (never a mix, always readable); after the reboot the run completes
        /// with every node configured once, no address given twice and no SEQ sent twice.
        /// </summary>
        [Theory]
        [InlineData(31)]
        [InlineData(32)]
        public void PowerCutAtEveryWriteOfAThreeNodeRun_DatabaseOldOrNew_RunCompletes(long seed)
        {
            MeshHomeRig reference = CrashRig(seed, out RecordingStorage writes);
            Assert.True(reference.Run(() => reference.AllConfigured, 300_000), reference.Describe());
            MeshHomeChecks.AssertConsistent(reference);
            int total = writes.Writes.Count;
            var perBlob = writes.Writes.GroupBy(w => w.Name).ToDictionary(g => g.Key, g => g.Count());
            _output.WriteLine($"{total} writes in the uncut run ({reference.Scheduler.NowMilliseconds} ms): " + string.Join(", ", perBlob.Select(p => p.Key + " " + p.Value)));

            var failures = new List<string>();
            for (int k = 0; k < total; k++)
            {
                foreach (bool applied in new[] { false, true })
                {
                    MeshHomeRig rig = CrashRig(seed, out _, k, applied);
                    rig.Run(() => rig.AllConfigured, 300_000);
                    string at = $"cut at write {k} ({writes.Writes[k].Name}, applied {applied})";
                    if (!rig.GatewayDown)
                    {
                        failures.Add(at + ": the cut never came");
                        continue;
                    }

                    byte[] expected = writes.ContentAfter(MeshDatabaseStore.BlobName, applied ? k + 1 : k);
                    rig.Storage.RestorePower();
                    rig.Storage.TryRead(MeshDatabaseStore.BlobName, out byte[] stored);
                    if (!Same(expected, stored))
                    {
                        failures.Add(at + ": database blob is neither the old nor the new one");
                    }
                    else if (stored != null)
                    {
                        CdbImporter.Parse(stored, 0, stored.Length, MeshDatabaseStore.DefaultMaxBlobBytes);
                    }

                    rig.Reboot();
                    if (!rig.Run(() => rig.AllConfigured, 600_000))
                    {
                        failures.Add(at + ": did not complete (down " + rig.GatewayDown + ", timers " + rig.Scheduler.PendingTimerCount + "): " + rig.Describe());
                        continue;
                    }

                    try
                    {
                        MeshHomeChecks.AssertConsistent(rig);
                    }
                    catch (Xunit.Sdk.XunitException e)
                    {
                        failures.Add(at + ": " + e.Message.Replace("\n", " "));
                    }
                }
            }

            Assert.True(failures.Count == 0, $"seed {seed}, {failures.Count} of {2 * total} runs failed:\n" + string.Join("\n", failures.Take(10)));
        }

        private static bool Same(byte[] a, byte[] b)
        {
            return (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b));
        }
    }
}
