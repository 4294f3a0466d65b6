using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>PB-GATT links over fake GATT ports (MshPRT §5.2.2, §6.3.2, §8.8).</summary>
    public class PbGattLinkTests
    {
        private static readonly byte[] Uuid = Hex.Decode(SampleData.DeviceUuid);

        [Fact]
        public void MshPRT_5_2_2_ClientConnectsToTheProvisioningServiceAndOpensWhenNotificationsAreOn()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            Assert.Equal(ProvisioningLinkState.Opening, link.State);
            var c = Assert.Single(central.Connects);
            Assert.Equal(0xA0A0A0A0A0A0UL, c.Address);
            Assert.Equal((ushort)0x1827, c.Service);
            Assert.Equal((ushort)0x2ADB, c.DataIn);
            Assert.Equal((ushort)0x2ADC, c.DataOut);

            var connection = new FakeGattConnection(link);
            link.OnConnected(connection);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            Assert.Equal(1, handler.Opened);
            Assert.Equal(23, link.Mtu);
        }

        [Fact]
        public void MshPRT_8_8_ClientWritesThePublicKeyAsTheFourSampleSegments()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            var connection = new FakeGattConnection(link);
            link.OnConnected(connection);
            PbAdvHarness.Send(link, SampleData.PublicKeyProvisioner);
            Assert.Equal(
                new[] { "43032c31a47b5779809ef44cb5eaaf5c3e43d5f8", "83faad4a8794cb987e9b03745c78dd9195121838", "8398dfbecd52e2408e43871fd021109117bd3ed4", "c3eaf8437743715d4f" },
                connection.Writes.ConvertAll(w => Hex.Encode(w)).ToArray());
            Assert.Equal(0, handler.TransmitCompletes);
            scheduler.RunPending();
            Assert.Equal(1, handler.TransmitCompletes);
        }

        [Fact]
        public void ClientReassemblesNotificationsIntoOnePdu()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            link.OnConnected(new FakeGattConnection(link));
            foreach (var hex in new[] { "43032c31a47b5779809ef44cb5eaaf5c3e43d5f8", "83faad4a8794cb987e9b03745c78dd9195121838", "8398dfbecd52e2408e43871fd021109117bd3ed4", "c3eaf8437743715d4f" })
            {
                byte[] s = Hex.Decode(hex);
                link.OnNotification(s, 0, s.Length);
            }

            Assert.Equal(new[] { SampleData.PublicKeyProvisioner }, handler.ReceivedHex.ToArray());
        }

        [Theory]
        [InlineData("83faad")]           // continuation without first
        [InlineData("43032c|030000")]    // complete inside a segmented message
        [InlineData("43032c|80faad")]    // wrong message type mid-message
        [InlineData("03")]               // empty
        [InlineData("43032c|830000000000000000000000000000000000000000|830000000000000000000000000000000000000000|830000000000000000000000000000000000000000|830000000000000000000000000000000000000000")] // 78 octets > 65
        public void ProxySarViolationClosesTheLink(string sequence)
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            var connection = new FakeGattConnection(link);
            link.OnConnected(connection);
            foreach (var hex in sequence.Split('|'))
            {
                byte[] s = Hex.Decode(hex);
                link.OnNotification(s, 0, s.Length);
            }

            Assert.Equal(ProvisioningLinkState.Closing, link.State);
            Assert.Equal(1, connection.DisconnectCalls);
            scheduler.RunPending();
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.ProxyProtocolError, handler.ClosedReason);
            Assert.Equal(1, handler.ClosedCount);
            Assert.Empty(handler.Received);
        }

        [Fact]
        public void MshPRT_6_3_2_2_StalledSegmentedMessageClosesAfter20s()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            var connection = new FakeGattConnection(link);
            link.OnConnected(connection);
            byte[] first = Hex.Decode("43032c31a47b5779809ef44cb5eaaf5c3e43d5f8");
            link.OnNotification(first, 0, first.Length);
            scheduler.Advance(19_999);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            scheduler.Advance(1);
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.ProxySarTimeout, handler.ClosedReason);
            Assert.Equal(1, connection.DisconnectCalls);
        }

        [Fact]
        public void SarTimerRestartsWithEachSegmentAndStopsWhenComplete()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            link.OnConnected(new FakeGattConnection(link));
            string[] segments = { "43032c31a47b5779809ef44cb5eaaf5c3e43d5f8", "83faad4a8794cb987e9b03745c78dd9195121838", "8398dfbecd52e2408e43871fd021109117bd3ed4", "c3eaf8437743715d4f" };
            foreach (var hex in segments)
            {
                scheduler.Advance(15_000);
                byte[] s = Hex.Decode(hex);
                link.OnNotification(s, 0, s.Length);
            }

            scheduler.Advance(60_000);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            Assert.Single(handler.Received);
        }

        [Fact]
        public void OtherProxyMessageTypesAreIgnored()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            link.OnConnected(new FakeGattConnection(link));
            byte[] beacon = Hex.Decode("01" + "00" + SampleData.DeviceUuid + "a040");
            link.OnNotification(beacon, 0, beacon.Length);
            Assert.Empty(handler.Received);
            Assert.Equal(1, link.IgnoredMessageCount);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
        }

        [Fact]
        public void PeerDisconnectClosesTheLinkAndLaterDataIsDropped()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            link.OnConnected(new FakeGattConnection(link));
            link.OnDisconnected(GattLinkStatus.Disconnected);
            Assert.Equal(ProvisioningLinkCloseReason.Disconnected, handler.ClosedReason);
            Assert.True(link.ClosedByPeer);
            byte[] invite = Hex.Decode("030000");
            link.OnNotification(invite, 0, invite.Length);
            Assert.Empty(handler.Received);
            Assert.Throws<System.InvalidOperationException>(() => PbAdvHarness.Send(link, SampleData.Invite));
            Assert.Equal(1, handler.ClosedCount);
        }

        [Fact]
        public void ConnectFailureClosesWithConnectFailed()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            link.OnDisconnected(GattLinkStatus.ServiceNotFound);
            Assert.Equal(ProvisioningLinkCloseReason.ConnectFailed, handler.ClosedReason);
            Assert.Equal(0, handler.Opened);
        }

        [Fact]
        public void MshPRT_5_2_2_LinkEstablishmentTimesOutAfter60sAndALateConnectionIsDropped()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            scheduler.Advance(59_999);
            Assert.Equal(ProvisioningLinkState.Opening, link.State);
            scheduler.Advance(1);
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.LinkOpenTimeout, handler.ClosedReason);

            var late = new FakeGattConnection(link);
            link.OnConnected(late);
            Assert.Equal(1, late.DisconnectCalls);
            Assert.Equal(0, handler.Opened);
            Assert.Equal(1, handler.ClosedCount);
        }

        [Fact]
        public void LocalCloseDisconnectsAndReportsOnce()
        {
            var (scheduler, central, handler, link) = Client();
            link.Open();
            var connection = new FakeGattConnection(link);
            link.OnConnected(connection);
            link.Close(ProvisioningLinkCloseReason.Success);
            link.Close(ProvisioningLinkCloseReason.Fail);
            scheduler.RunPending();
            Assert.Equal(1, connection.DisconnectCalls);
            Assert.Equal(1, handler.ClosedCount);
            Assert.Equal(ProvisioningLinkCloseReason.Success, handler.ClosedReason);
            Assert.False(link.ClosedByPeer);
        }

        [Fact]
        public void ServerAdvertisesServesAndOpensOnSubscribe()
        {
            var scheduler = new VirtualTimeScheduler();
            var peripheral = new FakeGattPeripheral();
            var handler = new RecordingLinkHandler(scheduler);
            byte[] adv = ProvisioningServiceData.BuildAdvertisingData(Uuid, 0x4020, true);
            var link = new PbGattServerLink(peripheral, adv, Uuid, scheduler, handler, null);
            link.Open();
            Assert.Equal(1, peripheral.StartCalls);
            Assert.Equal((ushort)0x1827, peripheral.ServiceUuid);
            Assert.Equal((ushort)0x2ADB, peripheral.DataInUuid);
            Assert.Equal((ushort)0x2ADC, peripheral.DataOutUuid);
            Assert.Same(adv, peripheral.AdvertisingData);
            Assert.Equal(ProvisioningLinkState.Opening, link.State);

            var connection = new FakeServerConnection(peripheral);
            link.OnSubscribed(connection);
            Assert.Equal(1, handler.Opened);
            byte[] invite = Hex.Decode("030000");
            link.OnWrite(connection, invite, 0, invite.Length);
            Assert.Equal(new[] { SampleData.Invite }, handler.ReceivedHex.ToArray());

            PbAdvHarness.Send(link, SampleData.PublicKeyDevice);
            Assert.Equal(4, connection.Notifications.Count);
            Assert.Equal("43" + SampleData.PublicKeyDevice.Substring(0, 38), Hex.Encode(connection.Notifications[0]));

            var intruder = new FakeServerConnection(peripheral);
            link.OnSubscribed(intruder);
            Assert.Equal(1, intruder.DisconnectCalls);

            link.OnDisconnected(connection);
            Assert.Equal(ProvisioningLinkCloseReason.Disconnected, handler.ClosedReason);
            Assert.Equal(1, peripheral.StopCalls);
        }

        [Fact]
        public void ClientAndServerRunTheWholeSampleExchange()
        {
            var scheduler = new VirtualTimeScheduler();
            var central = new FakeGattCentral();
            var peripheral = new FakeGattPeripheral();
            var p = new RecordingLinkHandler(scheduler);
            var d = new RecordingLinkHandler(scheduler);
            PbAdvSampleTests.ScriptProvisioner(p);
            PbAdvSampleTests.ScriptDevice(d);
            byte[] adv = ProvisioningServiceData.BuildAdvertisingData(Uuid, 0, false);
            var server = new PbGattServerLink(peripheral, adv, Uuid, scheduler, d, null);
            var client = new PbGattClientLink(central, 0xA0A0A0A0A0A0, Uuid, scheduler, p, null);
            server.Open();
            client.Open();

            // Wire the two ends: writes and notifications arrive through the scheduler, disconnects cross over.
            var serverEnd = new FakeServerConnection(peripheral);
            var clientEnd = new FakeGattConnection(client);
            clientEnd.OnWrite = data => scheduler.Post(() => server.OnWrite(serverEnd, data, 0, data.Length));
            serverEnd.OnNotify = data => scheduler.Post(() => client.OnNotification(data, 0, data.Length));
            scheduler.Post(() =>
            {
                server.OnSubscribed(serverEnd);
                client.OnConnected(clientEnd);
            });
            p.OnOpened = link => PbAdvSampleTests.Send(link, SampleData.Invite);
            var close = p.OnPdu;
            p.OnPdu = (link, pdu) =>
            {
                close(link, pdu);
                if (pdu[0] == 0x08)
                {
                    scheduler.Post(() => server.OnDisconnected(serverEnd));
                }
            };

            scheduler.RunAll(10_000);
            Assert.Equal(new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, SampleData.ConfirmationDevice, SampleData.RandomDevice, SampleData.Complete }, p.ReceivedHex.ToArray());
            Assert.Equal(new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.RandomProvisioner, SampleData.Data }, d.ReceivedHex.ToArray());
            Assert.Equal(ProvisioningLinkCloseReason.Success, p.ClosedReason);
            Assert.Equal(ProvisioningLinkCloseReason.Disconnected, d.ClosedReason);
            Assert.Equal(6, p.TransmitCompletes);
            Assert.Equal(5, d.TransmitCompletes);
        }

        private static (VirtualTimeScheduler, FakeGattCentral, RecordingLinkHandler, PbGattClientLink) Client()
        {
            var scheduler = new VirtualTimeScheduler();
            var central = new FakeGattCentral();
            var handler = new RecordingLinkHandler(scheduler);
            var link = new PbGattClientLink(central, 0xA0A0A0A0A0A0, Uuid, scheduler, handler, null);
            return (scheduler, central, handler, link);
        }
    }
}
