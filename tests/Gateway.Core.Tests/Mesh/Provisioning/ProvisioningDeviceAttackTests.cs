using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// The device role (simulated nodes run it; it is the reference node) against a malicious or
    /// broken provisioner: the test plays the provisioner with the MshPRT §8.7 sample PDUs and
    /// replaces one. Per §5.4.4 the device answers an error with one Provisioning Failed PDU and
    /// waits for the provisioner to close the link.
    /// </summary>
    public class ProvisioningDeviceAttackTests
    {
        [Fact]
        public void TheSampleProvisionerProvisionsTheDevice()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.RandomProvisioner, SampleData.Data);
            Assert.Equal(
                new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, SampleData.ConfirmationDevice, SampleData.RandomDevice, SampleData.Complete },
                h.Link.SentHex);
            Assert.Equal(ProvisioningOutcome.Success, h.Device.Outcome);
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(h.Device.DeviceKey));
            Assert.Equal(0, h.Scheduler.PendingTimerCount);
        }

        /// <summary>MshPRT §5.4.2.3 (Zephyr prov_check_method): a Start asking for what the device did not offer, or RFU values.</summary>
        [Theory]
        [InlineData("hmac-not-offered", "020100000000")]
        [InlineData("static-oob-not-offered", "020000010000")]
        [InlineData("output-oob-not-offered", "020000020301")]
        [InlineData("input-oob-not-offered", "020000030001")]
        [InlineData("oob-public-key-not-offered", "020001000000")]
        [InlineData("rfu-algorithm", "020200000000")]
        [InlineData("rfu-public-key-value", "020002000000")]
        [InlineData("prohibited-method", "020000040000")]
        [InlineData("static-oob-with-an-action", "020000010100")]
        [InlineData("output-oob-of-size-zero", "020000020000")]
        [InlineData("output-oob-rfu-action", "020000020501")]
        [InlineData("input-oob-of-size-nine", "020000030209")]
        public void StartAskingForAnUnsupportedMethodIsInvalidFormat(string what, string start)
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, start);
            Assert.Equal(new[] { SampleData.Capabilities, "0902" }, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.InvalidFormat);
        }

        /// <summary>MshPRT §5.4.3.1: the provisioner's key is not a P-256 point; the ECDH refuses it.</summary>
        [Theory]
        [InlineData("not-on-the-curve", "032c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4e")]
        [InlineData("all-zero", "03" + "0000000000000000000000000000000000000000000000000000000000000000" + "0000000000000000000000000000000000000000000000000000000000000000")]
        [InlineData("x-equals-p", "03ffffffff00000001000000000000000000000000ffffffffffffffffffffffff919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f")]
        public void InvalidProvisionerPublicKeyIsUnexpectedError(string what, string publicKey)
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, publicKey);
            Assert.Equal(new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, "0907" }, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedError);
        }

        /// <summary>CVE-2020-26560 from the other side: the provisioner sends the device's own public key.</summary>
        [Fact]
        public void ReflectedPublicKeyFromTheProvisionerIsUnexpectedError()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyDevice);
            Assert.Equal(new[] { SampleData.Capabilities, "0907" }, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedError);
        }

        /// <summary>MshPRT §5.4.2.4.2 (Errata E16350): the provisioner sends the device's own confirmation.</summary>
        [Fact]
        public void ReflectedConfirmationFromTheProvisionerIsConfirmationFailed()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationDevice);
            Assert.Equal(new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, "0904" }, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.ConfirmationFailed);
        }

        /// <summary>CVE-2020-26560: the provisioner sends the device's random back; the device never reveals its own.</summary>
        [Fact]
        public void ReflectedRandomFromTheProvisionerIsConfirmationFailed()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.RandomDevice);
            Assert.Equal(new[] { SampleData.Capabilities, SampleData.PublicKeyDevice, SampleData.ConfirmationDevice, "0904" }, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.ConfirmationFailed);
        }

        /// <summary>MshPRT §5.4.2.4.2: a provisioner that does not know the AuthValue; the device keeps its random.</summary>
        [Fact]
        public void WrongConfirmationFromTheProvisionerIsConfirmationFailed()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, "05" + "00112233445566778899aabbccddeeff", SampleData.RandomProvisioner);
            Assert.Equal(3, h.Link.Sent.Count - 1);
            Assert.DoesNotContain(SampleData.RandomDevice, h.Link.SentHex);
            h.AssertDeviceFailed(ProvisioningErrorCode.ConfirmationFailed);
        }

        /// <summary>MshPRT §5.4.2.5: Provisioning Data whose MIC (or ciphertext) was changed.</summary>
        [Theory]
        [InlineData("07d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c6")]
        [InlineData("07d1bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c7")]
        [InlineData("07" + "000000000000000000000000000000000000000000000000000000000000000000")]
        public void WrongMicOnDataIsDecryptionFailed(string data)
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.RandomProvisioner, data);
            Assert.Equal("0906", Hex.Encode(h.Link.Sent[4]));
            h.AssertDeviceFailed(ProvisioningErrorCode.DecryptionFailed);
        }

        /// <summary>ble-mesh.md §1.7 #1 from the device's side: anything but the expected PDU is Unexpected PDU.</summary>
        [Theory]
        [InlineData("start-before-invite", new[] { SampleData.Start })]
        [InlineData("second-invite", new[] { SampleData.Invite, SampleData.Invite })]
        [InlineData("confirmation-before-start", new[] { SampleData.Invite, SampleData.ConfirmationProvisioner })]
        [InlineData("random-before-confirmation", new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.RandomProvisioner })]
        [InlineData("data-before-random", new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner, SampleData.Data })]
        [InlineData("capabilities-from-the-provisioner", new[] { SampleData.Invite, SampleData.Capabilities })]
        [InlineData("failed-from-the-provisioner", new[] { SampleData.Invite, "0902" })]
        [InlineData("complete-from-the-provisioner", new[] { SampleData.Invite, SampleData.Start, "08" })]
        [InlineData("input-complete-from-the-provisioner", new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, "04" })]
        [InlineData("records-get-after-invite", new[] { SampleData.Invite, "0c" })]
        [InlineData("second-public-key", new[] { SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.PublicKeyProvisioner })]
        public void OutOfOrderPduIsUnexpectedPdu(string what, string[] pdus)
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(pdus);
            h.AssertDeviceFailed(ProvisioningErrorCode.UnexpectedPdu);
        }

        /// <summary>MshPRT §5.4.1 on the device: lengths are Invalid Format, RFU types and padding bits Invalid PDU.</summary>
        [Theory]
        [InlineData("00", ProvisioningErrorCode.InvalidFormat)]
        [InlineData("000500", ProvisioningErrorCode.InvalidFormat)]
        [InlineData("", ProvisioningErrorCode.InvalidFormat)]
        [InlineData("0e", ProvisioningErrorCode.InvalidPdu)]
        [InlineData("3f00", ProvisioningErrorCode.InvalidPdu)]
        [InlineData("4005", ProvisioningErrorCode.InvalidPdu)]
        [InlineData("c005", ProvisioningErrorCode.InvalidPdu)]
        public void MalformedInviteGetsTheSpecCode(string invite, ProvisioningErrorCode code)
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(invite);
            Assert.Equal(new[] { "09" + ((int)code).ToString("x2") }, h.Link.SentHex);
            h.AssertDeviceFailed(code);
        }

        /// <summary>MshPRT §5.4.4: after Failed the device waits for the close; a provisioner that never closes meets the device's own timer.</summary>
        [Fact]
        public void DeviceClosesTheLinkWithTimeoutWhenTheProvisionerNeverCloses()
        {
            var h = SampleSessionHarness.ForDevice();
            h.Play(SampleData.Invite, "020100000000");
            h.Scheduler.Advance(119_999);
            Assert.Null(h.Link.ClosedWith);
            h.Scheduler.Advance(1);
            h.Scheduler.RunPending();
            Assert.Equal(ProvisioningLinkCloseReason.Timeout, h.Link.ClosedWith);
            Assert.Equal(ProvisioningOutcome.Failed, h.Device.Outcome);
            Assert.Equal(ProvisioningErrorCode.InvalidFormat, h.Device.ErrorCode);
            Assert.Equal(0, h.Scheduler.PendingTimerCount);
            Assert.Equal(1, h.DeviceEvents.EndedCount);
            Assert.Equal(2, h.Link.Sent.Count);
        }

        /// <summary>
        /// MshPRT §5.4.4 (ble-mesh.md §1.8): the protocol timer restarts on every PDU sent as well as
        /// received. A person types the Input OOB value 100 s after the provisioner's key arrived; the
        /// Input Complete sent then gives the provisioner another 120 s to confirm.
        /// </summary>
        [Fact]
        public void DeviceTimerRestartsWhenItSendsInputComplete()
        {
            var h = SampleSessionHarness.ForDevice("0100010000000000060004");
            h.Play(SampleData.Invite, "020000030206", SampleData.PublicKeyProvisioner);
            Assert.Equal(new[] { "010100010000000000060004", SampleData.PublicKeyDevice }, h.Link.SentHex);
            h.Scheduler.Advance(100_000);
            Assert.True(h.Device.SupplyInputOob("123456"));
            Assert.Equal("04", Hex.Encode(h.Link.Sent[2]));
            h.Scheduler.Advance(119_999);
            Assert.Null(h.Link.ClosedWith);
            Assert.Equal(ProvisioningOutcome.Pending, h.Device.Outcome);
            h.Scheduler.Advance(1);
            h.Scheduler.RunPending();
            Assert.Equal(ProvisioningLinkCloseReason.Timeout, h.Link.ClosedWith);
            Assert.Equal(ProvisioningOutcome.Timeout, h.Device.Outcome);
            Assert.Equal(0, h.Scheduler.PendingTimerCount);
        }

        /// <summary>
        /// MshPRT §5.4.2.5: the elements take consecutive unicast addresses from the primary one, so a
        /// primary address that leaves no room is Cannot Assign Addresses; a non-unicast one is Invalid
        /// Data. Our own provisioner session with a broken address allocator sends it, encrypted for
        /// real; it ends on the device's Failed PDU and closes the link.
        /// </summary>
        [Theory]
        [InlineData(2, 0x7FFF, ProvisioningErrorCode.CannotAssignAddresses)]
        [InlineData(3, 0x7FFE, ProvisioningErrorCode.CannotAssignAddresses)]
        [InlineData(1, 0x0000, ProvisioningErrorCode.InvalidData)]
        [InlineData(1, 0xC000, ProvisioningErrorCode.InvalidData)]
        public void DataWithAddressesTheDeviceCannotTakeIsRefused(int elements, int address, ProvisioningErrorCode code)
        {
            var scheduler = new VirtualTimeScheduler();
            var uuid = Hex.Decode(SampleData.DeviceUuid);
            var log = new CapturingLog();
            var deviceEvents = new RecordingDeviceEvents();
            var capabilities = ProvisioningCapabilities.Parse(Hex.Decode(elements.ToString("x2") + "00030000000000000000"), 0, 11);
            var device = new DeviceSession(new ProvisioningContext(scheduler, new SeededRandom(5), new FixedKeyWorker(scheduler, 6), new ManagedAes128(), log, null), capabilities, null, deviceEvents);
            var events = new RecordingProvisionerEvents { NextAddress = address };
            var request = new ProvisioningRequest(Hex.Decode(SampleSessionHarness.NetKey), 0, 0);
            var provisioner = new ProvisionerSession(new ProvisioningContext(scheduler, new SeededRandom(7), new FixedKeyWorker(scheduler, 8), new ManagedAes128(), log, null), uuid, request, events);
            var deviceLink = new ScriptedBearer(scheduler, ProvisioningRole.Device, uuid) { Handler = device };
            var provisionerLink = new ScriptedBearer(scheduler, ProvisioningRole.Provisioner, uuid) { Handler = provisioner, Peer = deviceLink };
            deviceLink.Peer = provisionerLink;
            device.Start(deviceLink);
            provisioner.Start(provisionerLink);
            scheduler.RunPending();

            Assert.Equal(ProvisioningOutcome.Failed, device.Outcome);
            Assert.Equal(code, device.ErrorCode);
            Assert.Equal("09" + ((int)code).ToString("x2"), Hex.Encode(deviceLink.Sent[deviceLink.Sent.Count - 1]));
            Assert.Equal(ProvisioningOutcome.Failed, provisioner.Outcome);
            Assert.Equal(code, provisioner.ErrorCode);
            Assert.Equal("device-failed-" + (int)code, provisioner.FailureDetail);
            Assert.Equal(ProvisioningLinkCloseReason.Fail, provisionerLink.ClosedWith);
            Assert.True(deviceLink.ClosedByPeer);
            Assert.Null(device.Data);
            Assert.Equal(0, scheduler.PendingTimerCount);
            Assert.Equal(1, deviceEvents.EndedCount);
            Assert.Equal(1, events.EndedCount);
            Assert.False(log.ContainsSecret(Hex.Decode(SampleSessionHarness.NetKey)));
        }
    }
}
