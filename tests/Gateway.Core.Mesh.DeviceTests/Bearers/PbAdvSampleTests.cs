using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Bearers
{
    /// <summary>
    /// MshPRT §8.7 PB-ADV sample data on the device, byte for byte: the segmenter writes the
    /// sample's Transaction Start/Continuation PDUs, acknowledgments and link control, and the
    /// decoder + reassembler turn the sample's advertisements back into the Provisioning PDUs.
    /// Host twin: tests/Gateway.Core.Tests/Mesh/Bearers/PbAdvSampleTests.cs.
    /// </summary>
    [TestClass]
    public class PbAdvSampleTests
    {
        /// <summary>MshPRT §8.7.3–§8.7.13: every transaction's advertisements (up to three segments; "" where there are fewer).</summary>
        [TestMethod]
        [DataRow(ProvisioningSamples.Invite, 0x00, ProvisioningSamples.InviteAdv, "", "")]
        [DataRow(ProvisioningSamples.Capabilities, 0x80, ProvisioningSamples.CapabilitiesAdv, "", "")]
        [DataRow(ProvisioningSamples.Start, 0x01, ProvisioningSamples.StartAdv, "", "")]
        [DataRow(ProvisioningSamples.PublicKeyProvisioner, 0x02, ProvisioningSamples.PublicKeyProvisionerAdv0, ProvisioningSamples.PublicKeyProvisionerAdv1, ProvisioningSamples.PublicKeyProvisionerAdv2)]
        [DataRow(ProvisioningSamples.PublicKeyDevice, 0x81, ProvisioningSamples.PublicKeyDeviceAdv0, ProvisioningSamples.PublicKeyDeviceAdv1, ProvisioningSamples.PublicKeyDeviceAdv2)]
        [DataRow(ProvisioningSamples.ConfirmationProvisioner, 0x03, ProvisioningSamples.ConfirmationProvisionerAdv, "", "")]
        [DataRow(ProvisioningSamples.RandomDevice, 0x83, ProvisioningSamples.RandomDeviceAdv, "", "")]
        [DataRow(ProvisioningSamples.Data, 0x05, ProvisioningSamples.DataAdv0, ProvisioningSamples.DataAdv1, "")]
        [DataRow(ProvisioningSamples.Complete, 0x84, ProvisioningSamples.CompleteAdv, "", "")]
        public static void MshPRT_8_7_SegmentsAndReassemblesTheSampleAdverts(string pduHex, int transactionNumber, string advert0, string advert1, string advert2)
        {
            string[] expected = advert2.Length > 0 ? new string[] { advert0, advert1, advert2 }
                : advert1.Length > 0 ? new string[] { advert0, advert1 } : new string[] { advert0 };
            byte[] pdu = Hex.Decode(pduHex);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.AreEqual(expected.Length - 1, GenericProvisioning.LastSegmentIndex(pdu.Length), "#1");
            ByteWriter writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            for (int i = 0; i < expected.Length; i++)
            {
                writer.Clear();
                GenericProvisioning.WriteTransactionSegment(writer, ProvisioningSamples.LinkId, (byte)transactionNumber, pdu, 0, pdu.Length, fcs, i);
                byte[] ad = writer.ToArray();
                Assert.AreEqual(ad.Length - 1, (int)ad[0], "AD length");
                Assert.AreEqual(GenericProvisioning.AdType, ad[1], "#2");
                Assert.IsTrue(ad.Length <= 31, "#3");
                Assert.AreEqual(expected[i], Hex.Encode(ad, 2, ad.Length - 2), "segment " + i.ToString());
            }

            GenericProvisioningPdu decoder = new GenericProvisioningPdu();
            GenericProvisioningReassembler reassembler = new GenericProvisioningReassembler(PbAdvOptions.DefaultMaxPduSize);
            for (int i = 0; i < expected.Length; i++)
            {
                byte[] payload = Hex.Decode(expected[i]);
                Assert.AreEqual((int)GenericProvisioningDecodeStatus.Ok, (int)decoder.Decode(payload, 0, payload.Length), "#4");
                Assert.AreEqual(ProvisioningSamples.LinkId, decoder.LinkId, "#5");
                Assert.AreEqual((byte)transactionNumber, decoder.TransactionNumber, "#6");
                ReassemblyResult result = decoder.Format == GenericProvisioning.FormatTransactionStart
                    ? reassembler.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, payload, decoder.DataOffset, decoder.DataCount)
                    : reassembler.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, payload, decoder.DataOffset, decoder.DataCount);
                Assert.AreEqual(i == expected.Length - 1 ? (int)ReassemblyResult.Complete : (int)ReassemblyResult.InProgress, (int)result, "#7");
            }

            Assert.AreEqual(pduHex, Hex.Encode(reassembler.Buffer, 0, reassembler.TotalLength), "#8");
        }

        /// <summary>MshPRT §8.7: the Transaction Acknowledgment PDUs of both directions.</summary>
        [TestMethod]
        public static void MshPRT_8_7_TransactionAcknowledgments()
        {
            int[] numbers = new int[] { 0x00, 0x80, 0x01, 0x02, 0x81, 0x03, 0x82, 0x04, 0x83, 0x05, 0x84 };
            ByteWriter writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            for (int i = 0; i < numbers.Length; i++)
            {
                writer.Clear();
                GenericProvisioning.WriteTransactionAck(writer, ProvisioningSamples.LinkId, (byte)numbers[i]);
                Assert.AreEqual("0729" + ProvisioningSamples.Ack(numbers[i]), Hex.Encode(writer.ToArray()), "#9");
            }
        }

        /// <summary>MshPRT §8.7.1 Link Open, §8.7.2 Link ACK, §8.7.14 Link Close.</summary>
        [TestMethod]
        public static void MshPRT_8_7_1_LinkOpen_8_7_2_LinkAck_8_7_14_LinkClose()
        {
            ByteWriter writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            GenericProvisioning.WriteLinkOpen(writer, ProvisioningSamples.LinkId, Hex.Decode(ProvisioningSamples.DeviceUuid), 0);
            Assert.AreEqual("1729" + ProvisioningSamples.LinkOpenAdv, Hex.Encode(writer.ToArray()), "#10");
            writer.Clear();
            GenericProvisioning.WriteLinkAck(writer, ProvisioningSamples.LinkId);
            Assert.AreEqual("0729" + ProvisioningSamples.LinkAckAdv, Hex.Encode(writer.ToArray()), "#11");
            writer.Clear();
            GenericProvisioning.WriteLinkClose(writer, ProvisioningSamples.LinkId, 0x00);
            Assert.AreEqual("0829" + ProvisioningSamples.LinkCloseSuccessAdv, Hex.Encode(writer.ToArray()), "#12");
        }

        /// <summary>MshPRT §5.3.3: once the start is in, continuations may come in any order.</summary>
        [TestMethod]
        public static void MshPRT_8_7_7_SegmentsOutOfOrderAfterStart()
        {
            GenericProvisioningPdu decoder = new GenericProvisioningPdu();
            GenericProvisioningReassembler reassembler = new GenericProvisioningReassembler(PbAdvOptions.DefaultMaxPduSize);
            string[] order = new string[] { ProvisioningSamples.PublicKeyDeviceAdv0, ProvisioningSamples.PublicKeyDeviceAdv2, ProvisioningSamples.PublicKeyDeviceAdv1 };
            ReassemblyResult result = ReassemblyResult.NotStarted;
            for (int i = 0; i < order.Length; i++)
            {
                byte[] payload = Hex.Decode(order[i]);
                Assert.AreEqual((int)GenericProvisioningDecodeStatus.Ok, (int)decoder.Decode(payload, 0, payload.Length), "#13");
                result = decoder.Format == GenericProvisioning.FormatTransactionStart
                    ? reassembler.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, payload, decoder.DataOffset, decoder.DataCount)
                    : reassembler.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, payload, decoder.DataOffset, decoder.DataCount);
            }

            Assert.AreEqual((int)ReassemblyResult.Complete, (int)result, "#14");
            Assert.AreEqual(ProvisioningSamples.PublicKeyDevice, Hex.Encode(reassembler.Buffer, 0, reassembler.TotalLength), "#15");
        }
    }
}
