using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>MshPRT §8.7 PB-ADV sample data, byte for byte, through the segmenter, the decoder, the reassembler and two live bearers.</summary>
    public class PbAdvSampleTests
    {
        public static IEnumerable<object[]> Transactions()
        {
            yield return new object[] { "8.7.3 Invite", SampleData.Invite, 0x00, new[] { SampleData.InviteAdv } };
            yield return new object[] { "8.7.4 Capabilities", SampleData.Capabilities, 0x80, new[] { SampleData.CapabilitiesAdv } };
            yield return new object[] { "8.7.5 Start", SampleData.Start, 0x01, new[] { SampleData.StartAdv } };
            yield return new object[] { "8.7.6 Public Key (provisioner)", SampleData.PublicKeyProvisioner, 0x02, SampleData.PublicKeyProvisionerAdv };
            yield return new object[] { "8.7.7 Public Key (device)", SampleData.PublicKeyDevice, 0x81, SampleData.PublicKeyDeviceAdv };
            yield return new object[] { "8.7.8 Confirmation (provisioner)", SampleData.ConfirmationProvisioner, 0x03, new[] { SampleData.ConfirmationProvisionerAdv } };
            yield return new object[] { "8.7.9 Confirmation (device)", SampleData.ConfirmationDevice, 0x82, new[] { SampleData.ConfirmationDeviceAdv } };
            yield return new object[] { "8.7.10 Random (provisioner)", SampleData.RandomProvisioner, 0x04, new[] { SampleData.RandomProvisionerAdv } };
            yield return new object[] { "8.7.11 Random (device)", SampleData.RandomDevice, 0x83, new[] { SampleData.RandomDeviceAdv } };
            yield return new object[] { "8.7.12 Data", SampleData.Data, 0x05, SampleData.DataAdv };
            yield return new object[] { "8.7.13 Complete", SampleData.Complete, 0x84, new[] { SampleData.CompleteAdv } };
        }

        public static IEnumerable<object[]> Acks()
        {
            yield return new object[] { 0x00, SampleData.InviteAck };
            yield return new object[] { 0x80, SampleData.CapabilitiesAck };
            yield return new object[] { 0x01, SampleData.StartAck };
            yield return new object[] { 0x02, SampleData.PublicKeyProvisionerAck };
            yield return new object[] { 0x81, SampleData.PublicKeyDeviceAck };
            yield return new object[] { 0x03, SampleData.ConfirmationProvisionerAck };
            yield return new object[] { 0x82, SampleData.ConfirmationDeviceAck };
            yield return new object[] { 0x04, SampleData.RandomProvisionerAck };
            yield return new object[] { 0x83, SampleData.RandomDeviceAck };
            yield return new object[] { 0x05, SampleData.DataAck };
            yield return new object[] { 0x84, SampleData.CompleteAck };
        }

        [Theory]
        [MemberData(nameof(Transactions))]
        public void MshPRT_8_7_SegmenterReproducesTheAdvertisingPayloads(string step, string pduHex, int transactionNumber, string[] expected)
        {
            byte[] pdu = Hex.Decode(pduHex);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, pdu.Length);
            Assert.Equal(expected.Length - 1, GenericProvisioning.LastSegmentIndex(pdu.Length));
            var writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            for (int i = 0; i < expected.Length; i++)
            {
                writer.Clear();
                GenericProvisioning.WriteTransactionSegment(writer, SampleData.LinkId, (byte)transactionNumber, pdu, 0, pdu.Length, fcs, i);
                byte[] ad = writer.ToArray();
                Assert.Equal(ad.Length - 1, ad[0]);
                Assert.Equal(GenericProvisioning.AdType, ad[1]);
                Assert.True(ad.Length <= 31, step);
                Assert.Equal(expected[i], Hex.Encode(ad, 2, ad.Length - 2));
            }
        }

        [Theory]
        [MemberData(nameof(Acks))]
        public void MshPRT_8_7_TransactionAcknowledgments(int transactionNumber, string expected)
        {
            var writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            GenericProvisioning.WriteTransactionAck(writer, SampleData.LinkId, (byte)transactionNumber);
            Assert.Equal("0729" + expected, Hex.Encode(writer.ToArray()));
        }

        [Fact]
        public void MshPRT_8_7_1_LinkOpen_8_7_2_LinkAck_8_7_14_LinkClose()
        {
            var writer = new ByteWriter(GenericProvisioning.MaxAdStructureLength);
            GenericProvisioning.WriteLinkOpen(writer, SampleData.LinkId, Hex.Decode(SampleData.DeviceUuid), 0);
            Assert.Equal("1729" + SampleData.LinkOpen, Hex.Encode(writer.ToArray()));

            writer.Clear();
            GenericProvisioning.WriteLinkAck(writer, SampleData.LinkId);
            Assert.Equal("0729" + SampleData.LinkAck, Hex.Encode(writer.ToArray()));

            writer.Clear();
            GenericProvisioning.WriteLinkClose(writer, SampleData.LinkId, 0x00);
            Assert.Equal("0829" + SampleData.LinkCloseSuccess, Hex.Encode(writer.ToArray()));
        }

        [Theory]
        [MemberData(nameof(Transactions))]
        public void MshPRT_8_7_ReassemblerAcceptsTheAdvertisingPayloads(string step, string pduHex, int transactionNumber, string[] adverts)
        {
            var decoder = new GenericProvisioningPdu();
            var reassembler = new GenericProvisioningReassembler(PbAdvOptions.DefaultMaxPduSize);
            ReassemblyResult result = ReassemblyResult.NotStarted;
            for (int i = 0; i < adverts.Length; i++)
            {
                byte[] payload = Hex.Decode(adverts[i]);
                Assert.Equal(GenericProvisioningDecodeStatus.Ok, decoder.Decode(payload, 0, payload.Length));
                Assert.Equal(SampleData.LinkId, decoder.LinkId);
                Assert.Equal(transactionNumber, decoder.TransactionNumber);
                result = decoder.Format == GenericProvisioning.FormatTransactionStart
                    ? reassembler.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, payload, decoder.DataOffset, decoder.DataCount)
                    : reassembler.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, payload, decoder.DataOffset, decoder.DataCount);
                Assert.Equal(i == adverts.Length - 1 ? ReassemblyResult.Complete : ReassemblyResult.InProgress, result);
            }

            Assert.Equal(pduHex, Hex.Encode(reassembler.Buffer, 0, reassembler.TotalLength));
        }

        [Fact]
        public void MshPRT_8_7_ReassemblerAcceptsSegmentsOutOfOrderAfterTheStart()
        {
            var decoder = new GenericProvisioningPdu();
            var reassembler = new GenericProvisioningReassembler(PbAdvOptions.DefaultMaxPduSize);
            string[] order = { SampleData.PublicKeyDeviceAdv[0], SampleData.PublicKeyDeviceAdv[2], SampleData.PublicKeyDeviceAdv[1] };
            ReassemblyResult result = ReassemblyResult.NotStarted;
            foreach (string hex in order)
            {
                byte[] payload = Hex.Decode(hex);
                Assert.Equal(GenericProvisioningDecodeStatus.Ok, decoder.Decode(payload, 0, payload.Length));
                result = decoder.Format == GenericProvisioning.FormatTransactionStart
                    ? reassembler.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, payload, decoder.DataOffset, decoder.DataCount)
                    : reassembler.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, payload, decoder.DataOffset, decoder.DataCount);
            }

            Assert.Equal(ReassemblyResult.Complete, result);
            Assert.Equal(SampleData.PublicKeyDevice, Hex.Encode(reassembler.Buffer, 0, reassembler.TotalLength));
        }

        [Fact]
        public void MshPRT_8_7_TwoBearersOverLoopbackReproduceTheWholeSampleTranscript()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new LoopbackAir(scheduler);
            var provisionerRadio = air.CreateRadio("P", 0xC0FFEE000001);
            var deviceRadio = air.CreateRadio("D", 0xC0FFEE000002);
            var random = new ScriptedRandom();
            random.EnqueueBytes("23af5850");
            var provisioner = new PbAdvBearer(provisionerRadio, scheduler, random);
            var device = new PbAdvBearer(deviceRadio, scheduler, new ScriptedRandom(9));
            provisionerRadio.SetReceiver(provisioner.OnAdvertisement);
            deviceRadio.SetReceiver(device.OnAdvertisement);

            var p = new RecordingLinkHandler(scheduler);
            var d = new RecordingLinkHandler(scheduler);
            ScriptProvisioner(p);
            ScriptDevice(d);

            var uuid = Hex.Decode(SampleData.DeviceUuid);
            device.CreateDeviceLink(uuid, d).Open();
            var link = provisioner.CreateProvisionerLink(uuid, p);
            link.Open();
            Assert.Equal(SampleData.LinkId, link.LinkId);
            scheduler.RunAll(10_000);

            // Every distinct advertisement, in order of transmission: the §8.7 table, then nothing else.
            var distinct = new List<string>();
            foreach (var frame in air.Log)
            {
                if (distinct.Count == 0 || distinct[distinct.Count - 1] != frame.PayloadHex)
                {
                    distinct.Add(frame.PayloadHex);
                }
            }

            Assert.Equal(SampleData.Transcript(), distinct.ToArray());
            Assert.Equal(new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, SampleData.ConfirmationDevice, SampleData.RandomDevice, SampleData.Complete }, p.ReceivedHex.ToArray());
            Assert.Equal(new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.RandomProvisioner, SampleData.Data }, d.ReceivedHex.ToArray());
            Assert.Equal(ProvisioningLinkCloseReason.Success, p.ClosedReason);
            Assert.Equal(ProvisioningLinkCloseReason.Success, d.ClosedReason);
            Assert.Equal(0, provisioner.LinkCount);
            Assert.Equal(0, device.LinkCount);
            Assert.Equal(0, provisioner.MalformedCount + device.MalformedCount);
            Assert.Equal(0, provisioner.AbortedTransactionCount + device.AbortedTransactionCount);
        }

        /// <summary>The provisioner's half of §8.7: each device PDU triggers the next provisioner PDU.</summary>
        internal static void ScriptProvisioner(RecordingLinkHandler handler)
        {
            handler.OnOpened = link => Send(link, SampleData.Invite);
            handler.OnPdu = (link, pdu) =>
            {
                switch (pdu[0])
                {
                    case 0x01:
                        Send(link, SampleData.Start);
                        Send(link, SampleData.PublicKeyProvisioner); // queued behind Start
                        break;
                    case 0x03:
                        Send(link, SampleData.ConfirmationProvisioner);
                        break;
                    case 0x05:
                        Send(link, SampleData.RandomProvisioner);
                        break;
                    case 0x06:
                        Send(link, SampleData.Data);
                        break;
                    case 0x08:
                        link.Close(ProvisioningLinkCloseReason.Success);
                        break;
                }
            };
        }

        /// <summary>The device's half of §8.7.</summary>
        internal static void ScriptDevice(RecordingLinkHandler handler)
        {
            handler.OnPdu = (link, pdu) =>
            {
                switch (pdu[0])
                {
                    case 0x00:
                        Send(link, SampleData.Capabilities);
                        break;
                    case 0x03:
                        Send(link, SampleData.PublicKeyDevice);
                        break;
                    case 0x05:
                        Send(link, SampleData.ConfirmationDevice);
                        break;
                    case 0x06:
                        Send(link, SampleData.RandomDevice);
                        break;
                    case 0x07:
                        Send(link, SampleData.Complete);
                        break;
                }
            };
        }

        internal static void Send(IProvisioningBearer link, string hex)
        {
            byte[] pdu = Hex.Decode(hex);
            link.Send(pdu, 0, pdu.Length);
        }
    }
}
