using System.Collections;
using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// One session of either role on a <see cref="MemoryLink"/>, set up with the MshPRT §8.7 sample
    /// keys and randoms, so the session's own PDUs are the sample's and the peer's sample PDUs are
    /// valid answers to them; a negative test replaces one answer. Host twin:
    /// tests/Gateway.Core.Tests/Mesh/Provisioning/SampleSessionHarness.cs.
    /// </summary>
    internal sealed class SampleSession
    {
        private readonly Hashtable _answers = new Hashtable();

        private SampleSession()
        {
            Scheduler = new VirtualTimeScheduler();
            Log = new CapturingLog();
            ProvisionerEvents = new RecordingProvisionerEvents();
            DeviceEvents = new RecordingDeviceEvents();
        }

        public VirtualTimeScheduler Scheduler { get; private set; }

        public MemoryLink Link { get; private set; }

        public CapturingLog Log { get; private set; }

        public ProvisionerSession Provisioner { get; private set; }

        public RecordingProvisionerEvents ProvisionerEvents { get; private set; }

        public DeviceSession Device { get; private set; }

        public RecordingDeviceEvents DeviceEvents { get; private set; }

        /// <summary>
        /// The gateway's session against a scripted §8.7 device: each PDU the provisioner sends is
        /// answered with the sample's next device PDU unless <see cref="Answer"/> says otherwise.
        /// Call <see cref="Start"/> after scripting.
        /// </summary>
        public static SampleSession ForProvisioner()
        {
            SampleSession h = new SampleSession();
            ScriptedRandom random = new ScriptedRandom(3);
            random.EnqueueBytes(ProvisioningSamples.RandomProvisionerValue);
            ProvisioningContext context = new ProvisioningContext(h.Scheduler, random,
                new FixedKeyWorker(h.Scheduler, 1, ProvisioningSamples.ProvisionerPrivateKey), new ManagedAes128(), h.Log, null);
            ProvisioningRequest request = new ProvisioningRequest(Hex.Decode(ProvisioningSamples.NetKey), ProvisioningSamples.KeyIndex, ProvisioningSamples.IvIndex);
            request.PreferHmacSha256 = false;
            byte[] uuid = Hex.Decode(ProvisioningSamples.DeviceUuid);
            h.Provisioner = new ProvisionerSession(context, uuid, request, h.ProvisionerEvents);
            h.Link = new MemoryLink(h.Scheduler, ProvisioningRole.Provisioner, uuid);
            h.Link.Handler = h.Provisioner;
            h.Answer(ProvisioningPduType.Invite, ProvisioningSamples.Capabilities);
            h.Answer(ProvisioningPduType.Start);
            h.Answer(ProvisioningPduType.PublicKey, ProvisioningSamples.PublicKeyDevice);
            h.Answer(ProvisioningPduType.Confirmation, ProvisioningSamples.ConfirmationDevice);
            h.Answer(ProvisioningPduType.Random, ProvisioningSamples.RandomDevice);
            h.Answer(ProvisioningPduType.Data, ProvisioningSamples.Complete);
            h.Link.Replies = h.Reply;
            return h;
        }

        /// <summary>The §8.7 device (CMAC, No OOB, one element) waiting for a provisioner; the test plays the provisioner with <see cref="Play"/>.</summary>
        public static SampleSession ForDevice(string capabilities)
        {
            SampleSession h = new SampleSession();
            ScriptedRandom random = new ScriptedRandom(4);
            random.EnqueueBytes(ProvisioningSamples.RandomDeviceValue);
            ProvisioningContext context = new ProvisioningContext(h.Scheduler, random,
                new FixedKeyWorker(h.Scheduler, 2, ProvisioningSamples.DevicePrivateKey), new ManagedAes128(), h.Log, null);
            byte[] uuid = Hex.Decode(ProvisioningSamples.DeviceUuid);
            h.Device = new DeviceSession(context, ProvisioningCapabilities.Parse(Hex.Decode(capabilities), 0, 11), null, h.DeviceEvents);
            h.DeviceEvents.Session = h.Device;
            h.Link = new MemoryLink(h.Scheduler, ProvisioningRole.Device, uuid);
            h.Link.Handler = h.Device;
            h.Device.Start(h.Link);
            h.Scheduler.RunPending();
            return h;
        }

        public static SampleSession ForDevice()
        {
            return ForDevice(ProvisioningSamples.CapabilitiesParameters);
        }

        /// <summary>The scripted device answers a PDU of this type with these PDUs (none: silence).</summary>
        public void Answer(ProvisioningPduType type, params string[] pdus)
        {
            byte[][] answer = new byte[pdus.Length][];
            for (int i = 0; i < pdus.Length; i++)
            {
                answer[i] = Hex.Decode(pdus[i]);
            }

            _answers[(int)type] = answer;
        }

        /// <summary>The scripted device answers with the PDU it received, unchanged (a reflection).</summary>
        public void Reflect(ProvisioningPduType type)
        {
            _answers[(int)type] = "reflect";
        }

        public void Start()
        {
            Provisioner.Start(Link);
            Scheduler.RunPending();
        }

        /// <summary>Plays the provisioner's side: each PDU is delivered to the device, and its work runs, before the next.</summary>
        public void Play(params string[] pdus)
        {
            for (int i = 0; i < pdus.Length; i++)
            {
                Link.Inject(pdus[i]);
                Scheduler.RunPending();
            }
        }

        /// <summary>
        /// The provisioner's failure path (MshPRT §5.4.4): outcome, code and detail; the link closed
        /// with the reason and no Failed PDU sent (the provisioner only closes); no timer left, one
        /// OnEnded, no DeviceKey; and PDUs arriving afterwards change nothing.
        /// </summary>
        public void AssertProvisionerEnded(ProvisioningOutcome outcome, ProvisioningErrorCode code, string detail, ProvisioningLinkCloseReason reason)
        {
            Scheduler.RunPending();
            Assert.AreEqual((int)outcome, (int)Provisioner.Outcome, "outcome");
            Assert.AreEqual((int)code, (int)Provisioner.ErrorCode, "error code");
            Assert.AreEqual(detail, Provisioner.FailureDetail, "detail");
            Assert.IsTrue(Link.ClosedByUs, "closed by the provisioner");
            Assert.AreEqual((int)reason, (int)Link.CloseReason, "close reason");
            Assert.AreEqual(0, Scheduler.PendingTimerCount, "timers left");
            Assert.IsNull(Provisioner.DeviceKey, "#1");
            Assert.AreEqual(1, ProvisionerEvents.EndedCount, "#2");
            Assert.AreEqual(0, ProvisionerEvents.ProvisionedCount, "#3");
            Assert.AreEqual(0, Link.CountSent((int)ProvisioningPduType.Failed), "the provisioner sends no Failed PDU");

            int sent = Link.SentAtClose;
            Provisioner.OnPduReceived(Link, Hex.Decode(ProvisioningSamples.Complete), 0, 1);
            Provisioner.OnPduReceived(Link, Hex.Decode(ProvisioningSamples.RandomDevice), 0, 17);
            Scheduler.Advance(200000);
            Assert.AreEqual(sent, Link.Sent.Count, "#4");
            Assert.AreEqual(0, Link.SendsAfterClose, "#5");
            Assert.AreEqual(1, Link.CloseCalls, "#6");
            Assert.AreEqual(1, ProvisionerEvents.EndedCount, "#7");
            Assert.AreEqual((int)outcome, (int)Provisioner.Outcome, "#8");
        }

        /// <summary>
        /// The device's failure path (MshPRT §5.4.4): one Provisioning Failed with the code, nothing
        /// more whatever arrives, the link left open for the provisioner to close, and once it is
        /// closed no timer left behind.
        /// </summary>
        public void AssertDeviceFailed(ProvisioningErrorCode code)
        {
            Scheduler.RunPending();
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)Device.Outcome, "outcome");
            Assert.AreEqual((int)code, (int)Device.ErrorCode, "error code");
            Assert.AreEqual("09" + Hex.Encode(new byte[] { (byte)code }), Link.LastSentHex(), "#9");
            Assert.AreEqual(1, Link.CountSent((int)ProvisioningPduType.Failed), "#10");
            Assert.IsFalse(Link.ClosedByUs, "the device leaves the closing to the provisioner");
            Assert.IsNull(Device.DeviceKey, "#11");
            Assert.AreEqual(1, DeviceEvents.EndedCount, "#12");

            int sent = Link.Sent.Count;
            Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.RandomProvisioner, ProvisioningSamples.Data);
            Assert.AreEqual(sent, Link.Sent.Count, "#13");

            Link.ClosedByTheOtherEnd(ProvisioningLinkCloseReason.Fail);
            Scheduler.RunPending();
            Assert.AreEqual(0, Scheduler.PendingTimerCount, "#14");
            Assert.AreEqual((int)ProvisioningOutcome.Failed, (int)Device.Outcome, "#15");
            Assert.AreEqual(1, DeviceEvents.EndedCount, "#16");
            Assert.AreEqual(0, Link.SendsAfterClose, "#17");
        }

        private byte[][] Reply(byte[] sent)
        {
            object answer = _answers[sent[0] & 0x3F];
            if (answer == null)
            {
                return new byte[0][];
            }

            if (answer is string)
            {
                return new byte[][] { sent };
            }

            return (byte[][])answer;
        }
    }
}
