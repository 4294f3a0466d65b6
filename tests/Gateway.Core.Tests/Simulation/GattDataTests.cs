using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    /// <summary>GATT over the virtual air: writes, notifications, connection events, disconnects, link loss.</summary>
    public class GattDataTests
    {
        [Fact]
        public void CoreSpec_V3F_3_4_5_3_WriteLongerThanMtuMinus3_Throws()
        {
            var home = new GattHome();
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
            var home = new GattHome();
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
            var home = new GattHome(settings: new AirSettings { PacketsPerConnectionEvent = 3 });
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
            var home = new GattHome(settings: new AirSettings { ConnectionIntervalMs = 30, PacketsPerConnectionEvent = 4 });
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
            var home = new GattHome();
            home.Connect();
            home.Server.OnWriteReceived = (connection, data) => connection.Notify(data, 0, data.Length);
            home.Client.Connection.Write(new byte[] { 0x42 }, 0, 1);
            home.Scheduler.Advance(500);
            long written = home.Server.Events.Single(e => e.Kind == "write").TimeMs;
            long echoed = home.Client.Events.Single(e => e.Kind == "notification").TimeMs;
            Assert.Equal(home.Air.Settings.ConnectionIntervalMs, echoed - written);
        }

        [Fact]
        public void DisconnectByCentral_DeliversQueuedWritesThenTellsThePeripheral()
        {
            var home = new GattHome();
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
            var home = new GattHome();
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
            var home = new GattHome();
            home.Connect();
            home.Node.Peripheral.StopService();
            home.Scheduler.Advance(200);
            Assert.Equal(GattLinkStatus.Disconnected, home.Client.Status);
            Assert.Single(home.Server.Disconnected);
            Assert.False(home.Node.Peripheral.IsAdvertising);
        }

        [Fact]
        public void CoreSpec_V6B_4_5_2_PeripheralPowerCut_CentralLearnsAfterSupervisionTimeout()
        {
            var home = new GattHome();
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
            var home = new GattHome();
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
            var home = new GattHome(seed: 2, settings: settings);
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
            var home = new GattHome(seed, new AirSettings { LinkLossProbabilityPerEvent = 0.02, ExtraLatencyMaxMs = 5 });
            var trace = new List<string>();
            home.Air.Traced += e => trace.Add(e.ToString());
            for (int round = 0; round < 5; round++)
            {
                var client = new RecordingClient(home.Scheduler);
                home.Gateway.Central.Connect(home.Node.Address, GattHome.Proxy, GattHome.ProxyIn, GattHome.ProxyOut, client);
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
