using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    /// <summary>GATT over the virtual air: connecting, MTU, connection limits, failures.</summary>
    public class GattConnectionTests
    {
        [Fact]
        public void Connect_PeripheralSeesSubscriptionThenCentralSeesConnected()
        {
            var home = new GattHome();
            home.Gateway.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, home.Client);
            Assert.Null(home.Client.Connection); // never inside Connect
            Assert.True(home.Scheduler.RunUntil(() => home.Client.Connection != null, 10_000));

            AirSettings s = home.Air.Settings;
            long connectedAt = home.Client.Events[0].TimeMs;
            // The initiator waits for the node's next connectable advert (interval + advDelay, heard
            // in the tick after it), then CONNECT_IND to the first connection event, then discovery.
            Assert.InRange(connectedAt, s.ConnectDelayMinMs + s.DiscoveryDelayMs, s.ConnectableAdvertisingIntervalMs + s.AdvDelayMaxMs + 2 + s.ConnectDelayMaxMs + s.DiscoveryDelayMs);
            Assert.Equal("subscribed", Assert.Single(home.Server.Events).Kind);
            Assert.Equal(connectedAt, home.Server.Events[0].TimeMs);
            Assert.Equal(23, home.Client.Connection.Mtu);
            Assert.Equal(23, home.Server.Last.Mtu);
            Assert.Equal(1, home.Air.Statistics.ConnectionsOpened);
            Assert.Equal(1, home.Gateway.Central.ConnectionsInUse);
            Assert.Same(home.Node, ((VirtualGattConnection)home.Client.Connection).Peer);
        }

        [Theory]
        [InlineData(23, 185, 23)]
        [InlineData(185, 185, 185)]
        [InlineData(185, 23, 23)]
        [InlineData(247, 185, 185)]
        public void CoreSpec_V3F_3_4_2_MtuIsTheSmallerOfBothSides(int centralMtu, int peripheralMtu, int expected)
        {
            var home = new GattHome();
            home.Gateway.Mtu = centralMtu;
            home.Node.Mtu = peripheralMtu;
            home.Connect();
            Assert.Equal(expected, home.Client.Connection.Mtu);
            Assert.Equal(expected, home.Server.Last.Mtu);
        }

        [Fact]
        public void MaxConnections_IsEnforced_AndASlotFreesOnDisconnect()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 2);
            AirStation gateway = air.AddStation("gw", 0x0000AA000001, 0, 0);
            Assert.Equal(3, gateway.Central.MaxConnections);
            var clients = new List<RecordingClient>();
            var nodes = new List<AirStation>();
            for (int i = 0; i < 4; i++)
            {
                AirStation node = air.AddStation("node" + i, 0x0000BB000001 + (ulong)i, 2 + i, 0);
                node.Peripheral.StartService(GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, GattHome.ProxyAdvert, new RecordingServer(scheduler));
                nodes.Add(node);
                clients.Add(new RecordingClient(scheduler));
            }

            for (int i = 0; i < 4; i++)
            {
                gateway.Central.Connect(nodes[i].Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, clients[i]);
            }

            scheduler.Advance(1_000);
            Assert.All(clients.Take(3), c => Assert.True(c.IsConnected));
            Assert.Equal(GattLinkStatus.ConnectFailed, clients[3].Status);
            Assert.Equal(3, gateway.Central.ConnectionsInUse);

            clients[0].Connection.Disconnect();
            var retry = new RecordingClient(scheduler);
            gateway.Central.Connect(nodes[3].Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, retry);
            scheduler.Advance(1_000);
            Assert.True(retry.IsConnected);
        }

        [Fact]
        public void PeripheralMaxConnections_StopsConnectableAdvertising_UntilTheLinkEnds()
        {
            var home = new GattHome(settings: new AirSettings { ConnectTimeoutMs = 1_000 });
            var scans = new List<long>();
            home.Gateway.Radio.SetReceiver((address, rssi, data, offset, length) => scans.Add(home.Scheduler.NowMilliseconds));
            home.Scheduler.Advance(1_000);
            int heardWhileFree = scans.Count;
            Assert.InRange(heardWhileFree, 18, 26); // 40 ms + advDelay 0..10 ms

            home.Connect();
            Assert.False(home.Node.Peripheral.IsAdvertising);
            AirStation phone = home.Air.AddStation("phone", 0x0000CC000001, 0, 3);
            var second = new RecordingClient(home.Scheduler);
            phone.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, second);
            int scansAtConnect = scans.Count;
            home.Scheduler.Advance(2_000);
            Assert.Equal(GattLinkStatus.ConnectFailed, second.Status);
            Assert.Equal(scansAtConnect, scans.Count);

            home.Client.Connection.Disconnect();
            home.Scheduler.Advance(1_000);
            Assert.True(home.Node.Peripheral.IsAdvertising);
            Assert.True(scans.Count > scansAtConnect + 15);
        }

        [Fact]
        public void ConnectToAnAbsentPeripheral_FailsAfterTheConnectTimeout()
        {
            var home = new GattHome();
            home.Gateway.Central.Connect(0x0000DEADBEEF, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, home.Client);
            home.Scheduler.Advance(home.Air.Settings.ConnectTimeoutMs - 1);
            Assert.Null(home.Client.Status);
            home.Scheduler.Advance(200);
            Assert.Equal(GattLinkStatus.ConnectFailed, home.Client.Status);
            Assert.Single(home.Client.Events);
            Assert.Equal(0, home.Gateway.Central.ConnectionsInUse);
        }

        [Fact]
        public void ConnectOutOfRangeOrToAPoweredOffPeripheral_Fails()
        {
            var home = new GattHome();
            AirStation far = home.Air.AddStation("far", 0x0000BB0000FF, 200, 0);
            far.Peripheral.StartService(GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, GattHome.ProxyAdvert, new RecordingServer(home.Scheduler));
            var toFar = new RecordingClient(home.Scheduler);
            home.Node.PowerOff();
            home.Gateway.Central.Connect(far.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, toFar);
            home.Gateway.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, home.Client);
            home.Scheduler.Advance(8_000);
            Assert.Equal(GattLinkStatus.ConnectFailed, toFar.Status);
            Assert.Equal(GattLinkStatus.ConnectFailed, home.Client.Status);
            Assert.Empty(home.Server.Events);
        }

        [Fact]
        public void ConnectWaitsForAPeripheralThatStartsAdvertisingLater()
        {
            var home = new GattHome();
            home.Node.Peripheral.StopService();
            home.Gateway.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, home.Client);
            home.Scheduler.Advance(2_000);
            Assert.Null(home.Client.Status);
            home.Node.Peripheral.StartService(GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, GattHome.ProxyAdvert, home.Server);
            home.Scheduler.Advance(1_000);
            Assert.True(home.Client.IsConnected);
        }

        [Fact]
        public void ConnectableAdverts_ReachScannersLikeAnyAdvert_AndFollowUpdates()
        {
            var home = new GattHome();
            var heard = new List<string>();
            home.Gateway.Radio.SetReceiver((address, rssi, data, offset, length) =>
            {
                Assert.Equal(home.Node.Address, address);
                heard.Add(Hex.Encode(data.AsSpan(offset, length).ToArray()));
            });
            home.Scheduler.Advance(200);
            Assert.NotEmpty(heard);
            Assert.All(heard, h => Assert.Equal(Hex.Encode(GattHome.ProxyAdvert), h));

            // Node Identity after provisioning (MshPRT 7.2.2.2.4): new service data, same service.
            byte[] identity = { 0x02, 0x01, 0x06, 0x03, 0x03, 0x28, 0x18, 0x04, 0x16, 0x28, 0x18, 0x01 };
            home.Node.Peripheral.UpdateAdvertisingData(identity);
            heard.Clear();
            home.Scheduler.Advance(200);
            Assert.NotEmpty(heard);
            Assert.All(heard, h => Assert.Equal(Hex.Encode(identity), h));
        }

        [Fact]
        public void ConnectFailureProbability_FailsConnectsToAReachablePeripheral()
        {
            var home = new GattHome(settings: new AirSettings { ConnectFailureProbability = 1.0 });
            home.Gateway.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, home.Client);
            home.Scheduler.Advance(1_000);
            Assert.Equal(GattLinkStatus.ConnectFailed, home.Client.Status);
            Assert.Empty(home.Server.Events);
            Assert.Equal(1, home.Gateway.Statistics.ConnectionsFailed);
        }

        [Fact]
        public void ConnectToAnotherService_EndsInServiceNotFound()
        {
            var home = new GattHome();
            home.Gateway.Central.Connect(home.Node.Address, GattHome.Provisioning, 0x2ADB, 0x2ADC, home.Client);
            home.Scheduler.Advance(1_000);
            Assert.Equal(GattLinkStatus.ServiceNotFound, home.Client.Status);
            Assert.Empty(home.Server.Events);
            Assert.Equal(0, home.Node.Peripheral.ConnectionCount);
            Assert.True(home.Node.Peripheral.IsAdvertising);
        }
    }
}
