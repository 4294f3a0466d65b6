using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// Attacks below the provisioning protocol, on the real bearers. PB-ADV: an injected advert
    /// that is truncated, oversized or fails its FCS is dropped and counted, never delivered, and
    /// never kills the link (a deliberate choice: anyone can transmit on a Link ID, and the sender's
    /// retransmission recovers, MshPRT §5.3.3). PB-GATT: a Proxy SAR violation drops the connection
    /// (MshPRT §6.3.2), which ends the session.
    /// </summary>
    public class ProvisioningBearerAttackTests
    {
        private const string LinkIdHex = "23af5850";

        /// <summary>
        /// Junk for the link the §8.7 exchange runs on, heard by the provisioner just before the
        /// device's Public Key and by the device just before our Confirmation, each in the
        /// transaction number the receiver expects next. The sample exchange stays byte for byte.
        /// </summary>
        [Fact]
        public void MshPRT_5_3_3_InjectedMalformedPbAdvPdusAreDroppedAndTheSampleExchangeCompletes()
        {
            var world = new SampleWorld();
            var injected = new HashSet<string>();
            world.Air.DropFilter = (sender, receiver, data) =>
            {
                string payload = Hex.Encode(data, 2, data.Length - 2);
                if (payload == SampleData.PublicKeyDeviceAdv[0] && injected.Add(payload))
                {
                    world.Scheduler.Schedule(0, () => InjectJunk(world.ProvisionerBearer, "81", "0907"));
                }
                else if (payload == SampleData.ConfirmationProvisionerAdv && injected.Add(payload))
                {
                    world.Scheduler.Schedule(0, () => InjectJunk(world.DeviceBearer, "03", "0902"));
                }

                return false;
            };

            world.Scheduler.RunAll(20_000);

            Assert.Equal(2, injected.Count);
            Assert.Equal(SampleData.Transcript(), world.DistinctTranscript());
            Assert.Equal(ProvisioningOutcome.Success, world.Provisioner.Outcome);
            Assert.Equal(ProvisioningOutcome.Success, world.Device.Outcome);
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(world.Provisioner.DeviceKey));
            foreach (var bearer in new[] { world.ProvisionerBearer, world.DeviceBearer })
            {
                Assert.Equal(4, bearer.MalformedCount);
                Assert.Equal(2, bearer.AbortedTransactionCount);
                Assert.Equal(1, bearer.NotPbAdvCount);
            }

            Assert.Equal(0, world.Scheduler.PendingTimerCount);
        }

        /// <summary>
        /// An injected last segment with the wrong content completes the device's Public Key
        /// transaction with a bad FCS (the real one was lost): the reassembler drops the whole
        /// transaction without acknowledging it, the device retransmits after 500 ms, and the
        /// exchange completes with the right keys.
        /// </summary>
        [Fact]
        public void MshPRT_5_3_3_ForgedSegmentFailsTheFcsAndTheRetransmissionRecovers()
        {
            var world = new SampleWorld();
            int lastSegments = 0;
            int publicKeyStarts = 0;
            world.Air.DropFilter = (sender, receiver, data) =>
            {
                string payload = Hex.Encode(data, 2, data.Length - 2);
                publicKeyStarts += payload == SampleData.PublicKeyDeviceAdv[0] ? 1 : 0;
                if (payload == SampleData.PublicKeyDeviceAdv[2] && ++lastSegments == 1)
                {
                    string forged = LinkIdHex + "810a" + new string('5', 44);
                    world.Scheduler.Schedule(2, () => Inject(world.ProvisionerBearer, forged));
                    return true;
                }

                return false;
            };

            world.Scheduler.RunAll(20_000);

            Assert.Equal(ProvisioningOutcome.Success, world.Provisioner.Outcome);
            Assert.Equal(ProvisioningOutcome.Success, world.Device.Outcome);
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(world.Device.DeviceKey));
            Assert.Equal(1, world.ProvisionerBearer.AbortedTransactionCount);
            Assert.Equal(2, publicKeyStarts);
            Assert.Equal(0, world.Scheduler.PendingTimerCount);
        }

        /// <summary>
        /// Our Confirmation is lost on its way to the device, and an attacker sends the first
        /// segment of a transaction in the device's next number. The segment is well formed, but
        /// until all segments arrive with a good FCS nothing proves the device sent it, so it must
        /// not count as the device's acknowledgment of our Confirmation (MshPRT §5.3.3): we keep
        /// retransmitting, the device gets the Confirmation, and the exchange completes.
        /// </summary>
        [Fact]
        public void MshPRT_5_3_3_ForgedTransactionStartDoesNotAcknowledgeOurTransaction()
        {
            var world = new SampleWorld();
            int confirmations = 0;
            world.Air.DropFilter = (sender, receiver, data) =>
            {
                string payload = Hex.Encode(data, 2, data.Length - 2);
                if (payload == SampleData.ConfirmationProvisionerAdv && ++confirmations == 1)
                {
                    world.Scheduler.Schedule(5, () => Inject(world.ProvisionerBearer, LinkIdHex + "82" + "040021" + "00" + new string('7', 40)));
                    return true;
                }

                return false;
            };

            world.Scheduler.RunAll(20_000);

            Assert.Equal(ProvisioningOutcome.Success, world.Provisioner.Outcome);
            Assert.Equal(ProvisioningOutcome.Success, world.Device.Outcome);
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(world.Provisioner.DeviceKey));
            Assert.Equal(2, confirmations);
            Assert.Equal(0, world.Scheduler.PendingTimerCount);
        }

        /// <summary>
        /// MshPRT §6.3.2: a Continuation without a First segment from the node mid-session breaks the
        /// Proxy SAR rules; the gateway drops the GATT link (reason ProxyProtocolError), the session
        /// ends as LinkLost with that reason, and the provisioner's slot is free again.
        /// </summary>
        [Theory]
        [InlineData("83faad")]
        [InlineData("43032c|030000")]
        [InlineData("43032c|80faad")]
        [InlineData("03")]
        public void MshPRT_6_3_2_MalformedProxySarOnPbGattEndsTheSession(string sequence)
        {
            var home = new SimulatedMeshHome(90);
            var station = home.Air.AddStation("evil", 0xE0000000001, 3, 0);
            var peripheral = new TappedPeripheral(station.Peripheral);
            var uuid = Hex.Decode(SampleData.DeviceUuid);
            var random = new SeededRandom(91);
            var context = new ProvisioningContext(home.Scheduler, random, new KeyAgreementWorker(new ManagedKeyAgreement(), random, home.Scheduler, false), new ManagedAes128(), NullLog.Instance, null);
            var device = new DeviceSession(context, ProvisioningCapabilities.Parse(Hex.Decode("0100030000000000000000"), 0, 11), null, new RecordingDeviceEvents());
            device.Start(new PbGattServerLink(peripheral, ProvisioningServiceData.BuildAdvertisingData(uuid, 0, false), uuid, home.Scheduler, device, null));

            Assert.True(home.Scheduler.RunUntil(() => device.StartParameters != null, 30_000), "the gateway never started provisioning the node");
            Assert.Equal(1, home.Gateway.Provisioner.ActiveCount);
            foreach (string hex in sequence.Split('|'))
            {
                byte[] segment = Hex.Decode(hex);
                peripheral.Connection.Notify(segment, 0, segment.Length);
            }

            Assert.True(home.Scheduler.RunUntil(() => home.Gateway.Find(uuid)?.Outcome != ProvisioningOutcome.Pending && device.IsEnded, 30_000));
            var record = home.Gateway.Find(uuid);
            Assert.Equal(ProvisioningBearerType.PbGatt, record.Bearer);
            Assert.Equal(ProvisioningOutcome.LinkLost, record.Outcome);
            Assert.Equal("link-closed-" + (int)ProvisioningLinkCloseReason.ProxyProtocolError, record.FailureDetail);
            Assert.Null(record.DeviceKey);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
            Assert.Equal(ProvisioningOutcome.LinkLost, device.Outcome);
        }

        /// <summary>Truncated, oversized, too long and wrong-FCS PDUs in transaction <paramref name="number"/> of the sample link.</summary>
        private static void InjectJunk(PbAdvBearer bearer, string number, string forgedPdu)
        {
            string id = LinkIdHex + number;
            Inject(bearer, LinkIdHex);                                               // truncated: no transaction number
            Inject(bearer, id);                                                      // truncated: no GPC
            Inject(bearer, id + "0800");                                             // Transaction Start without TotalLength and FCS
            Inject(bearer, id + "06" + new string('0', 48));                        // Continuation with 24 octets: above the 24-octet MTU
            Inject(bearer, id + "2c010000" + new string('0', 40));                  // TotalLength 256 > 65: dropped as too long
            byte fcs = ProvisioningFcs.Compute(Hex.Decode(forgedPdu), 0, 2);
            Inject(bearer, id + "000002" + ((byte)(fcs ^ 0x01)).ToString("x2") + forgedPdu); // a forged Failed PDU, wrong FCS
            bearer.OnAdvertisement(0xBAD, -40, Hex.Decode("0201060303271802"), 0, 8); // not PB-ADV at all
        }

        private static void Inject(PbAdvBearer bearer, string payloadHex)
        {
            byte[] payload = Hex.Decode(payloadHex);
            var ad = new byte[payload.Length + 2];
            ad[0] = (byte)(payload.Length + 1);
            ad[1] = GenericProvisioning.AdType;
            System.Array.Copy(payload, 0, ad, 2, payload.Length);
            bearer.OnAdvertisement(0xBAD, -40, ad, 0, ad.Length);
        }

        /// <summary>The §8.7 exchange between two real sessions on two real PB-ADV bearers (as in ProvisioningSampleExchangeTests).</summary>
        private sealed class SampleWorld
        {
            public SampleWorld()
            {
                Air = new LoopbackAir(Scheduler);
                var provisionerRadio = Air.CreateRadio("P", 0xC0FFEE000001);
                var deviceRadio = Air.CreateRadio("D", 0xC0FFEE000002);
                var linkRandom = new ScriptedRandom();
                linkRandom.EnqueueBytes(LinkIdHex);
                ProvisionerBearer = new PbAdvBearer(provisionerRadio, Scheduler, linkRandom);
                DeviceBearer = new PbAdvBearer(deviceRadio, Scheduler, new ScriptedRandom(9));
                provisionerRadio.SetReceiver(ProvisionerBearer.OnAdvertisement);
                deviceRadio.SetReceiver(DeviceBearer.OnAdvertisement);
                var provisionerRandom = new ScriptedRandom(3);
                provisionerRandom.EnqueueBytes("8b19ac31d58b124c946209b5db1021b9");
                var deviceRandom = new ScriptedRandom(4);
                deviceRandom.EnqueueBytes("55a2a2bca04cd32ff6f346bd0a0c1a3a");
                var log = new CapturingLog();
                var provisionerContext = new ProvisioningContext(Scheduler, provisionerRandom, new FixedKeyWorker(Scheduler, 1, SampleSessionHarness.ProvisionerPrivateKey), new ManagedAes128(), log, null);
                var deviceContext = new ProvisioningContext(Scheduler, deviceRandom, new FixedKeyWorker(Scheduler, 2, SampleSessionHarness.DevicePrivateKey), new ManagedAes128(), log, null);
                var uuid = Hex.Decode(SampleData.DeviceUuid);
                Device = new DeviceSession(deviceContext, ProvisioningCapabilities.Parse(Hex.Decode(SampleSessionHarness.SampleCapabilities), 0, 11), null, new RecordingDeviceEvents());
                Device.Start(DeviceBearer.CreateDeviceLink(uuid, Device));
                var request = new ProvisioningRequest(Hex.Decode(SampleSessionHarness.NetKey), 0x0567, 0x01020304) { PreferHmacSha256 = false };
                Provisioner = new ProvisionerSession(provisionerContext, uuid, request, new RecordingProvisionerEvents { NextAddress = 0x0b0c });
                Provisioner.Start(ProvisionerBearer.CreateProvisionerLink(uuid, Provisioner));
            }

            public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

            public LoopbackAir Air { get; }

            public PbAdvBearer ProvisionerBearer { get; }

            public PbAdvBearer DeviceBearer { get; }

            public ProvisionerSession Provisioner { get; }

            public DeviceSession Device { get; }

            /// <summary>The advertising payloads on the air, repeats of the same frame collapsed (the §8.7 table's form).</summary>
            public string[] DistinctTranscript()
            {
                var distinct = new List<string>();
                foreach (var frame in Air.Log.Where(f => distinct.Count == 0 || distinct[distinct.Count - 1] != f.PayloadHex))
                {
                    distinct.Add(frame.PayloadHex);
                }

                return distinct.ToArray();
            }
        }

        /// <summary>A GATT peripheral port that lets the test speak on the connection the node's link serves.</summary>
        private sealed class TappedPeripheral : IGattPeripheral, IGattServerHandler
        {
            private readonly IGattPeripheral _inner;
            private IGattServerHandler _handler;

            public TappedPeripheral(IGattPeripheral inner)
            {
                _inner = inner;
            }

            public IGattServerConnection Connection { get; private set; }

            public void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler)
            {
                _handler = handler;
                _inner.StartService(serviceUuid, dataInUuid, dataOutUuid, advertisingData, this);
            }

            public void UpdateAdvertisingData(byte[] advertisingData) => _inner.UpdateAdvertisingData(advertisingData);

            public void StopService() => _inner.StopService();

            public void OnSubscribed(IGattServerConnection connection)
            {
                Connection = connection;
                _handler.OnSubscribed(connection);
            }

            public void OnWrite(IGattServerConnection connection, byte[] data, int offset, int length) => _handler.OnWrite(connection, data, offset, length);

            public void OnDisconnected(IGattServerConnection connection) => _handler.OnDisconnected(connection);
        }
    }
}
