using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>PB-ADV link behaviour and the attacks it must shrug off (MshPRT §5.3), one bearer against a hand-driven peer.</summary>
    public class PbAdvLinkTests
    {
        [Fact]
        public void MshPRT_5_3_3_DuplicateOfTheDeliveredTransactionIsReAckedNotDeliveredTwice()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            Assert.Single(h.Handler.Received);
            Assert.Equal(SampleData.Capabilities, h.Handler.ReceivedHex[0]);
            Assert.Equal(3, h.Count(SampleData.CapabilitiesAck));
            Assert.Equal(2, h.Bearer.DuplicateCount);
        }

        [Fact]
        public void TransactionNumberFromTheWrongHalfIsDropped()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            // Capabilities numbered as a provisioner transaction (0x00): the device must use 0x80–0xFF.
            h.Inject("23af58500000000cd6010100010000000000000000");
            h.Scheduler.Advance(100);
            Assert.Empty(h.Handler.Received);
            Assert.Equal(1, h.Bearer.MalformedCount);
            Assert.Equal(1, h.Sent().Count); // only the Link Open: no ack

            var d = new PbAdvHarness();
            d.OpenDeviceLink();
            d.Inject("23af585080000002140000"); // Invite numbered 0x80
            d.Scheduler.Advance(100);
            Assert.Empty(d.Handler.Received);
            Assert.Equal(1, d.Bearer.MalformedCount);
        }

        [Fact]
        public void StaleAndFutureTransactionsAreIgnored()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject(SampleData.RandomDeviceAdv); // 0x83 while 0x80 is expected
            h.Scheduler.Advance(100);
            Assert.Empty(h.Handler.Received);
            Assert.Equal(1, h.Bearer.StaleCount);

            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            foreach (string s in SampleData.PublicKeyDeviceAdv)
            {
                h.Inject(s);
            }

            h.Scheduler.Advance(100);
            Assert.Equal(2, h.Handler.Received.Count);
            h.Inject(SampleData.CapabilitiesAdv); // 0x80 is now two transactions old: neither re-acked nor delivered
            h.Scheduler.Advance(100);
            Assert.Equal(2, h.Handler.Received.Count);
            Assert.Equal(1, h.Count(SampleData.CapabilitiesAck));
            Assert.Equal(2, h.Bearer.StaleCount);
        }

        [Fact]
        public void AckForAnotherTransactionIsIgnored()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            PbAdvHarness.Send(link, SampleData.Invite);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.StartAck); // 0x01, not 0x00
            h.Scheduler.Advance(1000);
            Assert.Equal(0, h.Handler.TransmitCompletes);
            Assert.Equal(3, h.Count(SampleData.InviteAdv));
        }

        [Fact]
        public void WrongFcsIsNeitherAcknowledgedNorDelivered()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject("23af5850800000" + "0cd7" + "010100010000000000000000"); // FCS d7 instead of d6
            h.Scheduler.Advance(100);
            Assert.Empty(h.Handler.Received);
            Assert.Equal(0, h.Count(SampleData.CapabilitiesAck));
            Assert.Equal(1, h.Bearer.AbortedTransactionCount);

            h.Inject(SampleData.CapabilitiesAdv); // the sender's retransmission gets through
            h.Scheduler.Advance(100);
            Assert.Single(h.Handler.Received);
        }

        [Fact]
        public void ContinuationBeforeStartIsDroppedAndTheRetransmissionCompletes()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.PublicKeyDeviceAdv[1]);
            h.Inject(SampleData.PublicKeyDeviceAdv[2]);
            h.Scheduler.Advance(100);
            Assert.Equal(2, h.Bearer.ContinuationBeforeStartCount);
            Assert.Single(h.Handler.Received);

            foreach (string s in SampleData.PublicKeyDeviceAdv)
            {
                h.Inject(s);
            }

            h.Scheduler.Advance(100);
            Assert.Equal(SampleData.PublicKeyDevice, h.Handler.ReceivedHex[1]);
            Assert.Equal(1, h.Count(SampleData.PublicKeyDeviceAck));
        }

        [Fact]
        public void ConflictingSegmentAbortsAndTheRetransmissionRecovers()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.PublicKeyDeviceAdv[0]);
            h.Inject(SampleData.PublicKeyDeviceAdv[1].Substring(0, 20) + "ff" + SampleData.PublicKeyDeviceAdv[1].Substring(22));
            h.Inject(SampleData.PublicKeyDeviceAdv[1]); // same index, other bytes than held
            h.Scheduler.Advance(100);
            Assert.Equal(1, h.Bearer.AbortedTransactionCount);
            Assert.Single(h.Handler.Received);

            foreach (string s in SampleData.PublicKeyDeviceAdv)
            {
                h.Inject(s);
            }

            h.Scheduler.Advance(100);
            Assert.Equal(SampleData.PublicKeyDevice, h.Handler.ReceivedHex[1]);
        }

        [Fact]
        public void OversizedSegNAndInconsistentTotalLengthAreDroppedAsMalformed()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject("23af585080fc0041d1" + "03f465e43ff23d3f1b9dc7dfc04da8758184dbc9"); // SegN 63 for 65 octets
            h.Inject("23af5850800400" + "0c" + "d6010100010000000000000000"); // SegN 1 for 12 octets
            h.Inject("23af5850800c05bd00" + "03f465e43ff23d3f1b9dc7dfc04da8758184dbc9"); // SegN 3 for 1469 octets
            h.Scheduler.Advance(100);
            Assert.Equal(3, h.Bearer.MalformedCount);
            Assert.Empty(h.Handler.Received);
        }

        [Fact]
        public void PduLargerThanTheLargestProvisioningPduIsRejected()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject("23af585080080042d1" + "03f465e43ff23d3f1b9dc7dfc04da8758184dbc9"); // 66 octets, SegN 2: well-formed, too long
            h.Scheduler.Advance(100);
            Assert.Equal(1, h.Bearer.AbortedTransactionCount);
            Assert.Empty(h.Handler.Received);
        }

        [Fact]
        public void PdusAfterCloseAreDropped()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            h.Inject("23af5850000b02"); // peer closes with Fail
            h.Deliver();
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.Fail, h.Handler.ClosedReason);
            Assert.True(link.ClosedByPeer);
            Assert.Equal(2, link.PeerCloseReasonCode);

            long before = h.Bearer.NotForUsCount;
            h.Inject(SampleData.CapabilitiesAdv);
            h.Inject("23af5850000b02");
            h.Scheduler.Advance(100);
            Assert.Empty(h.Handler.Received);
            Assert.Equal(1, h.Handler.ClosedCount);
            Assert.Equal(before + 2, h.Bearer.NotForUsCount);
            Assert.Equal(1, h.Sent().Count); // the bearer never answered: only its Link Open
            Assert.Throws<InvalidOperationException>(() => PbAdvHarness.Send(link, SampleData.Invite));
        }

        [Fact]
        public void MshPRT_5_3_1_4_3_UnrecognizedLinkCloseReasonStillCloses()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            h.Inject("23af5850000b07");
            h.Deliver();
            Assert.Equal(ProvisioningLinkCloseReason.UnrecognizedPeerReason, h.Handler.ClosedReason);
            Assert.Equal(7, link.PeerCloseReasonCode);
        }

        [Fact]
        public void NextTransactionOfThePeerAcknowledgesOurs()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            PbAdvHarness.Send(link, SampleData.Invite);
            h.Scheduler.Advance(600); // sent twice, never acked
            Assert.Equal(2, h.Count(SampleData.InviteAdv));

            // The device answers with Capabilities; its Transaction ACK for the Invite never came
            // (BlueZ meshd replaces it in its queue by this PDU: reference/bluez-peer.md).
            h.Inject(SampleData.CapabilitiesAdv);
            h.Deliver();
            Assert.Equal(1, h.Handler.TransmitCompletes);
            Assert.Single(h.Handler.Received);
            h.Scheduler.Advance(3000);
            Assert.Equal(2, h.Count(SampleData.InviteAdv));
            Assert.Equal(ProvisioningLinkState.Open, link.State);
        }

        [Fact]
        public void RepeatOfThePeersPreviousTransactionDoesNotAcknowledgeOurs()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            PbAdvHarness.Send(link, SampleData.Start);
            h.Scheduler.Advance(100);
            h.Inject(SampleData.CapabilitiesAdv); // a chatty device repeating 0x80
            h.Scheduler.Advance(100);
            Assert.Equal(0, h.Handler.TransmitCompletes);
            Assert.Equal(2, h.Count(SampleData.CapabilitiesAck));
        }

        [Fact]
        public void SendQueueHoldsStartAndPublicKeyAndRefusesMore()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            PbAdvHarness.Send(link, SampleData.Start);
            PbAdvHarness.Send(link, SampleData.PublicKeyProvisioner);
            Assert.Throws<InvalidOperationException>(() => PbAdvHarness.Send(link, SampleData.Invite));
            h.Scheduler.Advance(100);
            Assert.Equal(0, h.Count("23af585001080041d1032c31a47b5779809ef44cb5eaaf5c3e43d5f8fa"));
            h.Inject("23af58500001"); // ack of Start (transaction 0x00 here)
            h.Scheduler.Advance(100);
            Assert.Equal(1, h.Handler.TransmitCompletes);
            Assert.Equal(1, h.Count("23af585001080041d1032c31a47b5779809ef44cb5eaaf5c3e43d5f8fa"));
        }

        [Fact]
        public void SendRejectsEmptyAndOversizedPdusAndUnopenedLinks()
        {
            var h = new PbAdvHarness();
            var idle = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            Assert.Throws<InvalidOperationException>(() => PbAdvHarness.Send(idle, SampleData.Invite));
            idle.Close(ProvisioningLinkCloseReason.Fail);

            var link = h.OpenProvisionerLink();
            Assert.Throws<ArgumentOutOfRangeException>(() => link.Send(new byte[66], 0, 66));
            Assert.Throws<ArgumentOutOfRangeException>(() => link.Send(new byte[1], 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => link.Send(new byte[4], 2, 3));
            Assert.Throws<ArgumentNullException>(() => link.Send(null, 0, 1));
            Assert.Throws<InvalidOperationException>(() => link.Open());
        }

        [Fact]
        public void MshPRT_5_3_2_DeviceAcceptsLinkOpenForItsUuidOnly()
        {
            var h = new PbAdvHarness();
            var link = h.Bearer.CreateDeviceLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Inject("11111111000300000000000000000000000000000001"); // Link Open for another device
            h.Scheduler.Advance(100);
            Assert.Equal(ProvisioningLinkState.Opening, link.State);
            Assert.Equal(1, h.Bearer.NotForUsCount);

            h.Inject(SampleData.LinkOpen);
            h.Scheduler.Advance(100);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            Assert.Equal(SampleData.LinkId, link.LinkId);
            Assert.Equal(1, h.Handler.Opened);
            Assert.Equal(1, h.Count(SampleData.LinkAck));
        }

        [Fact]
        public void MshPRT_5_3_2_DeviceReAcksARepeatedLinkOpenAndIgnoresOtherLinkIds()
        {
            var h = new PbAdvHarness();
            var link = h.OpenDeviceLink();
            h.Inject(SampleData.LinkOpen);
            h.Scheduler.Advance(100);
            Assert.Equal(2, h.Count(SampleData.LinkAck));
            Assert.Equal(1, h.Handler.Opened);

            h.Inject("99999999000370cf7c9732a345b691494810d2e9cbf4"); // a second provisioner
            h.Scheduler.Advance(100);
            Assert.Equal(SampleData.LinkId, link.LinkId);
            Assert.Equal(0, h.Count("999999990007"));
        }

        [Fact]
        public void DeviceReceivesTheProvisionersTransactionsAndAcksThem()
        {
            var h = new PbAdvHarness();
            h.OpenDeviceLink();
            h.Inject(SampleData.InviteAdv);
            h.Inject(SampleData.StartAdv);
            h.Scheduler.Advance(100);
            foreach (string s in SampleData.PublicKeyProvisionerAdv)
            {
                h.Inject(s);
            }

            h.Scheduler.Advance(100);
            Assert.Equal(new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner }, h.Handler.ReceivedHex.ToArray());
            Assert.Equal(1, h.Count(SampleData.InviteAck));
            Assert.Equal(1, h.Count(SampleData.StartAck));
            Assert.Equal(1, h.Count(SampleData.PublicKeyProvisionerAck));
        }

        [Fact]
        public void DeviceTransactionNumbersWrapFrom0xFFTo0x80()
        {
            var h = new PbAdvHarness();
            var link = h.OpenDeviceLink();
            for (int i = 0; i < 129; i++)
            {
                PbAdvHarness.Send(link, SampleData.Complete);
                h.Scheduler.Advance(25);
                int number = 0x80 | (i & 0x7F);
                h.Inject("23af5850" + number.ToString("x2") + "01");
                h.Scheduler.Advance(5);
            }

            Assert.Equal(129, h.Handler.TransmitCompletes);
            Assert.Equal(2, h.Count("23af5850800000013e08"));
            Assert.Equal(1, h.Count("23af5850ff0000013e08"));
        }

        [Fact]
        public void ProvisionerTransactionNumbersWrapFrom0x7FTo0x00()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            for (int i = 0; i < 129; i++)
            {
                PbAdvHarness.Send(link, SampleData.Invite);
                h.Scheduler.Advance(25);
                h.Inject("23af5850" + (i & 0x7F).ToString("x2") + "01");
                h.Scheduler.Advance(5);
            }

            Assert.Equal(129, h.Handler.TransmitCompletes);
            Assert.Equal(2, h.Count(SampleData.InviteAdv));
            Assert.Equal(1, h.Count("23af58507f000002140000"));
        }

        [Fact]
        public void LinkSlotsAreBoundedAndFreedOnClose()
        {
            var h = new PbAdvHarness();
            var links = new PbAdvLink[4];
            for (int i = 0; i < 4; i++)
            {
                links[i] = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            }

            Assert.False(h.Bearer.HasFreeLinkSlot);
            Assert.Throws<InvalidOperationException>(() => h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler));
            links[2].Close(ProvisioningLinkCloseReason.Fail); // never opened: closes at once
            Assert.Equal(1, h.Handler.ClosedCount);
            Assert.True(h.Bearer.HasFreeLinkSlot);
            Assert.NotNull(h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler));
        }

        [Fact]
        public void NonPbAdvAndForeignAdvertisementsAreRejectedWithoutAllocating()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Bearer.CreateDeviceLink(Hex.Decode("00112233445566778899aabbccddeeff"), h.Handler).Open();
            byte[][] adverts =
            {
                Hex.Decode("0201061aff4c000215" + "00112233445566778899aabbccddeeff" + "00010002c5"), // iBeacon
                Hex.Decode("1516271870cf7c9732a345b691494810d2e9cbf42040"),                   // 0x1827 service data
                Hex.Decode("142b0070cf7c9732a345b691494810d2e9cbf4a040"),                    // mesh beacon
                Hex.Decode("0729" + "deadbeef0001"),                                          // PB-ADV ack, other link
                Hex.Decode("1729" + "deadbeef000370cf7c9732a345b691494810d2e9cbf4"),          // Link Open, other UUID than the listener
                Hex.Decode("0d29" + "deadbeef80000004ff01020304"),                            // PB-ADV start, other link
                Hex.Decode("0429" + "23af58"),                                                // too short for a Link ID
                Hex.Decode("ff29" + "23af5850"),                                              // AD length runs past the end
                Hex.Decode("00"),
            };

            for (int i = 0; i < adverts.Length; i++)
            {
                h.Bearer.OnAdvertisement(1, -50, adverts[i], 0, adverts[i].Length); // warm-up (JIT)
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 1000; round++)
            {
                for (int i = 0; i < adverts.Length; i++)
                {
                    h.Bearer.OnAdvertisement(1, -50, adverts[i], 0, adverts[i].Length);
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(5 * 1001, h.Bearer.NotPbAdvCount);  // iBeacon, service data, beacon, broken AD, lone 0x00
            Assert.Equal(4 * 1001, h.Bearer.NotForUsCount);  // other links, other UUID, no Link ID
            Assert.Empty(h.Handler.Received);
        }
    }
}
