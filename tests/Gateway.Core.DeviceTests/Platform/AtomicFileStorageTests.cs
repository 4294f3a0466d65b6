using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Platform
{
    /// <summary>
    /// The firmware's storage on LittleFS (write, rename, delete-then-rename, boot-time recovery)
    /// over an in-memory folder on the device: after a power cut at every file operation of a
    /// script, with the cut leaving no trace, half a file or a completed step, the next boot reads
    /// the state before or after the interrupted step, never a mix, and no marked file is left.
    /// Host twin: tests/Gateway.Core.Tests/Firmware/AtomicFileStorageTests.cs.
    /// </summary>
    [TestClass]
    public class AtomicFileStorageTests
    {
        private const int Steps = 6;

        /// <summary>Write, replace, list, delete (twice) and read back when the rename cannot overwrite.</summary>
        [TestMethod]
        public static void AtomicFileStorage_RoundTripsReplacesDeletesAndLists()
        {
            MemoryFileSystem folder = new MemoryFileSystem();
            AtomicFileStorage storage = new AtomicFileStorage(folder);
            storage.Write("mesh.netkey-0", new byte[] { 1, 1 });
            storage.Write("mesh.netkey-0", new byte[] { 2, 2, 2 });
            storage.Write("cloud.outbox", new byte[] { 3 });
            byte[] content;
            Assert.IsTrue(storage.TryRead("mesh.netkey-0", out content), "#1");
            Assert.AreEqual("020202", Hex.Encode(content), "#2");
            Assert.AreEqual(2, storage.List().Length, "#3");
            storage.Delete("mesh.netkey-0");
            storage.Delete("mesh.netkey-0");
            Assert.IsFalse(storage.TryRead("mesh.netkey-0", out content), "#4");
            Assert.IsNull(content, "#5");
            Assert.AreEqual(1, folder.List().Length, "#6");
            Assert.IsFalse(folder.HasMarkedFiles(), "#7");
        }

        /// <summary>A power cut at every mutating file operation of the script, with each cut effect: the rebooted storage holds the old or the new state.</summary>
        [TestMethod]
        public static void AtomicFileStorage_PowerCutAtEveryWrite_OldOrNewNeverTorn()
        {
            string[] states = new string[Steps + 1];
            int[] mutationsBefore = new int[Steps + 1];
            MemoryFileSystem reference = new MemoryFileSystem();
            AtomicFileStorage referenceStorage = new AtomicFileStorage(reference);
            states[0] = Dump(referenceStorage);
            for (int step = 0; step < Steps; step++)
            {
                mutationsBefore[step] = reference.MutationCount;
                Run(step, referenceStorage);
                states[step + 1] = Dump(referenceStorage);
            }

            mutationsBefore[Steps] = reference.MutationCount;
            int cuts = 0;
            for (int step = 0; step < Steps; step++)
            {
                for (int k = mutationsBefore[step]; k < mutationsBefore[step + 1]; k++)
                {
                    for (int effect = 0; effect < 3; effect++)
                    {
                        MemoryFileSystem folder = new MemoryFileSystem();
                        AtomicFileStorage storage = new AtomicFileStorage(folder);
                        for (int i = 0; i < step; i++)
                        {
                            Run(i, storage);
                        }

                        folder.CutPowerAt(k, (CutEffect)effect);
                        int s = step;
                        Assert.ThrowsException(typeof(PowerCutException), () => Run(s, storage), "#8");
                        cuts++;

                        MemoryFileSystem rebooted = folder.Reboot();
                        string recovered = Dump(new AtomicFileStorage(rebooted));
                        string where = "step " + step.ToString() + ", operation " + k.ToString() + ", effect " + effect.ToString();
                        Assert.IsTrue(recovered == states[step] || recovered == states[step + 1], where + ": " + recovered);
                        Assert.IsFalse(rebooted.HasMarkedFiles(), where + ": marked files left");
                    }
                }
            }

            OutputHelper.WriteLine("AtomicFileStorage: " + cuts.ToString() + " power cuts over " + mutationsBefore[Steps].ToString() + " file operations, all old or new");
            Assert.IsTrue(cuts >= 3 * 3 * Steps, "#9");
        }

        /// <summary>Boot-time recovery: partial writes dropped (old content kept), complete ones promoted, foreign files left alone.</summary>
        [TestMethod]
        public static void AtomicFileStorage_RecoveryDropsPartialAndPromotesComplete()
        {
            MemoryFileSystem folder = new MemoryFileSystem();
            folder.Put("a", new byte[] { 1 });
            folder.Put("~a", new byte[] { 9 });
            folder.Put("~c", new byte[] { 9 });
            folder.Put("b", new byte[] { 3 });
            folder.Put("+b", new byte[] { 2 });
            folder.Put("+d", new byte[] { 4 });
            folder.Put("~not a blob name!", new byte[] { 5 });
            AtomicFileStorage storage = new AtomicFileStorage(folder);
            Assert.AreEqual(4, storage.RecoveredCount, "#10");
            Assert.AreEqual("a=01;b=02;d=04;", Dump(storage), "#11");
            Assert.IsTrue(folder.Exists("~not a blob name!"), "#12");
        }

        /// <summary>The script: write a, replace a, write b, delete a, replace b by empty, write a again.</summary>
        private static void Run(int step, IStorage storage)
        {
            switch (step)
            {
                case 0: storage.Write("a", new byte[] { 1, 1, 1, 1, 1, 1 }); break;
                case 1: storage.Write("a", new byte[] { 2, 2, 2, 2, 2, 2, 2, 2 }); break;
                case 2: storage.Write("b", new byte[] { 3, 3, 3, 3 }); break;
                case 3: storage.Delete("a"); break;
                case 4: storage.Write("b", new byte[0]); break;
                default: storage.Write("a", new byte[] { 1, 1, 1, 1, 1, 1 }); break;
            }
        }

        /// <summary>The storage's blobs in name order, "name=hex;" each.</summary>
        private static string Dump(IStorage storage)
        {
            string[] names = storage.List();
            for (int i = 1; i < names.Length; i++)
            {
                for (int j = i; j > 0 && string.Compare(names[j - 1], names[j]) > 0; j--)
                {
                    string t = names[j];
                    names[j] = names[j - 1];
                    names[j - 1] = t;
                }
            }

            string text = string.Empty;
            for (int i = 0; i < names.Length; i++)
            {
                byte[] content;
                Assert.IsTrue(storage.TryRead(names[i], out content), "#13");
                text += names[i] + "=" + Hex.Encode(content) + ";";
            }

            return text;
        }
    }
}
