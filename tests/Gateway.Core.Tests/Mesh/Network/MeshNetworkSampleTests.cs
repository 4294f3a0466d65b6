using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>The whole stack against MshPRT §8.3: what it sends byte for byte, what it delivers from the sample PDUs.</summary>
    public class MeshNetworkSampleTests
    {
        private const string Seg0 = "68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e";
        private const string Seg1 = "681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0";
        private const string AppKeyStatus = "68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228";

        [Fact]
        public void MshPRT_8_3_6_GatewaySendsConfigAppKeyAdd_BothSegmentsByteForByte_ThenAcknowledged()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0x3129ab);
            var results = new List<AccessSendResult>();
            byte[] access = Hex.Decode("0056341263964771734fbd76e3b40519d1d94a48");
            gw.Network.SendAccessMessage(0x0003, 0x1201, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, 4, access, 0, access.Length, results.Add);
            Assert.Equal(2, gw.Bearer.Sent.Count);
            Assert.Equal(Seg0, Hex.Encode(gw.Bearer.Sent[0]));
            Assert.Equal(Seg1, Hex.Encode(gw.Bearer.Sent[1]));

            // The node acknowledges both segments (BlockAck 0b11 for SeqZero 0x09ab).
            gw.Bearer.Inject(AckFrom(0x1201, 0x0003, 0x000100, 0x09ab, 3));
            gw.Scheduler.RunPending();
            Assert.Equal(new[] { AccessSendResult.Acknowledged }, results);
            Assert.Equal(0, gw.Network.ActiveTransmissions);
        }

        [Fact]
        public void MshPRT_8_3_6_UnacknowledgedSegment_IsRetransmittedWithNewSeqSameSeqZero()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0x3129ab);
            byte[] access = Hex.Decode("0056341263964771734fbd76e3b40519d1d94a48");
            gw.Network.SendAccessMessage(0x0003, 0x1201, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, 4, access, 0, access.Length, null);
            gw.Bearer.Inject(AckFrom(0x1201, 0x0003, 0x000100, 0x09ab, 2));
            gw.Scheduler.RunPending();

            // Segment 0 goes again at once with SEQ 0x3129ad: that is sample §8.3.8.
            Assert.Equal("684daa6267c2cf0e2f91add6f06e66006844cec97f973105ae2534f958", Hex.Encode(gw.Bearer.Sent[2]));
        }

        [Fact]
        public void MshPRT_8_3_16_NodeSendsConfigAppKeyStatus_ByteForByte()
        {
            var node = new StackHarness(0x1201, nextSeq: 6);
            byte[] access = Hex.Decode("800300563412");
            node.Network.SendAccessMessage(0x1201, 0x0003, MeshNetwork.LocalDeviceKey, MeshNetwork.Default, 0x0b, access, 0, access.Length, null);
            Assert.Equal(AppKeyStatus, Hex.Encode(Assert.Single(node.Bearer.Sent)));
        }

        [Fact]
        public void MshPRT_8_3_6_NodeReceivesBothSegments_DeliversOnceAndAcknowledges()
        {
            var node = new StackHarness(0x1201, nextSeq: 0x10);
            node.Bearer.Inject(Hex.Decode(Seg0));
            Assert.Empty(node.Received);
            node.Bearer.Inject(Hex.Decode(Seg1));
            var m = Assert.Single(node.Received);
            Assert.Equal(0x00, m.Opcode);
            Assert.Equal("56341263964771734fbd76e3b40519d1d94a48", m.Parameters);
            Assert.Equal(ReceivedAccessMessage.DeviceKeyIndex, m.AppKeyIndex);
            Assert.True(m.Segmented);

            // Immediate Segment Acknowledgment: CTL 1, to 0x0003, SeqZero 0x09ab, BlockAck 3.
            byte[] ack = Assert.Single(node.Bearer.Sent);
            var codec = new NetworkPduCodec();
            Assert.True(codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, false, ack, 0, ack.Length));
            Assert.True(codec.Ctl);
            Assert.Equal(0x0003, codec.Dst);
            Assert.True(SegmentAcknowledgment.TryParse(codec.TransportBuffer, codec.TransportOffset, codec.TransportLength, out bool obo, out int seqZero, out uint blockAck));
            Assert.False(obo);
            Assert.Equal(0x09ab, seqZero);
            Assert.Equal(3u, blockAck);

            // A late duplicate is acknowledged again, never delivered twice.
            node.Scheduler.Advance(new MeshNetworkOptions().CompletedAckIntervalMilliseconds);
            node.Bearer.Inject(Hex.Decode(Seg1));
            Assert.Single(node.Received);
            Assert.Equal(2, node.Bearer.Sent.Count);
        }

        [Fact]
        public void CopiesOfACompletedMessage_AreAcknowledgedOncePerInterval()
        {
            // MshPRT v1.1 §3.5.3.4: not more than one Segment Acknowledgment for the same SeqAuth
            // per period. Every segment arrives in several copies (Network Transmit 3) and every
            // retransmission round repeats them; one acknowledgment per copy flooded a busy
            // gateway's advertiser until its own segmented sends timed out in the queue.
            var node = new StackHarness(0x1201, nextSeq: 0x10);
            node.Bearer.Inject(Hex.Decode(Seg0));
            node.Bearer.Inject(Hex.Decode(Seg1));
            Assert.Single(node.Bearer.Sent);
            for (int copy = 0; copy < 3; copy++)
            {
                node.Bearer.Inject(Hex.Decode(Seg0));
                node.Bearer.Inject(Hex.Decode(Seg1));
            }

            Assert.Single(node.Bearer.Sent);

            // The sender's next round (it missed the acknowledgment) gets one again, with the whole BlockAck.
            node.Scheduler.Advance(400);
            for (int copy = 0; copy < 3; copy++)
            {
                node.Bearer.Inject(Hex.Decode(Seg0));
                node.Bearer.Inject(Hex.Decode(Seg1));
            }

            Assert.Equal(2, node.Bearer.Sent.Count);
            var codec = new NetworkPduCodec();
            byte[] ack = node.Bearer.Sent[1];
            Assert.True(codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, false, ack, 0, ack.Length));
            Assert.True(SegmentAcknowledgment.TryParse(codec.TransportBuffer, codec.TransportOffset, codec.TransportLength, out _, out int seqZero, out uint blockAck));
            Assert.Equal(0x09ab, seqZero);
            Assert.Equal(3u, blockAck);
            Assert.Single(node.Received);
        }

        [Fact]
        public void MshPRT_8_3_16_GatewayReceivesConfigAppKeyStatus()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            gw.Bearer.Inject(Hex.Decode(AppKeyStatus));
            var m = Assert.Single(gw.Received);
            Assert.Equal(0x8003, m.Opcode);
            Assert.Equal("00563412", m.Parameters);
            Assert.Equal(0x1201, m.Source);
            Assert.Equal(0x0b, m.Ttl);
        }

        [Fact]
        public void ReplayedMessage_IsDropped_AlsoAfterReboot()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            gw.Bearer.Inject(Hex.Decode(AppKeyStatus));
            gw.Bearer.Inject(Hex.Decode(AppKeyStatus));
            Assert.Single(gw.Received);
            Assert.Equal(1, gw.Network.Statistics.DroppedReplay);

            // Power off right after the message was acted on, boot from what the flash holds.
            var rebooted = new StackHarness(0x0003, storage: gw.Storage.Snapshot());
            rebooted.Bearer.Inject(Hex.Decode(AppKeyStatus));
            Assert.Empty(rebooted.Received);
            Assert.Equal(1, rebooted.Network.Statistics.DroppedReplay);
        }

        [Fact]
        public void ReplayedSegments_AfterReboot_AreDropped()
        {
            var node = new StackHarness(0x1201, nextSeq: 0);
            node.Bearer.Inject(Hex.Decode(Seg0));
            node.Bearer.Inject(Hex.Decode(Seg1));
            Assert.Single(node.Received);
            var rebooted = new StackHarness(0x1201, storage: node.Storage.Snapshot());
            rebooted.Bearer.Inject(Hex.Decode(Seg0));
            rebooted.Bearer.Inject(Hex.Decode(Seg1));
            Assert.Empty(rebooted.Received);
        }

        [Fact]
        public void MshPRT_8_3_18_AppKeyMessageToAllNodes_Delivered_OwnSourceDropped()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            gw.Bearer.Inject(Hex.Decode("6848cba437860e5673728a627fb938535508e21a6baf57"));
            var m = Assert.Single(gw.Received);
            Assert.Equal(0x04, m.Opcode);
            Assert.Equal(0, m.AppKeyIndex);
            Assert.Equal(0xffff, m.Destination);

            var self = new StackHarness(0x1201, nextSeq: 0);
            self.Bearer.Inject(Hex.Decode("6848cba437860e5673728a627fb938535508e21a6baf57"));
            Assert.Empty(self.Received);
            Assert.Equal(1, self.Network.Statistics.DroppedOwn);
        }

        [Fact]
        public void MshPRT_8_3_21_VendorMessageToGroup_OnlyWhenSubscribed_OldIvIndexByIvi()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            byte[] pdu = Hex.Decode("e84e8fbe003f58a4d61157bb76352ea6307eebfe0f30b83500e9");
            gw.Bearer.Inject(pdu);
            Assert.Empty(gw.Received);
            Assert.Equal(1, gw.Network.Statistics.DroppedNotForUs);
            gw.Network.AddSubscription(0xc105);
            gw.Bearer.Inject(pdu);
            var m = Assert.Single(gw.Received);
            Assert.Equal(0xd50a00, m.Opcode);
            Assert.Equal("48656c6c6f", m.Parameters);
        }

        [Fact]
        public void ForeignNid_RejectedWithoutDecrypting()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            byte[] pdu = Hex.Decode(AppKeyStatus);
            pdu[0] = 0x11;
            gw.Bearer.Inject(pdu);
            Assert.Equal(1, gw.Network.Statistics.DroppedNoKey);
        }

        internal static byte[] AckFrom(int src, int dst, int seq, int seqZero, uint blockAck)
        {
            byte[] ack = new byte[7];
            SegmentAcknowledgment.Write(ack, 0, false, seqZero, blockAck);
            byte[] pdu = new byte[29];
            int n = new NetworkPduCodec().Encode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, true, 5, seq, src, dst, ack, 0, 7, false, pdu, 0);
            return CapturingBearer.Copy(pdu, 0, n);
        }
    }
}
