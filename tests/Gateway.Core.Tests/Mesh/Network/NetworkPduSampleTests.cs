using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>MshPRT §8.3 messages at the network layer: encode byte for byte, decode back every field.</summary>
    public class NetworkPduSampleTests
    {
        [Theory]
        // #, NID 68 (flooding) or 5e (friendship), CTL, TTL, SEQ, SRC, DST, Lower Transport PDU, Network PDU
        [InlineData("8.3.1 Friend Request", false, true, 0x00, 0x000001, 0x1201, 0xfffd, "034b50057e400000010000", "68eca487516765b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df")]
        [InlineData("8.3.2 Friend Offer", false, true, 0x00, 0x014820, 0x2345, 0x1201, "04320308ba072f", "68d4c826296d7979d7dbc0c9b4d43eebec129d20a620d01e")]
        [InlineData("8.3.3 Friend Offer", false, true, 0x00, 0x2b3832, 0x2fe3, 0x1201, "04fa0205a6000a", "68da062bc96df253273086b8c5ee00bdd9cfcc62a2ddf572")]
        [InlineData("8.3.4 Friend Poll", true, true, 0x00, 0x000002, 0x1201, 0x2345, "0100", "5e84eba092380fb0e5d0ad970d579a4e88051c")]
        [InlineData("8.3.5 Friend Update", true, true, 0x00, 0x014834, 0x2345, 0x1201, "02001234567800", "5eafd6f53c43db5c39da1792b1fee9ec74b786c56d3a9dee")]
        [InlineData("8.3.6 AppKey Add seg 0", false, false, 0x04, 0x3129ab, 0x0003, 0x1201, "8026ac01ee9dddfd2169326d23f3afdf", "68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e")]
        [InlineData("8.3.6 AppKey Add seg 1", false, false, 0x04, 0x3129ac, 0x0003, 0x1201, "8026ac21cfdc18c52fdef772e0e17308", "681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0")]
        [InlineData("8.3.7 Segment Ack", false, true, 0x0b, 0x014835, 0x2345, 0x0003, "00a6ac00000002", "68e476b5579c980d0d730f94d7f3509df987bb417eb7c05f")]
        [InlineData("8.3.8 AppKey Add seg 0 again", false, false, 0x04, 0x3129ad, 0x0003, 0x1201, "8026ac01ee9dddfd2169326d23f3afdf", "684daa6267c2cf0e2f91add6f06e66006844cec97f973105ae2534f958")]
        [InlineData("8.3.9 Segment Ack", false, true, 0x0b, 0x014836, 0x2345, 0x0003, "00a6ac00000003", "68aec467ed4901d85d806bbed248614f938067b0d983bb7b")]
        [InlineData("8.3.10 Friend Poll", true, true, 0x00, 0x000003, 0x1201, 0x2345, "0101", "5e7b786568759f7777ed355afaf66d899c1e3d")]
        [InlineData("8.3.16 AppKey Status", false, false, 0x0b, 0x000006, 0x1201, 0x0003, "0089511bf1d1a81c11dcef", "68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228")]
        [InlineData("8.3.18 Health Current Status", false, false, 0x03, 0x000007, 0x1201, 0xffff, "665a8bde6d9106ea078a", "6848cba437860e5673728a627fb938535508e21a6baf57")]
        [InlineData("8.3.19 Health Current Status", false, false, 0x03, 0x000009, 0x1201, 0xffff, "66ca6cd88e698d1265f43fc5", "68110edeecd83c3010a05e1b23a926023da75d25ba91793736")]
        public void MshPRT_8_3_NetworkPdu_EncodesAndDecodesByteForByte(string sample, bool friendship, bool ctl, int ttl, int seq, int src, int dst, string lowerTransport, string networkPdu)
        {
            NetworkKeyMaterial key = friendship ? MeshSampleData.FriendKey() : MeshSampleData.NetworkKey();
            var codec = new NetworkPduCodec();
            byte[] transport = Hex.Decode(lowerTransport);
            byte[] output = new byte[NetworkPduCodec.MaxLength];

            int length = codec.Encode(key, MeshSampleData.IvIndex, ctl, ttl, seq, src, dst, transport, 0, transport.Length, false, output, 0);
            Assert.True(networkPdu == Hex.Encode(output, 0, length), sample);

            byte[] pdu = Hex.Decode(networkPdu);
            Assert.True(codec.TryDecode(key, MeshSampleData.IvIndex, false, pdu, 0, pdu.Length), sample);
            Assert.Equal(ctl, codec.Ctl);
            Assert.Equal(ttl, codec.Ttl);
            Assert.Equal(seq, codec.Seq);
            Assert.Equal(src, codec.Src);
            Assert.Equal(dst, codec.Dst);
            Assert.Equal(lowerTransport, Hex.Encode(codec.TransportBuffer, codec.TransportOffset, codec.TransportLength));
        }

        [Theory]
        [InlineData("8.3.20", 0x070809, 0xffff, "669c9803e110fea929e9542d", "e85cca51e2e8998c3dc87344a16c787f6b08cc897c941a5368")]
        [InlineData("8.3.21", 0x07080a, 0xc105, "664d92e9dfcf3ab85b6e8fcf03", "e84e8fbe003f58a4d61157bb76352ea6307eebfe0f30b83500e9")]
        public void MshPRT_8_3_20_21_IvIndexMinusOne_SetsIviAndUsesTheOldIvIndex(string sample, int seq, int dst, string lowerTransport, string networkPdu)
        {
            var codec = new NetworkPduCodec();
            byte[] transport = Hex.Decode(lowerTransport);
            byte[] output = new byte[NetworkPduCodec.MaxLength];
            int length = codec.Encode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndexMinusOne, false, 3, seq, 0x1234, dst, transport, 0, transport.Length, false, output, 0);
            Assert.True(networkPdu == Hex.Encode(output, 0, length), sample);
            Assert.Equal(1, NetworkPduCodec.PeekIvi(output, 0));
        }

        [Fact]
        public void MshPRT_8_3_1_IntermediateValues_PecbAndNonce()
        {
            // ble-mesh.md §4.7: nonce 00800000011201000012345678, PECB 6ca487507564.
            byte[] nonce = new byte[13];
            MeshNonce.WriteNetwork(nonce, 0x80, 1, 0x1201, MeshSampleData.IvIndex);
            Assert.Equal("00800000011201000012345678", Hex.Encode(nonce));
            byte[] pdu = Hex.Decode("68eca487516765b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df");
            byte[] clear = Hex.Decode("800000011201");
            string pecb = "";
            for (int i = 0; i < 6; i++)
            {
                pecb += ((pdu[1 + i] ^ clear[i]) & 0xFF).ToString("x2");
            }

            Assert.Equal("6ca487507564", pecb);
        }

        [Fact]
        public void MshPRT_8_3_6_DeviceNonce()
        {
            byte[] nonce = new byte[13];
            MeshNonce.WriteDevice(nonce, false, 0x3129ab, 0x0003, 0x1201, MeshSampleData.IvIndex);
            Assert.Equal("02003129ab0003120112345678", Hex.Encode(nonce));
        }

        [Fact]
        public void MshPRT_8_3_7_SegmentAcknowledgment_Fields()
        {
            byte[] ack = Hex.Decode("00a6ac00000002");
            Assert.True(SegmentAcknowledgment.TryParse(ack, 0, ack.Length, out bool obo, out int seqZero, out uint blockAck));
            Assert.True(obo);
            Assert.Equal(0x09ab, seqZero);
            Assert.Equal(2u, blockAck);
            byte[] written = new byte[7];
            SegmentAcknowledgment.Write(written, 0, true, 0x09ab, 2);
            Assert.Equal("00a6ac00000002", Hex.Encode(written));
        }

        [Fact]
        public void WrongIvIndexOrKey_FailsTheNetMic()
        {
            var codec = new NetworkPduCodec();
            byte[] pdu = Hex.Decode("68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228");
            Assert.False(codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndexMinusOne, false, pdu, 0, pdu.Length));
            Assert.False(codec.TryDecode(MeshSampleData.FriendKey(), MeshSampleData.IvIndex, false, pdu, 0, pdu.Length));
            pdu[pdu.Length - 1] ^= 1;
            Assert.False(codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, false, pdu, 0, pdu.Length));
        }

        [Fact]
        public void ProxyConfiguration_BTstackSample_SetFilterTypeAcceptList()
        {
            // BTstack mesh_message_test ProxyConfigSend: NID 0x10 keys, IV 12345678, SRC 0001, SEQ 1,
            // proxy nonce, transport 0000 (Set Filter Type, accept list); the Proxy PDU adds header 02.
            NetworkKeyMaterial key = NetworkKeyMaterial.FromDerivedKeys(MeshSampleData.Aes, 0, 0x10,
                Hex.Decode("3a4fe84a6cc2c6a766ea93f1084d4039"), Hex.Decode("f695fcce709ccface4d8b7a1e6e39d25"));
            var codec = new NetworkPduCodec();
            byte[] output = new byte[29];
            byte[] message = new byte[2];
            ProxyConfiguration.WriteSetFilterType(message, 0, ProxyConfiguration.AcceptListFilter);
            int length = codec.Encode(key, MeshSampleData.IvIndex, true, 0, 1, 0x0001, 0x0000, message, 0, 2, true, output, 0);
            Assert.Equal("10386bd60efbbb8b8c28512e792d3711f4b526", Hex.Encode(output, 0, length));
            Assert.True(codec.TryDecode(key, MeshSampleData.IvIndex, true, output, 0, length));
            Assert.False(codec.TryDecode(key, MeshSampleData.IvIndex, false, output, 0, length));
        }
    }
}
