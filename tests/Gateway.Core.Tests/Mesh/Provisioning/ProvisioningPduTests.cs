using System;
using FsCheck.Xunit;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    public class ProvisioningPduTests
    {
        // Total lengths of MshPRT v1.1 Table 5.17 with the CMAC algorithm (ble-mesh.md §1.1).
        [Theory]
        [InlineData(0x00, 2)]
        [InlineData(0x01, 12)]
        [InlineData(0x02, 6)]
        [InlineData(0x03, 65)]
        [InlineData(0x04, 1)]
        [InlineData(0x05, 17)]
        [InlineData(0x06, 17)]
        [InlineData(0x07, 34)]
        [InlineData(0x08, 1)]
        [InlineData(0x09, 2)]
        [InlineData(0x0A, 7)]
        [InlineData(0x0C, 1)]
        public void MshPRT_5_4_1_SizeTable_AcceptsExactLengthAndRejectsOthers(int type, int length)
        {
            var pdu = new byte[length + 1];
            pdu[0] = (byte)type;
            Assert.Equal((ProvisioningPduType)type, ProvisioningPdu.Check(pdu, 0, length, 16));
            Assert.Equal(length, ProvisioningPdu.LengthOf((ProvisioningPduType)type, 16));

            var tooLong = Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(pdu, 0, length + 1, 16));
            Assert.Equal(ProvisioningErrorCode.InvalidFormat, tooLong.ErrorCode);
            if (length > 1)
            {
                var truncated = Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(pdu, 0, length - 1, 16));
                Assert.Equal(ProvisioningErrorCode.InvalidFormat, truncated.ErrorCode);
            }
        }

        [Theory]
        [InlineData(0x05)]
        [InlineData(0x06)]
        public void MshPRT_5_4_1_ConfirmationAndRandomAre33OctetsWithHmacSha256(int type)
        {
            var pdu = new byte[33];
            pdu[0] = (byte)type;
            Assert.Equal((ProvisioningPduType)type, ProvisioningPdu.Check(pdu, 0, 33, 32));
            Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(pdu, 0, 17, 32));
        }

        [Theory]
        [InlineData(0x0E)]
        [InlineData(0x3F)]
        public void UnknownTypeIsInvalidPdu(int type)
        {
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(new byte[] { (byte)type }, 0, 1, 16));
            Assert.Equal(ProvisioningErrorCode.InvalidPdu, e.ErrorCode);
        }

        [Fact]
        public void NonZeroPaddingBitsAreInvalidPdu()
        {
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(new byte[] { 0x48 }, 0, 1, 16));
            Assert.Equal(ProvisioningErrorCode.InvalidPdu, e.ErrorCode);
        }

        [Fact]
        public void EmptyPduIsInvalidFormat()
        {
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(new byte[0], 0, 0, 16));
            Assert.Equal(ProvisioningErrorCode.InvalidFormat, e.ErrorCode);
        }

        [Fact]
        public void RecordResponseAndRecordsListHaveVariableLength()
        {
            Assert.Equal(ProvisioningPduType.RecordResponse, ProvisioningPdu.Check(new byte[12] { 0x0B, 0, 0, 1, 0, 0, 0, 4, 1, 2, 3, 4 }, 0, 12, 16));
            Assert.Equal(ProvisioningPduType.RecordsList, ProvisioningPdu.Check(new byte[] { 0x0D, 0, 0, 0, 1 }, 0, 5, 16));
            Assert.Throws<ProvisioningPduException>(() => ProvisioningPdu.Check(new byte[] { 0x0D, 0, 0, 0 }, 0, 4, 16));
        }

        [Property(MaxTest = 2000)]
        public void RandomBytesGetATypedErrorOrAType(byte[] bytes, bool hmac)
        {
            bytes = bytes ?? new byte[0];
            try
            {
                var type = ProvisioningPdu.Check(bytes, 0, bytes.Length, hmac ? 32 : 16);
                Assert.Equal(bytes.Length, type == ProvisioningPduType.RecordResponse || type == ProvisioningPduType.RecordsList
                    ? bytes.Length
                    : ProvisioningPdu.LengthOf(type, hmac ? 32 : 16));
            }
            catch (ProvisioningPduException)
            {
            }
        }

        [Property(MaxTest = 2000)]
        public void RandomParametersIntoCapabilitiesStartAndDataNeverThrowAnythingElse(byte[] bytes)
        {
            bytes = bytes ?? new byte[0];
            Attempt(() => ProvisioningCapabilities.Parse(bytes, 0, bytes.Length));
            Attempt(() => ProvisioningStart.Parse(bytes, 0, bytes.Length));
            Attempt(() => ProvisioningData.Parse(bytes, 0, bytes.Length));
        }

        private static void Attempt(Action parse)
        {
            try
            {
                parse();
            }
            catch (ProvisioningPduException)
            {
            }
        }
    }
}
