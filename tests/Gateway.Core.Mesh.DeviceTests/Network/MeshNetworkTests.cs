using System.Collections;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>
    /// The whole network stack (network, lower and upper transport, replay protection) on the device
    /// against MshPRT §8.3: what it sends byte for byte, what it delivers from the sample PDUs, and
    /// the PDUs it must drop. Host twins: tests/Gateway.Core.Tests/Mesh/Network/MeshNetworkSampleTests.cs
    /// and MalformedTransportTests.cs.
    /// </summary>
    [TestClass]
    public class MeshNetworkTests
    {
        /// <summary>MshPRT §8.3.6: the gateway sends Config AppKey Add as the two sample segments; the node's acknowledgment completes it.</summary>
        [TestMethod]
        public static void MshPRT_8_3_6_GatewaySendsConfigAppKeyAdd()
        {
            StackHarness gw = new StackHarness(0x0003, 0x3129ab);
            ArrayList results = new ArrayList();
            byte[] access = Hex.Decode(MeshSamples.AppKeyAddAccess);
            gw.Network.SendAccessMessage(0x0003, 0x1201, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, 4, access, 0, access.Length,
                result => results.Add((int)result));
            Assert.AreEqual(2, gw.Bearer.Sent.Count, "#1");
            Assert.AreEqual(MeshSamples.AppKeyAddSeg0, (string)gw.Bearer.Sent[0], "#2");
            Assert.AreEqual(MeshSamples.AppKeyAddSeg1, (string)gw.Bearer.Sent[1], "#3");

            gw.Bearer.Inject(MeshSamples.AckFrom(0x1201, 0x0003, 0x000100, 0x09ab, 3));
            gw.Scheduler.RunPending();
            Assert.AreEqual(1, results.Count, "#4");
            Assert.AreEqual((int)AccessSendResult.Acknowledged, (int)results[0], "#5");
            Assert.AreEqual(0, gw.Network.ActiveTransmissions, "#6");
        }

        /// <summary>MshPRT §8.3.8: an unacknowledged segment goes again with a new SEQ and the same SeqZero (the sample's third PDU).</summary>
        [TestMethod]
        public static void MshPRT_8_3_8_UnacknowledgedSegmentIsRetransmitted()
        {
            StackHarness gw = new StackHarness(0x0003, 0x3129ab);
            byte[] access = Hex.Decode(MeshSamples.AppKeyAddAccess);
            gw.Network.SendAccessMessage(0x0003, 0x1201, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, 4, access, 0, access.Length, null);
            gw.Bearer.Inject(MeshSamples.AckFrom(0x1201, 0x0003, 0x000100, 0x09ab, 2));
            gw.Scheduler.RunPending();
            Assert.AreEqual("684daa6267c2cf0e2f91add6f06e66006844cec97f973105ae2534f958", (string)gw.Bearer.Sent[2], "#7");
        }

        /// <summary>MshPRT §8.3.16: the node answers with Config AppKey Status, byte for byte.</summary>
        [TestMethod]
        public static void MshPRT_8_3_16_NodeSendsConfigAppKeyStatus()
        {
            StackHarness node = new StackHarness(0x1201, 6);
            byte[] access = Hex.Decode("800300563412");
            node.Network.SendAccessMessage(0x1201, 0x0003, MeshNetwork.LocalDeviceKey, MeshNetwork.Default, 0x0b, access, 0, access.Length, null);
            Assert.AreEqual(1, node.Bearer.Sent.Count, "#8");
            Assert.AreEqual(MeshSamples.AppKeyStatusPdu, (string)node.Bearer.Sent[0], "#9");
        }

        /// <summary>MshPRT §8.3.6/§8.3.7: the node reassembles both segments, delivers once and acknowledges (SeqZero 0x09ab, BlockAck 3); a late copy is re-acknowledged, not redelivered.</summary>
        [TestMethod]
        public static void MshPRT_8_3_6_NodeReceivesBothSegments()
        {
            StackHarness node = new StackHarness(0x1201, 0x10);
            node.Bearer.Inject(MeshSamples.AppKeyAddSeg0);
            Assert.AreEqual(0, node.Received.Count, "#10");
            node.Bearer.Inject(MeshSamples.AppKeyAddSeg1);
            Assert.AreEqual(1, node.Received.Count, "#11");
            Assert.AreEqual(StackHarness.Describe(0x0003, 0x1201, 0x00, ReceivedAccessMessage.DeviceKeyIndex, "56341263964771734fbd76e3b40519d1d94a48"), (string)node.Received[0], "#12");

            Assert.AreEqual(1, node.Bearer.Sent.Count, "#13");
            byte[] ack = Hex.Decode((string)node.Bearer.Sent[0]);
            NetworkPduCodec codec = new NetworkPduCodec();
            Assert.IsTrue(codec.TryDecode(MeshSamples.NetworkKey(), MeshSamples.IvIndex, false, ack, 0, ack.Length), "#14");
            Assert.IsTrue(codec.Ctl, "#15");
            Assert.AreEqual(0x0003, codec.Dst, "#16");
            bool obo;
            int seqZero;
            uint blockAck;
            Assert.IsTrue(SegmentAcknowledgment.TryParse(codec.TransportBuffer, codec.TransportOffset, codec.TransportLength, out obo, out seqZero, out blockAck), "#17");
            Assert.IsFalse(obo, "#18");
            Assert.AreEqual(0x09ab, seqZero, "#19");
            Assert.AreEqual(3u, blockAck, "#20");

            node.Scheduler.Advance(new MeshNetworkOptions().CompletedAckIntervalMilliseconds);
            node.Bearer.Inject(MeshSamples.AppKeyAddSeg1);
            Assert.AreEqual(1, node.Received.Count, "#21");
            Assert.AreEqual(2, node.Bearer.Sent.Count, "#22");
        }

        /// <summary>MshPRT §8.3.16: the gateway receives Config AppKey Status from 0x1201 (TTL 0x0b).</summary>
        [TestMethod]
        public static void MshPRT_8_3_16_GatewayReceivesConfigAppKeyStatus()
        {
            StackHarness gw = new StackHarness(0x0003, 0);
            gw.Bearer.Inject(MeshSamples.AppKeyStatusPdu);
            Assert.AreEqual(1, gw.Received.Count, "#23");
            Assert.AreEqual(StackHarness.Describe(0x1201, 0x0003, 0x8003, ReceivedAccessMessage.DeviceKeyIndex, "00563412"), (string)gw.Received[0], "#24");
        }

        /// <summary>MshPRT §3.8.8: a replayed message is dropped, also by a stack rebooted from what the storage held.</summary>
        [TestMethod]
        public static void MshPRT_3_8_8_ReplayedMessageIsDroppedAlsoAfterReboot()
        {
            StackHarness gw = new StackHarness(0x0003, 0);
            gw.Bearer.Inject(MeshSamples.AppKeyStatusPdu);
            gw.Bearer.Inject(MeshSamples.AppKeyStatusPdu);
            Assert.AreEqual(1, gw.Received.Count, "#25");
            Assert.AreEqual(1L, gw.Network.Statistics.DroppedReplay, "#26");

            StackHarness rebooted = new StackHarness(0x0003, -1, gw.Storage.Snapshot());
            rebooted.Bearer.Inject(MeshSamples.AppKeyStatusPdu);
            Assert.AreEqual(0, rebooted.Received.Count, "#27");
            Assert.AreEqual(1L, rebooted.Network.Statistics.DroppedReplay, "#28");
        }

        /// <summary>MshPRT §8.3.18: an AppKey message to all nodes is delivered; our own source coming back is dropped.</summary>
        [TestMethod]
        public static void MshPRT_8_3_18_AllNodesMessageDeliveredOwnSourceDropped()
        {
            StackHarness gw = new StackHarness(0x0003, 0);
            gw.Bearer.Inject("6848cba437860e5673728a627fb938535508e21a6baf57");
            Assert.AreEqual(StackHarness.Describe(0x1201, 0xffff, 0x04, 0, "00000000"), (string)gw.Received[0], "#29");

            StackHarness self = new StackHarness(0x1201, 0);
            self.Bearer.Inject("6848cba437860e5673728a627fb938535508e21a6baf57");
            Assert.AreEqual(0, self.Received.Count, "#30");
            Assert.AreEqual(1L, self.Network.Statistics.DroppedOwn, "#31");
        }

        /// <summary>MshPRT §8.3.21: a vendor message to a group is delivered only once subscribed; the IVI bit selects the old IV Index.</summary>
        [TestMethod]
        public static void MshPRT_8_3_21_GroupMessageOnlyWhenSubscribed()
        {
            StackHarness gw = new StackHarness(0x0003, 0);
            string pdu = "e84e8fbe003f58a4d61157bb76352ea6307eebfe0f30b83500e9";
            gw.Bearer.Inject(pdu);
            Assert.AreEqual(0, gw.Received.Count, "#32");
            Assert.AreEqual(1L, gw.Network.Statistics.DroppedNotForUs, "#33");
            Assert.IsTrue(gw.Network.AddSubscription(0xc105), "#34");
            gw.Bearer.Inject(pdu);
            Assert.AreEqual(StackHarness.Describe(0x1234, 0xc105, 0xd50a00, 0, "48656c6c6f"), (string)gw.Received[0], "#35");
        }

        /// <summary>Authentic Network PDUs carrying broken Lower Transport PDUs, a foreign NID, a group source or an unassigned destination: dropped and counted.</summary>
        [TestMethod]
        public static void MalformedInput_BadTransportPdusAreDroppedWithoutDelivery()
        {
            StackHarness gw = new StackHarness(0x0003, 0);
            string[] lower = new string[] { "80000021aa", "80000001aabbcc", "80000000aabbcc", "80000000", "00aabbcc", "40aabbccddeeff", "05aabbccddeeff" };
            for (int i = 0; i < lower.Length; i++)
            {
                gw.Bearer.Inject(Pdu(lower[i], 100 + i, 0x1201, 0x0003));
            }

            gw.Bearer.Inject(Pdu("66aabbccddeeff", 200, 0xC000, 0x0003));
            gw.Bearer.Inject(Pdu("66aabbccddeeff", 201, 0x1201, 0x0000));
            byte[] foreign = Hex.Decode(MeshSamples.AppKeyStatusPdu);
            foreign[0] = 0x11;
            gw.Bearer.Inject(foreign);
            gw.Scheduler.RunAll(20000);
            Assert.AreEqual(0, gw.Received.Count, "#36");
            Assert.AreEqual(1L, gw.Network.Statistics.DroppedNoKey, "#37");
            Assert.IsTrue(gw.Network.Statistics.DroppedMalformed >= 2, "#38");
        }

        private static byte[] Pdu(string lowerTransport, int seq, int src, int dst)
        {
            byte[] t = Hex.Decode(lowerTransport);
            byte[] pdu = new byte[29];
            int n = new NetworkPduCodec().Encode(MeshSamples.NetworkKey(), MeshSamples.IvIndex, false, 5, seq, src, dst, t, 0, t.Length, false, pdu, 0);
            return MeshSamples.Copy(pdu, 0, n);
        }
    }
}
