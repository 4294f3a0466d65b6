using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>FCS vectors, segment geometry and the strict decoder/reassembler checks (MshPRT §5.3.1, §5.3.3).</summary>
    public class GenericProvisioningTests
    {
        [Theory]
        [InlineData("0000", 0x14)]
        [InlineData("010100010000000000000000", 0xd6)]
        [InlineData("020000000000", 0x64)]
        [InlineData("08", 0x3e)]
        [InlineData(SampleData.PublicKeyProvisioner, 0xd1)]
        [InlineData(SampleData.PublicKeyDevice, 0x10)]
        [InlineData(SampleData.ConfirmationProvisioner, 0xd1)]
        [InlineData(SampleData.ConfirmationDevice, 0xec)]
        [InlineData(SampleData.RandomProvisioner, 0xd3)]
        [InlineData(SampleData.RandomDevice, 0x59)]
        [InlineData(SampleData.Data, 0x8b)]
        public void MshPRT_5_3_1_1_FcsOfTheSampleProvisioningPdus(string pdu, int fcs)
        {
            byte[] data = Hex.Decode(pdu);
            Assert.Equal(fcs, ProvisioningFcs.Compute(data, 0, data.Length));
            Assert.True(ProvisioningFcs.Check(data, 0, data.Length, (byte)fcs));
            Assert.False(ProvisioningFcs.Check(data, 0, data.Length, (byte)(fcs ^ 0x01)));
        }

        [Fact]
        public void TS27010_FcsAgreesWithABitSerialMsbFirstCrc8OverReversedBits()
        {
            // An independent formulation: TS 27.010 transmits LSB first, so the CRC-8 (poly 0x07,
            // init 0xFF) of the bit-reversed octets, itself reversed and complemented, is the FCS.
            var random = new SeededRandom(27010);
            for (int n = 1; n < 70; n++)
            {
                var data = new byte[n];
                random.NextBytes(data, 0, n);
                int crc = 0xFF;
                foreach (byte b in data)
                {
                    crc ^= Reverse(b);
                    for (int bit = 0; bit < 8; bit++)
                    {
                        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
                    }
                }

                Assert.Equal((byte)(0xFF - Reverse((byte)crc)), ProvisioningFcs.Compute(data, 0, n));
            }
        }

        [Theory]
        [InlineData(1, 0)]
        [InlineData(20, 0)]
        [InlineData(21, 1)]
        [InlineData(34, 1)]
        [InlineData(43, 1)] // 20 + 23: two full segments, not three
        [InlineData(44, 2)]
        [InlineData(65, 2)]
        [InlineData(66, 2)]
        [InlineData(67, 3)]
        [InlineData(1469, 63)]
        public void MshPRT_5_3_1_2_SegNIsTheLastSegmentIndex(int totalLength, int segN)
        {
            Assert.Equal(segN, GenericProvisioning.LastSegmentIndex(totalLength));
            int sum = 0;
            for (int i = 0; i <= segN; i++)
            {
                int length = GenericProvisioning.SegmentLength(totalLength, i);
                Assert.True(length >= 1);
                sum += length;
            }

            Assert.Equal(totalLength, sum);
        }

        [Theory]
        [InlineData("23af5850", GenericProvisioningDecodeStatus.Truncated)]                 // no transaction number
        [InlineData("23af585000", GenericProvisioningDecodeStatus.Truncated)]               // no GPC
        [InlineData("23af5850000000", GenericProvisioningDecodeStatus.Truncated)]           // start without TotalLength/FCS
        [InlineData("23af58500000000214", GenericProvisioningDecodeStatus.InvalidLength)]   // start without data
        [InlineData("23af585000000002140000ff", GenericProvisioningDecodeStatus.InvalidLength)] // start longer than TotalLength
        [InlineData("23af585000000000140000", GenericProvisioningDecodeStatus.InvalidSegmentation)] // TotalLength 0
        [InlineData("23af585000040002140000", GenericProvisioningDecodeStatus.InvalidSegmentation)] // SegN 1 for 2 octets
        [InlineData("23af58500000004164032c31", GenericProvisioningDecodeStatus.InvalidSegmentation)] // SegN 0 for 65 octets
        [InlineData("23af585000fc05be14" + "0000000000000000000000000000000000000000", GenericProvisioningDecodeStatus.InvalidSegmentation)] // 1470 octets: more than 64 segments hold
        [InlineData("23af585000fc05bd14" + "0000000000000000000000000000000000000000", GenericProvisioningDecodeStatus.Ok)] // 1469 octets, SegN 63: the structural maximum
        [InlineData("23af5850000211", GenericProvisioningDecodeStatus.InvalidSegmentIndex)] // continuation index 0
        [InlineData("23af58500006", GenericProvisioningDecodeStatus.InvalidLength)]         // continuation without data
        [InlineData("23af58500005", GenericProvisioningDecodeStatus.InvalidPadding)]        // ack with padding bits
        [InlineData("23af5850000100", GenericProvisioningDecodeStatus.InvalidLength)]       // ack with a parameter
        [InlineData("23af5850000370cf7c9732a345b691494810d2e9cb", GenericProvisioningDecodeStatus.InvalidLength)] // Link Open, short UUID
        [InlineData("23af5850000700", GenericProvisioningDecodeStatus.InvalidLength)]       // Link ACK with a parameter
        [InlineData("23af5850000b", GenericProvisioningDecodeStatus.InvalidLength)]         // Link Close without reason
        [InlineData("23af5850000f", GenericProvisioningDecodeStatus.UnknownOpcode)]         // bearer opcode 0x03
        [InlineData("23af585000fe" + "00112233445566778899aabbccddeeff0011223344556677", GenericProvisioningDecodeStatus.InvalidLength)] // 25 octets > MTU
        public void MalformedGenericProvisioningPdusAreRejectedWithAStatus(string hex, GenericProvisioningDecodeStatus expected)
        {
            byte[] payload = Hex.Decode(hex);
            Assert.Equal(expected, new GenericProvisioningPdu().Decode(payload, 0, payload.Length));
        }

        [Fact]
        public void LinkCloseReasonIsReadFromTheParameter()
        {
            byte[] payload = Hex.Decode("23af5850000b02");
            var pdu = new GenericProvisioningPdu();
            Assert.Equal(GenericProvisioningDecodeStatus.Ok, pdu.Decode(payload, 0, payload.Length));
            Assert.Equal(GenericProvisioning.FormatBearerControl, pdu.Format);
            Assert.Equal(GenericProvisioning.OpcodeLinkClose, pdu.Opcode);
            Assert.Equal(0x02, pdu.CloseReason);
        }

        [Fact]
        public void TruncatedSegmentAbortsTheTransaction()
        {
            var r = Started(SampleData.PublicKeyProvisioner, 0x02);
            byte[] seg1 = Hex.Decode(SampleData.PublicKeyProvisionerAdv[1]);
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddContinuation(0x02, 1, seg1, 6, seg1.Length - 7));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void LastSegmentOfTheWrongSizeAbortsTheTransaction()
        {
            var r = Started(SampleData.PublicKeyProvisioner, 0x02);
            byte[] pdu = Hex.Decode(SampleData.PublicKeyProvisioner);
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddContinuation(0x02, 2, pdu, 43, 21)); // 22 expected
            Assert.False(r.IsActive);
        }

        [Fact]
        public void ContinuationIndexAboveSegNAbortsTheTransaction()
        {
            var r = Started(SampleData.Data, 0x05);
            byte[] pdu = Hex.Decode(SampleData.Data);
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddContinuation(0x05, 2, pdu, 20, 14));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void ConflictingDuplicateSegmentAbortsAndARepeatIsIgnored()
        {
            var r = Started(SampleData.PublicKeyDevice, 0x81);
            byte[] pdu = Hex.Decode(SampleData.PublicKeyDevice);
            Assert.Equal(ReassemblyResult.InProgress, r.AddContinuation(0x81, 1, pdu, 20, 23));
            Assert.Equal(ReassemblyResult.Duplicate, r.AddContinuation(0x81, 1, pdu, 20, 23));
            pdu[25] ^= 0x40;
            Assert.Equal(ReassemblyResult.Conflict, r.AddContinuation(0x81, 1, pdu, 20, 23));
            Assert.False(r.IsActive);

            // The sender's retransmission starts over cleanly.
            pdu[25] ^= 0x40;
            var again = Started(SampleData.PublicKeyDevice, 0x81, r);
            Assert.Equal(ReassemblyResult.InProgress, again.AddContinuation(0x81, 1, pdu, 20, 23));
            Assert.Equal(ReassemblyResult.Complete, again.AddContinuation(0x81, 2, pdu, 43, 22));
        }

        [Fact]
        public void StartWithAnotherHeaderForTheSameTransactionAborts()
        {
            var r = Started(SampleData.PublicKeyDevice, 0x81);
            byte[] pdu = Hex.Decode(SampleData.PublicKeyDevice);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.Equal(ReassemblyResult.Duplicate, r.AddStart(0x81, 2, 65, fcs, pdu, 0, 20));
            Assert.Equal(ReassemblyResult.Conflict, r.AddStart(0x81, 2, 64, fcs, pdu, 0, 20));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void WrongFcsIsNotDelivered()
        {
            byte[] pdu = Hex.Decode(SampleData.ConfirmationDevice);
            var r = new GenericProvisioningReassembler(65);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.Equal(ReassemblyResult.FcsMismatch, r.AddStart(0x82, 0, pdu.Length, (byte)(fcs + 1), pdu, 0, pdu.Length));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void ContinuationBeforeStartIsDropped()
        {
            var r = new GenericProvisioningReassembler(65);
            byte[] pdu = Hex.Decode(SampleData.Data);
            Assert.Equal(ReassemblyResult.NotStarted, r.AddContinuation(0x05, 1, pdu, 20, 14));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void TotalLengthAboveTheLargestProvisioningPduIsRejected()
        {
            var r = new GenericProvisioningReassembler(65);
            var data = new byte[20];
            Assert.Equal(ReassemblyResult.TooLong, r.AddStart(0x80, 2, 66, 0, data, 0, 20));
            Assert.Equal(ReassemblyResult.TooLong, r.AddStart(0x80, 63, 1469, 0, data, 0, 20));
            Assert.False(r.IsActive);
        }

        [Fact]
        public void OversizedSegNAndInconsistentTotalLengthAreRejected()
        {
            var r = new GenericProvisioningReassembler(65);
            var data = new byte[20];
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddStart(0x80, 5, 65, 0, data, 0, 20)); // SegN 5 for 65 octets
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddStart(0x80, 1, 20, 0, data, 0, 20)); // needs fewer segments
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddStart(0x80, 0, 21, 0, data, 0, 20)); // needs more segments
            Assert.Equal(ReassemblyResult.InvalidSegment, r.AddStart(0x80, 0, 0, 0, data, 0, 0));   // empty PDU
            Assert.False(r.IsActive);
        }

        [Fact]
        public void LargerMaxPduSizeReassemblesARecordSizedPdu()
        {
            var pdu = new byte[200];
            new SeededRandom(3).NextBytes(pdu, 0, pdu.Length);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            var r = new GenericProvisioningReassembler(GenericProvisioning.MaxTransactionLength);
            int segN = GenericProvisioning.LastSegmentIndex(pdu.Length);
            Assert.Equal(ReassemblyResult.InProgress, r.AddStart(0x10, segN, pdu.Length, fcs, pdu, 0, 20));
            for (int i = segN; i >= 1; i--)
            {
                var result = r.AddContinuation(0x10, i, pdu, GenericProvisioning.SegmentOffset(i), GenericProvisioning.SegmentLength(pdu.Length, i));
                Assert.Equal(i == 1 ? ReassemblyResult.Complete : ReassemblyResult.InProgress, result);
            }

            Assert.Equal(Hex.Encode(pdu), Hex.Encode(r.Buffer, 0, r.TotalLength));
        }

        private static GenericProvisioningReassembler Started(string pduHex, byte number, GenericProvisioningReassembler reuse = null)
        {
            byte[] pdu = Hex.Decode(pduHex);
            var r = reuse ?? new GenericProvisioningReassembler(65);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.Equal(ReassemblyResult.InProgress, r.AddStart(number, GenericProvisioning.LastSegmentIndex(pdu.Length), pdu.Length, fcs, pdu, 0, 20));
            return r;
        }

        private static byte Reverse(byte b)
        {
            int r = 0;
            for (int i = 0; i < 8; i++)
            {
                r = (r << 1) | ((b >> i) & 1);
            }

            return (byte)r;
        }
    }
}
