using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class MemoryStorageTests
    {
        [Fact]
        public void WriteThenReadRoundTrips()
        {
            IStorage s = new MemoryStorage();
            s.Write("mesh.netkey-0", new byte[] { 1, 2, 3 });
            Assert.True(s.TryRead("mesh.netkey-0", out byte[] content));
            Assert.Equal(new byte[] { 1, 2, 3 }, content);
            Assert.False(s.TryRead("missing", out byte[] none));
            Assert.Null(none);
        }

        [Fact]
        public void EmptyBlobIsABlob()
        {
            IStorage s = new MemoryStorage();
            s.Write("empty", Array.Empty<byte>());
            Assert.True(s.TryRead("empty", out byte[] content));
            Assert.Empty(content);
        }

        [Fact]
        public void CallersCannotChangeStoredBytesThroughTheirArrays()
        {
            IStorage s = new MemoryStorage();
            var written = new byte[] { 1, 2, 3 };
            s.Write("a", written);
            written[0] = 99;
            s.TryRead("a", out byte[] read);
            read[1] = 99;
            s.TryRead("a", out byte[] again);
            Assert.Equal(new byte[] { 1, 2, 3 }, again);
        }

        [Fact]
        public void ReplaceAndDelete()
        {
            var s = new MemoryStorage();
            s.Write("a", new byte[] { 1 });
            s.Write("a", new byte[] { 2, 2 });
            s.TryRead("a", out byte[] content);
            Assert.Equal(new byte[] { 2, 2 }, content);
            s.Delete("a");
            s.Delete("a");
            Assert.False(s.TryRead("a", out _));
            Assert.Equal(4, s.WriteCount);
        }

        [Fact]
        public void ListIsInOrdinalOrder()
        {
            var s = new MemoryStorage();
            foreach (string name in new[] { "b", "a", "B", "a.1", "_", "0" })
            {
                s.Write(name, new byte[] { 0 });
            }

            Assert.Equal(new[] { "0", "B", "_", "a", "a.1", "b" }, s.List());
            Assert.Equal(6, s.Count);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("a/b")]
        [InlineData("../etc")]
        [InlineData("a\\b")]
        [InlineData("a b")]
        [InlineData("~tmp")]
        [InlineData("k\u00e9y")]
        [InlineData("line\nbreak")]
        [InlineData("a:b")]
        public void InvalidNamesAreRejected(string name)
        {
            var s = new MemoryStorage();
            Assert.Throws<ArgumentException>(() => s.Write(name, new byte[1]));
            Assert.Throws<ArgumentException>(() => s.TryRead(name, out _));
            Assert.Throws<ArgumentException>(() => s.Delete(name));
            Assert.Equal(0, s.WriteCount);
        }

        [Fact]
        public void NameLengthLimitIs64()
        {
            var s = new MemoryStorage();
            s.Write(new string('n', 64), new byte[1]);
            Assert.Throws<ArgumentException>(() => s.Write(new string('n', 65), new byte[1]));
            Assert.True(StorageNames.IsValid("Az09.-_"));
        }

        [Fact]
        public void NullContentIsRejected()
        {
            Assert.Throws<ArgumentNullException>(() => new MemoryStorage().Write("a", null));
        }

        [Fact]
        public void SnapshotIsAnIndependentFreshDevice()
        {
            var s = new MemoryStorage();
            s.Write("a", new byte[] { 1 });
            s.CutPowerAtWrite(1, true);
            Assert.Throws<PowerCutException>(() => s.Write("b", new byte[] { 2 }));
            Assert.False(s.IsPowered);

            MemoryStorage reboot = s.Snapshot();
            Assert.True(reboot.IsPowered);
            Assert.Equal(0, reboot.WriteCount);
            Assert.Equal(new[] { "a", "b" }, reboot.List());
            reboot.Write("a", new byte[] { 9 });

            s.RestorePower();
            s.TryRead("a", out byte[] original);
            Assert.Equal(new byte[] { 1 }, original);
        }

        [Fact]
        public void CutAtAWriteThatAlreadyHappenedIsRejected()
        {
            var s = new MemoryStorage();
            s.Write("a", new byte[1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => s.CutPowerAtWrite(0, true));
        }

        [Fact]
        public void CutPowerNowStopsEveryCallUntilRestored()
        {
            var s = new MemoryStorage();
            s.Write("a", new byte[] { 1 });
            s.CutPowerNow();
            AssertEveryCallThrows(s);
            s.RestorePower();
            Assert.Equal(new[] { "a" }, s.List());
        }

        [Fact]
        public void RestorePowerDisarmsAPendingCut()
        {
            var s = new MemoryStorage();
            s.CutPowerAtWrite(1, false);
            s.RestorePower();
            s.Write("a", new byte[1]);
            s.Write("b", new byte[1]);
            Assert.True(s.IsPowered);
        }

        /// <summary>
        /// The IStorage contract under power loss: cut at every write of a script that creates,
        /// replaces, grows, shrinks and deletes blobs. After the cut every call fails; after power
        /// returns the content is exactly the state before that write (not applied) or after it
        /// (applied): each blob old or new, nothing partial, nothing else changed.
        /// </summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void PowerCutAtEveryWriteLeavesTheOldOrTheNewStateExactly(bool applied)
        {
            var script = Script();
            var states = ModelStates(script);
            for (int cut = 0; cut < script.Count; cut++)
            {
                MemoryStorage storage = Initial().Snapshot();
                storage.CutPowerAtWrite(cut, applied);
                int completed = 0;
                var thrown = Assert.Throws<PowerCutException>(() =>
                {
                    foreach (var step in script)
                    {
                        step.Apply(storage);
                        completed++;
                    }
                });
                Assert.Contains("write " + cut, thrown.Message);
                Assert.Equal(cut, completed);
                Assert.Equal(cut + 1, storage.WriteCount);
                AssertEveryCallThrows(storage);

                storage.RestorePower();
                AssertContent(states[applied ? cut + 1 : cut], storage);

                // The rebooted device sees the same and can carry on.
                MemoryStorage reboot = storage.Snapshot();
                AssertContent(states[applied ? cut + 1 : cut], reboot);
                reboot.Write("after-reboot", new byte[] { 1 });
            }
        }

        [Fact]
        public void ScriptWithoutACutEndsInTheModelsFinalState()
        {
            var script = Script();
            var states = ModelStates(script);
            MemoryStorage storage = Initial().Snapshot();
            foreach (var step in script)
            {
                step.Apply(storage);
            }

            Assert.Equal(script.Count, storage.WriteCount);
            AssertContent(states[script.Count], storage);
        }

        private static MemoryStorage Initial()
        {
            var s = new MemoryStorage();
            s.Write("config", Encoding.UTF8.GetBytes("{\"v\":1}"));
            s.Write("netkeys", Fill(48, 0x11));
            s.Write("nodes", Fill(200, 0x22));
            return s;
        }

        private static List<Step> Script()
        {
            return new List<Step>
            {
                Step.Write("config", Encoding.UTF8.GetBytes("{\"v\":2,\"longer\":true}")),
                Step.Write("outbox", Fill(10, 0x33)),
                Step.Delete("netkeys"),
                Step.Write("nodes", Fill(20, 0x44)),
                Step.Delete("not-there"),
                Step.Write("nodes", Fill(500, 0x55)),
                Step.Write("netkeys", Array.Empty<byte>()),
                Step.Write("config", Encoding.UTF8.GetBytes("{}")),
                Step.Delete("outbox"),
                Step.Write("appkeys", Fill(16, 0x66)),
            };
        }

        /// <summary>states[k] = expected content after the first k writes, computed without MemoryStorage.</summary>
        private static List<SortedDictionary<string, byte[]>> ModelStates(List<Step> script)
        {
            var state = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["config"] = Encoding.UTF8.GetBytes("{\"v\":1}"),
                ["netkeys"] = Fill(48, 0x11),
                ["nodes"] = Fill(200, 0x22),
            };
            var states = new List<SortedDictionary<string, byte[]>> { new(state, StringComparer.Ordinal) };
            foreach (var step in script)
            {
                if (step.Content == null)
                {
                    state.Remove(step.Name);
                }
                else
                {
                    state[step.Name] = step.Content;
                }

                states.Add(new SortedDictionary<string, byte[]>(state, StringComparer.Ordinal));
            }

            return states;
        }

        private static void AssertContent(SortedDictionary<string, byte[]> expected, IStorage storage)
        {
            Assert.Equal(expected.Keys.ToArray(), storage.List());
            foreach (var pair in expected)
            {
                Assert.True(storage.TryRead(pair.Key, out byte[] content), pair.Key);
                Assert.Equal(pair.Value, content);
            }
        }

        private static void AssertEveryCallThrows(MemoryStorage s)
        {
            Assert.Throws<PowerCutException>(() => s.TryRead("config", out _));
            Assert.Throws<PowerCutException>(() => s.Write("config", new byte[1]));
            Assert.Throws<PowerCutException>(() => s.Delete("config"));
            Assert.Throws<PowerCutException>(() => s.List());
        }

        private static byte[] Fill(int length, byte value)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)(value + i);
            }

            return bytes;
        }

        private sealed record Step(string Name, byte[] Content)
        {
            public static Step Write(string name, byte[] content) => new(name, content);

            public static Step Delete(string name) => new(name, null);

            public void Apply(IStorage storage)
            {
                if (Content == null)
                {
                    storage.Delete(Name);
                }
                else
                {
                    storage.Write(Name, Content);
                }
            }
        }
    }
}
