using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>Authentic Network PDUs (right NetKey) carrying bad transport PDUs: dropped, counted, never delivered, never thrown.</summary>
    public class MalformedTransportTests
    {
        private static byte[] Pdu(string lowerTransport, int seq, bool ctl = false, int src = 0x1201, int dst = 0x0003)
        {
            byte[] t = Hex.Decode(lowerTransport);
            byte[] pdu = new byte[29];
            int n = new NetworkPduCodec().Encode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, ctl, 5, seq, src, dst, t, 0, t.Length, false, pdu, 0);
            return CapturingBearer.Copy(pdu, 0, n);
        }

        [Theory]
        [InlineData("80000021aa")] // SegO 1 > SegN 0
        [InlineData("80000001aabbcc")] // first of two segments shorter than 12 octets
        [InlineData("80000000aabbcc")] // single segment too short for its TransMIC
        [InlineData("80000000")] // header only
        [InlineData("00aabbcc")] // unsegmented access shorter than header, one octet and TransMIC
        [InlineData("40aabbccddeeff")] // AKF 1 with an AID no AppKey has
        [InlineData("05aabbccddeeff")] // AKF 0 with a non-zero AID
        public void BadLowerTransportPdu_IsDroppedWithoutDelivery(string lowerTransport)
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            gw.Bearer.Inject(Pdu(lowerTransport, 100));
            gw.Scheduler.RunAll(20_000);
            Assert.Empty(gw.Received);
        }

        [Fact]
        public void ConflictingSegment_SameSeqAuthOtherSegN_IsIgnored()
        {
            var node = new StackHarness(0x1201, nextSeq: 0);
            byte[] seg0 = Hex.Decode("68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e");
            node.Bearer.Inject(seg0);

            // Same SeqAuth (SEQ 0x3129ac, SeqZero 0x09ab) but SegN 2: not part of that message.
            node.Bearer.Inject(Pdu("8026ac22" + "cfdc18c52fdef772e0e17308", 0x3129ac, src: 0x0003, dst: 0x1201));
            node.Bearer.Inject(Hex.Decode("681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0"));
            Assert.Single(node.Received);
        }

        [Fact]
        public void SegmentAcknowledgment_ForUnsentSegmentsIgnored_BlockAckZeroMeansBusy()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0x3129ab);
            var results = new List<AccessSendResult>();
            byte[] access = Hex.Decode("0056341263964771734fbd76e3b40519d1d94a48");
            gw.Network.SendAccessMessage(0x0003, 0x1201, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, 4, access, 0, access.Length, results.Add);
            gw.Bearer.Inject(MeshNetworkSampleTests.AckFrom(0x1201, 0x0003, 0x200, 0x09ab, 0x7));
            gw.Bearer.Inject(MeshNetworkSampleTests.AckFrom(0x2222, 0x0003, 0x201, 0x09ab, 0x3));
            gw.Scheduler.RunPending();
            Assert.Empty(results);
            gw.Bearer.Inject(MeshNetworkSampleTests.AckFrom(0x1201, 0x0003, 0x202, 0x09ab, 0));
            gw.Scheduler.RunPending();
            Assert.Equal(new[] { AccessSendResult.Busy }, results);
        }

        [Fact]
        public void ReplayedSegmentAcknowledgment_IsDropped()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            byte[] ack = MeshNetworkSampleTests.AckFrom(0x1201, 0x0003, 0x300, 0x0001, 1);
            gw.Bearer.Inject(ack);
            gw.Bearer.Inject(ack);
            Assert.Equal(1, gw.Network.Statistics.SegmentAcknowledgmentsReceived);
            Assert.Equal(1, gw.Network.Statistics.DroppedReplay);
        }

        [Fact]
        public void SourceNotUnicastOrUnassignedDestination_Dropped()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            gw.Bearer.Inject(Pdu("66aabbccddeeff", 5, src: 0xC000));
            gw.Bearer.Inject(Pdu("66aabbccddeeff", 6, dst: 0x0000));
            Assert.Equal(2, gw.Network.Statistics.DroppedMalformed);
        }
    }
}
