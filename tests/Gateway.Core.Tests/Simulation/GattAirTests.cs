using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    public class GattAirTests
    {
        // Mesh Proxy Service (MshPRT 7.2.2): 0x1828 with Data In 0x2ADD and Data Out 0x2ADE.
        private const ushort Proxy = 0x1828;
        private const ushort ProxyIn = 0x2ADD;
        private const ushort ProxyOut = 0x2ADE;
        private const ushort Provisioning = 0x1827;

        private static readonly byte[] ProxyAdvert = { 0x02, 0x01, 0x06, 0x03, 0x03, 0x28, 0x18 };

        private sealed class Home
        {
            public Home(long seed = 1, AirSettings settings = null)
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

        [Fact]
        public void Connect_PeripheralSeesSubscriptionThenCentralSeesConnected()
        {
            var home = new Home();
            home.Gateway.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, home.Client);
            Assert.Null(home.Client.Connection); // never inside Connect
            Assert.True(home.Scheduler.RunUntil(() => home.Client.Connection != null, 10_000));

            AirSettings s = home.Air.Settings;
            long connectedAt = home.Client.Events[0].TimeMs;
            Assert.InRange(connectedAt, s.ConnectDelayMinMs + s.DiscoveryDelayMs, s.ConnectDelayMaxMs + s.DiscoveryDelayMs);
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
            var home = new Home();
            home.Gateway.Mtu = centralMtu;
            home.Node.Mtu = peripheralMtu;
            home.Connect();
            Assert.Equal(expected, home.Client.Connection.Mtu);
            Assert.Equal(expected, home.Server.Last.Mtu);
        }

        [Fact]
        public void CoreSpec_V3F_3_4_5_3_WriteLongerThanMtuMinus3_Throws()
        {
            var home = new Home();
            home.Connect();
            Assert.Throws<ArgumentException>(() => home.Client.Connection.Write(new byte[21], 0, 21));
            Assert.Throws<ArgumentException>(() => home.Server.Last.Notify(new byte[21], 0, 21));
            Assert.Throws<ArgumentOutOfRangeException>(() => home.Client.Connection.Write(new byte[20], 1, 20));
            home.Client.Connection.Write(new byte[21], 1, 20);
            home.Scheduler.Advance(100);
            Assert.Equal(20, Assert.Single(home.Server.Writes).Length);
        }

        [Fact]
        public void WriteUpToMtuMinus3_IsAcceptedWithMtu185()
        {
            var home = new Home();
            home.Gateway.Mtu = 185;
            home.Node.Mtu = 185;
            home.Connect();
            home.Client.Connection.Write(new byte[182], 0, 182);
            Assert.Throws<ArgumentException>(() => home.Client.Connection.Write(new byte[183], 0, 183));
            home.Scheduler.Advance(100);
            Assert.Equal(182, Assert.Single(home.Server.Writes).Length);
        }

        [Fact]
        public void WritesAndNotifications_ArriveInOrder_WithCopySemantics()
        {
            var home = new Home(settings: new AirSettings { PacketsPerConnectionEvent = 3 });
            home.Connect();
            IGattConnection central = home.Client.Connection;
            IGattServerConnection peripheral = home.Server.Last;
            byte[] buffer = new byte[20];
            for (int i = 0; i < 40; i++)
            {
                buffer[0] = (byte)i; // reused by the caller: the air must have copied
                central.Write(buffer, 0, 1 + (i % 20));
                peripheral.Notify(buffer, 0, 1 + ((i * 7) % 20));
            }

            home.Scheduler.Advance(2_000);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)i), home.Server.Writes.Select(w => w[0]));
            Assert.Equal(Enumerable.Range(0, 40).Select(i => 1 + (i % 20)), home.Server.Writes.Select(w => w.Length));
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)i), home.Client.Notifications.Select(n => n[0]));
            Assert.Equal(Enumerable.Range(0, 40).Select(i => 1 + ((i * 7) % 20)), home.Client.Notifications.Select(n => n.Length));
            Assert.Equal(80, home.Air.Statistics.GattPacketsDelivered);
        }

        [Fact]
        public void CoreSpec_V6B_4_5_1_DataMovesOnlyAtConnectionEvents()
        {
            var home = new Home(settings: new AirSettings { ConnectionIntervalMs = 30, PacketsPerConnectionEvent = 4 });
            home.Connect();
            home.Scheduler.Advance(7); // off the event grid
            long writtenAt = home.Scheduler.NowMilliseconds;
            for (int i = 0; i < 10; i++)
            {
                home.Client.Connection.Write(new byte[] { (byte)i }, 0, 1);
            }

            home.Scheduler.Advance(500);
            var times = home.Server.Events.Where(e => e.Kind == "write").Select(e => e.TimeMs).ToArray();
            Assert.Equal(10, times.Length);
            long first = times[0];
            Assert.InRange(first - writtenAt, 1, 30);
            Assert.Equal(new[] { first, first, first, first, first + 30, first + 30, first + 30, first + 30, first + 60, first + 60 }, times);
        }

        [Fact]
        public void AReplyWaitsForTheNextConnectionEvent()
        {
            var home = new Home();
            home.Connect();
            home.Server.OnWriteReceived = (connection, data) => connection.Notify(data, 0, data.Length);
            home.Client.Connection.Write(new byte[] { 0x42 }, 0, 1);
            home.Scheduler.Advance(500);
            long written = home.Server.Events.Single(e => e.Kind == "write").TimeMs;
            long echoed = home.Client.Events.Single(e => e.Kind == "notification").TimeMs;
            Assert.Equal(home.Air.Settings.ConnectionIntervalMs, echoed - written);
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
                node.Peripheral.StartService(Proxy, ProxyIn, ProxyOut, ProxyAdvert, new RecordingServer(scheduler));
                nodes.Add(node);
                clients.Add(new RecordingClient(scheduler));
            }

            for (int i = 0; i < 4; i++)
            {
                gateway.Central.Connect(nodes[i].Address, Proxy, ProxyIn, ProxyOut, clients[i]);
            }

            scheduler.Advance(1_000);
            Assert.All(clients.Take(3), c => Assert.True(c.IsConnected));
            Assert.Equal(GattLinkStatus.ConnectFailed, clients[3].Status);
            Assert.Equal(3, gateway.Central.ConnectionsInUse);

            clients[0].Connection.Disconnect();
            var retry = new RecordingClient(scheduler);
            gateway.Central.Connect(nodes[3].Address, Proxy, ProxyIn, ProxyOut, retry);
            scheduler.Advance(1_000);
            Assert.True(retry.IsConnected);
        }

        [Fact]
        public void PeripheralMaxConnections_StopsConnectableAdvertising_UntilTheLinkEnds()
        {
            var home = new Home(settings: new AirSettings { ConnectTimeoutMs = 1_000 });
            var scans = new List<long>();
            home.Gateway.Radio.SetReceiver((address, rssi, data, offset, length) => scans.Add(home.Scheduler.NowMilliseconds));
            home.Scheduler.Advance(1_000);
            int heardWhileFree = scans.Count;
            Assert.InRange(heardWhileFree, 18, 26); // 40 ms + advDelay 0..10 ms

            home.Connect();
            Assert.False(home.Node.Peripheral.IsAdvertising);
            AirStation phone = home.Air.AddStation("phone", 0x0000CC000001, 0, 3);
            var second = new RecordingClient(home.Scheduler);
            phone.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, second);
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
        public void DisconnectByCentral_DeliversQueuedWritesThenTellsThePeripheral()
        {
            var home = new Home();
            home.Connect();
            home.Client.Connection.Write(new byte[] { 1 }, 0, 1);
            home.Client.Connection.Write(new byte[] { 2 }, 0, 1);
            home.Client.Connection.Disconnect();
            home.Client.Connection.Write(new byte[] { 3 }, 0, 1); // after close: dropped, no exception
            Assert.Null(home.Client.Status); // the local callback comes from the scheduler
            home.Scheduler.Advance(200);

            Assert.Equal(GattLinkStatus.LocalClose, home.Client.Status);
            Assert.Equal(new[] { "subscribed", "write", "write", "disconnected" }, home.Server.Events.Select(e => e.Kind));
            Assert.Equal(0, home.Gateway.Central.ConnectionsInUse);
            Assert.False(((VirtualGattConnection)home.Client.Connection).IsOpen);
            Assert.Equal(1, home.Air.Statistics.Disconnections);
        }

        [Fact]
        public void DisconnectByPeripheral_TellsTheCentralDisconnected()
        {
            var home = new Home();
            home.Connect();
            home.Server.Last.Notify(new byte[] { 9 }, 0, 1);
            home.Server.Last.Disconnect();
            home.Scheduler.Advance(200);

            Assert.Equal(new[] { "connected", "notification", "disconnected:Disconnected" }, home.Client.Events.Select(e => e.Kind));
            Assert.Equal(GattLinkStatus.Disconnected, home.Client.Status);
            Assert.Single(home.Server.Disconnected);
            Assert.Equal(0, home.Gateway.Central.ConnectionsInUse);
            Assert.Equal(0, home.Node.Peripheral.ConnectionCount);
        }

        [Fact]
        public void StopService_DisconnectsConnectedCentrals()
        {
            var home = new Home();
            home.Connect();
            home.Node.Peripheral.StopService();
            home.Scheduler.Advance(200);
            Assert.Equal(GattLinkStatus.Disconnected, home.Client.Status);
            Assert.Single(home.Server.Disconnected);
            Assert.False(home.Node.Peripheral.IsAdvertising);
        }

        [Fact]
        public void ConnectToAnAbsentPeripheral_FailsAfterTheConnectTimeout()
        {
            var home = new Home();
            home.Gateway.Central.Connect(0x0000DEADBEEF, Proxy, ProxyIn, ProxyOut, home.Client);
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
            var home = new Home();
            AirStation far = home.Air.AddStation("far", 0x0000BB0000FF, 200, 0);
            far.Peripheral.StartService(Proxy, ProxyIn, ProxyOut, ProxyAdvert, new RecordingServer(home.Scheduler));
            var toFar = new RecordingClient(home.Scheduler);
            home.Node.PowerOff();
            home.Gateway.Central.Connect(far.Address, Proxy, ProxyIn, ProxyOut, toFar);
            home.Gateway.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, home.Client);
            home.Scheduler.Advance(8_000);
            Assert.Equal(GattLinkStatus.ConnectFailed, toFar.Status);
            Assert.Equal(GattLinkStatus.ConnectFailed, home.Client.Status);
            Assert.Empty(home.Server.Events);
        }

        [Fact]
        public void ConnectWaitsForAPeripheralThatStartsAdvertisingLater()
        {
            var home = new Home();
            home.Node.Peripheral.StopService();
            home.Gateway.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, home.Client);
            home.Scheduler.Advance(2_000);
            Assert.Null(home.Client.Status);
            home.Node.Peripheral.StartService(Proxy, ProxyIn, ProxyOut, ProxyAdvert, home.Server);
            home.Scheduler.Advance(1_000);
            Assert.True(home.Client.IsConnected);
        }

        [Fact]
        public void ConnectableAdverts_ReachScannersLikeAnyAdvert_AndFollowUpdates()
        {
            var home = new Home();
            var heard = new List<string>();
            home.Gateway.Radio.SetReceiver((address, rssi, data, offset, length) =>
            {
                Assert.Equal(home.Node.Address, address);
                heard.Add(Hex.Encode(data.AsSpan(offset, length).ToArray()));
            });
            home.Scheduler.Advance(200);
            Assert.NotEmpty(heard);
            Assert.All(heard, h => Assert.Equal(Hex.Encode(ProxyAdvert), h));

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
            var home = new Home(settings: new AirSettings { ConnectFailureProbability = 1.0 });
            home.Gateway.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, home.Client);
            home.Scheduler.Advance(1_000);
            Assert.Equal(GattLinkStatus.ConnectFailed, home.Client.Status);
            Assert.Empty(home.Server.Events);
            Assert.Equal(1, home.Gateway.Statistics.ConnectionsFailed);
        }

        [Fact]
        public void ConnectToAnotherService_EndsInServiceNotFound()
        {
            var home = new Home();
            home.Gateway.Central.Connect(home.Node.Address, Provisioning, 0x2ADB, 0x2ADC, home.Client);
            home.Scheduler.Advance(1_000);
            Assert.Equal(GattLinkStatus.ServiceNotFound, home.Client.Status);
            Assert.Empty(home.Server.Events);
            Assert.Equal(0, home.Node.Peripheral.ConnectionCount);
            Assert.True(home.Node.Peripheral.IsAdvertising);
        }

        [Fact]
        public void CoreSpec_V6B_4_5_2_PeripheralPowerCut_CentralLearnsAfterSupervisionTimeout()
        {
            var home = new Home();
            home.Connect();
            long cut = home.Scheduler.NowMilliseconds;
            home.Node.PowerOff();
            home.Client.Connection.Write(new byte[] { 1 }, 0, 1); // goes nowhere
            home.Scheduler.Advance(home.Air.Settings.SupervisionTimeoutMs - 1);
            Assert.Null(home.Client.Status);
            home.Scheduler.Advance(1);
            Assert.Equal(GattLinkStatus.Timeout, home.Client.Status);
            Assert.Equal(cut + home.Air.Settings.SupervisionTimeoutMs, home.Client.Events[^1].TimeMs);
            Assert.Empty(home.Server.Writes);
            Assert.Empty(home.Server.Disconnected); // its software died with the power
            Assert.Equal(1, home.Air.Statistics.ConnectionsLost);
        }

        [Fact]
        public void MovingOutOfRange_LosesTheLink()
        {
            var home = new Home();
            home.Connect();
            home.Node.MoveTo(500, 0);
            home.Scheduler.Advance(home.Air.Settings.SupervisionTimeoutMs + 10);
            Assert.Equal(GattLinkStatus.Timeout, home.Client.Status);
            Assert.Single(home.Server.Disconnected);
        }

        [Fact]
        public void LinkLossPerEvent_DropsLinks_BothSidesHearTimeout()
        {
            var settings = new AirSettings { LinkLossProbabilityPerEvent = 0.01 };
            var home = new Home(seed: 2, settings: settings);
            home.Connect();
            home.Server.OnWriteReceived = (connection, data) => connection.Notify(data, 0, data.Length);
            home.Client.OnNotify = data => home.Client.Connection.Write(data, 0, data.Length); // ping-pong until the link dies
            home.Client.Connection.Write(new byte[] { 7 }, 0, 1);
            Assert.True(home.Scheduler.RunUntil(() => home.Client.Status != null, 600_000));

            Assert.Equal(GattLinkStatus.Timeout, home.Client.Status);
            Assert.Single(home.Server.Disconnected);
            GattEvent lastData = home.Server.Events.Last(e => e.Kind == "write");
            // The link died at one of the next two events (the echo's or the next write's), and
            // both sides heard of it one supervision timeout after that.
            long silence = home.Client.Events[^1].TimeMs - lastData.TimeMs;
            Assert.InRange(silence, settings.SupervisionTimeoutMs + settings.ConnectionIntervalMs, settings.SupervisionTimeoutMs + (2 * settings.ConnectionIntervalMs));
            Assert.True(home.Server.Writes.Count > 3);
        }

        [Fact]
        public void SameSeed_SameGattTimeline()
        {
            Assert.Equal(GattTimeline(21), GattTimeline(21));
            Assert.NotEqual(GattTimeline(21), GattTimeline(22));
        }

        private static List<string> GattTimeline(long seed)
        {
            var home = new Home(seed, new AirSettings { LinkLossProbabilityPerEvent = 0.02, ExtraLatencyMaxMs = 5 });
            var trace = new List<string>();
            home.Air.Traced += e => trace.Add(e.ToString());
            for (int round = 0; round < 5; round++)
            {
                var client = new RecordingClient(home.Scheduler);
                home.Gateway.Central.Connect(home.Node.Address, Proxy, ProxyIn, ProxyOut, client);
                home.Scheduler.RunUntil(() => client.Connection != null || client.Status != null, 10_000);
                for (int i = 0; i < 30 && client.IsConnected; i++)
                {
                    client.Connection.Write(new byte[] { (byte)i }, 0, 1);
                    home.Scheduler.Advance(40);
                }

                client.Connection?.Disconnect();
                home.Scheduler.Advance(5_000);
            }

            return trace;
        }
    }
}
