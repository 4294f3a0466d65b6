using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using FsCheck.Xunit;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// DESIGN.md §8.2 for the provisioning sessions: a provisioner and a device run a real exchange
    /// (No OOB with either algorithm, static, output or input OOB) on linked scripted bearers, and when
    /// the k-th PDU is on its way, arbitrary bytes are delivered to one of them as a PDU. Nothing
    /// throws; each side either completes or ends with a spec error code (0x01–0x09), a timeout or a
    /// lost link; every link ends closed, a provisioner's with Fail or Timeout unless it succeeded;
    /// a failing device sends exactly one Failed PDU; no timer is left behind.
    /// </summary>
    public class ProvisioningSessionPropertyTests
    {
        private static readonly string[] Methods = { "no-oob-cmac", "no-oob-hmac", "static-oob", "output-numeric", "input-alphanumeric" };

        [Property(MaxTest = 500)]
        public void ArbitraryBytesIntoTheProvisionerInAnyState(byte[] bytes, int k, int method, bool wellFormedHeader)
        {
            Run(bytes ?? new byte[0], k, method, wellFormedHeader, intoDevice: false);
        }

        [Property(MaxTest = 500)]
        public void ArbitraryBytesIntoTheDeviceInAnyState(byte[] bytes, int k, int method, bool wellFormedHeader)
        {
            Run(bytes ?? new byte[0], k, method, wellFormedHeader, intoDevice: true);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void WithoutInjectionEveryMethodCompletes(int method)
        {
            var pair = new Pair(Methods[method]);
            pair.Start();
            Assert.True(pair.Scheduler.RunUntil(() => pair.Provisioner.IsEnded && pair.Device.IsEnded && pair.BothClosed, 300_000));
            Assert.Equal(ProvisioningOutcome.Success, pair.Provisioner.Outcome);
            Assert.Equal(ProvisioningOutcome.Success, pair.Device.Outcome);
            Assert.Equal(pair.Provisioner.DeviceKey, pair.Device.DeviceKey);
            Assert.Equal(0, pair.Scheduler.PendingTimerCount);
            Assert.InRange(pair.PdusSent, 11, 12);
        }

        private static void Run(byte[] bytes, int k, int method, bool wellFormedHeader, bool intoDevice)
        {
            var pair = new Pair(Methods[(method & 0x7FFFFFFF) % Methods.Length]);
            byte[] pdu = wellFormedHeader ? WithValidHeader(bytes) : bytes;
            int at = (k & 0x7FFFFFFF) % 14;
            ScriptedBearer target = intoDevice ? pair.DeviceLink : pair.ProvisionerLink;
            pair.OnPdu = n =>
            {
                if (n == at)
                {
                    pair.Scheduler.Post(() => target.Inject(pdu));
                }
            };
            pair.Start();
            if (at == 0)
            {
                target.Inject(pdu); // the links are up, the sessions have not heard of it yet
            }

            Assert.True(pair.Scheduler.RunUntil(() => pair.Provisioner.IsEnded && pair.Device.IsEnded && pair.BothClosed, 400_000), "a session never ended");
            pair.Scheduler.RunPending();

            foreach (var outcome in new[] { pair.Provisioner.Outcome, pair.Device.Outcome })
            {
                Assert.Contains(outcome, new[] { ProvisioningOutcome.Success, ProvisioningOutcome.Failed, ProvisioningOutcome.Timeout, ProvisioningOutcome.LinkLost });
            }

            if (pair.Provisioner.Outcome == ProvisioningOutcome.Failed)
            {
                Assert.InRange((int)pair.Provisioner.ErrorCode, 0x01, 0x09);
            }

            if (pair.Provisioner.Outcome == ProvisioningOutcome.Success)
            {
                Assert.Equal(ProvisioningLinkCloseReason.Success, pair.ProvisionerLink.ClosedWith);
            }
            else if (!pair.ProvisionerLink.ClosedByPeer)
            {
                Assert.Contains(pair.ProvisionerLink.ClosedWith.Value, new[] { ProvisioningLinkCloseReason.Fail, ProvisioningLinkCloseReason.Timeout });
            }

            int failedPdus = pair.DeviceLink.Sent.FindAll(p => p[0] == (byte)ProvisioningPduType.Failed).Count;
            if (pair.Device.Outcome == ProvisioningOutcome.Failed)
            {
                Assert.InRange((int)pair.Device.ErrorCode, 0x01, 0x09);
                Assert.Equal(1, failedPdus);
                Assert.Equal("09" + ((int)pair.Device.ErrorCode).ToString("x2"), Hex.Encode(pair.DeviceLink.Sent[pair.DeviceLink.Sent.Count - 1]));
            }
            else
            {
                Assert.Equal(0, failedPdus);
            }

            Assert.Equal(0, pair.ProvisionerLink.SendsAfterClose + pair.DeviceLink.SendsAfterClose);
            Assert.Equal(1, pair.ProvisionerEnded);
            Assert.Equal(1, pair.DeviceEnded);
            Assert.Equal(0, pair.Scheduler.PendingTimerCount);
        }

        /// <summary>Keeps the random body but gives it a defined type and that type's length, so it gets past the size table.</summary>
        private static byte[] WithValidHeader(byte[] bytes)
        {
            int type = bytes.Length == 0 ? 0 : bytes[0] % 0x0E;
            int authSize = bytes.Length > 1 && (bytes[1] & 1) != 0 ? 32 : 16;
            int length = type == (int)ProvisioningPduType.RecordResponse ? 8 : type == (int)ProvisioningPduType.RecordsList ? 3
                : ProvisioningPdu.LengthOf((ProvisioningPduType)type, authSize);
            var pdu = new byte[length];
            pdu[0] = (byte)type;
            for (int i = 1; i < length; i++)
            {
                pdu[i] = bytes.Length > 1 ? bytes[i % bytes.Length] : (byte)i;
            }

            return pdu;
        }

        /// <summary>A provisioner and a device session joined by two scripted bearers; OnPdu sees the PDU count as each one is sent.</summary>
        private sealed class Pair : IProvisionerEvents, IDeviceProvisioningEvents
        {
            private static readonly byte[] StaticOob = Hex.Decode("00112233445566778899aabbccddeeff");
            private string _shownByDevice;

            public Pair(string method)
            {
                byte[] uuid = Hex.Decode(SampleData.DeviceUuid);
                string caps = method switch
                {
                    "no-oob-cmac" => "0100010000000000000000",
                    "static-oob" => "0100020001000000000000",
                    "output-numeric" => "0100030000060008000000",
                    "input-alphanumeric" => "0100030000000000080008",
                    _ => "0100030000000000000000",
                };
                var log = new CapturingLog();
                var deviceContext = new ProvisioningContext(Scheduler, new SeededRandom(21), new FixedKeyWorker(Scheduler, 22, SampleSessionHarness.DevicePrivateKey), new ManagedAes128(), log, null);
                Device = new DeviceSession(deviceContext, ProvisioningCapabilities.Parse(Hex.Decode(caps), 0, 11), StaticOob, this);
                var request = new ProvisioningRequest(Hex.Decode(SampleSessionHarness.NetKey), 0, 0) { StaticOob = method == "static-oob" ? StaticOob : null };
                var provisionerContext = new ProvisioningContext(Scheduler, new SeededRandom(23), new FixedKeyWorker(Scheduler, 24, SampleSessionHarness.ProvisionerPrivateKey), new ManagedAes128(), log, null);
                Provisioner = new ProvisionerSession(provisionerContext, uuid, request, this);
                DeviceLink = new ScriptedBearer(Scheduler, ProvisioningRole.Device, uuid) { Handler = Device };
                ProvisionerLink = new ScriptedBearer(Scheduler, ProvisioningRole.Provisioner, uuid) { Handler = Provisioner, Peer = DeviceLink };
                DeviceLink.Peer = ProvisionerLink;
                DeviceLink.Tamper = Count;
                ProvisionerLink.Tamper = Count;
            }

            public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

            public ProvisionerSession Provisioner { get; }

            public DeviceSession Device { get; }

            public ScriptedBearer ProvisionerLink { get; }

            public ScriptedBearer DeviceLink { get; }

            public Action<int> OnPdu { get; set; }

            public int PdusSent { get; private set; }

            public int ProvisionerEnded { get; private set; }

            public int DeviceEnded { get; private set; }

            public bool BothClosed => ProvisionerLink.State == ProvisioningLinkState.Closed && DeviceLink.State == ProvisioningLinkState.Closed;

            public void Start()
            {
                Device.Start(DeviceLink);
                Provisioner.Start(ProvisionerLink);
            }

            private byte[] Count(byte[] pdu)
            {
                PdusSent++;
                OnPdu?.Invoke(PdusSent);
                return pdu;
            }

            public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
            {
                unicastAddress = 0x0100;
                return true;
            }

            public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
            {
                // The person reads the node and types (posted work, so no timer outlives the session).
                string shown = _shownByDevice;
                Scheduler.Post(() => session.SupplyOutputOob(shown));
            }

            public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
            {
                Scheduler.Post(() => Device.SupplyInputOob(value));
            }

            public bool OnSendingProvisioningData(ProvisionerSession session) => true;

            public void OnProvisioned(ProvisionerSession session)
            {
            }

            public void OnEnded(ProvisionerSession session) => ProvisionerEnded++;

            public void OnAttention(int seconds)
            {
            }

            public void OnOutputOobShow(OutputOobAction action, string value) => _shownByDevice = value;

            public void OnInputOobRequested(InputOobAction action, int size)
            {
            }

            public void OnEnded(DeviceSession session) => DeviceEnded++;
        }
    }
}
