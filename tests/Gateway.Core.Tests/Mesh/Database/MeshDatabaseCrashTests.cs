using System.Collections.Generic;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>
    /// Power cut at every write of a provisioning-and-configuration run, the write either applied
    /// or not: after the reboot the storage holds exactly the state before or after the cut
    /// change (never a mix, never unreadable), the run continues to the same database as an
    /// uninterrupted one, and across both halves no address is handed out twice (nor a retired
    /// one before IV + 2) and no SEQ is sent twice.
    /// </summary>
    public class MeshDatabaseCrashTests
    {
        private readonly ITestOutputHelper _output;

        public MeshDatabaseCrashTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object[]> Cuts()
        {
            int writes = Reference().States.Count;
            for (int w = 0; w < writes; w++)
            {
                yield return new object[] { w, true };
                yield return new object[] { w, false };
            }
        }

        [Fact]
        public void ScriptWritesOnceForEveryStep()
        {
            RunResult reference = Reference();
            Assert.Equal(new ProvisioningScript(new MemoryStorage(), new ProvisioningLedger()).StepCount, reference.States.Count);
            _output.WriteLine(reference.States.Count + " writes, final database " + reference.FinalCdb.Length + " bytes");
        }

        [Theory]
        [MemberData(nameof(Cuts))]
        public void PowerCutAtEveryWrite_OldOrNewStateAndNoReuse(int cutAt, bool applied)
        {
            RunResult reference = Reference();
            var storage = new MemoryStorage();
            var ledger = new ProvisioningLedger();
            var script = new ProvisioningScript(storage, ledger);
            storage.CutPowerAtWrite(cutAt, applied);
            script.Boot();
            int cutStep = -1;
            for (int step = 0; step < script.StepCount; step++)
            {
                try
                {
                    script.Run(step);
                }
                catch (PowerCutException)
                {
                    cutStep = step;
                    break;
                }
            }

            Assert.Equal(cutAt, cutStep);

            // Reboot: exactly the old state (cut write lost) or the new one (cut write complete).
            MemoryStorage flash = storage.Snapshot();
            string expected = applied ? reference.States[cutAt] : (cutAt == 0 ? string.Empty : reference.States[cutAt - 1]);
            Assert.Equal(expected, ProvisioningScript.Dump(flash));

            var rebooted = new ProvisioningScript(flash, ledger);
            rebooted.Boot();
            for (int step = cutStep; step < rebooted.StepCount; step++)
            {
                rebooted.Run(step);
            }

            Assert.Equal(reference.FinalCdb, CdbExporter.ExportText(rebooted.Database));
            byte[] iv;
            flash.TryRead(MeshStateStore.IvBlobName, out iv);
            Assert.Equal(reference.FinalIv, iv);
            Assert.True(ledger.Messages > 0);
        }

        private static RunResult _reference;

        private static RunResult Reference()
        {
            if (_reference != null)
            {
                return _reference;
            }

            var storage = new MemoryStorage();
            var script = new ProvisioningScript(storage, new ProvisioningLedger());
            var result = new RunResult();
            script.Boot();
            for (int step = 0; step < script.StepCount; step++)
            {
                script.Run(step);
                Assert.Equal(step + 1, storage.WriteCount);
                result.States.Add(ProvisioningScript.Dump(storage));
            }

            result.FinalCdb = CdbExporter.ExportText(script.Database);
            byte[] iv;
            storage.TryRead(MeshStateStore.IvBlobName, out iv);
            result.FinalIv = iv;
            _reference = result;
            return result;
        }

        private sealed class RunResult
        {
            public List<string> States { get; } = new List<string>();

            public string FinalCdb { get; set; }

            public byte[] FinalIv { get; set; }
        }
    }
}
