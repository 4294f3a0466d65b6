using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>
    /// Provisioning when things go wrong, on the virtual air in virtual time: a person who never
    /// types, lossy air with duplicates, a node that dies mid-session (MshPRT §5.3.3, §5.4.4;
    /// ble-mesh.md §1.8). Seeds are printed on failure.
    /// </summary>
    public class MeshProvisioningFaultTests
    {
        private readonly ITestOutputHelper _output;

        public MeshProvisioningFaultTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>
        /// MshPRT §5.4.4: with Output OOB the protocol timer is 120 s. Nobody types the value the node
        /// blinks, so the gateway's timer fires 120 s after the last PDU it received (the node's public
        /// key), the session ends with Timeout, the link closes with reason Timeout and the slot is free.
        /// The node here is more patient (180 s) so that it is the gateway's timer that fires.
        /// </summary>
        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv)]
        [InlineData(ProvisioningBearerType.PbGatt)]
        public void MshPRT_5_4_4_OutputOobNeverTypedTimesOutAfter120Seconds(ProvisioningBearerType bearer)
        {
            var home = new SimulatedMeshHome(60, null, new MeshGatewayOptions { PersonDelayMs = 3_600_000 });
            MeshNodeOptions options = null;
            var node = home.AddNode(bearer, o =>
            {
                options = o;
                o.Capabilities = MeshProvisioningMethodsTests.Capabilities(3, "output-numeric");
                o.RetryAfterFailure = false;
                o.Settings = new ProvisioningSettings { ProtocolTimeoutWithOobMs = 180_000 };
            });
            long lastFromNode = 0;
            home.Air.Traced += e =>
            {
                if (e.From == node.Station && e.To == home.GatewayStation && (e.Kind == AirEventKind.AdvertisingDelivered || e.Kind == AirEventKind.GattNotification))
                {
                    lastFromNode = e.TimeMs;
                }
            };

            // Once the node is in a session, its beacons stop, so the last frame it sends is its public key.
            Assert.True(home.Scheduler.RunUntil(() => node.Session.StartParameters != null, 30_000), MeshProvisioningScenarioTests.Describe(home));
            options.Mute = true;
            Assert.True(home.RunUntilAllEnded(300_000), MeshProvisioningScenarioTests.Describe(home));

            var record = home.Gateway.Find(node.Uuid);
            Assert.Equal(ProvisioningOutcome.Timeout, record.Outcome);
            Assert.Equal("timeout", record.FailureDetail);
            Assert.Equal(lastFromNode + 120_000, record.EndedAtMs);
            Assert.NotNull(node.ShownOutputOob);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
            home.Scheduler.Advance(5_000);
            Assert.Equal(0, home.Gateway.PbAdv.LinkCount);
            Assert.Equal(ProvisioningOutcome.LinkLost, node.Session.Outcome);
            _output.WriteLine($"{bearer}: last PDU from the node at {lastFromNode} ms, gateway timer fired at {record.EndedAtMs} ms");
        }

        /// <summary>
        /// The same person with a node whose own timer is the default 120 s: the node started its
        /// timer when it received our public key, a little before we received its key, so over
        /// PB-ADV the node gives up first and sends Link Close (Timeout, MshPRT §5.3.1.4.3). The
        /// gateway records the link as lost with the peer's reason (0x01) and frees the slot.
        /// </summary>
        [Fact]
        public void MshPRT_5_4_4_OutputOobNeverTypedTheNodesTimerClosesThePbAdvLinkFirst()
        {
            var home = new SimulatedMeshHome(60, null, new MeshGatewayOptions { PersonDelayMs = 3_600_000 });
            var node = home.AddNode(ProvisioningBearerType.PbAdv, o =>
            {
                o.Capabilities = MeshProvisioningMethodsTests.Capabilities(3, "output-numeric");
                o.RetryAfterFailure = false;
            });

            Assert.True(home.RunUntilAllEnded(300_000), MeshProvisioningScenarioTests.Describe(home));
            var record = home.Gateway.Find(node.Uuid);
            Assert.Equal(ProvisioningOutcome.LinkLost, record.Outcome);
            Assert.Equal("link-closed-1", record.FailureDetail);
            Assert.InRange(record.EndedAtMs - record.AuthorizedAtMs, 120_000, 125_000);
            Assert.Equal(ProvisioningOutcome.Timeout, node.Session.Outcome);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
        }

        /// <summary>
        /// MshPRT §5.3.3 under loss and duplication: one device and ten devices (PB-ADV and PB-GATT
        /// alternating) all complete, with the gateway allowed to retry a failed attempt. Prints how
        /// many attempts had to be retried and how many PB-ADV repeats the gateway absorbed.
        /// </summary>
        [Theory]
        [InlineData(0.0, 1)]
        [InlineData(0.1, 1)]
        [InlineData(0.3, 1)]
        [InlineData(0.0, 10)]
        [InlineData(0.1, 10)]
        [InlineData(0.3, 10)]
        public void MshPRT_5_3_3_LossAndDuplicationEveryDeviceCompletes(double loss, int devices)
        {
            int retries = 0;
            long worst = 0;
            long duplicates = 0;
            for (int seed = 1; seed <= 5; seed++)
            {
                var air = new AirSettings { LossProbability = loss, DuplicationProbability = loss / 2 };
                var home = new SimulatedMeshHome(seed * 100 + devices, air, new MeshGatewayOptions { RetryFailed = true });
                for (int i = 0; i < devices; i++)
                {
                    home.AddNode(i % 2 == 0 ? ProvisioningBearerType.PbAdv : ProvisioningBearerType.PbGatt);
                }

                Assert.True(home.Run(900_000), MeshProvisioningScenarioTests.Describe(home));
                Assert.Equal(devices, home.Gateway.Records.Select(r => r.UnicastAddress).Distinct().Count());
                Assert.All(home.Nodes, n => Assert.Equal(home.Gateway.Find(n.Uuid).DeviceKey, n.Session.DeviceKey));
                retries += home.Gateway.Records.Sum(r => r.Attempts - 1);
                worst = System.Math.Max(worst, home.Scheduler.NowMilliseconds);
                duplicates += home.Gateway.PbAdv.DuplicateCount;
            }

            _output.WriteLine($"loss {loss:P0}, duplication {loss / 2:P0}, {devices} devices x 5 seeds: {retries} retried attempts, {duplicates} PB-ADV repeats absorbed, slowest home done at {worst} ms");
        }

        /// <summary>
        /// One session at a time with as many PB-ADV links as sessions (how MeshProvisioner sizes
        /// itself by default): each device waits in the queue for the one before it, whose link must
        /// first finish its Link Close repetitions (MshPRT §5.3.2) before the slot is really free.
        /// </summary>
        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv)]
        [InlineData(ProvisioningBearerType.PbGatt)]
        public void QueuedDevicesAreProvisionedOneAfterAnotherThroughASingleSlot(ProvisioningBearerType bearer)
        {
            var home = new SimulatedMeshHome(71, null, OneSlot());
            for (int i = 0; i < 3; i++)
            {
                home.AddNode(bearer);
            }

            Assert.True(home.Run(120_000), MeshProvisioningScenarioTests.Describe(home));
            Assert.Equal(1, home.Gateway.Provisioner.PeakConcurrency);
            Assert.Equal(3, home.Gateway.Provisioner.StartedCount);
        }

        /// <summary>
        /// MshPRT §5.3.3 / §5.4.4: a node that loses power mid-session (after it received Start)
        /// stops answering. Over PB-ADV the gateway's unacknowledged transaction times out after 30 s
        /// (outcome Timeout); over PB-GATT the link layer's supervision timeout ends the connection
        /// (outcome LinkLost, reason Disconnected 0x103). Either way the only slot is freed and the
        /// device queued behind it is provisioned.
        /// </summary>
        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv, 100)]
        [InlineData(ProvisioningBearerType.PbAdv, 1500)]
        [InlineData(ProvisioningBearerType.PbGatt, 100)]
        [InlineData(ProvisioningBearerType.PbGatt, 1000)]
        public void MshPRT_5_4_4_SilentNodeTimesOutAndTheNextQueuedDeviceIsProvisioned(ProvisioningBearerType bearer, long silentAfterMs)
        {
            var home = new SimulatedMeshHome(70, null, OneSlot());

            // Both devices switched on at the same instant, so the second one is queued behind the first.
            home.AddNode(bearer, o => { o.RetryAfterFailure = false; o.StartSpreadMs = 0; });
            home.AddNode(bearer, o => { o.RetryAfterFailure = false; o.StartSpreadMs = 0; });
            Assert.True(home.Scheduler.RunUntil(() => home.Nodes.Any(n => n.Session.StartParameters != null), 30_000), MeshProvisioningScenarioTests.Describe(home));
            var victim = home.Nodes.First(n => n.Session.StartParameters != null);
            var next = home.Nodes.First(n => n != victim);
            Assert.Equal(1, home.Gateway.Provisioner.ActiveCount);
            Assert.Equal(1, home.Gateway.Provisioner.QueuedCount);

            home.Scheduler.Advance(silentAfterMs);
            victim.Station.PowerOff();
            long silentAt = home.Scheduler.NowMilliseconds;
            Assert.True(home.Scheduler.RunUntil(() => next.IsProvisioned && home.Gateway.Find(next.Uuid).Outcome == ProvisioningOutcome.Success, 300_000), MeshProvisioningScenarioTests.Describe(home));

            var record = home.Gateway.Find(victim.Uuid);
            if (bearer == ProvisioningBearerType.PbAdv)
            {
                Assert.Equal(ProvisioningOutcome.Timeout, record.Outcome);
                Assert.Equal("transaction-timeout", record.FailureDetail);
                Assert.InRange(record.EndedAtMs - silentAt, 29_000, 31_000 + silentAfterMs);
            }
            else
            {
                Assert.Equal(ProvisioningOutcome.LinkLost, record.Outcome);
                Assert.Equal("link-closed-" + (int)ProvisioningLinkCloseReason.Disconnected, record.FailureDetail);
                Assert.Equal(silentAt + new AirSettings().SupervisionTimeoutMs, record.EndedAtMs);
            }

            Assert.True(home.Gateway.Find(next.Uuid).EndedAtMs > record.EndedAtMs, "the queued device waited for the slot");
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
            Assert.Equal(0, home.Gateway.Provisioner.QueuedCount);
            _output.WriteLine($"{bearer}: silent at {silentAt} ms, session ended {record.EndedAtMs} ms ({record.FailureDetail}), next device done at {home.Gateway.Find(next.Uuid).EndedAtMs} ms");
        }

        private static MeshGatewayOptions OneSlot()
        {
            return new MeshGatewayOptions { MaxPbAdvSessions = 1, MaxGattConnections = 1, PbAdvOptions = new PbAdvOptions { MaxLinks = 1 } };
        }
    }
}
