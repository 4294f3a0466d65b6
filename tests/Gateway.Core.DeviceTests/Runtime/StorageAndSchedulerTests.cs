using System.Collections;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Runtime
{
    /// <summary>
    /// The in-memory storage with power cuts and the virtual-time scheduler on the device: the
    /// storage is left in exactly the old or the new state at a cut, and timers run in due order.
    /// Host twins: tests/Gateway.Core.Tests/Runtime/MemoryStorageTests.cs and VirtualTimeSchedulerTests.cs.
    /// </summary>
    [TestClass]
    public class StorageAndSchedulerTests
    {
        /// <summary>Blobs round-trip, are copied in and out, and are replaced and deleted; invalid names are refused.</summary>
        [TestMethod]
        public static void MemoryStorage_RoundTripsCopiesAndValidatesNames()
        {
            MemoryStorage s = new MemoryStorage();
            byte[] mine = new byte[] { 1, 2, 3 };
            s.Write("mesh.netkey-0", mine);
            mine[0] = 9;
            byte[] content;
            Assert.IsTrue(s.TryRead("mesh.netkey-0", out content), "#1");
            Assert.AreEqual("010203", Hex.Encode(content), "#2");
            content[1] = 9;
            Assert.IsTrue(s.TryRead("mesh.netkey-0", out content), "#3");
            Assert.AreEqual("010203", Hex.Encode(content), "#4");
            s.Write("empty", new byte[0]);
            s.Delete("mesh.netkey-0");
            Assert.IsFalse(s.TryRead("mesh.netkey-0", out content), "#5");
            Assert.IsNull(content, "#6");
            Assert.AreEqual(1, s.Count, "#7");
            Assert.ThrowsException(typeof(System.ArgumentException), () => s.Write("bad name", new byte[1]), "#8");
            Assert.ThrowsException(typeof(System.ArgumentException), () => s.Write(new string('n', 65), new byte[1]), "#9");
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => s.Write("a", null), "#10");
        }

        /// <summary>A cut at every write of a script, applied or not: the storage, and the reboot from it, hold exactly the state before or after that write.</summary>
        [TestMethod]
        public static void MemoryStorage_PowerCutAtEveryWrite_OldOrNewExactly()
        {
            string[] states = new string[5];
            MemoryStorage reference = new MemoryStorage();
            states[0] = Dump(reference);
            for (int w = 0; w < 4; w++)
            {
                Script(reference, w);
                states[w + 1] = Dump(reference);
            }

            for (int cut = 0; cut < 4; cut++)
            {
                for (int applied = 0; applied < 2; applied++)
                {
                    MemoryStorage storage = new MemoryStorage();
                    storage.CutPowerAtWrite(cut, applied == 1);
                    int completed = 0;
                    try
                    {
                        for (int w = 0; w < 4; w++)
                        {
                            Script(storage, w);
                            completed++;
                        }
                    }
                    catch (PowerCutException)
                    {
                    }

                    Assert.AreEqual(cut, completed, "#11");
                    Assert.IsFalse(storage.IsPowered, "#12");
                    byte[] unused;
                    Assert.ThrowsException(typeof(PowerCutException), () => storage.TryRead("a", out unused), "#13");
                    MemoryStorage reboot = storage.Snapshot();
                    Assert.IsTrue(reboot.IsPowered, "#14");
                    Assert.AreEqual(states[applied == 1 ? cut + 1 : cut], Dump(reboot), "#15");
                }
            }
        }

        /// <summary>Timers run in due order (ties in scheduling order), posted work first, cancelled ones never; time only moves when told.</summary>
        [TestMethod]
        public static void VirtualTimeScheduler_RunsTimersInDueOrder()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            ArrayList order = new ArrayList();
            scheduler.Schedule(30, () => order.Add("30"));
            scheduler.Schedule(10, () => order.Add("10a"));
            int cancelled = scheduler.Schedule(20, () => order.Add("20"));
            scheduler.Schedule(10, () => order.Add("10b"));
            scheduler.Post(() => order.Add("posted"));
            Assert.IsTrue(scheduler.Cancel(cancelled), "#16");
            Assert.IsFalse(scheduler.Cancel(cancelled), "#17");
            Assert.AreEqual(0L, scheduler.NowMilliseconds, "#18");
            scheduler.RunPending();
            Assert.AreEqual(1, order.Count, "#19");
            scheduler.Advance(25);
            Assert.AreEqual(25L, scheduler.NowMilliseconds, "#20");
            Assert.AreEqual(3, order.Count, "#21");
            scheduler.RunAll(1000);
            Assert.AreEqual("posted", (string)order[0], "#22");
            Assert.AreEqual("10a", (string)order[1], "#23");
            Assert.AreEqual("10b", (string)order[2], "#24");
            Assert.AreEqual("30", (string)order[3], "#25");
            Assert.AreEqual(4, order.Count, "#26");
            Assert.AreEqual(0, scheduler.PendingTimerCount, "#27");
        }

        private static void Script(MemoryStorage storage, int write)
        {
            switch (write)
            {
                case 0: storage.Write("a", new byte[] { 1 }); break;
                case 1: storage.Write("b", new byte[] { 2, 2 }); break;
                case 2: storage.Write("a", new byte[] { 3, 3, 3 }); break;
                default: storage.Delete("b"); break;
            }
        }

        private static string Dump(MemoryStorage storage)
        {
            string[] names = storage.List();
            string text = string.Empty;
            for (int i = 0; i < names.Length; i++)
            {
                byte[] content;
                storage.TryRead(names[i], out content);
                text += names[i] + "=" + Hex.Encode(content) + ";";
            }

            return text;
        }
    }
}
