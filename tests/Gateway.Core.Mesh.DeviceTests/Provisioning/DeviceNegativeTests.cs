using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// The device role against a malicious or broken provisioner: the test plays the provisioner with
    /// the MshPRT §8.7 sample PDUs and replaces one. Per §5.4.4 the device answers an error with one
    /// Provisioning Failed PDU and waits for the provisioner to close the link. Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Provisioning/ProvisioningDeviceAttackTests.cs.
    /// </summary>
    [TestClass]
    public class DeviceNegativeTests
    {
        /// <summary>MshPRT §5.4.2.3: a Start asking for what the device did not offer, or RFU values.</summary>
        [TestMethod]
        [DataRow("020100000000")]
        [DataRow("020000010000")]
        [DataRow("020001000000")]
        [DataRow("020200000000")]
        [DataRow("020000040000")]
        public static void MshPRT_5_4_2_3_UnofferedStartIsInvalidFormat(string start)
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, start);
            Assert.AreEqual(ProvisioningSamples.Joined(ProvisioningSamples.Capabilities, "0902"), h.Link.AllSentHex(), "#1");
            h.AssertDeviceFailed(ProvisioningErrorCode.InvalidFormat);
        }

        /// <summary>MshPRT §5.4.3.1: the provisioner's key is not a P-256 point; the ECDH refuses it.</summary>
        [TestMethod]
        public static void MshPRT_5_4_3_1_ProvisionerKeyNotOnTheCurveIsUnexpectedError()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner.Substring(0, 129) + "e");
            Assert.AreEqual(ProvisioningSamples.Joined(ProvisioningSamples.Capabilities, ProvisioningSamples.PublicKeyDevice, "0907"), h.Link.AllSentHex(), "#2");
            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedError);
        }

        /// <summary>CVE-2020-26560 from the other side: the provisioner sends the device's own public key.</summary>
        [TestMethod]
        public static void MshPRT_5_4_3_1_ReflectedPublicKeyFromProvisioner()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyDevice);
            Assert.AreEqual(ProvisioningSamples.Joined(ProvisioningSamples.Capabilities, "0907"), h.Link.AllSentHex(), "#3");
            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedError);
        }

        /// <summary>MshPRT §5.4.2.4.2 (Errata E16350): the provisioner sends the device's own confirmation.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_ReflectedConfirmationFromProvisioner()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner, ProvisioningSamples.ConfirmationDevice);
            Assert.AreEqual(ProvisioningSamples.Joined(ProvisioningSamples.Capabilities, ProvisioningSamples.PublicKeyDevice, "0904"), h.Link.AllSentHex(), "#4");
            h.AssertDeviceFailed(ProvisioningErrorCode.ConfirmationFailed);
        }

        /// <summary>MshPRT §5.4.2.4.2: a provisioner whose random does not match its confirmation; the device never reveals its own random.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_ConfirmationMismatch_RandomStaysSecret()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner,
                "0500112233445566778899aabbccddeeff", ProvisioningSamples.RandomProvisioner);
            Assert.AreEqual(4, h.Link.Sent.Count, "#5");
            Assert.AreEqual(-1, h.Link.AllSentHex().IndexOf(ProvisioningSamples.RandomDevice), "the device random stays secret");
            h.AssertDeviceFailed(ProvisioningErrorCode.ConfirmationFailed);
        }

        /// <summary>MshPRT §5.4.2.5: Provisioning Data whose MIC or ciphertext was changed is Decryption Failed.</summary>
        [TestMethod]
        [DataRow("07d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c6")]
        [DataRow("07d1bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c7")]
        public static void MshPRT_5_4_2_5_ForgedProvisioningDataIsDecryptionFailed(string data)
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner,
                ProvisioningSamples.ConfirmationProvisioner, ProvisioningSamples.RandomProvisioner, data);
            Assert.AreEqual("0906", h.Link.SentHex(4), "#6");
            Assert.IsNull(h.Device.Data, "#7");
            h.AssertDeviceFailed(ProvisioningErrorCode.DecryptionFailed);
        }

        /// <summary>MshPRT §5.4.1 from the device's side: anything but the expected PDU is Unexpected PDU.</summary>
        [TestMethod]
        [DataRow(ProvisioningSamples.Start, "", "")]
        [DataRow(ProvisioningSamples.Invite, ProvisioningSamples.Invite, "")]
        [DataRow(ProvisioningSamples.Invite, ProvisioningSamples.ConfirmationProvisioner, "")]
        [DataRow(ProvisioningSamples.Invite, ProvisioningSamples.Capabilities, "")]
        [DataRow(ProvisioningSamples.Invite, "0902", "")]
        [DataRow(ProvisioningSamples.Invite, ProvisioningSamples.Start, "08")]
        public static void MshPRT_5_4_1_OutOfOrderPduIsUnexpectedPdu(string first, string second, string third)
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(first);
            if (second.Length > 0)
            {
                h.Play(second);
            }

            if (third.Length > 0)
            {
                h.Play(third);
            }

            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedPdu);
        }

        /// <summary>MshPRT §5.4.1 on the device: a wrong length is Invalid Format, an RFU type or padding bits Invalid PDU.</summary>
        [TestMethod]
        [DataRow("00", 0x02)]
        [DataRow("000500", 0x02)]
        [DataRow("0e", 0x01)]
        [DataRow("4005", 0x01)]
        public static void MshPRT_5_4_1_MalformedInviteGetsTheSpecCode(string invite, int code)
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(invite);
            Assert.AreEqual("09" + Hex.Encode(new byte[] { (byte)code }), h.Link.AllSentHex(), "#8");
            h.AssertDeviceFailed((ProvisioningErrorCode)code);
        }

        /// <summary>MshPRT §5.4.4: after Failed the device waits for the close; a provisioner that never closes meets the device's own 120 s timer.</summary>
        [TestMethod]
        public static void MshPRT_5_4_4_DeviceClosesWhenProvisionerNeverDoes()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, "020100000000");
            h.Scheduler.Advance(119999);
            Assert.IsFalse(h.Link.ClosedByUs, "#9");
            h.Scheduler.Advance(1);
            h.Scheduler.RunPending();
            Assert.IsTrue(h.Link.ClosedByUs, "#10");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Timeout, (int)h.Link.CloseReason, "#11");
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)h.Device.Outcome, "#12");
            Assert.AreEqual((int)ProvisioningErrorCode.InvalidFormat, (int)h.Device.ErrorCode, "#13");
            Assert.AreEqual(0, h.Scheduler.PendingTimerCount, "#14");
            Assert.AreEqual(1, h.DeviceEvents.EndedCount, "#15");
        }

        /// <summary>MshPRT §5.4.2.5: a primary address that leaves no room for the second element is Cannot Assign Addresses (from our own provisioner, encrypted for real).</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_5_NoRoomForTheElements()
        {
            ProvisioningRequest request = SessionPair.SampleRequest();
            request.PreferHmacSha256 = false;
            SessionPair pair = new SessionPair("0200010000000000000000", null, request);
            pair.Address = 0x7FFF;
            Assert.IsTrue(pair.Run(), "#16");
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)pair.Device.Outcome, "#17");
            Assert.AreEqual((int)ProvisioningErrorCode.CannotAssignAddresses, (int)pair.Device.ErrorCode, "#18");
            Assert.AreEqual("0908", pair.DeviceLink.LastSentHex(), "#19");
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)pair.Provisioner.Outcome, "#20");
            Assert.AreEqual("device-failed-8", pair.Provisioner.FailureDetail, "#21");
            Assert.IsTrue(pair.DeviceLink.ClosedByPeer, "#22");
            Assert.IsNull(pair.Device.Data, "#23");
            Assert.AreEqual(0, pair.Scheduler.PendingTimerCount, "#24");
            Assert.IsFalse(pair.Log.ContainsSecret(Hex.Decode(ProvisioningSamples.NetKey)), "#25");
        }
    }
}
