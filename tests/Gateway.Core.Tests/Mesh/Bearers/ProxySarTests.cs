using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>Proxy PDU SAR (MshPRT §6.3.2) with the MshPRT §8.8 PB-GATT sample.</summary>
    public class ProxySarTests
    {
        private static readonly string[] Sample88 =
        {
            "43032c31a47b5779809ef44cb5eaaf5c3e43d5f8",
            "83faad4a8794cb987e9b03745c78dd9195121838",
            "8398dfbecd52e2408e43871fd021109117bd3ed4",
            "c3eaf8437743715d4f",
        };

        [Fact]
        public void MshPRT_8_8_PublicKeyIsSentAsFourProxyPdusAtAttMtu23()
        {
            byte[] pdu = Hex.Decode(SampleData.PublicKeyProvisioner);
            Assert.Equal(4, ProxySar.SegmentCount(pdu.Length, 23));
            var output = new byte[20];
            for (int i = 0; i < 4; i++)
            {
                int length = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, pdu, 0, pdu.Length, 23, i, output, 0);
                Assert.Equal(Sample88[i], Hex.Encode(output, 0, length));
            }
        }

        [Fact]
        public void MshPRT_8_8_ReassemblerRebuildsThePublicKey()
        {
            var r = new ProxySarReassembler(66);
            for (int i = 0; i < 4; i++)
            {
                byte[] segment = Hex.Decode(Sample88[i]);
                Assert.Equal(i == 3 ? ProxySarResult.Complete : ProxySarResult.InProgress, r.Add(segment, 0, segment.Length));
            }

            Assert.Equal(ProxySar.MessageTypeProvisioningPdu, r.MessageType);
            Assert.Equal(SampleData.PublicKeyProvisioner, Hex.Encode(r.Buffer, 0, r.Length));
            Assert.False(r.IsInProgress);
        }

        [Theory]
        [InlineData(SampleData.Invite, 23, new[] { "030000" })]
        [InlineData(SampleData.Complete, 23, new[] { "0308" })]
        [InlineData("000102030405060708090a0b0c0d0e0f101112", 23, new[] { "03000102030405060708090a0b0c0d0e0f101112" })] // 19 octets: still complete
        [InlineData("000102030405060708090a0b0c0d0e0f10111213", 23, new[] { "43000102030405060708090a0b0c0d0e0f101112", "c313" })] // 20 octets: split
        public void CompleteWhenItFitsOneProxyPduElseFirstAndLast(string pduHex, int mtu, string[] expected)
        {
            byte[] pdu = Hex.Decode(pduHex);
            Assert.Equal(expected, Segments(pdu, mtu).ToArray());
        }

        [Theory]
        [InlineData(69, 1)]  // ATT_MTU 69: a 66-octet Proxy PDU holds the whole Public Key
        [InlineData(50, 2)]
        [InlineData(185, 1)]
        [InlineData(24, 4)]  // 20 data octets per PDU: 20+20+20+5
        public void LargerMtusNeedFewerSegmentsAndRoundTrip(int mtu, int expectedSegments)
        {
            byte[] pdu = Hex.Decode(SampleData.PublicKeyDevice);
            var segments = Segments(pdu, mtu);
            Assert.Equal(expectedSegments, segments.Count);
            var r = new ProxySarReassembler(66);
            ProxySarResult result = ProxySarResult.Empty;
            foreach (var hex in segments)
            {
                byte[] s = Hex.Decode(hex);
                Assert.True(s.Length <= mtu - 3);
                result = r.Add(s, 0, s.Length);
            }

            Assert.Equal(ProxySarResult.Complete, result);
            Assert.Equal(SampleData.PublicKeyDevice, Hex.Encode(r.Buffer, 0, r.Length));
        }

        [Theory]
        [InlineData(new[] { "83faad" }, ProxySarResult.UnexpectedSegment)]                 // continuation without first
        [InlineData(new[] { "c3eaf8" }, ProxySarResult.UnexpectedSegment)]                 // last without first
        [InlineData(new[] { "43032c", "43032c" }, ProxySarResult.Interrupted)]             // first while a message is open
        [InlineData(new[] { "43032c", "030000" }, ProxySarResult.Interrupted)]             // complete while a message is open
        [InlineData(new[] { "43032c", "80faad" }, ProxySarResult.MessageTypeMismatch)]     // continuation of type 0x00 after 0x03
        [InlineData(new[] { "43032c", "c1eaf8" }, ProxySarResult.MessageTypeMismatch)]     // last of type 0x01
        [InlineData(new[] { "03" }, ProxySarResult.Empty)]                                 // header only
        [InlineData(new[] { "" }, ProxySarResult.Empty)]
        public void SarViolationsAreReportedAndResetTheReassembler(string[] pdus, ProxySarResult expected)
        {
            var r = new ProxySarReassembler(66);
            ProxySarResult result = ProxySarResult.InProgress;
            foreach (var hex in pdus)
            {
                byte[] pdu = Hex.Decode(hex);
                result = r.Add(pdu, 0, pdu.Length);
            }

            Assert.Equal(expected, result);
            Assert.False(r.IsInProgress);
            byte[] invite = Hex.Decode("030000");
            Assert.Equal(ProxySarResult.Complete, r.Add(invite, 0, invite.Length)); // usable again
        }

        [Fact]
        public void MessageLongerThanTheBufferIsRejected()
        {
            var r = new ProxySarReassembler(66);
            byte[] first = Hex.Decode("43" + new string('0', 38));
            byte[] cont = Hex.Decode("83" + new string('1', 38));
            Assert.Equal(ProxySarResult.InProgress, r.Add(first, 0, first.Length));
            Assert.Equal(ProxySarResult.InProgress, r.Add(cont, 0, cont.Length));
            Assert.Equal(ProxySarResult.InProgress, r.Add(cont, 0, cont.Length));
            Assert.Equal(ProxySarResult.TooLong, r.Add(cont, 0, cont.Length)); // 76 > 66
            Assert.False(r.IsInProgress);

            byte[] big = new byte[70];
            big[0] = 0x03;
            Assert.Equal(ProxySarResult.TooLong, r.Add(big, 0, big.Length));
        }

        [Fact]
        public void WriterRejectsBadArguments()
        {
            var output = new byte[20];
            byte[] pdu = Hex.Decode(SampleData.Invite);
            Assert.Throws<System.ArgumentOutOfRangeException>(() => ProxySar.WriteSegment(3, pdu, 0, pdu.Length, 4, 0, output, 0));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => ProxySar.WriteSegment(3, pdu, 0, pdu.Length, 23, 1, output, 0));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => ProxySar.WriteSegment(3, pdu, 0, 0, 23, 0, output, 0));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => ProxySar.WriteSegment(3, pdu, 0, pdu.Length, 23, 0, output, 18));
        }

        private static List<string> Segments(byte[] pdu, int mtu)
        {
            var list = new List<string>();
            var output = new byte[mtu];
            int count = ProxySar.SegmentCount(pdu.Length, mtu);
            for (int i = 0; i < count; i++)
            {
                int length = ProxySar.WriteSegment(ProxySar.MessageTypeProvisioningPdu, pdu, 0, pdu.Length, mtu, i, output, 0);
                list.Add(Hex.Encode(output, 0, length));
            }

            return list;
        }
    }
}
