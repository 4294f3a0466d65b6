using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Bearers
{
    /// <summary>
    /// Generic Provisioning PDUs on the device (MshPRT §5.3.1, §5.3.3): the FCS of the §8.7 PDUs,
    /// segment geometry, the strict decoder and the reassembler's checks. Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Bearers/GenericProvisioningTests.cs.
    /// </summary>
    [TestClass]
    public class GenericProvisioningTests
    {
        /// <summary>MshPRT §5.3.1.1 (TS 27.010 FCS) over the §8.7 Provisioning PDUs, as the sample's Transaction Start PDUs carry it.</summary>
        [TestMethod]
        [DataRow(ProvisioningSamples.Invite, 0x14)]
        [DataRow(ProvisioningSamples.Capabilities, 0xd6)]
        [DataRow(ProvisioningSamples.Start, 0x64)]
        [DataRow(ProvisioningSamples.PublicKeyProvisioner, 0xd1)]
        [DataRow(ProvisioningSamples.PublicKeyDevice, 0x10)]
        [DataRow(ProvisioningSamples.ConfirmationDevice, 0xec)]
        [DataRow(ProvisioningSamples.RandomProvisioner, 0xd3)]
        [DataRow(ProvisioningSamples.Data, 0x8b)]
        [DataRow(ProvisioningSamples.Complete, 0x3e)]
        public static void MshPRT_5_3_1_1_FcsOfTheSampleProvisioningPdus(string pdu, int fcs)
        {
            byte[] data = Hex.Decode(pdu);
            Assert.AreEqual((byte)fcs, ProvisioningFcs.Compute(data, 0, data.Length), "#1");
            Assert.IsTrue(ProvisioningFcs.Check(data, 0, data.Length, (byte)fcs), "#2");
            Assert.IsFalse(ProvisioningFcs.Check(data, 0, data.Length, (byte)(fcs ^ 0x01)), "#3");
        }

        /// <summary>TS 27.010: the FCS equals a bit-serial CRC-8 (poly 0x07, init 0xFF) over bit-reversed octets, reversed and complemented.</summary>
        [TestMethod]
        public static void TS27010_FcsAgreesWithABitSerialCrc8()
        {
            SeededRandom random = new SeededRandom(27010);
            for (int n = 1; n < 40; n++)
            {
                byte[] data = new byte[n];
                random.NextBytes(data, 0, n);
                int crc = 0xFF;
                for (int i = 0; i < data.Length; i++)
                {
                    crc ^= Reverse(data[i]);
                    for (int bit = 0; bit < 8; bit++)
                    {
                        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
                    }
                }

                Assert.AreEqual((byte)(0xFF - Reverse((byte)crc)), ProvisioningFcs.Compute(data, 0, n), n.ToString());
            }
        }

        /// <summary>MshPRT §5.3.1.2: SegN is the last segment index; 20 octets in the start, 23 in each continuation.</summary>
        [TestMethod]
        public static void MshPRT_5_3_1_2_SegNIsTheLastSegmentIndex()
        {
            int[] lengths = new int[] { 1, 20, 21, 34, 43, 44, 65, 66, 67, 1469 };
            int[] segN = new int[] { 0, 0, 1, 1, 1, 2, 2, 2, 3, 63 };
            for (int k = 0; k < lengths.Length; k++)
            {
                Assert.AreEqual(segN[k], GenericProvisioning.LastSegmentIndex(lengths[k]), lengths[k].ToString());
                int sum = 0;
                for (int i = 0; i <= segN[k]; i++)
                {
                    int length = GenericProvisioning.SegmentLength(lengths[k], i);
                    Assert.IsTrue(length >= 1, "#4");
                    sum += length;
                }

                Assert.AreEqual(lengths[k], sum, "#5");
            }
        }

        /// <summary>MshPRT §5.3.1: malformed Generic Provisioning PDUs get a decode status, never an exception.</summary>
        [TestMethod]
        [DataRow("23af5850", (int)GenericProvisioningDecodeStatus.Truncated)]
        [DataRow("23af5850000000", (int)GenericProvisioningDecodeStatus.Truncated)]
        [DataRow("23af58500000000214", (int)GenericProvisioningDecodeStatus.InvalidLength)]
        [DataRow("23af585000000002140000ff", (int)GenericProvisioningDecodeStatus.InvalidLength)]
        [DataRow("23af585000000000140000", (int)GenericProvisioningDecodeStatus.InvalidSegmentation)]
        [DataRow("23af585000040002140000", (int)GenericProvisioningDecodeStatus.InvalidSegmentation)]
        [DataRow("23af5850000211", (int)GenericProvisioningDecodeStatus.InvalidSegmentIndex)]
        [DataRow("23af58500005", (int)GenericProvisioningDecodeStatus.InvalidPadding)]
        [DataRow("23af5850000b", (int)GenericProvisioningDecodeStatus.InvalidLength)]
        [DataRow("23af5850000f", (int)GenericProvisioningDecodeStatus.UnknownOpcode)]
        [DataRow("23af585000fe00112233445566778899aabbccddeeff0011223344556677", (int)GenericProvisioningDecodeStatus.InvalidLength)]
        public static void MshPRT_5_3_1_MalformedGenericProvisioningPdusGetAStatus(string hex, int expected)
        {
            byte[] payload = Hex.Decode(hex);
            Assert.AreEqual(expected, (int)new GenericProvisioningPdu().Decode(payload, 0, payload.Length), "#6");
        }

        /// <summary>MshPRT §5.3.1.2: 1469 octets with SegN 63 is the structural maximum; 1470 do not fit 64 segments.</summary>
        [TestMethod]
        public static void MshPRT_5_3_1_2_LargestTransactionStartDecodes()
        {
            string zeros = "0000000000000000000000000000000000000000";
            byte[] ok = Hex.Decode("23af585000fc05bd14" + zeros);
            byte[] tooLong = Hex.Decode("23af585000fc05be14" + zeros);
            GenericProvisioningPdu pdu = new GenericProvisioningPdu();
            Assert.AreEqual((int)GenericProvisioningDecodeStatus.Ok, (int)pdu.Decode(ok, 0, ok.Length), "#7");
            Assert.AreEqual(63, pdu.LastSegmentIndex, "#8");
            Assert.AreEqual(1469, pdu.TotalLength, "#9");
            Assert.AreEqual((int)GenericProvisioningDecodeStatus.InvalidSegmentation, (int)pdu.Decode(tooLong, 0, tooLong.Length), "#10");
        }

        [TestMethod]
        public static void MshPRT_5_3_2_LinkCloseReasonIsReadFromTheParameter()
        {
            byte[] payload = Hex.Decode("23af5850000b02");
            GenericProvisioningPdu pdu = new GenericProvisioningPdu();
            Assert.AreEqual((int)GenericProvisioningDecodeStatus.Ok, (int)pdu.Decode(payload, 0, payload.Length), "#11");
            Assert.AreEqual(ProvisioningSamples.LinkId, pdu.LinkId, "#12");
            Assert.AreEqual(GenericProvisioning.FormatBearerControl, pdu.Format, "#13");
            Assert.AreEqual(GenericProvisioning.OpcodeLinkClose, pdu.Opcode, "#14");
            Assert.AreEqual((byte)0x02, pdu.CloseReason, "#15");
        }

        /// <summary>MshPRT §5.3.3: a truncated or oversized segment, or an index above SegN, aborts the transaction.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_WrongSegmentSizeOrIndexAborts()
        {
            GenericProvisioningReassembler r = Started(ProvisioningSamples.PublicKeyProvisioner, 0x02, null);
            byte[] pdu = Hex.Decode(ProvisioningSamples.PublicKeyProvisioner);
            Assert.AreEqual((int)ReassemblyResult.InvalidSegment, (int)r.AddContinuation(0x02, 1, pdu, 20, 22), "#16");
            Assert.IsFalse(r.IsActive, "#17");

            r = Started(ProvisioningSamples.PublicKeyProvisioner, 0x02, r);
            Assert.AreEqual((int)ReassemblyResult.InvalidSegment, (int)r.AddContinuation(0x02, 2, pdu, 43, 21), "#18");
            Assert.IsFalse(r.IsActive, "#19");

            byte[] data = Hex.Decode(ProvisioningSamples.Data);
            r = Started(ProvisioningSamples.Data, 0x05, r);
            Assert.AreEqual((int)ReassemblyResult.InvalidSegment, (int)r.AddContinuation(0x05, 2, data, 20, 14), "#20");
            Assert.IsFalse(r.IsActive, "#21");
        }

        /// <summary>A repeated segment is a duplicate; the same segment with other contents is a conflict and aborts; the sender's retransmission starts over cleanly.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_ConflictingSegmentAborts()
        {
            GenericProvisioningReassembler r = Started(ProvisioningSamples.PublicKeyDevice, 0x81, null);
            byte[] pdu = Hex.Decode(ProvisioningSamples.PublicKeyDevice);
            Assert.AreEqual((int)ReassemblyResult.InProgress, (int)r.AddContinuation(0x81, 1, pdu, 20, 23), "#22");
            Assert.AreEqual((int)ReassemblyResult.Duplicate, (int)r.AddContinuation(0x81, 1, pdu, 20, 23), "#23");
            pdu[25] ^= 0x40;
            Assert.AreEqual((int)ReassemblyResult.Conflict, (int)r.AddContinuation(0x81, 1, pdu, 20, 23), "#24");
            Assert.IsFalse(r.IsActive, "#25");

            pdu[25] ^= 0x40;
            r = Started(ProvisioningSamples.PublicKeyDevice, 0x81, r);
            Assert.AreEqual((int)ReassemblyResult.InProgress, (int)r.AddContinuation(0x81, 1, pdu, 20, 23), "#26");
            Assert.AreEqual((int)ReassemblyResult.Complete, (int)r.AddContinuation(0x81, 2, pdu, 43, 22), "#27");
            Assert.AreEqual(ProvisioningSamples.PublicKeyDevice, Hex.Encode(r.Buffer, 0, r.TotalLength), "#28");
        }

        /// <summary>MshPRT §5.3.3: a wrong FCS, a continuation before its start, or a total length above the largest PDU is never delivered.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_BadFcsEarlyContinuationTooLong()
        {
            byte[] pdu = Hex.Decode(ProvisioningSamples.ConfirmationDevice);
            GenericProvisioningReassembler r = new GenericProvisioningReassembler(65);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.AreEqual((int)ReassemblyResult.FcsMismatch, (int)r.AddStart(0x82, 0, pdu.Length, (byte)(fcs + 1), pdu, 0, pdu.Length), "#29");
            Assert.IsFalse(r.IsActive, "#30");

            byte[] data = Hex.Decode(ProvisioningSamples.Data);
            Assert.AreEqual((int)ReassemblyResult.NotStarted, (int)r.AddContinuation(0x05, 1, data, 20, 14), "#31");

            byte[] twenty = new byte[20];
            Assert.AreEqual((int)ReassemblyResult.TooLong, (int)r.AddStart(0x80, 2, 66, 0, twenty, 0, 20), "#32");
            Assert.AreEqual((int)ReassemblyResult.InvalidSegment, (int)r.AddStart(0x80, 5, 65, 0, twenty, 0, 20), "#33");
            Assert.AreEqual((int)ReassemblyResult.InvalidSegment, (int)r.AddStart(0x80, 0, 0, 0, twenty, 0, 0), "#34");
            Assert.IsFalse(r.IsActive, "#35");
        }

        /// <summary>A larger reassembly buffer takes a record-sized PDU, its segments arriving last first.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_RecordSizedPduReassemblesInReverseSegmentOrder()
        {
            byte[] pdu = new byte[200];
            new SeededRandom(3).NextBytes(pdu, 0, pdu.Length);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            GenericProvisioningReassembler r = new GenericProvisioningReassembler(GenericProvisioning.MaxTransactionLength);
            int segN = GenericProvisioning.LastSegmentIndex(pdu.Length);
            Assert.AreEqual((int)ReassemblyResult.InProgress, (int)r.AddStart(0x10, segN, pdu.Length, fcs, pdu, 0, 20), "#36");
            for (int i = segN; i >= 1; i--)
            {
                ReassemblyResult result = r.AddContinuation(0x10, i, pdu, GenericProvisioning.SegmentOffset(i), GenericProvisioning.SegmentLength(pdu.Length, i));
                Assert.AreEqual(i == 1 ? (int)ReassemblyResult.Complete : (int)ReassemblyResult.InProgress, (int)result, "#37");
            }

            Assert.AreEqual(Hex.Encode(pdu), Hex.Encode(r.Buffer, 0, r.TotalLength), "#38");
        }

        /// <summary>DESIGN.md §8.2: random advertising payloads into the decoder and on into the reassembler: statuses, never an exception.</summary>
        [TestMethod]
        public static void MalformedInput_RandomPayloadsNeverThrow()
        {
            SeededRandom random = new SeededRandom(533);
            byte[] payload = new byte[32];
            GenericProvisioningPdu decoder = new GenericProvisioningPdu();
            GenericProvisioningReassembler r = new GenericProvisioningReassembler(65);
            int ok = 0;
            for (int run = 0; run < 400; run++)
            {
                random.NextBytes(payload, 0, payload.Length);
                payload[4] = (byte)(run & 0xFF);
                int length = random.NextInt(payload.Length + 1);
                if (decoder.Decode(payload, 0, length) != GenericProvisioningDecodeStatus.Ok)
                {
                    continue;
                }

                ok++;
                if (decoder.Format == GenericProvisioning.FormatTransactionStart)
                {
                    r.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, payload, decoder.DataOffset, decoder.DataCount);
                }
                else if (decoder.Format == GenericProvisioning.FormatTransactionContinuation)
                {
                    r.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, payload, decoder.DataOffset, decoder.DataCount);
                }
            }

            OutputHelper.WriteLine("Generic Provisioning decoder: 400 random payloads, " + ok.ToString() + " well formed");
        }

        private static GenericProvisioningReassembler Started(string pduHex, byte number, GenericProvisioningReassembler reuse)
        {
            byte[] pdu = Hex.Decode(pduHex);
            GenericProvisioningReassembler r = reuse == null ? new GenericProvisioningReassembler(65) : reuse;
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.AreEqual((int)ReassemblyResult.InProgress,
                (int)r.AddStart(number, GenericProvisioning.LastSegmentIndex(pdu.Length), pdu.Length, fcs, pdu, 0, 20), "#39");
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
