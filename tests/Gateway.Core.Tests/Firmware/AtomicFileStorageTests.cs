using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>
    /// The device's storage on LittleFS (drive I:): write-then-rename with delete-then-move because
    /// File.Move may not replace a file (nanoframework.md §8), and boot-time recovery. The IStorage
    /// promise (old or new content after a power cut, never a mix) is checked at every mutating
    /// file operation of a script, with the cut leaving no trace, a partial file, or a completed step.
    /// </summary>
    public class AtomicFileStorageTests
    {
        private static readonly byte[] A1 = { 1, 1, 1, 1, 1, 1 };
        private static readonly byte[] A2 = { 2, 2, 2, 2, 2, 2, 2, 2 };
        private static readonly byte[] B1 = { 3, 3, 3, 3 };
        private static readonly byte[] B2 = { };

        private static readonly (string Name, Action<IStorage> Run)[] Script =
        {
            ("write a=A1", s => s.Write("a", A1)),
            ("replace a=A2", s => s.Write("a", A2)),
            ("write b=B1", s => s.Write("b", B1)),
            ("delete a", s => s.Delete("a")),
            ("replace b=empty", s => s.Write("b", B2)),
            ("write a=A1 again", s => s.Write("a", A1)),
        };

        [Fact]
        public void Storage_RoundTripsReplacesDeletesAndLists_WhenMoveCannotOverwrite()
        {
            LittleFsFolder folder = new LittleFsFolder { MoveOverwrites = false };
            AtomicFileStorage storage = new AtomicFileStorage(folder);
            storage.Write("mesh.netkey-0", A1);
            storage.Write("mesh.netkey-0", A2);
            storage.Write("cloud.outbox", B1);
            Assert.True(storage.TryRead("mesh.netkey-0", out byte[] content));
            Assert.Equal(A2, content);
            Assert.Equal(new[] { "cloud.outbox", "mesh.netkey-0" }, storage.List());
            storage.Delete("mesh.netkey-0");
            storage.Delete("mesh.netkey-0");
            Assert.False(storage.TryRead("mesh.netkey-0", out byte[] none));
            Assert.Null(none);
            Assert.Equal(new[] { "cloud.outbox" }, folder.Names.ToArray());
        }

        [Fact]
        public void PowerCut_AtEveryFileOperation_LeavesOldOrNewContent_AndNoMarkedFiles()
        {
            List<Dictionary<string, byte[]>> models = new List<Dictionary<string, byte[]>>();
            List<int> mutationsBefore = new List<int>();
            LittleFsFolder reference = new LittleFsFolder();
            AtomicFileStorage referenceStorage = new AtomicFileStorage(reference);
            models.Add(Model(referenceStorage));
            foreach ((string _, Action<IStorage> run) in Script)
            {
                mutationsBefore.Add(reference.MutationCount);
                run(referenceStorage);
                models.Add(Model(referenceStorage));
            }

            mutationsBefore.Add(reference.MutationCount);
            int cuts = 0;
            for (int step = 0; step < Script.Length; step++)
            {
                for (int k = mutationsBefore[step]; k < mutationsBefore[step + 1]; k++)
                {
                    foreach (CutEffect effect in new[] { CutEffect.None, CutEffect.Partial, CutEffect.Complete })
                    {
                        LittleFsFolder folder = new LittleFsFolder();
                        AtomicFileStorage storage = new AtomicFileStorage(folder);
                        for (int i = 0; i < step; i++)
                        {
                            Script[i].Run(storage);
                        }

                        folder.CutPowerAt(k, effect);
                        Assert.Throws<PowerCutException>(() => Script[step].Run(storage));
                        cuts++;

                        LittleFsFolder rebooted = folder.Reboot();
                        AtomicFileStorage recovered = new AtomicFileStorage(rebooted);
                        string where = Script[step].Name + ", file operation " + k + ", " + effect;
                        AssertOldOrNew(models[step], models[step + 1], Model(recovered), where);
                        Assert.True(rebooted.Names.All(StorageNames.IsValid), where + ": marked files left: " + string.Join(",", rebooted.Names));
                    }
                }
            }

            Assert.True(cuts >= 3 * 4 * Script.Length - 3 * 6, "the script made too few file operations: " + cuts);
        }

        [Fact]
        public void PowerCut_DuringRecovery_IsRecoveredByTheNextBoot()
        {
            // A cut in the window of a replace (after "a" was deleted): recovery must promote "+a",
            // and a cut during that recovery must not lose it either.
            LittleFsFolder seed = new LittleFsFolder();
            AtomicFileStorage storage = new AtomicFileStorage(seed);
            storage.Write("a", A1);
            int before = seed.MutationCount;
            storage.Write("a", A2);
            int window = seed.MutationCount - 1; // the last mutation is the final Move

            LittleFsFolder cut = new LittleFsFolder();
            AtomicFileStorage first = new AtomicFileStorage(cut);
            first.Write("a", A1);
            cut.CutPowerAt(window, CutEffect.None);
            Assert.Throws<PowerCutException>(() => first.Write("a", A2));
            Assert.Contains("+a", cut.Names);
            Assert.DoesNotContain("a", cut.Names);

            for (int k = 0; k < 2; k++)
            {
                LittleFsFolder boot = cut.Reboot();
                boot.CutPowerAt(k, CutEffect.None);
                Assert.Throws<PowerCutException>(() => new AtomicFileStorage(boot));
                AtomicFileStorage again = new AtomicFileStorage(boot.Reboot());
                Assert.True(again.TryRead("a", out byte[] content), "cut at recovery operation " + k);
                Assert.Equal(A2, content);
            }

            Assert.True(window > before);
        }

        [Fact]
        public void Recovery_DeletesPartialWrites_KeepsTheOldBlob_AndPromotesCompleteOnes()
        {
            LittleFsFolder folder = new LittleFsFolder();
            folder.Put("a", A1);
            folder.Put("~a", new byte[] { 9 });     // partial new content of a: dropped
            folder.Put("~c", new byte[] { 9 });     // partial first write of c: dropped, c never existed
            folder.Put("b", B1);
            folder.Put("+b", A2);                   // complete new content of b, cut before step 3: new wins
            folder.Put("+d", B1);                   // cut between steps 3 and 4: d comes back
            folder.Put("~not a blob name!", A1);    // foreign file: left alone

            AtomicFileStorage storage = new AtomicFileStorage(folder);

            Assert.Equal(4, storage.RecoveredCount);
            Assert.Equal(new[] { "a", "b", "d" }, storage.List());
            Assert.True(storage.TryRead("a", out byte[] a) && a.SequenceEqual(A1));
            Assert.True(storage.TryRead("b", out byte[] b) && b.SequenceEqual(A2));
            Assert.True(storage.TryRead("d", out byte[] d) && d.SequenceEqual(B1));
            Assert.False(storage.TryRead("c", out _));
            Assert.Equal(new[] { "a", "b", "d", "~not a blob name!" }, folder.Names.ToArray());
        }

        [Fact]
        public void FailedFinalRename_WithoutReboot_StillReadsTheNewContent_AndTheNextWriteFinishesIt()
        {
            LittleFsFolder folder = new LittleFsFolder();
            AtomicFileStorage storage = new AtomicFileStorage(folder);
            storage.Write("a", A1);
            folder.FailNextMove = true; // the "~a" → "+a" rename fails: the write fails, a keeps A1
            Assert.Throws<StorageException>(() => storage.Write("a", A2));
            Assert.True(storage.TryRead("a", out byte[] unchanged) && unchanged.SequenceEqual(A1));

            // Make the final rename fail: "+a" exists, "a" is gone.
            storage.Write("a", A2);
            folder.Delete("a");
            folder.Put("+a", B1);
            Assert.True(storage.TryRead("a", out byte[] pending) && pending.SequenceEqual(B1));
            Assert.Equal(new[] { "a" }, storage.List());

            storage.Write("a", A1);
            Assert.True(storage.TryRead("a", out byte[] latest) && latest.SequenceEqual(A1));
            Assert.Equal(new[] { "a" }, folder.Names.ToArray());
        }

        [Fact]
        public void FileSystemErrors_BecomeStorageExceptions_NamingTheBlobNotTheContent()
        {
            LittleFsFolder folder = new LittleFsFolder();
            AtomicFileStorage storage = new AtomicFileStorage(folder);
            folder.FailNextMove = true;
            StorageException e = Assert.Throws<StorageException>(() => storage.Write("secret-key", new byte[] { 0x5E, 0xC2 }));
            Assert.Contains("secret-key", e.Message);
            Assert.IsType<IOException>(e.InnerException);
            Assert.Throws<ArgumentException>(() => storage.Write("~a", A1));
            Assert.Throws<ArgumentException>(() => storage.TryRead("+a", out _));
        }

        private static Dictionary<string, byte[]> Model(IStorage storage)
        {
            Dictionary<string, byte[]> model = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string name in storage.List())
            {
                Assert.True(storage.TryRead(name, out byte[] content));
                model[name] = content;
            }

            return model;
        }

        private static void AssertOldOrNew(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after, Dictionary<string, byte[]> actual, string where)
        {
            bool isOld = SameState(before, actual);
            bool isNew = SameState(after, actual);
            Assert.True(isOld || isNew, where + ": recovered state is neither the old nor the new one: " + Describe(actual));
        }

        private static bool SameState(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
        {
            return expected.Count == actual.Count
                && expected.All(e => actual.TryGetValue(e.Key, out byte[] v) && v.SequenceEqual(e.Value));
        }

        private static string Describe(Dictionary<string, byte[]> state)
        {
            return string.Join("; ", state.Select(s => s.Key + "=" + Convert.ToHexString(s.Value)));
        }
    }
}
