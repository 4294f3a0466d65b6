using System.Collections;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>A network bearer that keeps what the stack sends and lets the test inject Network PDUs.</summary>
    internal sealed class CapturingBearer : INetworkBearer
    {
        public CapturingBearer()
        {
            Sent = new ArrayList();
            Beacons = new ArrayList();
        }

        /// <summary>Network PDUs sent, as hex.</summary>
        public ArrayList Sent { get; private set; }

        /// <summary>Beacons sent, as hex.</summary>
        public ArrayList Beacons { get; private set; }

        public INetworkBearerReceiver Receiver { get; private set; }

        public bool IsReady
        {
            get { return true; }
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            Sent.Add(Hex.Encode(pdu, offset, count));
        }

        public void SendBeacon(byte[] beacon, int offset, int count)
        {
            Beacons.Add(Hex.Encode(beacon, offset, count));
        }

        public void SetReceiver(INetworkBearerReceiver receiver)
        {
            Receiver = receiver;
        }

        public void Inject(string hex)
        {
            Inject(Hex.Decode(hex));
        }

        public void Inject(byte[] pdu)
        {
            Receiver.OnNetworkPdu(this, pdu, 0, pdu.Length);
        }
    }

    /// <summary>
    /// A <see cref="MeshNetwork"/> with the §8.3 keys on a capturing bearer, in virtual time; every
    /// delivered access message is kept as "src dst opcode appKeyIndex parameters". Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Network/StackHarness.cs.
    /// </summary>
    internal sealed class StackHarness
    {
        public StackHarness(int primaryAddress, int nextSeq, MemoryStorage storage)
        {
            Scheduler = new VirtualTimeScheduler();
            Storage = storage == null ? new MemoryStorage() : storage;
            if (nextSeq >= 0)
            {
                Storage.Write(SequenceNumberStore.DefaultBlobName, MeshSamples.SeqBlob(MeshSamples.IvIndex, nextSeq));
            }

            Log = new CapturingLog();
            Network = new MeshNetwork(Scheduler, new SeededRandom(7), MeshSamples.Aes, Storage, Log, MeshSamples.KeyStore(), primaryAddress, 1, null);
            Bearer = new CapturingBearer();
            Network.AddBearer(Bearer);
            Received = new ArrayList();
            Network.AccessMessageReceived += OnMessage;
            Network.Start(MeshSamples.IvIndex);
        }

        public StackHarness(int primaryAddress, int nextSeq)
            : this(primaryAddress, nextSeq, null)
        {
        }

        public VirtualTimeScheduler Scheduler { get; private set; }

        public MemoryStorage Storage { get; private set; }

        public CapturingLog Log { get; private set; }

        public MeshNetwork Network { get; private set; }

        public CapturingBearer Bearer { get; private set; }

        /// <summary>Delivered messages: "src dst opcode appKeyIndex parameters" in hex numbers.</summary>
        public ArrayList Received { get; private set; }

        public static string Describe(int source, int destination, int opcode, int appKeyIndex, string parameters)
        {
            return source.ToString("x4") + " " + destination.ToString("x4") + " " + opcode.ToString("x") + " " + appKeyIndex.ToString() + " " + parameters;
        }

        private void OnMessage(ReceivedAccessMessage m)
        {
            Received.Add(Describe(m.Source, m.Destination, m.Opcode, m.AppKeyIndex, Hex.Encode(m.Buffer, m.ParametersOffset, m.ParametersLength)));
        }
    }
}
