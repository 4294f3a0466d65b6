using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>MshPRT §8.3 upper transport and access layer: device-key and AppKey encryption, opcodes, segmentation headers.</summary>
    public class UpperTransportSampleTests
    {
        [Fact]
        public void MshPRT_8_3_6_ConfigAppKeyAdd_DeviceKeyEncryptionAndSegments()
        {
            var crypto = new UpperTransportCrypto();
            byte[] access = Hex.Decode("0056341263964771734fbd76e3b40519d1d94a48");
            byte[] upper = new byte[24];
            crypto.Encrypt(MeshSampleData.DeviceKey1201(), false, 0x3129ab, 0x0003, 0x1201, MeshSampleData.IvIndex, access, 0, access.Length, upper, 0);
            Assert.Equal("ee9dddfd2169326d23f3afdfcfdc18c52fdef772" + "e0e17308", Hex.Encode(upper));

            // Two segments, SeqZero = 0x09ab, SZMIC 0, AKF 0, AID 0.
            byte[] seg = new byte[16];
            LowerTransportHeader.WriteSegmentedAccess(seg, 0, false, 0, false, 0x3129ab, 0, 1);
            System.Array.Copy(upper, 0, seg, 4, 12);
            Assert.Equal("8026ac01ee9dddfd2169326d23f3afdf", Hex.Encode(seg));
            LowerTransportHeader.WriteSegmentedAccess(seg, 0, false, 0, false, 0x3129ab, 1, 1);
            System.Array.Copy(upper, 12, seg, 4, 12);
            Assert.Equal("8026ac21cfdc18c52fdef772e0e17308", Hex.Encode(seg));
            Assert.Equal(0x09ab, LowerTransportHeader.SeqZero(seg, 0));
            Assert.Equal(1, LowerTransportHeader.SegO(seg, 0));
            Assert.Equal(1, LowerTransportHeader.SegN(seg, 0));
            Assert.Equal(0x3129ab, LowerTransportHeader.SeqAuth(0x3129ac, 0x09ab));

            byte[] opened = new byte[20];
            Assert.True(crypto.TryDecrypt(MeshSampleData.DeviceKey1201(), false, 0x3129ab, 0x0003, 0x1201, MeshSampleData.IvIndex, upper, 0, 24, opened, 0));
            Assert.Equal(Hex.Encode(access), Hex.Encode(opened));
        }

        [Fact]
        public void MshPRT_8_3_16_ConfigAppKeyStatus_DeviceKey()
        {
            var crypto = new UpperTransportCrypto();
            byte[] access = Hex.Decode("800300563412");
            byte[] upper = new byte[10];
            crypto.Encrypt(MeshSampleData.DeviceKey1201(), false, 0x000006, 0x1201, 0x0003, MeshSampleData.IvIndex, access, 0, access.Length, upper, 0);
            Assert.Equal("89511bf1d1a8" + "1c11dcef", Hex.Encode(upper));
        }

        [Theory]
        [InlineData(0x000007, 0x1201, 0xffff, 0x12345678u, "0400000000", "5a8bde6d9106ea078a")]
        [InlineData(0x000009, 0x1201, 0xffff, 0x12345678u, "04000000010703", "ca6cd88e698d1265f43fc5")]
        [InlineData(0x070809, 0x1234, 0xffff, 0x12345677u, "04000000010703", "9c9803e110fea929e9542d")]
        [InlineData(0x07080a, 0x1234, 0xc105, 0x12345677u, "d50a0048656c6c6f", "4d92e9dfcf3ab85b6e8fcf03")]
        public void MshPRT_8_3_18_to_21_AppKeyMessages(int seq, int src, int dst, uint ivIndex, string access, string upperPdu)
        {
            ApplicationKeyMaterial key = MeshSampleData.ApplicationKey();
            Assert.Equal(0x26, key.Aid);
            Assert.Equal(0x66, LowerTransportHeader.UnsegmentedAccess(true, key.Aid));
            var crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode(access);
            byte[] upper = new byte[payload.Length + 4];
            crypto.Encrypt(key, false, seq, src, dst, ivIndex, null, payload, 0, payload.Length, upper, 0);
            Assert.Equal(upperPdu, Hex.Encode(upper));
        }

        [Theory]
        [InlineData(0x07080b, 0xb529, "0073e7e4d8b9440faf8415df4c56c0e1", "3871b904d431526316ca48a0")]
        [InlineData(0x07080c, 0x9736, "f4a002c7fb1e4ca0a469a021de0db875", "2456db5e3100eef65daa7a38")]
        public void MshPRT_8_3_22_23_VirtualDestination_LabelUuidIsAdditionalData(int seq, int virtualAddress, string label, string upperPdu)
        {
            byte[] labelUuid = Hex.Decode(label);
            Assert.Equal(virtualAddress, MeshSampleData.Crypto().VirtualAddress(labelUuid));
            var crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode("d50a0048656c6c6f");
            byte[] upper = new byte[12];
            crypto.Encrypt(MeshSampleData.ApplicationKey(), false, seq, 0x1234, virtualAddress, MeshSampleData.IvIndexMinusOne, labelUuid, payload, 0, 8, upper, 0);
            Assert.Equal(upperPdu, Hex.Encode(upper));
            byte[] opened = new byte[8];
            Assert.False(crypto.TryDecrypt(MeshSampleData.ApplicationKey(), false, seq, 0x1234, virtualAddress, MeshSampleData.IvIndexMinusOne, null, upper, 0, 12, opened, 0));
        }

        [Fact]
        public void MshPRT_8_3_24_SegmentedWithSzmic_64BitTransMic()
        {
            byte[] label = Hex.Decode("f4a002c7fb1e4ca0a469a021de0db875");
            var crypto = new UpperTransportCrypto();
            byte[] payload = Hex.Decode("ea0a00576f726c64");
            byte[] upper = new byte[16];
            crypto.Encrypt(MeshSampleData.ApplicationKey(), true, 0x07080d, 0x1234, 0x9736, MeshSampleData.IvIndexMinusOne, label, payload, 0, 8, upper, 0);

            var codec = new NetworkPduCodec();
            byte[] seg = new byte[16];
            byte[] pdu = new byte[29];
            string[] expectedLower = { "e6a03401c3c51d8e476b28e3aa5001f3", "e6a034211c01cea6" };
            string[] expectedNetwork = { "e8624e65bb8c1794e998b4081f47a35251fdd3896d99e4db489b918599", "e8a7d0f0a2ea42dc2f4dd6fb4db33a6c088d023b47" };
            for (int segO = 0; segO < 2; segO++)
            {
                int length = segO == 0 ? 12 : 4;
                LowerTransportHeader.WriteSegmentedAccess(seg, 0, true, 0x26, true, 0x07080d, segO, 1);
                System.Array.Copy(upper, segO * 12, seg, 4, length);
                Assert.Equal(expectedLower[segO], Hex.Encode(seg, 0, 4 + length));
                int n = codec.Encode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndexMinusOne, false, 3, 0x07080d + segO, 0x1234, 0x9736, seg, 0, 4 + length, false, pdu, 0);
                Assert.Equal(expectedNetwork[segO], Hex.Encode(pdu, 0, n));
            }

            Assert.True(LowerTransportHeader.Szmic(seg, 0));
        }

        [Theory]
        [InlineData("00", 0x00, 1)]
        [InlineData("8008", 0x8008, 2)]
        [InlineData("d50a00", 0xd50a00, 3)]
        [InlineData("ea0a0057", 0xea0a00, 3)]
        public void MshPRT_3_7_3_1_Opcodes_OneTwoAndThreeOctets(string bytes, int opcode, int length)
        {
            byte[] data = Hex.Decode(bytes);
            Assert.True(AccessOpcode.TryRead(data, 0, data.Length, out int read, out int readLength));
            Assert.Equal(opcode, read);
            Assert.Equal(length, readLength);
            byte[] written = new byte[3];
            Assert.Equal(length, AccessOpcode.Write(opcode, written, 0));
            Assert.Equal(bytes.Substring(0, 2 * length), Hex.Encode(written, 0, length));
        }

        [Theory]
        [InlineData("7f")]
        [InlineData("80")]
        [InlineData("c0aa")]
        [InlineData("")]
        public void ReservedOrTruncatedOpcode_IsRejected(string bytes)
        {
            byte[] data = Hex.Decode(bytes);
            Assert.False(AccessOpcode.TryRead(data, 0, data.Length, out _, out _));
        }
    }
}
