using System;
using System.Collections.Generic;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// One session of either role on a <see cref="ScriptedBearer"/>, set up with the MshPRT §8.7
    /// sample keys and randoms (ble-mesh.md §2.4), so the session's own PDUs are the sample's and
    /// the peer's sample PDUs are valid answers to them. An attack replaces one answer.
    /// </summary>
    internal sealed class SampleSessionHarness
    {
        public const string ProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        public const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        public const string NetKey = "efb2255e6422d330088e09bb015ed707";
        public const string SampleCapabilities = "0100010000000000000000";

        private readonly Dictionary<ProvisioningPduType, Func<byte[], byte[][]>> _answers = new Dictionary<ProvisioningPduType, Func<byte[], byte[][]>>();

        private SampleSessionHarness()
        {
        }

        public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

        public ScriptedBearer Link { get; private set; }

        public CapturingLog Log { get; } = new CapturingLog();

        public ProvisionerSession Provisioner { get; private set; }

        public RecordingProvisionerEvents ProvisionerEvents { get; } = new RecordingProvisionerEvents { NextAddress = 0x0b0c };

        public DeviceSession Device { get; private set; }

        public RecordingDeviceEvents DeviceEvents { get; } = new RecordingDeviceEvents();

        /// <summary>
        /// The gateway's session against a scripted §8.7 device: each PDU the provisioner sends is
        /// answered with the sample's next device PDU, unless <see cref="Answer(ProvisioningPduType, string[])"/> says otherwise.
        /// Call <see cref="Start"/> after scripting.
        /// </summary>
        public static SampleSessionHarness ForProvisioner()
        {
            var h = new SampleSessionHarness();
            var random = new ScriptedRandom(3);
            random.EnqueueBytes("8b19ac31d58b124c946209b5db1021b9"); // RandomProvisioner
            var context = new ProvisioningContext(h.Scheduler, random, new FixedKeyWorker(h.Scheduler, 1, ProvisionerPrivateKey), new ManagedAes128(), h.Log, null);
            var request = new ProvisioningRequest(Hex.Decode(NetKey), 0x0567, 0x01020304) { PreferHmacSha256 = false };
            var uuid = Hex.Decode(SampleData.DeviceUuid);
            h.Provisioner = new ProvisionerSession(context, uuid, request, h.ProvisionerEvents);
            h.Link = new ScriptedBearer(h.Scheduler, ProvisioningRole.Provisioner, uuid) { Handler = h.Provisioner };
            h.Answer(ProvisioningPduType.Invite, SampleData.Capabilities);
            h.Answer(ProvisioningPduType.Start);
            h.Answer(ProvisioningPduType.PublicKey, SampleData.PublicKeyDevice);
            h.Answer(ProvisioningPduType.Confirmation, SampleData.ConfirmationDevice);
            h.Answer(ProvisioningPduType.Random, SampleData.RandomDevice);
            h.Answer(ProvisioningPduType.Data, SampleData.Complete);
            h.Link.Replies = sent => h._answers.TryGetValue((ProvisioningPduType)(sent[0] & 0x3F), out var answer) ? answer(sent) : new byte[0][];
            return h;
        }

        /// <summary>The §8.7 device (CMAC, No OOB, one element) waiting for a provisioner; the test plays the provisioner with <see cref="ScriptedBearer.Inject(string)"/>.</summary>
        public static SampleSessionHarness ForDevice(string capabilities = SampleCapabilities)
        {
            var h = new SampleSessionHarness();
            var random = new ScriptedRandom(4);
            random.EnqueueBytes("55a2a2bca04cd32ff6f346bd0a0c1a3a"); // RandomDevice
            var context = new ProvisioningContext(h.Scheduler, random, new FixedKeyWorker(h.Scheduler, 2, DevicePrivateKey), new ManagedAes128(), h.Log, null);
            var uuid = Hex.Decode(SampleData.DeviceUuid);
            h.Device = new DeviceSession(context, ProvisioningCapabilities.Parse(Hex.Decode(capabilities), 0, 11), null, h.DeviceEvents);
            h.DeviceEvents.Session = h.Device;
            h.Link = new ScriptedBearer(h.Scheduler, ProvisioningRole.Device, uuid) { Handler = h.Device };
            h.Device.Start(h.Link);
            h.Scheduler.RunPending();
            return h;
        }

        /// <summary>The scripted device answers a PDU of <paramref name="type"/> with these PDUs (none: silence).</summary>
        public void Answer(ProvisioningPduType type, params string[] pdus)
        {
            _answers[type] = sent => Array.ConvertAll(pdus, Hex.Decode);
        }

        /// <summary>The scripted device answers with something computed from what it received (e.g. the same bytes: a reflection).</summary>
        public void Answer(ProvisioningPduType type, Func<byte[], byte[]> answer)
        {
            _answers[type] = sent => new[] { answer(sent) };
        }

        public void Start()
        {
            Provisioner.Start(Link);
            Scheduler.RunPending();
        }

        /// <summary>Plays the provisioner's side: each PDU is delivered to the device, and its work runs, before the next.</summary>
        public void Play(params string[] pdus)
        {
            foreach (string pdu in pdus)
            {
                Link.Inject(pdu);
                Scheduler.RunPending();
            }
        }

        /// <summary>
        /// The provisioner's failure path (MshPRT §5.4.4): the outcome and code, the link closed with
        /// the reason and nothing sent after it (no Failed PDU either: the provisioner only closes),
        /// no timer left behind, one OnEnded, no DeviceKey, and later PDUs change nothing.
        /// </summary>
        public void AssertProvisionerEnded(ProvisioningOutcome outcome, ProvisioningErrorCode code, string detail, ProvisioningLinkCloseReason reason)
        {
            Scheduler.RunPending();
            Assert.Equal(outcome, Provisioner.Outcome);
            Assert.Equal(code, Provisioner.ErrorCode);
            Assert.Equal(detail, Provisioner.FailureDetail);
            Assert.Equal(reason, Link.ClosedWith);
            Assert.Equal(ProvisioningLinkState.Closed, Link.State);
            Assert.Equal(0, Scheduler.PendingTimerCount);
            Assert.Null(Provisioner.DeviceKey);
            Assert.Equal(1, ProvisionerEvents.EndedCount);
            Assert.Equal(0, ProvisionerEvents.ProvisionedCount);
            Assert.DoesNotContain(Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Failed);

            int sent = Link.SentAtClose;
            Provisioner.OnPduReceived(Link, Hex.Decode(SampleData.Complete), 0, 1);
            Provisioner.OnPduReceived(Link, Hex.Decode(SampleData.RandomDevice), 0, 17);
            Scheduler.Advance(200_000);
            Assert.Equal(sent, Link.Sent.Count);
            Assert.Equal(0, Link.SendsAfterClose);
            Assert.Equal(1, Link.CloseCalls);
            Assert.Equal(1, ProvisionerEvents.EndedCount);
            Assert.Equal(outcome, Provisioner.Outcome);
        }

        /// <summary>
        /// The device's failure path (MshPRT §5.4.4): it sends one Provisioning Failed with the code,
        /// then nothing more whatever arrives, keeps the link open for the provisioner to close, and
        /// once it is closed ends with no timer left behind.
        /// </summary>
        public void AssertDeviceFailed(ProvisioningErrorCode code)
        {
            Scheduler.RunPending();
            Assert.Equal(ProvisioningOutcome.Failed, Device.Outcome);
            Assert.Equal(code, Device.ErrorCode);
            Assert.Equal("09" + ((int)code).ToString("x2"), Hex.Encode(Link.Sent[Link.Sent.Count - 1]));
            Assert.Single(Link.Sent, pdu => pdu[0] == (byte)ProvisioningPduType.Failed);
            Assert.Null(Link.ClosedWith);
            Assert.Null(Device.DeviceKey);
            Assert.Equal(1, DeviceEvents.EndedCount);

            int sent = Link.Sent.Count;
            Play(SampleData.Invite, SampleData.Start, SampleData.RandomProvisioner, SampleData.Data);
            Assert.Equal(sent, Link.Sent.Count);

            Link.ClosedByTheOtherEnd(ProvisioningLinkCloseReason.Fail);
            Scheduler.RunPending();
            Assert.Equal(0, Scheduler.PendingTimerCount);
            Assert.Equal(ProvisioningOutcome.Failed, Device.Outcome);
            Assert.Equal(1, DeviceEvents.EndedCount);
            Assert.Equal(0, Link.SendsAfterClose);
        }
    }
}
