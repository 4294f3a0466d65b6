using System;
using Gateway.Core.DeviceTests.Mesh.Network;
using Gateway.Core.DeviceTests.Mesh.Provisioning;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace Gateway.Core.DeviceTests.Benchmarks
{
    /// <summary>
    /// The interpreter's figures for docs/BENCHMARKS.md: time per operation with the device's clock
    /// and managed heap taken, from the free memory the device's GC reports after a compacting
    /// collection. Each test checks that the work it timed was right and prints the figure as a
    /// line "figure: name = value unit"; none asserts a time (DESIGN.md §8). The .NET figures for
    /// the same code come from tests/Gateway.Benchmarks (BenchmarkDotNet). On the host run of these
    /// tests the heap stand-in reports .NET's own retained bytes (GC.GetTotalMemory), so the host
    /// prints its counterpart of each heap figure too.
    /// </summary>
    [TestClass]
    public class InterpreterFiguresTests
    {
        [TestMethod]
        public static void Figure_WholeProvisioningExchange_BothRoles()
        {
            // Warm: type loading, static tables (the P-256 comb), the first JIT-free pass.
            Assert.IsTrue(InterpreterWorkloads.ProvisioningExchange(), "#1");
            const int Runs = 3;
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Runs; i++)
            {
                Assert.IsTrue(InterpreterWorkloads.ProvisioningExchange(), "#2");
            }

            Print("provisioning exchange, both roles, CPU only", (DateTime.UtcNow.Ticks - start) / Runs, Runs);
        }

        [TestMethod]
        public static void Figure_NetworkPduEncryptAndDecrypt()
        {
            NetworkPduCodec codec = new NetworkPduCodec();
            NetworkKeyMaterial key = MeshSamples.NetworkKey();
            byte[] transport = Hex.Decode(InterpreterWorkloads.SampleTransportPdu);
            byte[] pdu = new byte[NetworkPduCodec.MaxLength];

            // MshPRT §8.3.6: the first round trip reproduces the sample Network PDU byte for byte.
            int length = InterpreterWorkloads.NetworkPduRoundTrip(codec, key, transport, pdu, 0x3129ab);
            Assert.AreEqual(29, length, "#3");
            Assert.AreEqual(MeshSamples.AppKeyAddSeg0, Hex.Encode(pdu, 0, length), "#4");

            const int Runs = 50;
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Runs; i++)
            {
                Assert.AreEqual(29, InterpreterWorkloads.NetworkPduRoundTrip(codec, key, transport, pdu, 0x3129ab + i), "#5");
            }

            Print("network PDU encrypt + decrypt (29 octets)", (DateTime.UtcNow.Ticks - start) / Runs, Runs);
        }

        [TestMethod]
        public static void Figure_HeapOfOneProvisioningExchange()
        {
            uint before = NativeGC.Run(false);
            SessionPair pair = new SessionPair(ProvisioningSamples.CapabilitiesParameters, null, SessionPair.SampleRequest());
            uint built = NativeGC.Run(false);
            Assert.IsTrue(pair.Run(), "#6");
            uint after = NativeGC.Run(false);
            Assert.AreEqual(1, pair.Provisioned, "#7");

            // Both roles, their contexts, links and the scheduler: an upper bound for the gateway's one session.
            PrintHeap("provisioning session pair, constructed", before, built);
            PrintHeap("provisioning session pair, after the exchange", before, after);
        }

        [TestMethod]
        public static void Figure_HeapOfA100NodeDatabase()
        {
            uint before = NativeGC.Run(false);
            MeshDatabase db = InterpreterWorkloads.Database(100);
            uint after = NativeGC.Run(false);
            Assert.IsNotNull(db, "#8");
            Assert.AreEqual(101, db.NodeCount, "#9 the gateway's own node and 100 others");
            Assert.IsNotNull(db.FindNodeByAddress(0x0065), "#10");
            PrintHeap("mesh database, 100 nodes", before, after);

            byte[] cdb = CdbExporter.Export(db);
            OutputHelper.WriteLine("figure: mesh database, 100 nodes, CDB JSON = " + cdb.Length.ToString() + " bytes");
        }

        private static void Print(string name, long ticksPerRun, int runs)
        {
            OutputHelper.WriteLine("figure: " + name + " = " + (ticksPerRun / 10).ToString() + " us per operation (mean of " + runs.ToString() + ")");
        }

        private static void PrintHeap(string name, uint freeBefore, uint freeAfter)
        {
            long taken = (long)freeBefore - freeAfter;
            OutputHelper.WriteLine("figure: " + name + " = " + taken.ToString() + " bytes of managed heap");
        }
    }
}
