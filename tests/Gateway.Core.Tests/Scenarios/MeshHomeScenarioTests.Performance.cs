using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Orchestration;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>Issue 5 closing note: virtual time from "authorized" to "configured" per node.</summary>
    public partial class MeshHomeScenarioTests
    {
        /// <summary>
        /// Ten nodes one after the other (each starts when the previous is configured), so each
        /// number is one node's path: cloud authorization → provisioning (gateway P-256 1,000 ms
        /// managed, key pair precomputed) → configuration (Composition Data Get, AppKey Add, two
        /// binds) → result queued. Loss hits every advertisement a receiver should hear (PB-ADV,
        /// Network PDUs, PB-GATT and Node Identity adverts); GATT links themselves are reliable
        /// (link-layer retransmission), so for PB-GATT the same share of connects fails instead. Virtual time of a seeded model: the same on every machine.
        /// </summary>
        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv, 0.0)]
        [InlineData(ProvisioningBearerType.PbAdv, 0.2)]
        [InlineData(ProvisioningBearerType.PbGatt, 0.0)]
        [InlineData(ProvisioningBearerType.PbGatt, 0.2)]
        public void AuthorizedToConfigured_TenNodes(ProvisioningBearerType bearer, double loss)
        {
            const long seed = 41;
            // For GATT the nearest thing to loss is a connect that fails (the link itself retransmits).
            var rig = new MeshHomeRig(seed, loss, air: a => a.ConnectFailureProbability = bearer == ProvisioningBearerType.PbGatt ? loss : 0);
            rig.Scheduler.Advance(5_000); // signed in; the next key pair is ready
            var durations = new List<long>();
            var configuring = new List<long>();
            for (int i = 0; i < 10; i++)
            {
                SimulatedMeshNode node = rig.Home.AddNode(bearer);
                Assert.True(rig.Run(() => rig.IsConfigured(node), 600_000), rig.Describe());
                MeshDeviceState state = rig.Gateway.Workflow.Find(node.Uuid);
                durations.Add(state.EndedAtMs - state.AuthorizedAtMs);
                configuring.Add(state.EndedAtMs - state.ProvisionedAtMs);
            }

            MeshHomeChecks.AssertConsistent(rig);
            _output.WriteLine($"{bearer}{(bearer == ProvisioningBearerType.PbGatt ? " + GATT Proxy" : string.Empty)}, {loss:P0} loss, seed {seed}: "
                + $"authorized → configured mean {durations.Average():F0} ms, worst {durations.Max()} ms, best {durations.Min()} ms "
                + $"({string.Join(", ", durations)}); of which configuration mean {configuring.Average():F0} ms, worst {configuring.Max()} ms");
        }
    }
}
