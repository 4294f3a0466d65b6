using System.Collections.Generic;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>A gateway (0x0001) and a node (0x0100, with a Configuration Server) joined by a lossy loopback wire.</summary>
    internal sealed class TwoStacks
    {
        public const int GatewayAddress = 0x0001;
        public const int NodeAddress = 0x0100;
        public const string NodeDeviceKey = "0520adad5e0142aa3e325087b4ec16d8";

        public static readonly CompositionData Composition = new CompositionData(0x000C, 0x001A, 0x0001, 0x0008, 0x0003, new[]
        {
            new CompositionElement(0x0100, new[] { 0x0000, 0x1000, 0x1001 }, new uint[] { 0x003F002A }),
            new CompositionElement(0x0101, new[] { 0x1000 }, null),
        });

        public TwoStacks(int seed = 1, double loss = 0, MeshNetworkOptions gatewayOptions = null, MeshNetworkOptions nodeOptions = null)
        {
            Scheduler = new VirtualTimeScheduler();
            Wire = new LoopbackWire(Scheduler, seed, loss);
            GatewayKeys = new MeshKeyStore();
            GatewayKeys.AddNetworkKey(MeshSampleData.NetworkKey());
            GatewayKeys.AddApplicationKey(MeshSampleData.ApplicationKey());
            GatewayKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSampleData.Aes, NodeAddress, Hex.Decode(NodeDeviceKey)), 2);
            NodeKeys = new MeshKeyStore();
            NodeKeys.AddNetworkKey(MeshSampleData.NetworkKey());
            NodeKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSampleData.Aes, NodeAddress, Hex.Decode(NodeDeviceKey)), 2);
            GatewayStorage = new MemoryStorage();
            NodeStorage = new MemoryStorage();
            Gateway = new MeshNetwork(Scheduler, new SeededRandom(seed), MeshSampleData.Aes, GatewayStorage, new CapturingLog(), GatewayKeys, GatewayAddress, 1, gatewayOptions);
            Node = new MeshNetwork(Scheduler, new SeededRandom(seed + 1), MeshSampleData.Aes, NodeStorage, new CapturingLog(), NodeKeys, NodeAddress, 2, nodeOptions);
            Gateway.AddBearer(Wire.A);
            Node.AddBearer(Wire.B);
            Gateway.Start(MeshSampleData.IvIndex);
            Node.Start(MeshSampleData.IvIndex);
            Gateway.AccessMessageReceived += m => GatewayReceived.Add(Hex.Encode(m.Buffer, 0, m.ParametersOffset + m.ParametersLength));
            Node.AccessMessageReceived += m => NodeReceived.Add(Hex.Encode(m.Buffer, 0, m.ParametersOffset + m.ParametersLength));
            Server = new ConfigServer(Node, NodeKeys, MeshSampleData.Crypto(), MeshSampleData.Aes, Composition);
        }

        public VirtualTimeScheduler Scheduler { get; }

        public LoopbackWire Wire { get; }

        public MeshKeyStore GatewayKeys { get; }

        public MeshKeyStore NodeKeys { get; }

        public MemoryStorage GatewayStorage { get; }

        public MemoryStorage NodeStorage { get; }

        public MeshNetwork Gateway { get; }

        public MeshNetwork Node { get; }

        public ConfigServer Server { get; }

        public List<string> GatewayReceived { get; } = new List<string>();

        public List<string> NodeReceived { get; } = new List<string>();
    }
}
