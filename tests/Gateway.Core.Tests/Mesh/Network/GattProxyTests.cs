using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>
    /// The gateway configures a node through its GATT Proxy on the virtual air (ATT_MTU 23, as the
    /// nanoFramework central): Node Identity recognised, accept-list filter set up, segmented
    /// Configuration messages both ways over Proxy SAR.
    /// </summary>
    public class GattProxyTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void GatewayFindsNodeByNodeIdentity_ConnectsToItsProxy_AndConfiguresIt(long seed)
        {
            (VirtualTimeScheduler scheduler, MeshNetwork gateway, GattProxyClient proxy) = ConnectedGateway(seed, null);

            var client = new ConfigClient(gateway, scheduler, null);
            ConfigResult composition = null;
            ConfigResult appKey = null;
            ConfigResult bind = null;
            client.GetCompositionData(TwoStacks.NodeAddress, 0, r => composition = r);
            client.AddAppKey(TwoStacks.NodeAddress, 0, 1, Hex.Decode(MeshSampleData.AppKey), r => appKey = r);
            client.BindModelApp(TwoStacks.NodeAddress, TwoStacks.NodeAddress, 1, 0x1000, false, r => bind = r);
            Assert.True(scheduler.RunUntil(() => bind != null, 60_000));
            Assert.Equal(ConfigOutcome.Answered, composition.Outcome);
            Assert.Equal(2, CompositionData.Parse(composition.Status.CompositionData, 0, composition.Status.CompositionData.Length).Elements.Length);
            Assert.True(appKey.Succeeded);
            Assert.True(bind.Succeeded);
            Assert.Equal(0, proxy.ProtocolErrors);
        }
    
        /// <summary>
        /// A PDU for the node at the other end of the proxy link goes over that link only; the
        /// advertising bearer (here a capturing stand-in) still carries every other destination.
        /// </summary>
        [Fact]
        public void PduForTheProxiedNode_GoesOverItsLinkOnly_OthersStillGoOnTheOtherBearers()
        {
            var advertising = new CapturingBearer();
            (VirtualTimeScheduler scheduler, MeshNetwork gateway, GattProxyClient proxy) = ConnectedGateway(3, advertising);
            var client = new ConfigClient(gateway, scheduler, null);

            // Unknown server (a proxy connected without a name): both bearers, as before.
            Assert.False(proxy.Reaches(TwoStacks.NodeAddress));
            ConfigResult first = null;
            client.GetCompositionData(TwoStacks.NodeAddress, 0, r => first = r);
            Assert.True(scheduler.RunUntil(() => first != null, 30_000));
            Assert.Equal(ConfigOutcome.Answered, first.Outcome);
            int before = advertising.Sent.Count;
            Assert.True(before > 0, "without IdentifyServer the advertising bearer carries the request too");

            proxy.IdentifyServer(TwoStacks.NodeAddress, 1);
            Assert.True(proxy.Reaches(TwoStacks.NodeAddress));
            Assert.False(proxy.Reaches(TwoStacks.NodeAddress + 1));
            ConfigResult second = null;
            client.GetCompositionData(TwoStacks.NodeAddress, 0, r => second = r);
            Assert.True(scheduler.RunUntil(() => second != null, 30_000));
            Assert.Equal(ConfigOutcome.Answered, second.Outcome);
            Assert.Equal(before, advertising.Sent.Count);

            // Another destination (the node's second element, outside the named range): the
            // advertising bearer carries it.
            client.GetCompositionData(TwoStacks.NodeAddress + 1, 0, r => { });
            scheduler.Advance(200);
            Assert.True(advertising.Sent.Count > before);

            // The link gone: nothing is reached through it any more.
            proxy.Disconnect();
            Assert.True(scheduler.RunUntil(() => !proxy.IsReady, 10_000));
            Assert.False(proxy.Reaches(TwoStacks.NodeAddress));
        }

        private static (VirtualTimeScheduler Scheduler, MeshNetwork Gateway, GattProxyClient Proxy) ConnectedGateway(long seed, INetworkBearer otherBearer)
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, seed);
            AirStation gatewayStation = air.AddStation("gw", 0x0000AA000001, 0, 0);
            AirStation nodeStation = air.AddStation("node", 0x0000BB000001, 3, 0);

            var nodeKeys = new MeshKeyStore();
            nodeKeys.AddNetworkKey(MeshSampleData.NetworkKey());
            nodeKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSampleData.Aes, TwoStacks.NodeAddress, Hex.Decode(TwoStacks.NodeDeviceKey)), 2);
            var node = new MeshNetwork(scheduler, new SeededRandom(seed), MeshSampleData.Aes, new MemoryStorage(), new CapturingLog(), nodeKeys, TwoStacks.NodeAddress, 2, null);
            node.Start(MeshSampleData.IvIndex);
            var server = new ConfigServer(node, nodeKeys, MeshSampleData.Crypto(), MeshSampleData.Aes, TwoStacks.Composition);
            var proxyServer = new ProxyServerBearer(nodeStation.Peripheral, node) { Keys = nodeKeys, IvIndex = MeshSampleData.IvIndex };
            node.AddBearer(proxyServer);

            // MshPRT §7.2.2.2.3: after PB-GATT provisioning the node advertises Node Identity.
            byte[] advert = new byte[7 + 21];
            Hex.Decode("02010603032818").CopyTo(advert, 0);
            new MeshProxyServiceData().WriteNodeIdentity(nodeKeys.GetNetworkKeyAt(0), TwoStacks.NodeAddress, Hex.Decode("0102030405060708"), 0, advert, 7);
            proxyServer.Start(advert);

            var gatewayKeys = new MeshKeyStore();
            gatewayKeys.AddNetworkKey(MeshSampleData.NetworkKey());
            gatewayKeys.AddDeviceKey(new DeviceKeyMaterial(MeshSampleData.Aes, TwoStacks.NodeAddress, Hex.Decode(TwoStacks.NodeDeviceKey)), 2);
            var gateway = new MeshNetwork(scheduler, new SeededRandom(seed + 10), MeshSampleData.Aes, new MemoryStorage(), new CapturingLog(), gatewayKeys, TwoStacks.GatewayAddress, 1, null);
            gateway.Start(MeshSampleData.IvIndex);

            var identity = new MeshProxyServiceData();
            Assert.True(identity.TryParseAdvertisement(advert, 0, advert.Length));
            Assert.NotNull(identity.FindNodeIdentity(gatewayKeys, TwoStacks.NodeAddress));
            Assert.Null(identity.FindNodeIdentity(gatewayKeys, TwoStacks.NodeAddress + 2));

            var proxy = new GattProxyClient(gatewayStation.Central, scheduler, gateway, new CapturingLog());
            proxy.SetFilterAddresses(new[] { TwoStacks.GatewayAddress });
            gateway.AddBearer(proxy);
            if (otherBearer != null)
            {
                gateway.AddBearer(otherBearer);
            }

            proxy.Connect(nodeStation.Address);
            Assert.True(scheduler.RunUntil(() => proxy.FilterListSize >= 1, 10_000));
            Assert.Equal(ProxyConfiguration.AcceptListFilter, proxy.FilterType);
            Assert.Equal(1, proxy.FilterListSize);

            return (scheduler, gateway, proxy);
        }
    }
}
