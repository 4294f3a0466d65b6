using System.Linq;
using Gateway.Cloud;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.ZeroConfig;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Simulation.Enrollee;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// The whole zero-config flow in virtual time (reference/alibaba-provisioning.md §1.1–§1.3,
    /// §0.1): simulated enrollees on the Wi-Fi medium, the gateway's Registrar over CloudLink, the
    /// in-process cloud emulator on the in-memory broker.
    /// </summary>
    public class RegistrarFlowTests
    {
        private readonly ITestOutputHelper _output;

        public RegistrarFlowTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Section1_2_OneEnrolleeIsProvisionedAndComesOnline()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1);
            lamp.Start();

            bool done = rig.RunUntil(() => lamp.Phase == EnrolleePhase.Online, 180_000);
            Dump(rig, done);
            Assert.True(done, "seed " + rig.Medium.Seed + ": lamp online");
            Assert.Equal(1, lamp.Joins);
            Assert.Equal(0, lamp.JoinFailures);
            Assert.Equal(new[] { "a1LampPk001/lamp-01" }, rig.AccessPoint.Joined.Where(n => n != "gateway"));
            EnrolleeRecord record = rig.Emulator.FindEnrollee("a1LampPk001.lamp-01");
            Assert.Equal(EnrolleeState.Matched, record.State);
            Assert.Equal(lamp.Token, record.Token);
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.Online, "a1LampPk001/lamp-01"));
            Assert.True(rig.ResponseElements.Any(), "0xAB elements were on the air");

            // The push stops once the device is online: nothing more goes out after a long wait.
            int sent = rig.Registrar.ResponsesSent;
            rig.Scheduler.Advance(120_000);
            Assert.Equal(sent, rig.Registrar.ResponsesSent);
            Assert.Equal(0, rig.Registrar.ActiveCount);
        }

        private void Dump(ZeroConfigRig rig, bool done)
        {
            if (done && System.Environment.GetEnvironmentVariable("ZC_DUMP") == null)
            {
                return;
            }

            foreach (var line in rig.Log.ToArray().TakeLast(60))
            {
                _output.WriteLine(line.ToString());
            }

            foreach (var e in rig.Emulator.Events.TakeLast(30))
            {
                _output.WriteLine(e.ToString());
            }
        }
    }
}
