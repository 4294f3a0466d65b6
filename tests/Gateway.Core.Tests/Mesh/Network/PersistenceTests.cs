using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>SEQ store-ahead and the replay protection list under power cuts (reference/ble-mesh.md §4.8).</summary>
    public class PersistenceTests
    {
        [Fact]
        public void SeqStoreAhead_PowerCutAtEveryWrite_NeverReusesASeq()
        {
            int cuts = 0;
            for (int cut = 0; ; cut++)
            {
                bool anyCut = false;
                foreach (bool applied in new[] { false, true })
                {
                    var storage = new MemoryStorage();
                    storage.CutPowerAtWrite(cut, applied);
                    var used = new List<int>();
                    try
                    {
                        var store = new SequenceNumberStore(storage, "mesh.seq", 5);
                        if (!store.Load())
                        {
                            store.Initialize(7, false);
                        }

                        for (int i = 0; i < 23; i++)
                        {
                            used.Add(store.Allocate());
                        }
                    }
                    catch (PowerCutException)
                    {
                        anyCut = true;
                        cuts++;
                    }

                    var rebooted = new SequenceNumberStore(storage.Snapshot(), "mesh.seq", 5);
                    if (!rebooted.Load())
                    {
                        rebooted.Initialize(7, false);
                    }

                    Assert.Equal(7u, rebooted.IvIndex);
                    for (int i = 0; i < 10; i++)
                    {
                        used.Add(rebooted.Allocate());
                    }

                    for (int i = 1; i < used.Count; i++)
                    {
                        Assert.True(used[i] > used[i - 1], "cut at write " + cut + (applied ? " (applied)" : "") + ": SEQ " + used[i] + " after " + used[i - 1]);
                    }
                }

                if (!anyCut)
                {
                    break;
                }
            }

            // Initialize and the blocks at SEQ 5, 10, 15, 20: five writes, each cut applied or not.
            Assert.Equal(10, cuts);
        }

        [Fact]
        public void Stack_PowerCutAtEveryWrite_SentSeqsAreUnique()
        {
            for (int cut = 0; cut < 40; cut++)
            {
                foreach (bool applied in new[] { false, true })
                {
                    var storage = new MemoryStorage();
                    var options = new MeshNetworkOptions { SeqStoreBlockSize = 3 };
                    var seen = new HashSet<long>();
                    var first = new StackHarness(0x0003, storage: storage, options: options, start: false);
                    storage.CutPowerAtWrite(cut, applied);
                    try
                    {
                        first.Network.Start(MeshSampleData.IvIndex);
                        Script(first);
                    }
                    catch (PowerCutException)
                    {
                    }

                    Collect(first, seen);
                    var second = new StackHarness(0x0003, storage: storage.Snapshot(), options: options);
                    Script(second);
                    Collect(second, seen);
                }
            }
        }

        private static void Script(StackHarness h)
        {
            byte[] small = Hex.Decode("0400000000");
            byte[] large = new byte[40];
            large[0] = 0xC1;
            for (int i = 0; i < 4; i++)
            {
                h.Network.SendAccessMessage(0x0003, 0x1201, 0, small, 0, small.Length, null);
                h.Network.SendAccessMessage(0x0003, 0xC000 + i, 0, large, 0, large.Length, null);
                h.Scheduler.RunAll(2_000);
            }
        }

        private static void Collect(StackHarness h, HashSet<long> seen)
        {
            var codec = new NetworkPduCodec();
            foreach (byte[] pdu in h.Bearer.Sent)
            {
                Assert.True(codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, false, pdu, 0, pdu.Length));
                Assert.True(seen.Add(((long)codec.IvIndex << 24) | (uint)codec.Seq), "SEQ " + codec.Seq + " sent twice");
            }
        }

        [Fact]
        public void ReplayList_PersistsAndReloads_RefusesNewSourcesWhenFull_Prunes()
        {
            var storage = new MemoryStorage();
            var rpl = new ReplayProtectionList(storage, "mesh.rpl", 2);
            Assert.True(rpl.Accept(0x0100, 5, 10));
            Assert.True(rpl.Accept(0x0200, 4, 99));
            Assert.False(rpl.Accept(0x0300, 5, 1));
            Assert.True(rpl.IsReplay(0x0100, 5, 10));
            Assert.False(rpl.IsReplay(0x0100, 5, 11));
            Assert.False(rpl.IsReplay(0x0100, 6, 0));
            Assert.True(rpl.IsReplay(0x0100, 4, 1000));
            rpl.Persist();

            var reloaded = new ReplayProtectionList(storage, "mesh.rpl", 2);
            Assert.True(reloaded.Load());
            Assert.True(reloaded.IsReplay(0x0200, 4, 99));
            Assert.Equal(1, reloaded.PruneBefore(5));
            Assert.True(reloaded.Accept(0x0300, 5, 1));
            Assert.True(reloaded.Remove(0x0100));
            Assert.False(reloaded.IsReplay(0x0100, 5, 1));
        }

        [Fact]
        public void ReplayStoreDelay_WritesLater_DocumentedWindow()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0, options: new MeshNetworkOptions { ReplayStoreDelayMilliseconds = 5000 });
            gw.Bearer.Inject(Hex.Decode("68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228"));
            Assert.Single(gw.Received);
            Assert.Equal(0, gw.Network.ReplayList.WriteCount);
            gw.Scheduler.Advance(5000);
            Assert.Equal(1, gw.Network.ReplayList.WriteCount);
        }

        [Fact]
        public void ReplayListWriteFailure_MessageIsNotDelivered()
        {
            var storage = new FailingStorage();
            var network = new MeshNetwork(new VirtualTimeScheduler(), new SeededRandom(1), MeshSampleData.Aes, storage, new CapturingLog(), MeshSampleData.KeyStore(), 0x0003, 1, null);
            var bearer = new CapturingBearer();
            network.AddBearer(bearer);
            int delivered = 0;
            network.AccessMessageReceived += m => delivered++;
            network.Start(MeshSampleData.IvIndex);
            storage.Fail = true;
            bearer.Inject(Hex.Decode("68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228"));
            Assert.Equal(0, delivered);
            Assert.Equal(1, network.Statistics.DroppedStorage);
        }

        private sealed class FailingStorage : IStorage
        {
            private readonly MemoryStorage _inner = new MemoryStorage();

            public bool Fail { get; set; }

            public bool TryRead(string name, out byte[] content) => _inner.TryRead(name, out content);

            public void Write(string name, byte[] content)
            {
                if (Fail)
                {
                    throw new StorageException("flash full");
                }

                _inner.Write(name, content);
            }

            public void Delete(string name) => _inner.Delete(name);

            public string[] List() => _inner.List();
        }
    }
}
