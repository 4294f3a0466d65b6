using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>
    /// MshPRT §8.3 Network PDUs on the device: encrypt and obfuscate byte for byte, then deobfuscate
    /// and decrypt every field back; the nonces and the Segment Acknowledgment. Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Network/NetworkPduSampleTests.cs.
    /// </summary>
    [TestClass]
    public class NetworkPduTests
    {
        /// <summary>MshPRT §8.3.1–§8.3.19: friendship (NID 5e) or flooding (NID 68) credentials, CTL, TTL, SEQ, SRC, DST, Lower Transport PDU, Network PDU.</summary>
        [TestMethod]
        [DataRow(false, true, 0x00, 0x000001, 0x1201, 0xfffd, "034b50057e400000010000", "68eca487516765b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df")]
        [DataRow(false, true, 0x00, 0x014820, 0x2345, 0x1201, "04320308ba072f", "68d4c826296d7979d7dbc0c9b4d43eebec129d20a620d01e")]
        [DataRow(true, true, 0x00, 0x000002, 0x1201, 0x2345, "0100", "5e84eba092380fb0e5d0ad970d579a4e88051c")]
        [DataRow(true, true, 0x00, 0x014834, 0x2345, 0x1201, "02001234567800", "5eafd6f53c43db5c39da1792b1fee9ec74b786c56d3a9dee")]
        [DataRow(false, false, 0x04, 0x3129ab, 0x0003, 0x1201, "8026ac01ee9dddfd2169326d23f3afdf", MeshSamples.AppKeyAddSeg0)]
        [DataRow(false, false, 0x04, 0x3129ac, 0x0003, 0x1201, "8026ac21cfdc18c52fdef772e0e17308", MeshSamples.AppKeyAddSeg1)]
        [DataRow(false, true, 0x0b, 0x014835, 0x2345, 0x0003, "00a6ac00000002", "68e476b5579c980d0d730f94d7f3509df987bb417eb7c05f")]
        [DataRow(false, false, 0x0b, 0x000006, 0x1201, 0x0003, "0089511bf1d1a81c11dcef", MeshSamples.AppKeyStatusPdu)]
        [DataRow(false, false, 0x03, 0x000007, 0x1201, 0xffff, "665a8bde6d9106ea078a", "6848cba437860e5673728a627fb938535508e21a6baf57")]
        public static void MshPRT_8_3_NetworkPdu_BothWays(bool friendship, bool ctl, int ttl, int seq, int src, int dst, string lowerTransport, string networkPdu)
        {
            NetworkKeyMaterial key = friendship ? MeshSamples.FriendKey() : MeshSamples.NetworkKey();
            NetworkPduCodec codec = new NetworkPduCodec();
            byte[] transport = Hex.Decode(lowerTransport);
            byte[] output = new byte[NetworkPduCodec.MaxLength];
            int length = codec.Encode(key, MeshSamples.IvIndex, ctl, ttl, seq, src, dst, transport, 0, transport.Length, false, output, 0);
            Assert.AreEqual(networkPdu, Hex.Encode(output, 0, length), "#1");

            byte[] pdu = Hex.Decode(networkPdu);
            Assert.AreEqual(key.Nid, NetworkPduCodec.PeekNid(pdu, 0, pdu.Length), "#2");
            Assert.IsTrue(codec.TryDecode(key, MeshSamples.IvIndex, false, pdu, 0, pdu.Length), "#3");
            Assert.AreEqual(ctl, codec.Ctl, "#4");
            Assert.AreEqual(ttl, codec.Ttl, "#5");
            Assert.AreEqual(seq, codec.Seq, "#6");
            Assert.AreEqual(src, codec.Src, "#7");
            Assert.AreEqual(dst, codec.Dst, "#8");
            Assert.AreEqual(lowerTransport, Hex.Encode(codec.TransportBuffer, codec.TransportOffset, codec.TransportLength), "#9");
        }

        /// <summary>MshPRT §8.3.20/§8.3.21: with IV Index − 1 the IVI bit is set and the old IV Index enters the nonce.</summary>
        [TestMethod]
        [DataRow(0x070809, 0xffff, "669c9803e110fea929e9542d", "e85cca51e2e8998c3dc87344a16c787f6b08cc897c941a5368")]
        [DataRow(0x07080a, 0xc105, "664d92e9dfcf3ab85b6e8fcf03", "e84e8fbe003f58a4d61157bb76352ea6307eebfe0f30b83500e9")]
        public static void MshPRT_8_3_20_OldIvIndexSetsIvi(int seq, int dst, string lowerTransport, string networkPdu)
        {
            NetworkPduCodec codec = new NetworkPduCodec();
            byte[] transport = Hex.Decode(lowerTransport);
            byte[] output = new byte[NetworkPduCodec.MaxLength];
            int length = codec.Encode(MeshSamples.NetworkKey(), MeshSamples.IvIndexMinusOne, false, 3, seq, 0x1234, dst, transport, 0, transport.Length, false, output, 0);
            Assert.AreEqual(networkPdu, Hex.Encode(output, 0, length), "#10");
            Assert.AreEqual(1, NetworkPduCodec.PeekIvi(output, 0), "#11");
        }

        /// <summary>MshPRT §8.3.1 intermediate values: the network nonce and the PECB that obfuscates the header.</summary>
        [TestMethod]
        public static void MshPRT_8_3_1_NetworkNonceAndPecb()
        {
            byte[] nonce = new byte[13];
            MeshNonce.WriteNetwork(nonce, 0x80, 1, 0x1201, MeshSamples.IvIndex);
            Assert.AreEqual("00800000011201000012345678", Hex.Encode(nonce), "#12");
            byte[] pdu = Hex.Decode("68eca487516765b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df");
            byte[] clear = Hex.Decode("800000011201");
            byte[] pecb = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                pecb[i] = (byte)(pdu[1 + i] ^ clear[i]);
            }

            Assert.AreEqual("6ca487507564", Hex.Encode(pecb), "#13");
        }

        /// <summary>MshPRT §8.3.6: the device nonce; §8.3.7: the Segment Acknowledgment fields both ways.</summary>
        [TestMethod]
        public static void MshPRT_8_3_6_DeviceNonce_8_3_7_SegmentAcknowledgment()
        {
            byte[] nonce = new byte[13];
            MeshNonce.WriteDevice(nonce, false, 0x3129ab, 0x0003, 0x1201, MeshSamples.IvIndex);
            Assert.AreEqual("02003129ab0003120112345678", Hex.Encode(nonce), "#14");

            byte[] ack = Hex.Decode("00a6ac00000002");
            bool obo;
            int seqZero;
            uint blockAck;
            Assert.IsTrue(SegmentAcknowledgment.TryParse(ack, 0, ack.Length, out obo, out seqZero, out blockAck), "#15");
            Assert.IsTrue(obo, "#16");
            Assert.AreEqual(0x09ab, seqZero, "#17");
            Assert.AreEqual(2u, blockAck, "#18");
            byte[] written = new byte[7];
            SegmentAcknowledgment.Write(written, 0, true, 0x09ab, 2);
            Assert.AreEqual("00a6ac00000002", Hex.Encode(written), "#19");
        }

        /// <summary>The NetMIC protects the PDU: the wrong IV Index, the wrong credentials or one changed bit and it does not decrypt.</summary>
        [TestMethod]
        public static void MalformedInput_WrongIvIndexKeyOrBitFailsTheNetMic()
        {
            NetworkPduCodec codec = new NetworkPduCodec();
            byte[] pdu = Hex.Decode(MeshSamples.AppKeyStatusPdu);
            Assert.IsFalse(codec.TryDecode(MeshSamples.NetworkKey(), MeshSamples.IvIndexMinusOne, false, pdu, 0, pdu.Length), "#20");
            Assert.IsFalse(codec.TryDecode(MeshSamples.FriendKey(), MeshSamples.IvIndex, false, pdu, 0, pdu.Length), "#21");
            pdu[pdu.Length - 1] ^= 1;
            Assert.IsFalse(codec.TryDecode(MeshSamples.NetworkKey(), MeshSamples.IvIndex, false, pdu, 0, pdu.Length), "#22");
            Assert.IsFalse(codec.TryDecode(MeshSamples.NetworkKey(), MeshSamples.IvIndex, false, pdu, 0, 13), "#23");
        }

        /// <summary>Proxy configuration (MshPRT §6.5, BTstack's sample): Set Filter Type accept list under the proxy nonce.</summary>
        [TestMethod]
        public static void MshPRT_6_5_ProxyConfigurationSetFilterType_ProxyNonce()
        {
            NetworkKeyMaterial key = NetworkKeyMaterial.FromDerivedKeys(MeshSamples.Aes, 0, 0x10,
                Hex.Decode("3a4fe84a6cc2c6a766ea93f1084d4039"), Hex.Decode("f695fcce709ccface4d8b7a1e6e39d25"));
            NetworkPduCodec codec = new NetworkPduCodec();
            byte[] output = new byte[29];
            byte[] message = new byte[2];
            ProxyConfiguration.WriteSetFilterType(message, 0, ProxyConfiguration.AcceptListFilter);
            int length = codec.Encode(key, MeshSamples.IvIndex, true, 0, 1, 0x0001, 0x0000, message, 0, 2, true, output, 0);
            Assert.AreEqual("10386bd60efbbb8b8c28512e792d3711f4b526", Hex.Encode(output, 0, length), "#24");
            Assert.IsTrue(codec.TryDecode(key, MeshSamples.IvIndex, true, output, 0, length), "#25");
            Assert.IsFalse(codec.TryDecode(key, MeshSamples.IvIndex, false, output, 0, length), "#26");
        }

        /// <summary>DESIGN.md §8.2: random bytes into the Network PDU decoder: false, never an exception.</summary>
        [TestMethod]
        public static void MalformedInput_RandomBytesNeverDecodeAndNeverThrow()
        {
            NetworkPduCodec codec = new NetworkPduCodec();
            NetworkKeyMaterial key = MeshSamples.NetworkKey();
            SeededRandom random = new SeededRandom(83);
            byte[] pdu = new byte[40];
            for (int run = 0; run < 200; run++)
            {
                random.NextBytes(pdu, 0, pdu.Length);
                pdu[0] = (byte)((pdu[0] & 0x80) | key.Nid);
                int length = random.NextInt(pdu.Length + 1);
                Assert.IsFalse(codec.TryDecode(key, MeshSamples.IvIndex, run % 2 == 0, pdu, 0, length), "#27");
            }
        }
    }
}
