using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>
    /// MshPRT §8.3 upper and lower transport on the device: device-key and AppKey encryption,
    /// virtual destinations, SZMIC, segmentation headers and opcodes. Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Network/UpperTransportSampleTests.cs.
    /// </summary>
    [TestClass]
    public class TransportTests
    {
        /// <summary>MshPRT §8.3.6: Config AppKey Add under the device key, split into the two sample segments, and back.</summary>
        [TestMethod]
        public static void MshPRT_8_3_6_ConfigAppKeyAdd_DeviceKeyAndSegments()
        {
            UpperTransportCrypto crypto = new UpperTransportCrypto();
            byte[] access = Hex.Decode(MeshSamples.AppKeyAddAccess);
            byte[] upper = new byte[24];
            crypto.Encrypt(MeshSamples.DeviceKey1201(), false, 0x3129ab, 0x0003, 0x1201, MeshSamples.IvIndex, access, 0, access.Length, upper, 0);
            Assert.AreEqual("ee9dddfd2169326d23f3afdfcfdc18c52fdef772e0e17308", Hex.Encode(upper), "#1");

            byte[] seg = new byte[16];
            LowerTransportHeader.WriteSegmentedAccess(seg, 0, false, 0, false, 0x3129ab, 0, 1);
            Array.Copy(upper, 0, seg, 4, 12);
            Assert.AreEqual("8026ac01ee9dddfd2169326d23f3afdf", Hex.Encode(seg), "#2");
            LowerTransportHeader.WriteSegmentedAccess(seg, 0, false, 0, false, 0x3129ab, 1, 1);
            Array.Copy(upper, 12, seg, 4, 12);
            Assert.AreEqual("8026ac21cfdc18c52fdef772e0e17308", Hex.Encode(seg), "#3");
            Assert.AreEqual(0x09ab, LowerTransportHeader.SeqZero(seg, 0), "#4");
            Assert.AreEqual(1, LowerTransportHeader.SegO(seg, 0), "#5");
            Assert.AreEqual(1, LowerTransportHeader.SegN(seg, 0), "#6");
            Assert.AreEqual(0x3129ab, LowerTransportHeader.SeqAuth(0x3129ac, 0x09ab), "#7");

            byte[] opened = new byte[20];
            Assert.IsTrue(crypto.TryDecrypt(MeshSamples.DeviceKey1201(), false, 0x3129ab, 0x0003, 0x1201, MeshSamples.IvIndex, upper, 0, 24, opened, 0), "#8");
            Assert.AreEqual(MeshSamples.AppKeyAddAccess, Hex.Encode(opened), "#9");
            upper[3] ^= 0x01;
            Assert.IsFalse(crypto.TryDecrypt(MeshSamples.DeviceKey1201(), false, 0x3129ab, 0x0003, 0x1201, MeshSamples.IvIndex, upper, 0, 24, opened, 0), "#10");
        }

        /// <summary>MshPRT §8.3.16: Config AppKey Status from the node under its device key.</summary>
        [TestMethod]
        public static void MshPRT_8_3_16_ConfigAppKeyStatus_DeviceKey()
        {
            UpperTransportCrypto crypto = new UpperTransportCrypto();
            byte[] access = Hex.Decode("800300563412");
            byte[] upper = new byte[10];
            crypto.Encrypt(MeshSamples.DeviceKey1201(), false, 0x000006, 0x1201, 0x0003, MeshSamples.IvIndex, access, 0, access.Length, upper, 0);
            Assert.AreEqual("89511bf1d1a81c11dcef", Hex.Encode(upper), "#11");
        }

        /// <summary>MshPRT §8.3.18–§8.3.21: access messages under the AppKey (AID 0x26).</summary>
        [TestMethod]
        [DataRow(0x000007, 0x1201, 0xffff, false, "0400000000", "5a8bde6d9106ea078a")]
        [DataRow(0x000009, 0x1201, 0xffff, false, "04000000010703", "ca6cd88e698d1265f43fc5")]
        [DataRow(0x070809, 0x1234, 0xffff, true, "04000000010703", "9c9803e110fea929e9542d")]
        [DataRow(0x07080a, 0x1234, 0xc105, true, "d50a0048656c6c6f", "4d92e9dfcf3ab85b6e8fcf03")]
        public static void MshPRT_8_3_18_AppKeyMessages(int seq, int src, int dst, bool oldIvIndex, string access, string upperPdu)
        {
            ApplicationKeyMaterial key = MeshSamples.ApplicationKey();
            Assert.AreEqual(0x26, key.Aid, "#12");
            Assert.AreEqual((byte)0x66, LowerTransportHeader.UnsegmentedAccess(true, key.Aid), "#13");
            UpperTransportCrypto crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode(access);
            byte[] upper = new byte[payload.Length + 4];
            crypto.Encrypt(key, false, seq, src, dst, oldIvIndex ? MeshSamples.IvIndexMinusOne : MeshSamples.IvIndex, null, payload, 0, payload.Length, upper, 0);
            Assert.AreEqual(upperPdu, Hex.Encode(upper), "#14");
        }

        /// <summary>MshPRT §8.3.22/§8.3.23: to a virtual address the Label UUID is additional data; without it the message does not open.</summary>
        [TestMethod]
        [DataRow(0x07080b, 0xb529, "0073e7e4d8b9440faf8415df4c56c0e1", "3871b904d431526316ca48a0")]
        [DataRow(0x07080c, 0x9736, "f4a002c7fb1e4ca0a469a021de0db875", "2456db5e3100eef65daa7a38")]
        public static void MshPRT_8_3_22_VirtualDestination(int seq, int virtualAddress, string label, string upperPdu)
        {
            byte[] labelUuid = Hex.Decode(label);
            Assert.AreEqual(virtualAddress, new MeshCrypto(MeshSamples.Aes).VirtualAddress(labelUuid), "#15");
            UpperTransportCrypto crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode("d50a0048656c6c6f");
            byte[] upper = new byte[12];
            crypto.Encrypt(MeshSamples.ApplicationKey(), false, seq, 0x1234, virtualAddress, MeshSamples.IvIndexMinusOne, labelUuid, payload, 0, 8, upper, 0);
            Assert.AreEqual(upperPdu, Hex.Encode(upper), "#16");
            byte[] opened = new byte[8];
            Assert.IsTrue(crypto.TryDecrypt(MeshSamples.ApplicationKey(), false, seq, 0x1234, virtualAddress, MeshSamples.IvIndexMinusOne, labelUuid, upper, 0, 12, opened, 0), "#17");
            Assert.IsFalse(crypto.TryDecrypt(MeshSamples.ApplicationKey(), false, seq, 0x1234, virtualAddress, MeshSamples.IvIndexMinusOne, null, upper, 0, 12, opened, 0), "#18");
        }

        /// <summary>MshPRT §8.3.24: a segmented message with SZMIC (64-bit TransMIC), both segments down to the Network PDU.</summary>
        [TestMethod]
        public static void MshPRT_8_3_24_SegmentedWithSzmic()
        {
            byte[] label = Hex.Decode("f4a002c7fb1e4ca0a469a021de0db875");
            UpperTransportCrypto crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode("ea0a00576f726c64");
            byte[] upper = new byte[16];
            crypto.Encrypt(MeshSamples.ApplicationKey(), true, 0x07080d, 0x1234, 0x9736, MeshSamples.IvIndexMinusOne, label, payload, 0, 8, upper, 0);

            NetworkPduCodec codec = new NetworkPduCodec();
            byte[] seg = new byte[16];
            byte[] pdu = new byte[29];
            string[] expectedLower = new string[] { "e6a03401c3c51d8e476b28e3aa5001f3", "e6a034211c01cea6" };
            string[] expectedNetwork = new string[] { "e8624e65bb8c1794e998b4081f47a35251fdd3896d99e4db489b918599", "e8a7d0f0a2ea42dc2f4dd6fb4db33a6c088d023b47" };
            for (int segO = 0; segO < 2; segO++)
            {
                int length = segO == 0 ? 12 : 4;
                LowerTransportHeader.WriteSegmentedAccess(seg, 0, true, 0x26, true, 0x07080d, segO, 1);
                Array.Copy(upper, segO * 12, seg, 4, length);
                Assert.AreEqual(expectedLower[segO], Hex.Encode(seg, 0, 4 + length), "#19");
                int n = codec.Encode(MeshSamples.NetworkKey(), MeshSamples.IvIndexMinusOne, false, 3, 0x07080d + segO, 0x1234, 0x9736, seg, 0, 4 + length, false, pdu, 0);
                Assert.AreEqual(expectedNetwork[segO], Hex.Encode(pdu, 0, n), "#20");
            }

            Assert.IsTrue(LowerTransportHeader.Szmic(seg, 0), "#21");
        }

        /// <summary>MshPRT §3.7.3.1: one-, two- and three-octet opcodes both ways; 0x7F and truncated opcodes are refused.</summary>
        [TestMethod]
        public static void MshPRT_3_7_3_1_Opcodes()
        {
            string[] bytes = new string[] { "00", "8008", "d50a00", "ea0a0057" };
            int[] opcodes = new int[] { 0x00, 0x8008, 0xd50a00, 0xea0a00 };
            int[] lengths = new int[] { 1, 2, 3, 3 };
            byte[] written = new byte[3];
            for (int i = 0; i < bytes.Length; i++)
            {
                byte[] data = Hex.Decode(bytes[i]);
                int opcode;
                int length;
                Assert.IsTrue(AccessOpcode.TryRead(data, 0, data.Length, out opcode, out length), "#22");
                Assert.AreEqual(opcodes[i], opcode, "#23");
                Assert.AreEqual(lengths[i], length, "#24");
                Assert.AreEqual(lengths[i], AccessOpcode.Write(opcodes[i], written, 0), "#25");
                Assert.AreEqual(bytes[i].Substring(0, 2 * lengths[i]), Hex.Encode(written, 0, lengths[i]), "#26");
            }

            string[] bad = new string[] { "7f", "80", "c0aa", string.Empty };
            for (int i = 0; i < bad.Length; i++)
            {
                byte[] data = Hex.Decode(bad[i]);
                int opcode;
                int length;
                Assert.IsFalse(AccessOpcode.TryRead(data, 0, data.Length, out opcode, out length), bad[i]);
            }
        }
    }
}
