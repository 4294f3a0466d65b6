using System;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Bearers
{
    /// <summary>
    /// PB-ADV links on the device (MshPRT §5.3): transactions, acknowledgments, timers in virtual
    /// time and the malformed or hostile advertisements a link must shrug off. Host twins:
    /// tests/Gateway.Core.Tests/Mesh/Bearers/PbAdvLinkTests.cs and PbAdvTimerTests.cs.
    /// </summary>
    [TestClass]
    public class PbAdvLinkTests
    {
        /// <summary>MshPRT §5.3.3: a repeated transaction is acknowledged again but delivered once.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_DuplicateTransactionIsReAckedNotDeliveredTwice()
        {
            PbAdvHarness h = new PbAdvHarness();
            h.OpenProvisionerLink();
            for (int i = 0; i < 3; i++)
            {
                h.Inject(ProvisioningSamples.CapabilitiesAdv);
                h.Scheduler.Advance(100);
            }

            Assert.AreEqual(ProvisioningSamples.Capabilities, h.Handler.ReceivedHex(), "#1");
            Assert.AreEqual(3, h.Count(ProvisioningSamples.Ack(0x80)), "#2");
            Assert.AreEqual(2L, h.Bearer.DuplicateCount, "#3");
        }

        /// <summary>MshPRT §5.3.3: the device numbers its transactions 0x80–0xFF; a device PDU numbered 0x00 is malformed.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_TransactionNumberFromTheWrongHalfIsDropped()
        {
            PbAdvHarness h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject("23af58500000000cd6010100010000000000000000");
            h.Scheduler.Advance(100);
            Assert.AreEqual(0, h.Handler.Received.Count, "#4");
            Assert.AreEqual(1L, h.Bearer.MalformedCount, "#5");
            Assert.AreEqual(1, h.Radio.Sent.Count, "only the Link Open, no acknowledgment");
        }

        /// <summary>MshPRT §5.3.1.1: a wrong FCS is neither acknowledged nor delivered; the sender's retransmission gets through.</summary>
        [TestMethod]
        public static void MshPRT_5_3_1_1_WrongFcsIsNeitherAcknowledgedNorDelivered()
        {
            PbAdvHarness h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Inject("23af58508000000cd7010100010000000000000000");
            h.Scheduler.Advance(100);
            Assert.AreEqual(0, h.Handler.Received.Count, "#6");
            Assert.AreEqual(0, h.Count(ProvisioningSamples.Ack(0x80)), "#7");
            Assert.AreEqual(1L, h.Bearer.AbortedTransactionCount, "#8");
            h.Inject(ProvisioningSamples.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            Assert.AreEqual(1, h.Handler.Received.Count, "#9");
        }

        /// <summary>MshPRT §5.3.2: the device accepts a Link Open for its own UUID only, and re-acknowledges a repeat.</summary>
        [TestMethod]
        public static void MshPRT_5_3_2_DeviceAcceptsLinkOpenForItsUuidOnly()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.Bearer.CreateDeviceLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Inject("11111111000300000000000000000000000000000001");
            h.Scheduler.Advance(100);
            Assert.AreEqual((int)ProvisioningLinkState.Opening, (int)link.State, "#10");
            Assert.AreEqual(1L, h.Bearer.NotForUsCount, "#11");

            h.Inject(ProvisioningSamples.LinkOpenAdv);
            h.Scheduler.Advance(100);
            Assert.AreEqual((int)ProvisioningLinkState.Open, (int)link.State, "#12");
            Assert.AreEqual(ProvisioningSamples.LinkId, link.LinkId, "#13");
            h.Inject(ProvisioningSamples.LinkOpenAdv);
            h.Scheduler.Advance(100);
            Assert.AreEqual(1, h.Handler.Opened, "#14");
            Assert.AreEqual(2, h.Count(ProvisioningSamples.LinkAckAdv), "#15");
        }

        /// <summary>MshPRT §8.7: the device bearer reassembles the provisioner's sample transactions and acknowledges each.</summary>
        [TestMethod]
        public static void MshPRT_8_7_DeviceReassemblesAndAcksTransactions()
        {
            PbAdvHarness h = new PbAdvHarness();
            h.OpenDeviceLink();
            h.Inject(ProvisioningSamples.InviteAdv);
            h.Inject(ProvisioningSamples.StartAdv);
            h.Scheduler.Advance(100);
            h.Inject(ProvisioningSamples.PublicKeyProvisionerAdv0);
            h.Inject(ProvisioningSamples.PublicKeyProvisionerAdv1);
            h.Inject(ProvisioningSamples.PublicKeyProvisionerAdv2);
            h.Scheduler.Advance(100);
            Assert.AreEqual(ProvisioningSamples.Joined(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner), h.Handler.ReceivedHex(), "#16");
            Assert.AreEqual(1, h.Count(ProvisioningSamples.Ack(0x00)), "#17");
            Assert.AreEqual(1, h.Count(ProvisioningSamples.Ack(0x01)), "#18");
            Assert.AreEqual(1, h.Count(ProvisioningSamples.Ack(0x02)), "#19");
        }

        /// <summary>MshPRT §5.3.2: Link Open is sent after the 20 ms TX delay and repeated every 1.5 s until the Link ACK.</summary>
        [TestMethod]
        public static void MshPRT_5_3_2_LinkOpenIsRepeatedUntilLinkAck()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.RunUntil(3100);
            Assert.AreEqual("20 1520 3020", h.Radio.TimesOf(ProvisioningSamples.LinkOpenAdv), "#20");
            Assert.AreEqual((int)ProvisioningLinkState.Opening, (int)link.State, "#21");
            h.Inject(ProvisioningSamples.LinkAckAdv);
            h.Scheduler.Advance(1);
            Assert.AreEqual((int)ProvisioningLinkState.Open, (int)link.State, "#22");
            h.Scheduler.RunUntil(20000);
            Assert.AreEqual(3, h.Count(ProvisioningSamples.LinkOpenAdv), "#23");
            Assert.AreEqual(1, h.Handler.Opened, "#24");
        }

        /// <summary>MshPRT §5.3.2: without a Link ACK the provisioner gives up after 60 s and sends Link Close (Timeout) three times.</summary>
        [TestMethod]
        public static void MshPRT_5_3_2_LinkEstablishmentGivesUpAfter60s()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.RunUntil(59999);
            Assert.AreEqual((int)ProvisioningLinkState.Opening, (int)link.State, "#25");
            Assert.AreEqual(40, h.Count(ProvisioningSamples.LinkOpenAdv), "#26");
            h.Scheduler.RunUntil(61000);
            Assert.AreEqual((int)ProvisioningLinkState.Closed, (int)link.State, "#27");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.LinkOpenTimeout, (int)h.Handler.ClosedReason, "#28");
            Assert.AreEqual("60020 60040 60060", h.Radio.TimesOf("23af5850000b01"), "#29");
            Assert.AreEqual(0, h.Bearer.LinkCount, "#30");
        }

        /// <summary>MshPRT §5.3.3: an unacknowledged transaction is resent whole every 500 ms; the acknowledgment stops it.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_UnackedTransactionResentEvery500ms()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.OpenProvisionerLink();
            long first = h.Scheduler.NowMilliseconds + 20;
            RecordingLinkHandler.Send(link, ProvisioningSamples.PublicKeyProvisioner);
            h.Scheduler.Advance(1100);
            string times = first.ToString() + " " + (first + 500).ToString() + " " + (first + 1000).ToString();
            // The sample sends it as transaction 0x02; here it is the link's first (0x00).
            Assert.AreEqual(times, h.Radio.TimesOf("23af585000" + ProvisioningSamples.PublicKeyProvisionerAdv0.Substring(10)), "#31");
            Assert.AreEqual(times, h.Radio.TimesOf("23af585000" + ProvisioningSamples.PublicKeyProvisionerAdv2.Substring(10)), "#32");
            Assert.AreEqual(10, h.Radio.Sent.Count, "#33");
            h.Inject(ProvisioningSamples.Ack(0x00));
            h.Scheduler.Advance(1);
            Assert.AreEqual(1, h.Handler.TransmitCompletes, "#34");
            h.Scheduler.Advance(5000);
            Assert.AreEqual(10, h.Radio.Sent.Count, "#35");
        }

        /// <summary>MshPRT §5.3.3: a transaction not acknowledged within 30 s closes the link with Timeout.</summary>
        [TestMethod]
        public static void MshPRT_5_3_3_TransactionTimeoutAfter30sClosesTheLink()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.OpenProvisionerLink();
            long firstSend = h.Scheduler.NowMilliseconds + 20;
            RecordingLinkHandler.Send(link, ProvisioningSamples.Invite);
            h.Scheduler.RunUntil(firstSend + 29999);
            Assert.AreEqual((int)ProvisioningLinkState.Open, (int)link.State, "#36");
            Assert.AreEqual(60, h.Count(ProvisioningSamples.InviteAdv), "#37");
            h.Scheduler.RunUntil(firstSend + 31000);
            Assert.AreEqual((int)ProvisioningLinkState.Closed, (int)link.State, "#38");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Timeout, (int)h.Handler.ClosedReason, "#39");
            Assert.AreEqual(3, h.Count("23af5850000b01"), "#40");
            Assert.AreEqual(0, h.Handler.TransmitCompletes, "#41");
        }

        /// <summary>MshPRT §5.3.2: Link Close carries its reason, goes out three times, and the link refuses sends while closing.</summary>
        [TestMethod]
        public static void MshPRT_5_3_2_LinkCloseIsSentThreeTimesWithItsReason()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink link = h.OpenProvisionerLink();
            link.Close(ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual((int)ProvisioningLinkState.Closing, (int)link.State, "#42");
            Assert.ThrowsException(typeof(InvalidOperationException), () => RecordingLinkHandler.Send(link, ProvisioningSamples.Invite), "#43");
            h.Scheduler.Advance(1000);
            Assert.AreEqual(3, h.Count("23af5850000b02"), "#44");
            Assert.AreEqual(1, h.Handler.ClosedCount, "#45");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Fail, (int)h.Handler.ClosedReason, "#46");
            link.Close(ProvisioningLinkCloseReason.Success);
            h.Scheduler.Advance(1000);
            Assert.AreEqual(1, h.Handler.ClosedCount, "#47");
        }

        /// <summary>A bearer holds a bounded number of links; a slot is freed when a link closes.</summary>
        [TestMethod]
        public static void LinkSlotsAreBoundedAndFreedOnClose()
        {
            PbAdvHarness h = new PbAdvHarness();
            PbAdvLink[] links = new PbAdvLink[4];
            for (int i = 0; i < 4; i++)
            {
                links[i] = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            }

            Assert.IsFalse(h.Bearer.HasFreeLinkSlot, "#48");
            Assert.ThrowsException(typeof(InvalidOperationException), () => h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler), "#49");
            links[2].Close(ProvisioningLinkCloseReason.Fail);
            Assert.IsTrue(h.Bearer.HasFreeLinkSlot, "#50");
            Assert.IsNotNull(h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler), "#51");
        }

        /// <summary>Advertisements that are not PB-ADV or not for one of our links are counted and dropped.</summary>
        [TestMethod]
        public static void MalformedInput_ForeignAndBrokenAdvertsDropped()
        {
            PbAdvHarness h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Bearer.CreateDeviceLink(Hex.Decode("00112233445566778899aabbccddeeff"), h.Handler).Open();
            string[] adverts = new string[]
            {
                "0201061aff4c000215" + "00112233445566778899aabbccddeeff" + "00010002c5",
                "1516271870cf7c9732a345b691494810d2e9cbf42040",
                "142b0070cf7c9732a345b691494810d2e9cbf4a040",
                "0729" + "deadbeef0001",
                "1729" + "deadbeef000370cf7c9732a345b691494810d2e9cbf4",
                "0d29" + "deadbeef80000004ff01020304",
                "0429" + "23af58",
                "ff29" + "23af5850",
                "00",
            };
            for (int i = 0; i < adverts.Length; i++)
            {
                byte[] ad = Hex.Decode(adverts[i]);
                h.Bearer.OnAdvertisement(1, -50, ad, 0, ad.Length);
            }

            Assert.AreEqual(5L, h.Bearer.NotPbAdvCount, "#52");
            Assert.AreEqual(4L, h.Bearer.NotForUsCount, "#53");
            Assert.AreEqual(0, h.Handler.Received.Count, "#54");
        }
    }
}
