using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Orchestration;
using Gateway.Simulation.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>
    /// Issue 11: a whole floor at once. Every node is added at time 0 and the gateway (PB-ADV with
    /// the native add-on: 100 ms per P-256 scalar multiplication) provisions and configures them
    /// through the cloud (auto-approval). Virtual time of a seeded model: the same on every machine.
    /// </summary>
    public class MeshHomeScaleTests
    {
        private readonly ITestOutputHelper _output;

        public MeshHomeScaleTests(ITestOutputHelper output)
        {
            _output = output;
        }

        internal static MeshHomeRig Floor(long seed, int nodes, double loss)
        {
            var rig = new MeshHomeRig(seed, loss, new MeshGatewayOptions { ScalarMultiplicationMs = 100 });
            for (int i = 0; i < nodes; i++)
            {
                rig.Home.AddNode(ProvisioningBearerType.PbAdv);
            }

            return rig;
        }

        internal static string Summary(MeshHomeRig rig, int nodes, double loss, bool done)
        {
            MeshProvisioningWorkflow flow = rig.Gateway.Workflow;
            var states = rig.Nodes.Select(n => flow.Find(n.Uuid)).ToList();
            long last = states.Where(s => s != null && s.Stage == MeshDeviceStage.Done).Select(s => s.EndedAtMs).DefaultIfEmpty(0).Max();
            var failures = states.Where(s => s != null && s.Stage == MeshDeviceStage.Failed).GroupBy(s => s.FailureReason ?? "?")
                .Select(g => g.Key + " ×" + g.Count());
            var stages = states.GroupBy(s => s == null ? "never-seen" : s.Stage.ToString()).Select(g => g.Key + " " + g.Count());
            return $"{nodes} nodes, loss {loss:F1}, seed {rig.Seed}: all configured {done}, configured {rig.Nodes.Count(rig.IsConfigured)}, "
                + $"last at {last} ms, stages [{string.Join(", ", stages)}], failures [{string.Join(", ", failures)}]";
        }

        [Theory]
        [InlineData(40, 0.0, 60_000)]
        [InlineData(100, 0.0, 60_000)]
        [InlineData(40, 0.3, 120_000)]
        [InlineData(100, 0.3, 120_000)]
        public void FloorAtOnce(int nodes, double loss, long limitMs)
        {
            var rig = Floor(7, nodes, loss);
            bool done = rig.Run(() => rig.AllConfigured, limitMs);
            _output.WriteLine(Summary(rig, nodes, loss, done));
            Assert.True(done, Summary(rig, nodes, loss, done));
        }
    }
}
namespace Gateway.Core.Tests.Scenarios
{
    public class MeshHomeScaleProbe
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public MeshHomeScaleProbe(Xunit.Abstractions.ITestOutputHelper output)
        {
            _output = output;
        }

        [Xunit.Theory]
        [Xunit.InlineData(40, 0.0)]
        public void Probe(int nodes, double loss)
        {
            var rig = MeshHomeScaleTests.Floor(7, nodes, loss);
            for (int t = 0; t < 40; t++)
            {
                rig.Run(() => false, 5000);
                var g = rig.Gateway;
                var radio = (Gateway.Simulation.VirtualRadio)rig.Home.GatewayStation.Radio;
                _output.WriteLine($"{rig.Scheduler.NowMilliseconds}: done {rig.Nodes.Count(rig.IsConfigured)} prov active {g.Provisioner.ActiveCount} queued {g.Provisioner.QueuedCount} started {g.Provisioner.StartedCount} links {g.PbAdv.LinkCount} radioQ {radio.QueuedAdvertisements} pbadvTx {g.PbAdv.TransmittedCount} cfg {g.Configurator.ActiveCount} cpu {g.Cpu}");
            }
            _output.WriteLine(MeshHomeScaleTests.Summary(rig, nodes, loss, false));
            var text = rig.Gateway.Log.AllText(); _output.WriteLine(text.Length > 6000 ? text.Substring(text.Length - 6000) : text);
        }
    }
}
