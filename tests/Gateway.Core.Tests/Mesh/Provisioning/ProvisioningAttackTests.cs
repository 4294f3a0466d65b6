using System;
using System.Numerics;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// The gateway's provisioner session against a malicious or broken device (ble-mesh.md §1.7
    /// checks, §1.10 CVEs), driven on a scripted bearer with the MshPRT §8.7 sample device, one
    /// answer replaced per test. Per §5.4.4 the provisioner never sends Provisioning Failed: it
    /// closes the link with Fail (or Timeout) and keeps the code for its owner.
    /// </summary>
    public class ProvisioningAttackTests
    {
        private const string Caps = "01";

        [Fact]
        public void TheScriptedSampleDeviceIsProvisioned()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Start();
            Assert.Equal(ProvisioningOutcome.Success, h.Provisioner.Outcome);
            Assert.Equal(SampleData.Data, Hex.Encode(h.Link.Sent[h.Link.Sent.Count - 1]));
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(h.Provisioner.DeviceKey));
            Assert.Equal(ProvisioningLinkCloseReason.Success, h.Link.ClosedWith);
            Assert.Equal(0, h.Scheduler.PendingTimerCount);
        }

        /// <summary>CVE-2020-26560: the device sends our own public key back; ECDH would then need no secret of the device's.</summary>
        [Fact]
        public void ReflectedPublicKeyIsRejected()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.PublicKey, sent => sent);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "reflected-public-key", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Confirmation);
        }

        public static TheoryData<string, string> InvalidPublicKeys()
        {
            string x = SampleData.PublicKeyDevice.Substring(2, 64);
            string y = SampleData.PublicKeyDevice.Substring(66, 64);
            return new TheoryData<string, string>
            {
                { "not-on-the-curve", x + y.Substring(0, 63) + "a" },
                { "all-zero", new string('0', 128) },
                { "x-equals-p", Encode(P) + y },
                { "x-plus-p-of-a-valid-point", SmallPointWithXPlusP() },
                { "y-equals-p", x + Encode(P) },
                { "all-ones", new string('f', 128) },
            };
        }

        /// <summary>
        /// ble-mesh.md §1.7 #7 (MshPRT §5.4.3.1): the device's key must be a point of P-256 with both
        /// coordinates below p. (x + p, y) of a valid point is congruent to it, so only the range check stops it.
        /// </summary>
        [Theory]
        [MemberData(nameof(InvalidPublicKeys))]
        public void InvalidP256PublicKeyIsRejected(string what, string xy)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.PublicKey, "03" + xy);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "invalid-public-key", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Confirmation);
        }

        /// <summary>The x + p test key is not vacuous: the same point with x reduced is valid.</summary>
        [Fact]
        public void XPlusPKeyIsAValidPointOnceReduced()
        {
            string key = SmallPointWithXPlusP();
            byte[] reduced = Hex.Decode(Encode(BigInteger.Parse("0" + key.Substring(0, 64), System.Globalization.NumberStyles.HexNumber) - P) + key.Substring(64));
            Assert.True(new ManagedKeyAgreement().IsValidPublicKey(reduced, 0));
            Assert.False(new ManagedKeyAgreement().IsValidPublicKey(Hex.Decode(key), 0));
        }

        /// <summary>Errata E16350 / CVE-2020-26560 (MshPRT §5.4.2.4.2 step 3): our own confirmation sent back.</summary>
        [Fact]
        public void ReflectedConfirmationIsRejected()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Confirmation, sent => sent);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "reflected-confirmation", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Random);
        }

        /// <summary>CVE-2020-26560 (ble-mesh.md §1.7 #9): our own random sent back.</summary>
        [Fact]
        public void ReflectedRandomIsRejected()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Random, sent => sent);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "reflected-random", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Data);
        }

        /// <summary>MshPRT §5.4.2.4.2 step 5: a device that does not know the AuthValue cannot match its confirmation.</summary>
        [Fact]
        public void WrongConfirmationIsRejectedBeforeTheDataIsSent()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Confirmation, "05" + "00112233445566778899aabbccddeeff");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.ConfirmationFailed, "confirmation-mismatch", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Data);
        }

        /// <summary>ble-mesh.md §1.7 #1: only the expected PDU type is accepted in each state.</summary>
        [Theory]
        [InlineData("random-before-confirmation", ProvisioningPduType.Confirmation, new[] { SampleData.RandomDevice })]
        [InlineData("random-instead-of-capabilities", ProvisioningPduType.Invite, new[] { SampleData.RandomDevice })]
        [InlineData("data-from-the-device", ProvisioningPduType.Invite, new[] { SampleData.Data })]
        [InlineData("capabilities-twice", ProvisioningPduType.Invite, new[] { SampleData.Capabilities, SampleData.Capabilities })]
        [InlineData("public-key-before-ours", ProvisioningPduType.Start, new[] { SampleData.PublicKeyDevice })]
        [InlineData("complete-before-data", ProvisioningPduType.Random, new[] { SampleData.Complete })]
        [InlineData("input-complete-without-input-oob", ProvisioningPduType.PublicKey, new[] { SampleData.PublicKeyDevice, "04" })]
        [InlineData("invite-from-the-device", ProvisioningPduType.Invite, new[] { SampleData.Invite })]
        [InlineData("records-list-after-invite", ProvisioningPduType.Invite, new[] { "0d00000000" })]
        [InlineData("confirmation-twice", ProvisioningPduType.Confirmation, new[] { SampleData.ConfirmationDevice, SampleData.ConfirmationDevice })]
        public void OutOfOrderPduIsUnexpected(string what, ProvisioningPduType after, string[] answer)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(after, answer);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedPdu, "unexpected-pdu", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>ble-mesh.md §1.7 #3: the exact length per type, before any handler reads a field.</summary>
        [Theory]
        [InlineData("truncated-capabilities", ProvisioningPduType.Invite, "0101000100000000000000")]
        [InlineData("oversized-capabilities", ProvisioningPduType.Invite, "01010001000000000000000000")]
        [InlineData("truncated-public-key", ProvisioningPduType.PublicKey, "03f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb2")]
        [InlineData("oversized-public-key", ProvisioningPduType.PublicKey, SampleData.PublicKeyDevice + "00")]
        [InlineData("hmac-sized-confirmation-with-cmac", ProvisioningPduType.Confirmation, "05eeba521c196b52cc2e37aa40329f554eeeba521c196b52cc2e37aa40329f554e")]
        [InlineData("truncated-random", ProvisioningPduType.Random, "0655a2a2bca04cd32ff6f346bd0a0c1a")]
        [InlineData("complete-with-a-parameter", ProvisioningPduType.Data, "0800")]
        [InlineData("failed-without-a-code", ProvisioningPduType.Invite, "09")]
        [InlineData("longer-than-any-pdu", ProvisioningPduType.Invite, "0d" + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
        [InlineData("empty", ProvisioningPduType.Invite, "")]
        public void WrongLengthIsInvalidFormat(string what, ProvisioningPduType after, string answer)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(after, answer);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidFormat, "invalid-format", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>ble-mesh.md §1.7 #2 (MshPRT §5.4.1): RFU types and non-zero padding bits are Invalid PDU.</summary>
        [Theory]
        [InlineData("0e")]
        [InlineData("3f")]
        [InlineData("0e00000000000000000000")]
        [InlineData("41" + "0100010000000000000000")]
        [InlineData("81" + "0100010000000000000000")]
        [InlineData("c1" + "0100010000000000000000")]
        public void UnknownTypeOrPaddingBitsAreInvalidPdu(string answer)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite, answer);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidPdu, "invalid-pdu", ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>MshPRT §5.4.4, ble-mesh.md §1.7 #11: a Failed PDU in any state stops the session with the device's code.</summary>
        [Theory]
        [InlineData(0x01, ProvisioningPduType.Invite)]
        [InlineData(0x02, ProvisioningPduType.Start)]
        [InlineData(0x03, ProvisioningPduType.PublicKey)]
        [InlineData(0x04, ProvisioningPduType.Random)]
        [InlineData(0x05, ProvisioningPduType.Invite)]
        [InlineData(0x06, ProvisioningPduType.Data)]
        [InlineData(0x07, ProvisioningPduType.PublicKey)]
        [InlineData(0x08, ProvisioningPduType.Data)]
        [InlineData(0x09, ProvisioningPduType.Data)]
        public void FailedPduFromTheDeviceEndsTheSessionWithItsCode(int code, ProvisioningPduType after)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(after, "09" + code.ToString("x2"));
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, (ProvisioningErrorCode)code, "device-failed-" + code, ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>
        /// Table 5.41: 0x00 is Prohibited and 0x0A–0xFF are RFU. Such a Failed PDU still stops the
        /// session, but the code kept for the owner is Unexpected Error (a 0x00 would read as "no
        /// error"); the raw value stays in the detail.
        /// </summary>
        [Theory]
        [InlineData(0x00)]
        [InlineData(0x0A)]
        [InlineData(0xFF)]
        public void FailedPduWithAProhibitedOrRfuCodeEndsTheSessionAsUnexpectedError(int code)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Confirmation, "09" + code.ToString("x2"));
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.UnexpectedError, "device-failed-" + code, ProvisioningLinkCloseReason.Fail);
        }

        /// <summary>ble-mesh.md §1.7 #4 (MshPRT Tables 5.19–5.27): capabilities a provisioner cannot act on.</summary>
        [Theory]
        [InlineData("zero-elements", "0000010000000000000000")]
        [InlineData("no-algorithm", "0100000000000000000000")]
        [InlineData("only-rfu-algorithms", "01fffc0000000000000000")]
        [InlineData("output-size-above-8", "0100010000090001000000")]
        [InlineData("output-size-without-action", "0100010000040000000000")]
        [InlineData("input-action-without-size", "0100010000000000000004")]
        [InlineData("only-oob-with-cmac", "0100030002000000000000")]
        [InlineData("only-oob-without-oob", "0100020002000000000000")]
        public void UnusableCapabilitiesAreInvalidFormat(string what, string capabilities)
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite, Caps + capabilities);
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.InvalidFormat, "invalid-capabilities", ProvisioningLinkCloseReason.Fail);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Start);
        }

        /// <summary>ble-mesh.md §1.7 #5: 255 elements and no room in the address space.</summary>
        [Fact]
        public void DeviceAskingForMoreAddressesThanAvailableCannotBeAssigned()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.ProvisionerEvents.RefuseAddresses = true;
            h.Answer(ProvisioningPduType.Invite, Caps + "ff00010000000000000000");
            h.Start();
            h.AssertProvisionerEnded(ProvisioningOutcome.Failed, ProvisioningErrorCode.CannotAssignAddresses, "no-unicast-addresses", ProvisioningLinkCloseReason.Fail);
            Assert.Equal("assign 255", h.ProvisionerEvents.Events[0]);
            Assert.DoesNotContain(h.Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Start);
        }

        /// <summary>MshPRT §5.4.4 (ble-mesh.md §1.8): a device silent after the Invite; the 60 s timer, not a second less.</summary>
        [Fact]
        public void SilentDeviceAfterInviteTimesOutAtSixtySecondsExactly()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite);
            h.Start();
            Assert.Equal(new[] { SampleData.Invite }, h.Link.SentHex);
            h.Scheduler.Advance(59_999);
            Assert.Equal(ProvisioningOutcome.Pending, h.Provisioner.Outcome);
            Assert.Null(h.Link.ClosedWith);
            h.Scheduler.Advance(1);
            Assert.Equal(60_000, h.Scheduler.NowMilliseconds);
            h.AssertProvisionerEnded(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "timeout", ProvisioningLinkCloseReason.Timeout);
        }

        /// <summary>
        /// The protocol timer restarts on every PDU (MshPRT §5.4.4): a device that answers the Invite
        /// after 59 s and then falls silent times out 60 s after its Capabilities, not after the Invite.
        /// </summary>
        [Fact]
        public void SlowDeviceRestartsTheTimerWithEachPdu()
        {
            var h = SampleSessionHarness.ForProvisioner();
            h.Answer(ProvisioningPduType.Invite);
            h.Answer(ProvisioningPduType.Start);
            h.Answer(ProvisioningPduType.PublicKey);
            h.Start();
            h.Scheduler.Advance(59_000);
            h.Link.Inject(SampleData.Capabilities);
            h.Scheduler.RunPending();
            Assert.Equal(3, h.Link.Sent.Count); // Invite, Start, Public Key
            h.Scheduler.Advance(59_999);
            Assert.Equal(ProvisioningOutcome.Pending, h.Provisioner.Outcome);
            h.Scheduler.Advance(1);
            h.AssertProvisionerEnded(ProvisioningOutcome.Timeout, ProvisioningErrorCode.UnexpectedError, "timeout", ProvisioningLinkCloseReason.Timeout);
        }

        private static readonly BigInteger P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
        private static readonly BigInteger B = BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber);

        /// <summary>
        /// (x + p, y) for the smallest x with a point (x, y) on P-256 (computed independently with
        /// BigInteger: y = (x³ − 3x + b)^((p+1)/4) mod p, since p ≡ 3 mod 4).
        /// </summary>
        private static string SmallPointWithXPlusP()
        {
            for (BigInteger x = 0; ; x++)
            {
                BigInteger rhs = BigInteger.Remainder((x * x * x) - (3 * x) + B, P);
                if (rhs < 0)
                {
                    rhs += P;
                }

                BigInteger y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
                if (BigInteger.Remainder(y * y, P) == rhs)
                {
                    return Encode(x + P) + Encode(y);
                }
            }
        }

        private static string Encode(BigInteger value)
        {
            byte[] big = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            var padded = new byte[32];
            Array.Copy(big, 0, padded, 32 - big.Length, big.Length);
            return Hex.Encode(padded);
        }
    }
}
