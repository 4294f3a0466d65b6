using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    /// <summary>A gateway at the origin and a mesh node 3 m away serving the Mesh Proxy Service.</summary>
    internal sealed class GattHome
    {
        // Mesh Proxy Service (MshPRT 7.2.2): 0x1828 with Data In 0x2ADD and Data Out 0x2ADE.
        public const ushort Proxy = 0x1828;
        public const ushort ProxyIn = 0x2ADD;
        public const ushort ProxyOut = 0x2ADE;
        public const ushort Provisioning = 0x1827;

        public static readonly byte[] ProxyAdvert = { 0x02, 0x01, 0x06, 0x03, 0x03, 0x28, 0x18 };

        public GattHome(long seed = 1, AirSettings settings = null)
        {
            Scheduler = new VirtualTimeScheduler();
            Air = new VirtualAir(Scheduler, seed, settings);
            Gateway = Air.AddStation("gw", 0x0000AA000001, 0, 0);
            Node = Air.AddStation("node", 0x0000BB000001, 3, 0);
            Server = new RecordingServer(Scheduler);
            Client = new RecordingClient(Scheduler);
            Node.Peripheral.StartService(Proxy, ProxyIn, ProxyOut, ProxyAdvert, Server);
        }

        public VirtualTimeScheduler Scheduler { get; }

        public VirtualAir Air { get; }

        public AirStation Gateway { get; }

        public AirStation Node { get; }

        public RecordingServer Server { get; }

        public RecordingClient Client { get; }

        public void Connect()
        {
            Gateway.Central.Connect(Node.Address, Proxy, ProxyIn, ProxyOut, Client);
            Assert.True(Scheduler.RunUntil(() => Client.Connection != null || Client.Status != null, 10_000));
            Assert.True(Client.IsConnected, "connect failed: " + Client.Status);
        }
    }
}
