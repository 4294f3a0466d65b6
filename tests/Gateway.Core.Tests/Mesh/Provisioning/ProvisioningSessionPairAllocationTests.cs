using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// Issue 11's memory budget: managed allocation for one provisioning session ≤ 8 KB on the host
    /// (GC.GetAllocatedBytesForCurrentThread, a memory bound, not a timing assert). Both roles run
    /// here at once, each over its own PB-ADV bearer and link on virtual time: a
    /// <see cref="ProvisionerSession"/> and a <see cref="DeviceSession"/>, each with a
    /// <see cref="KeyAgreementWorker"/> on <see cref="ManagedKeyAgreement"/> (a fresh key pair and
    /// one ECDH per side, MshPRT v1.1 §5.4.2.3) and <see cref="ManagedAes128"/>. The sum for both
    /// sides must fit the budget of one, so each role alone fits it with room to spare. The radio
    /// pair between the bearers copies frames into buffers made beforehand and allocates nothing.
    /// </summary>
    public class ProvisioningSessionPairAllocationTests
    {
        private const long Budget = 8 * 1024;
        private readonly ITestOutputHelper _output;

        public ProvisioningSessionPairAllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [InlineData(false, "CMAC")]
        [InlineData(true, "HMAC")]
        public void OneSessionOfBothRolesAllocatesAtMost8KB(bool hmac, string algorithm)
        {
            var rig = new Rig(hmac);
            Assert.True(rig.RunSession(), "warm-up session"); // JIT, static tables, first-use caches
            Assert.True(rig.RunSession(), "second session");

            long before = GC.GetAllocatedBytesForCurrentThread();
            bool provisioned = rig.RunSession();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(provisioned, "third session");
            Assert.Equal(0, rig.Scheduler.PendingTimerCount);
            _output.WriteLine($"one provisioning session ({algorithm}), provisioner + device sessions, both PB-ADV links, 2 key generations + 2 ECDH: {bytes} bytes allocated (budget {Budget})");
            Assert.True(bytes <= Budget, $"{bytes} bytes > {Budget}");
        }

        /// <summary>Both sides of a home's provisioning, kept between sessions as a gateway keeps its bearer and contexts.</summary>
        private sealed class Rig : IProvisionerEvents, IDeviceProvisioningEvents
        {
            private readonly ProvisioningContext _provisionerContext;
            private readonly ProvisioningContext _deviceContext;
            private readonly PbAdvBearer _provisionerBearer;
            private readonly PbAdvBearer _deviceBearer;
            private readonly RadioPair _air;
            private readonly ProvisioningCapabilities _capabilities;
            private readonly ProvisioningRequest _request;
            private readonly byte[] _uuid = Hex.Decode(SampleData.DeviceUuid);
            private ProvisionerSession _provisioner;
            private DeviceSession _device;

            public Rig(bool hmac)
            {
                // Algorithms 0x0003 (CMAC and HMAC) or 0x0001 (CMAC only), no OOB public key, no OOB (§5.4.1.2).
                _capabilities = ProvisioningCapabilities.Parse(Hex.Decode(hmac ? "0100030000000000000000" : "0100010000000000000000"), 0, 11);
                _request = new ProvisioningRequest(Hex.Decode(SampleSessionHarness.NetKey), 0x0567, 0x01020304) { PreferHmacSha256 = hmac };
                var provisionerWorker = new KeyAgreementWorker(new ManagedKeyAgreement(), new SeededRandom(11), Scheduler, false);
                var deviceWorker = new KeyAgreementWorker(new ManagedKeyAgreement(), new SeededRandom(12), Scheduler, false);
                _provisionerContext = new ProvisioningContext(Scheduler, new SeededRandom(13), provisionerWorker, new ManagedAes128(), NullLog.Instance, null);
                _deviceContext = new ProvisioningContext(Scheduler, new SeededRandom(14), deviceWorker, new ManagedAes128(), NullLog.Instance, null);
                _air = new RadioPair();
                _provisionerBearer = new PbAdvBearer(_air.A, Scheduler, new SeededRandom(15));
                _deviceBearer = new PbAdvBearer(_air.B, Scheduler, new SeededRandom(16));
                _air.A.SetReceiver(_provisionerBearer.OnAdvertisement);
                _air.B.SetReceiver(_deviceBearer.OnAdvertisement);
            }

            public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

            /// <summary>One whole exchange, Link Open to Link Close on both sides; true when both ended provisioned.</summary>
            public bool RunSession()
            {
                _device = new DeviceSession(_deviceContext, _capabilities, null, this);
                _provisioner = new ProvisionerSession(_provisionerContext, _uuid, _request, this);
                PbAdvLink deviceLink = _deviceBearer.CreateDeviceLink(_uuid, _device);
                PbAdvLink provisionerLink = _provisionerBearer.CreateProvisionerLink(_uuid, _provisioner);
                _device.Start(deviceLink);
                _provisioner.Start(provisionerLink);
                for (int step = 0; step < 60_000; step++)
                {
                    if (_provisioner.IsEnded && _device.IsEnded
                        && provisionerLink.State == ProvisioningLinkState.Closed && deviceLink.State == ProvisioningLinkState.Closed)
                    {
                        break;
                    }

                    Scheduler.Advance(1);
                    _air.Deliver();
                    Scheduler.RunPending();
                }

                return _provisioner.Outcome == ProvisioningOutcome.Success && _device.DeviceKey != null
                    && Hex.Encode(_device.DeviceKey) == Hex.Encode(_provisioner.DeviceKey);
            }

            public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
            {
                unicastAddress = 0x0b0c;
                return true;
            }

            public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
            {
            }

            public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
            {
            }

            public bool OnSendingProvisioningData(ProvisionerSession session) => true;

            public void OnProvisioned(ProvisionerSession session)
            {
            }

            public void OnEnded(ProvisionerSession session)
            {
            }

            public void OnAttention(int seconds)
            {
            }

            public void OnOutputOobShow(OutputOobAction action, string value)
            {
            }

            public void OnInputOobRequested(InputOobAction action, int size)
            {
            }

            public void OnEnded(DeviceSession session)
            {
            }
        }

        /// <summary>
        /// Two radios that hear each other: a frame sent by one is copied into a slot made beforehand
        /// and delivered to the other at the next <see cref="Deliver"/>. No loss, no allocation.
        /// </summary>
        private sealed class RadioPair
        {
            public RadioPair()
            {
                A = new Radio(0xA0A0A0A0A0A0);
                B = new Radio(0xB0B0B0B0B0B0);
                A.Peer = B;
                B.Peer = A;
            }

            public Radio A { get; }

            public Radio B { get; }

            public void Deliver()
            {
                A.DeliverQueued();
                B.DeliverQueued();
            }

            internal sealed class Radio : IAdvertisingRadio
            {
                private readonly ulong _address;
                private readonly byte[][] _slots = new byte[32][];
                private readonly int[] _lengths = new int[32];
                private int _queued;
                private AdvertisementReceivedHandler _receiver;

                public Radio(ulong address)
                {
                    _address = address;
                    for (int i = 0; i < _slots.Length; i++)
                    {
                        _slots[i] = new byte[GenericProvisioning.MaxAdStructureLength + 8];
                    }
                }

                public Radio Peer { get; set; }

                public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
                {
                    Peer.Enqueue(data, offset, length);
                }

                public void SetReceiver(AdvertisementReceivedHandler handler)
                {
                    _receiver = handler;
                }

                public void DeliverQueued()
                {
                    // Frames queued while delivering wait for the next step, as on the air.
                    int count = _queued;
                    for (int i = 0; i < count; i++)
                    {
                        _receiver(Peer._address, -40, _slots[i], 0, _lengths[i]);
                    }

                    for (int i = count; i < _queued; i++)
                    {
                        Buffer.BlockCopy(_slots[i], 0, _slots[i - count], 0, _lengths[i]);
                        _lengths[i - count] = _lengths[i];
                    }

                    _queued -= count;
                }

                private void Enqueue(byte[] data, int offset, int length)
                {
                    Assert.True(_queued < _slots.Length, "radio queue overflow");
                    Buffer.BlockCopy(data, offset, _slots[_queued], 0, length);
                    _lengths[_queued] = length;
                    _queued++;
                }
            }
        }
    }
}
