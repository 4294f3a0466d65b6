using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>Whole-home provisioning in virtual time on the shared virtual air (seeds printed on failure).</summary>
    public class MeshProvisioningScenarioTests
    {
        private readonly ITestOutputHelper _output;

        public MeshProvisioningScenarioTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv)]
        [InlineData(ProvisioningBearerType.PbGatt)]
        public void OneDeviceIsProvisionedWithHmacSha256AndNoOob(ProvisioningBearerType bearer)
        {
            var home = new SimulatedMeshHome(seed: 1);
            var node = home.AddNode(bearer);
            Assert.True(home.Run(60_000), Describe(home));
            var record = home.Gateway.Find(node.Uuid);
            Assert.Equal(ProvisioningOutcome.Success, record.Outcome);
            Assert.Equal(bearer, record.Bearer);
            Assert.Equal(ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, record.Algorithm);
            Assert.Equal(record.DeviceKey, node.Session.DeviceKey);
            Assert.Equal(record.UnicastAddress, node.Session.Data.UnicastAddress);
            _output.WriteLine($"{bearer}: found {record.FoundAtMs} ms, provisioned in {record.DurationMs} ms of virtual time");
        }

        [Fact]
        public void MixedHomeOfTwelveDevicesIsProvisionedWithDistinctAddresses()
        {
            var home = new SimulatedMeshHome(seed: 2);
            for (int i = 0; i < 12; i++)
            {
                home.AddNode(i % 2 == 0 ? ProvisioningBearerType.PbAdv : ProvisioningBearerType.PbGatt);
            }

            Assert.True(home.Run(300_000), Describe(home));
            var addresses = home.Gateway.Records.Select(r => r.UnicastAddress).ToList();
            Assert.Equal(12, addresses.Distinct().Count());
            Assert.True(home.Gateway.Provisioner.PeakConcurrency >= 4, "peak " + home.Gateway.Provisioner.PeakConcurrency);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
        }

        internal static string Describe(SimulatedMeshHome home)
        {
            return "seed " + home.Seed + " at " + home.Scheduler.NowMilliseconds + " ms: "
                + string.Join("; ", home.Nodes.Select(n =>
                {
                    var r = home.Gateway.Find(n.Uuid);
                    return n.Station.Name + " " + (r == null ? "not found" : r.Outcome + " " + r.FailureDetail + " attempts " + r.Attempts) + " node " + n.Session?.Outcome;
                }));
        }
    }
}
