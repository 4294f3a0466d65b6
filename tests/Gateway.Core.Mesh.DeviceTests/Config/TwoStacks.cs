using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Mesh.Network;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Mesh.Config
{
    /// <summary>One end of a network wire: what one stack sends reaches the other 5 ms later (or never, while <see cref="WireEnd.Silent"/>).</summary>
    internal sealed class WireEnd : INetworkBearer
    {
        private readonly VirtualTimeScheduler _scheduler;
        private INetworkBearerReceiver _receiver;

        public WireEnd(VirtualTimeScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        public WireEnd Peer { get; set; }

        /// <summary>Drop everything this end sends.</summary>
        public bool Silent { get; set; }

        public int SentCount { get; private set; }

        public bool IsReady
        {
            get { return true; }
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            SentCount++;
            Carry(MeshSamples.Copy(pdu, offset, count), false);
        }

        public void SendBeacon(byte[] beacon, int offset, int count)
        {
            Carry(MeshSamples.Copy(beacon, offset, count), true);
        }

        public void SetReceiver(INetworkBearerReceiver receiver)
        {
            _receiver = receiver;
        }

        private void Carry(byte[] data, bool beacon)
        {
            if (Silent)
            {
                return;
            }

            WireEnd to = Peer;
            _scheduler.Schedule(5, () =>
            {
                if (beacon)
                {
                    to._receiver.OnBeacon(to, data, 0, data.Length);
                }
                else
                {
                    to._receiver.OnNetworkPdu(to, data, 0, data.Length);
                }
            });
        }
    }

    /// <summary>
    /// A gateway stack (0x0001) and a node stack (0x0100, two elements, with a Configuration Server)
    /// joined by a wire. Host twin: tests/Gateway.Core.Tests/Mesh/Network/TwoStacks.cs.
    /// </summary>
    internal sealed class TwoStacks
    {
        public const int GatewayAddress = 0x0001;
        public const int NodeAddress = 0x0100;

        public TwoStacks()
        {
            Scheduler = new VirtualTimeScheduler();
            GatewayEnd = new WireEnd(Scheduler);
            NodeEnd = new WireEnd(Scheduler);
            GatewayEnd.Peer = NodeEnd;
            NodeEnd.Peer = GatewayEnd;
            byte[] deviceKey = Hex.Decode("0520adad5e0142aa3e325087b4ec16d8");
            MeshKeyStore gatewayKeys = new MeshKeyStore();
            gatewayKeys.AddNetworkKey(MeshSamples.NetworkKey());
            gatewayKeys.AddApplicationKey(MeshSamples.ApplicationKey());
            gatewayKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSamples.Aes, NodeAddress, deviceKey), 2);
            MeshKeyStore nodeKeys = new MeshKeyStore();
            nodeKeys.AddNetworkKey(MeshSamples.NetworkKey());
            nodeKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSamples.Aes, NodeAddress, deviceKey), 2);
            Gateway = new MeshNetwork(Scheduler, new SeededRandom(1), MeshSamples.Aes, new MemoryStorage(), new CapturingLog(), gatewayKeys, GatewayAddress, 1, null);
            Node = new MeshNetwork(Scheduler, new SeededRandom(2), MeshSamples.Aes, new MemoryStorage(), new CapturingLog(), nodeKeys, NodeAddress, 2, null);
            Gateway.AddBearer(GatewayEnd);
            Node.AddBearer(NodeEnd);
            Gateway.Start(MeshSamples.IvIndex);
            Node.Start(MeshSamples.IvIndex);
            CompositionData composition = new CompositionData(0x000C, 0x001A, 0x0001, 0x0008, 0x0003, new CompositionElement[]
            {
                new CompositionElement(0x0100, new int[] { 0x0000, 0x1000, 0x1001 }, new uint[] { 0x003F002A }),
                new CompositionElement(0x0101, new int[] { 0x1000 }, null),
            });
            Server = new ConfigServer(Node, nodeKeys, new MeshCrypto(MeshSamples.Aes), MeshSamples.Aes, composition);
        }

        public VirtualTimeScheduler Scheduler { get; private set; }

        public WireEnd GatewayEnd { get; private set; }

        public WireEnd NodeEnd { get; private set; }

        public MeshNetwork Gateway { get; private set; }

        public MeshNetwork Node { get; private set; }

        public ConfigServer Server { get; private set; }
    }
}
