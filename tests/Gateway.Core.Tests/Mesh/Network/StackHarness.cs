using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>A MeshNetwork with the §8.3 keys on a capturing bearer, in virtual time.</summary>
    internal sealed class StackHarness
    {
        public StackHarness(int primaryAddress, int nextSeq = -1, uint ivIndex = MeshSampleData.IvIndex, MemoryStorage storage = null,
            VirtualTimeScheduler scheduler = null, MeshNetworkOptions options = null, MeshKeyStore keys = null, bool start = true)
        {
            Scheduler = scheduler ?? new VirtualTimeScheduler();
            Storage = storage ?? new MemoryStorage();
            if (nextSeq >= 0)
            {
                Storage.Write(SequenceNumberStore.DefaultBlobName, MeshSampleData.SeqBlob(ivIndex, false, nextSeq));
            }

            Keys = keys ?? MeshSampleData.KeyStore();
            Log = new CapturingLog();
            Network = new MeshNetwork(Scheduler, new SeededRandom(7), MeshSampleData.Aes, Storage, Log, Keys, primaryAddress, 1, options);
            Bearer = new CapturingBearer();
            Network.AddBearer(Bearer);
            Network.AccessMessageReceived += m =>
            {
                if (Record)
                {
                    Received.Add(new Message(m));
                }
            };
            if (start)
            {
                Network.Start(ivIndex);
            }
        }

        public VirtualTimeScheduler Scheduler { get; }

        /// <summary>Keep a copy of every delivered message in <see cref="Received"/> (off for allocation measurements).</summary>
        public bool Record { get; set; } = true;

        public MemoryStorage Storage { get; }

        public MeshKeyStore Keys { get; }

        public CapturingLog Log { get; }

        public MeshNetwork Network { get; }

        public CapturingBearer Bearer { get; }

        public System.Collections.Generic.List<Message> Received { get; } = new System.Collections.Generic.List<Message>();

        internal sealed class Message
        {
            public Message(ReceivedAccessMessage m)
            {
                Source = m.Source;
                Destination = m.Destination;
                Opcode = m.Opcode;
                AppKeyIndex = m.AppKeyIndex;
                Parameters = Hex.Encode(m.Buffer, m.ParametersOffset, m.ParametersLength);
                Segmented = m.Segmented;
                Ttl = m.Ttl;
            }

            public int Source { get; }

            public int Destination { get; }

            public int Opcode { get; }

            public int AppKeyIndex { get; }

            public string Parameters { get; }

            public bool Segmented { get; }

            public int Ttl { get; }
        }
    }
}
