using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;
using Gateway.Core.DeviceTests.Support;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// The gateway's provisioner session against a malicious or broken device, on the device's
    /// interpreter: the MshPRT §8.7 sample device with one answer replaced. Per §5.4.4 the
    /// provisioner never sends Provisioning Failed: it closes the link with Fail (or Timeout) and
    /// keeps the code. Host twin: tests/Gateway.Core.Tests/Mesh/Provisioning/ProvisioningAttackTests.cs.
    /// </summary>
    [TestClass]
    public class ProvisionerNegativeTests
    {
        /// <summary>CVE-2020-26560: the device sends our own public key back.</summary>
        [TestMethod]
        public static void MshPRT_5_4_3_1_ReflectedPublicKeyIsRejected()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Reflect(ProvisioningPduType.PublicKey);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "reflected-public-key", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Confirmation), "#1");
        }

        /// <summary>MshPRT §5.4.3.1: the device's key must be a P-256 point (here the sample key with the last Y octet changed).</summary>
        [TestMethod]
        public static void MshPRT_5_4_3_1_PublicKeyNotOnTheCurveIsRejected()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.PublicKey, ProvisioningSamples.PublicKeyDevice.Substring(0, 129) + "a");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "invalid-public-key", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Confirmation), "#2");
        }

        /// <summary>MshPRT §5.4.3.1: X = p is out of range even though X mod p = 0 might be on the curve.</summary>
        [TestMethod]
        public static void MshPRT_5_4_3_1_PublicKeyWithXEqualToPIsRejected()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.PublicKey, "03ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
                + ProvisioningSamples.PublicKeyDevice.Substring(66));
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "invalid-public-key", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>Errata E16350 / CVE-2020-26560 (MshPRT §5.4.2.4.2): our own confirmation sent back.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_ReflectedConfirmationIsConfirmationFailed()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Reflect(ProvisioningPduType.Confirmation);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "reflected-confirmation", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Random), "#3");
        }

        /// <summary>CVE-2020-26560: our own random sent back.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_ReflectedRandomIsConfirmationFailed()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Reflect(ProvisioningPduType.Random);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "reflected-random", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Data), "#4");
        }

        /// <summary>MshPRT §5.4.2.4.2 step 5: a device that does not know the AuthValue cannot match its confirmation; no data leaves.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_WrongConfirmation_NoDataSent()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Confirmation, "0500112233445566778899aabbccddeeff");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "confirmation-mismatch", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Data), "#5");
            Assert.AreEqual(1, h.Link.CountSent((int)ProvisioningPduType.Random), "our random went out before the check");
        }

        /// <summary>MshPRT §5.4.1: only the expected PDU type is accepted in each state (Unexpected PDU).</summary>
        [TestMethod]
        [DataRow(0x05, ProvisioningSamples.RandomDevice, "")]
        [DataRow(0x00, ProvisioningSamples.RandomDevice, "")]
        [DataRow(0x00, ProvisioningSamples.Data, "")]
        [DataRow(0x00, ProvisioningSamples.Capabilities, ProvisioningSamples.Capabilities)]
        [DataRow(0x02, ProvisioningSamples.PublicKeyDevice, "")]
        [DataRow(0x06, ProvisioningSamples.Complete, "")]
        [DataRow(0x03, ProvisioningSamples.PublicKeyDevice, "04")]
        [DataRow(0x00, ProvisioningSamples.Invite, "")]
        [DataRow(0x05, ProvisioningSamples.ConfirmationDevice, ProvisioningSamples.ConfirmationDevice)]
        public static void MshPRT_5_4_1_OutOfOrderPduIsUnexpectedPdu(int after, string first, string second)
        {
            SampleSession h = SampleSession.ForProvisioner();
            if (second.Length == 0)
            {
                h.Answer((ProvisioningPduType)after, first);
            }
            else
            {
                h.Answer((ProvisioningPduType)after, first, second);
            }

            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedPdu, "unexpected-pdu", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>MshPRT §5.4.1 (Table 5.17): the exact length per type, checked before any handler reads a field.</summary>
        [TestMethod]
        [DataRow(0x00, "0101000100000000000000")]
        [DataRow(0x00, "01010001000000000000000000")]
        [DataRow(0x03, "03f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb2")]
        [DataRow(0x05, "05eeba521c196b52cc2e37aa40329f554eeeba521c196b52cc2e37aa40329f554e")]
        [DataRow(0x06, "0655a2a2bca04cd32ff6f346bd0a0c1a")]
        [DataRow(0x07, "0800")]
        [DataRow(0x00, "09")]
        [DataRow(0x00, "")]
        public static void MshPRT_5_4_1_WrongLengthIsInvalidFormat(int after, string answer)
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer((ProvisioningPduType)after, answer);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidFormat, "invalid-format", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>MshPRT §5.4.1: RFU types and non-zero padding bits are Invalid PDU.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_RfuTypeIsInvalidPdu()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite, "0e00000000000000000000");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidPdu, "invalid-pdu", ProvisioningLinkCloseReason.Fail);
        }

        [TestMethod]
        public static void MshPRT_5_4_1_PaddingBitsAreInvalidPdu()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite, "41" + ProvisioningSamples.CapabilitiesParameters);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidPdu, "invalid-pdu", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>MshPRT §5.4.4: a Failed PDU in any state stops the session with the device's code.</summary>
        [TestMethod]
        public static void MshPRT_5_4_4_FailedPduFromTheDeviceEndsTheSessionWithItsCode()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.PublicKey, "0903");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedPdu, "device-failed-3", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>Table 5.41: a Failed PDU with the Prohibited code 0x00 still stops the session, kept as Unexpected Error.</summary>
        [TestMethod]
        public static void MshPRT_5_4_4_FailedPduWithTheProhibitedCodeIsUnexpectedError()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Confirmation, "0900");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "device-failed-0", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>MshPRT Tables 5.19–5.27: capabilities a provisioner cannot act on.</summary>
        [TestMethod]
        [DataRow("0000010000000000000000")]
        [DataRow("0100000000000000000000")]
        [DataRow("0100010000090001000000")]
        [DataRow("0100030002000000000000")]
        public static void MshPRT_5_4_1_2_UnusableCapabilitiesAreInvalidFormat(string capabilities)
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite, "01" + capabilities);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidFormat, "invalid-capabilities", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Start), "#6");
        }

        /// <summary>255 elements and no room in the address space: Cannot Assign Addresses, no Start sent.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_2_NoRoomForTheElementsIsCannotAssignAddresses()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.ProvisionerEvents.RefuseAddresses = true;
            h.Answer(ProvisioningPduType.Invite, "01ff00010000000000000000");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.CannotAssignAddresses, "no-unicast-addresses", ProvisioningLinkCloseReason.Fail);
            Assert.AreEqual("assign 255", (string)h.ProvisionerEvents.Events[0], "#7");
        }

        /// <summary>MshPRT §5.4.4: a device silent after the Invite times out at 60 s exactly.</summary>
        [TestMethod]
        public static void MshPRT_5_4_4_SilentDeviceTimesOutAtSixtySeconds()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite);
            h.Start();
            Assert.AreEqual(ProvisioningSamples.Invite, h.Link.AllSentHex(), "#8");
            h.Scheduler.Advance(59999);
            Assert.AreEqual((int)ProvisioningOutcome.Pending, (int)h.Provisioner.Outcome, "#9");
            Assert.IsFalse(h.Link.ClosedByUs, "#10");
            h.Scheduler.Advance(1);
            Assert.AreEqual(60000L, h.Scheduler.NowMilliseconds, "#11");
            h.AssertProvisionerEnded(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "timeout", ProvisioningLinkCloseReason.Timeout);
        }

        /// <summary>The owner refuses to store the node before the data leaves (write-ahead failed): no Provisioning Data is sent.</summary>
        [TestMethod]
        public static void NodeThatCannotBeStoredIsNeverSentItsData()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.ProvisionerEvents.RefuseToStoreNode = true;
            h.Start();
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)h.Provisioner.Outcome, "#12");
            Assert.AreEqual((int)ProvisioningErrorCode.UnexpectedError, (int)h.Provisioner.ErrorCode, "#13");
            Assert.AreEqual(0, h.Link.CountSent((int)ProvisioningPduType.Data), "#14");
            Assert.IsTrue(h.Link.ClosedByUs, "#15");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Fail, (int)h.Link.CloseReason, "#16");
        }
    }
}
