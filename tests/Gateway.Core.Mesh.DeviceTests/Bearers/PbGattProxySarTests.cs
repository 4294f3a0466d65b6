using System;
using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Bearers
{
    /// <summary>
    /// Proxy PDU SAR (MshPRT §6.3.2) with the §8.8 PB-GATT sample, and PB-GATT links (§5.2.2) over
    /// fake GATT ports, up to a whole provisioning exchange of the core's two sessions. Host twins:
    /// tests/Gateway.Core.Tests/Mesh/Bearers/ProxySarTests.cs and PbGattLinkTests.cs.
    /// </summary>
    [TestClass]
    public class PbGattProxySarTests
    {
        private const string Segment0 = "43032c31a47b5779809ef44cb5eaaf5c3e43d5f8";
        private const string Segment1 = "83faad4a8794cb987e9b03745c78dd9195121838";
        private const string Segment2 = "8398dfbecd52e2408e43871fd021109117bd3ed4";
        private const string Segment3 = "c3eaf8437743715d4f";

        /// <summary>MshPRT §8.8: the provisioner's Public Key goes out as four Proxy PDUs at ATT_MTU 23.</summary>
        [TestMethod]
        public static void MshPRT_8_8_PublicKeyIsSentAsFourProxyPdus()
        {
            byte[] pdu = Hex.Decode(ProvisioningSamples.PublicKeyProvisioner);
            Assert.AreEqual(4, ProxySar.SegmentCount(pdu.Length, 23), "#1");
            string[] expected = new string[] { Segment0, Segment1, Segment2, Segment3 };
            byte[] output = new byte[20];
            for (int i = 0; i < 4; i++)
            {
                int length = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, pdu, 0, pdu.Length, 23, i, output, 0);
                Assert.AreEqual(expected[i], Hex.Encode(output, 0, length), "#2");
            }
        }

        /// <summary>MshPRT §8.8: the reassembler rebuilds the Public Key from the four sample Proxy PDUs.</summary>
        [TestMethod]
        public static void MshPRT_8_8_ReassemblerRebuildsThePublicKey()
        {
            ProxySarReassembler r = new ProxySarReassembler(66);
            string[] segments = new string[] { Segment0, Segment1, Segment2, Segment3 };
            for (int i = 0; i < 4; i++)
            {
                byte[] segment = Hex.Decode(segments[i]);
                Assert.AreEqual(i == 3 ? (int)ProxySarResult.Complete : (int)ProxySarResult.InProgress, (int)r.Add(segment, 0, segment.Length), "#3");
            }

            Assert.AreEqual(ProxySar.MessageTypeProvisioningPdu, r.MessageType, "#4");
            Assert.AreEqual(ProvisioningSamples.PublicKeyProvisioner, Hex.Encode(r.Buffer, 0, r.Length), "#5");
            Assert.IsFalse(r.IsInProgress, "#6");
        }

        /// <summary>MshPRT §6.3.2: a message that fits one Proxy PDU is Complete (19 octets at MTU 23); 20 octets are First + Last.</summary>
        [TestMethod]
        public static void MshPRT_6_3_2_CompleteWhenItFitsElseFirstAndLast()
        {
            byte[] output = new byte[20];
            byte[] nineteen = Hex.Decode("000102030405060708090a0b0c0d0e0f101112");
            Assert.AreEqual(1, ProxySar.SegmentCount(nineteen.Length, 23), "#7");
            int n = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, nineteen, 0, nineteen.Length, 23, 0, output, 0);
            Assert.AreEqual("03000102030405060708090a0b0c0d0e0f101112", Hex.Encode(output, 0, n), "#8");

            byte[] twenty = Hex.Decode("000102030405060708090a0b0c0d0e0f10111213");
            Assert.AreEqual(2, ProxySar.SegmentCount(twenty.Length, 23), "#9");
            n = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, twenty, 0, twenty.Length, 23, 0, output, 0);
            Assert.AreEqual("43000102030405060708090a0b0c0d0e0f101112", Hex.Encode(output, 0, n), "#10");
            n = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, twenty, 0, twenty.Length, 23, 1, output, 0);
            Assert.AreEqual("c313", Hex.Encode(output, 0, n), "#11");
        }

        /// <summary>MshPRT §6.3.2: larger ATT MTUs need fewer segments and round-trip.</summary>
        [TestMethod]
        [DataRow(69, 1)]
        [DataRow(50, 2)]
        [DataRow(24, 4)]
        public static void MshPRT_6_3_2_LargerMtusNeedFewerSegmentsAndRoundTrip(int mtu, int expectedSegments)
        {
            byte[] pdu = Hex.Decode(ProvisioningSamples.PublicKeyDevice);
            int count = ProxySar.SegmentCount(pdu.Length, mtu);
            Assert.AreEqual(expectedSegments, count, "#12");
            ProxySarReassembler r = new ProxySarReassembler(66);
            byte[] output = new byte[mtu];
            ProxySarResult result = ProxySarResult.Empty;
            for (int i = 0; i < count; i++)
            {
                int length = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, pdu, 0, pdu.Length, mtu, i, output, 0);
                Assert.IsTrue(length <= mtu - 3, "#13");
                result = r.Add(output, 0, length);
            }

            Assert.AreEqual((int)ProxySarResult.Complete, (int)result, "#14");
            Assert.AreEqual(ProvisioningSamples.PublicKeyDevice, Hex.Encode(r.Buffer, 0, r.Length), "#15");
        }

        /// <summary>MshPRT §6.3.2: SAR violations are reported and reset the reassembler, which stays usable.</summary>
        [TestMethod]
        [DataRow("83faad", (int)ProxySarResult.UnexpectedSegment)]
        [DataRow("c3eaf8", (int)ProxySarResult.UnexpectedSegment)]
        [DataRow("43032c|43032c", (int)ProxySarResult.Interrupted)]
        [DataRow("43032c|030000", (int)ProxySarResult.Interrupted)]
        [DataRow("43032c|80faad", (int)ProxySarResult.MessageTypeMismatch)]
        [DataRow("03", (int)ProxySarResult.Empty)]
        public static void MalformedInput_ProxySarViolationsAreReported(string sequence, int expected)
        {
            ProxySarReassembler r = new ProxySarReassembler(66);
            string[] pdus = sequence.Split(new char[] { '|' });
            ProxySarResult result = ProxySarResult.InProgress;
            for (int i = 0; i < pdus.Length; i++)
            {
                byte[] pdu = Hex.Decode(pdus[i]);
                result = r.Add(pdu, 0, pdu.Length);
            }

            Assert.AreEqual(expected, (int)result, "#16");
            Assert.IsFalse(r.IsInProgress, "#17");
            byte[] invite = Hex.Decode("030000");
            Assert.AreEqual((int)ProxySarResult.Complete, (int)r.Add(invite, 0, invite.Length), "#18");
        }

        /// <summary>A segmented message longer than the buffer is Too Long; the writer refuses impossible arguments.</summary>
        [TestMethod]
        public static void MalformedInput_TooLongMessagesAndBadWriterArguments()
        {
            ProxySarReassembler r = new ProxySarReassembler(66);
            byte[] first = Hex.Decode("43" + new string('0', 38));
            byte[] cont = Hex.Decode("83" + new string('1', 38));
            Assert.AreEqual((int)ProxySarResult.InProgress, (int)r.Add(first, 0, first.Length), "#19");
            Assert.AreEqual((int)ProxySarResult.InProgress, (int)r.Add(cont, 0, cont.Length), "#20");
            Assert.AreEqual((int)ProxySarResult.InProgress, (int)r.Add(cont, 0, cont.Length), "#21");
            Assert.AreEqual((int)ProxySarResult.TooLong, (int)r.Add(cont, 0, cont.Length), "#22");
            Assert.IsFalse(r.IsInProgress, "#23");

            byte[] output = new byte[20];
            byte[] invite = Hex.Decode(ProvisioningSamples.Invite);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ProxySar.WriteSegment(3, invite, 0, invite.Length, 4, 0, output, 0), "#24");
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ProxySar.WriteSegment(3, invite, 0, invite.Length, 23, 1, output, 0), "#25");
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => ProxySar.WriteSegment(3, invite, 0, invite.Length, 23, 0, output, 18), "#26");
        }

        /// <summary>MshPRT §5.2.2, §8.8: the client connects to 0x1827, opens when the connection is up and writes the Public Key as the four sample segments.</summary>
        [TestMethod]
        public static void MshPRT_8_8_ClientLinkWritesThePublicKeyAsTheSampleSegments()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            FakeGattCentral central = new FakeGattCentral();
            RecordingLinkHandler handler = new RecordingLinkHandler(scheduler);
            PbGattClientLink link = new PbGattClientLink(central, 0xA0A0A0A0A0A0, Hex.Decode(ProvisioningSamples.DeviceUuid), scheduler, handler, null);
            link.Open();
            Assert.AreEqual((int)ProvisioningLinkState.Opening, (int)link.State, "#27");
            Assert.AreEqual(1, central.Connects, "#28");
            Assert.AreEqual(0xA0A0A0A0A0A0UL, central.Address, "#29");
            Assert.AreEqual((ushort)0x1827, central.Service, "#30");
            Assert.AreEqual((ushort)0x2ADB, central.DataIn, "#31");
            Assert.AreEqual((ushort)0x2ADC, central.DataOut, "#32");

            FakeGattConnection connection = new FakeGattConnection(link, 23);
            link.OnConnected(connection);
            Assert.AreEqual((int)ProvisioningLinkState.Open, (int)link.State, "#33");
            Assert.AreEqual(1, handler.Opened, "#34");
            RecordingLinkHandler.Send(link, ProvisioningSamples.PublicKeyProvisioner);
            Assert.AreEqual(4, connection.Writes.Count, "#35");
            Assert.AreEqual(Segment0, (string)connection.Writes[0], "#36");
            Assert.AreEqual(Segment3, (string)connection.Writes[3], "#37");
            scheduler.RunPending();
            Assert.AreEqual(1, handler.TransmitCompletes, "#38");

            string[] notifications = new string[] { Segment0, Segment1, Segment2, Segment3 };
            for (int i = 0; i < notifications.Length; i++)
            {
                byte[] s = Hex.Decode(notifications[i]);
                link.OnNotification(s, 0, s.Length);
            }

            Assert.AreEqual(ProvisioningSamples.PublicKeyProvisioner, handler.ReceivedHex(), "#39");
        }

        /// <summary>MshPRT §6.3.2: a SAR violation from the peer closes the link with Proxy Protocol Error; nothing is delivered.</summary>
        [TestMethod]
        public static void MshPRT_6_3_2_SarViolationClosesTheLink()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            RecordingLinkHandler handler = new RecordingLinkHandler(scheduler);
            PbGattClientLink link = new PbGattClientLink(new FakeGattCentral(), 0xA0A0A0A0A0A0, Hex.Decode(ProvisioningSamples.DeviceUuid), scheduler, handler, null);
            link.Open();
            FakeGattConnection connection = new FakeGattConnection(link, 23);
            link.OnConnected(connection);
            byte[] first = Hex.Decode("43032c");
            byte[] complete = Hex.Decode("030000");
            link.OnNotification(first, 0, first.Length);
            link.OnNotification(complete, 0, complete.Length);
            scheduler.RunPending();
            Assert.AreEqual((int)ProvisioningLinkState.Closed, (int)link.State, "#40");
            Assert.AreEqual(1, connection.DisconnectCalls, "#41");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.ProxyProtocolError, (int)handler.ClosedReason, "#42");
            Assert.AreEqual(0, handler.Received.Count, "#43");
        }

        /// <summary>MshPRT §6.3.2.2: a segmented message that stalls closes the link after 20 s.</summary>
        [TestMethod]
        public static void MshPRT_6_3_2_2_StalledSegmentedMessageClosesAfter20s()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            RecordingLinkHandler handler = new RecordingLinkHandler(scheduler);
            PbGattClientLink link = new PbGattClientLink(new FakeGattCentral(), 0xA0A0A0A0A0A0, Hex.Decode(ProvisioningSamples.DeviceUuid), scheduler, handler, null);
            link.Open();
            link.OnConnected(new FakeGattConnection(link, 23));
            byte[] first = Hex.Decode(Segment0);
            link.OnNotification(first, 0, first.Length);
            scheduler.Advance(19999);
            Assert.AreEqual((int)ProvisioningLinkState.Open, (int)link.State, "#44");
            scheduler.Advance(1);
            Assert.AreEqual((int)ProvisioningLinkState.Closed, (int)link.State, "#45");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.ProxySarTimeout, (int)handler.ClosedReason, "#46");
        }

        /// <summary>
        /// MshPRT §8.7 over PB-GATT: the core's provisioner session on a client link and its device
        /// session on a server link, joined by a fake GATT connection at ATT_MTU 23, with the sample
        /// keys and randoms; the Public Key crosses as the §8.8 segments and both derive the sample DeviceKey.
        /// </summary>
        [TestMethod]
        public static void MshPRT_8_8_ProvisioningExchangeOverPbGatt_BothSessions()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            byte[] uuid = Hex.Decode(ProvisioningSamples.DeviceUuid);
            CapturingLog log = new CapturingLog();
            ScriptedRandom provisionerRandom = new ScriptedRandom(3);
            provisionerRandom.EnqueueBytes(ProvisioningSamples.RandomProvisionerValue);
            ScriptedRandom deviceRandom = new ScriptedRandom(4);
            deviceRandom.EnqueueBytes(ProvisioningSamples.RandomDeviceValue);
            RecordingDeviceEvents deviceEvents = new RecordingDeviceEvents();
            DeviceSession device = new DeviceSession(
                new ProvisioningContext(scheduler, deviceRandom, new FixedKeyWorker(scheduler, 2, ProvisioningSamples.DevicePrivateKey), new ManagedAes128(), log, null),
                ProvisioningCapabilities.Parse(Hex.Decode(ProvisioningSamples.CapabilitiesParameters), 0, 11), null, deviceEvents);
            ProvisioningRequest request = new ProvisioningRequest(Hex.Decode(ProvisioningSamples.NetKey), ProvisioningSamples.KeyIndex, ProvisioningSamples.IvIndex);
            request.PreferHmacSha256 = false;
            RecordingProvisionerEvents events = new RecordingProvisionerEvents();
            ProvisionerSession provisioner = new ProvisionerSession(
                new ProvisioningContext(scheduler, provisionerRandom, new FixedKeyWorker(scheduler, 1, ProvisioningSamples.ProvisionerPrivateKey), new ManagedAes128(), log, null),
                uuid, request, events);

            FakeGattPeripheral peripheral = new FakeGattPeripheral();
            PbGattServerLink server = new PbGattServerLink(peripheral, ProvisioningServiceData.BuildAdvertisingData(uuid, 0, false), uuid, scheduler, device, null);
            PbGattClientLink client = new PbGattClientLink(new FakeGattCentral(), 0xA0A0A0A0A0A0, uuid, scheduler, provisioner, null);
            FakeServerConnection serverEnd = new FakeServerConnection(peripheral);
            FakeGattConnection clientEnd = new FakeGattConnection(client, 23);
            clientEnd.OnWrite = data => scheduler.Post(() => server.OnWrite(serverEnd, data, 0, data.Length));
            clientEnd.OnDisconnect = () => scheduler.Post(() => server.OnDisconnected(serverEnd));
            serverEnd.OnNotify = data => scheduler.Post(() => client.OnNotification(data, 0, data.Length));

            device.Start(server);
            provisioner.Start(client);
            Assert.AreEqual(1, peripheral.StartCalls, "#47");
            Assert.AreEqual((ushort)0x1827, peripheral.ServiceUuid, "#48");
            scheduler.Post(() =>
            {
                server.OnSubscribed(serverEnd);
                client.OnConnected(clientEnd);
            });
            scheduler.RunAll(20000);

            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)provisioner.Outcome, "#49");
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)device.Outcome, "#50");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(provisioner.DeviceKey), "#51");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(device.DeviceKey), "#52");
            Assert.AreEqual(Segment0, (string)clientEnd.Writes[2], "Invite, Start, then the Public Key's first segment");
            Assert.AreEqual(Segment3, (string)clientEnd.Writes[5], "#53");
            Assert.AreEqual("43" + ProvisioningSamples.Data.Substring(0, 38), (string)clientEnd.Writes[clientEnd.Writes.Count - 2], "#54");
            Assert.AreEqual("c3" + ProvisioningSamples.Data.Substring(38), (string)clientEnd.Writes[clientEnd.Writes.Count - 1], "#55");
            Assert.AreEqual("0308", (string)serverEnd.Notifications[serverEnd.Notifications.Count - 1], "#56");
            Assert.AreEqual(1, clientEnd.DisconnectCalls, "#57");
            Assert.AreEqual(1, peripheral.StopCalls, "#58");
            Assert.AreEqual(0, scheduler.PendingTimerCount, "#59");
        }
    }
}
