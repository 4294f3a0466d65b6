using System.Collections.Generic;
using Gateway.Cli.Demo;
using Xunit;

namespace Gateway.Cli.Tests
{
    /// <summary>When a demo run stops, and what its last line says (in-process, on hand-made device rows).</summary>
    public class DemoProgressTests
    {
        private static DemoDevice Device(string name, DemoDeviceStatus status, long changeSequence, string detail = "", long endedAtMs = -1)
        {
            return new DemoDevice(name, "mesh PB-ADV", name) { Status = status, ChangeSequence = changeSequence, Detail = detail, EndedAtMs = endedAtMs, StartedAtMs = 0 };
        }

        [Fact]
        public void AllProvisionedEndsAtOnceWithTheTimeOfTheLastDevice()
        {
            var progress = new DemoProgress(65_000, 180_000, 900_000);
            var devices = new List<DemoDevice> { Device("a", DemoDeviceStatus.Provisioned, 1, "address 0002", 4_000), Device("b", DemoDeviceStatus.Provisioned, 2, "address 0003", 6_100) };
            Assert.Equal(DemoVerdict.AllEnded, progress.Observe(7_000, devices, default));
            Assert.Equal("2 of 2 devices provisioned and configured in 6.1 s of simulated time.", progress.LastLine(devices));
        }

        [Fact]
        public void AnIdleGatewayWithNothingChangingStopsAfterTheQuietTimeAndSaysWhy()
        {
            var progress = new DemoProgress(65_000, 180_000, 900_000);
            var devices = new List<DemoDevice>
            {
                Device("a", DemoDeviceStatus.Provisioned, 1, "address 0002", 10_000),
                Device("b", DemoDeviceStatus.NeverHeard, 0),
                Device("c", DemoDeviceStatus.NeverHeard, 0),
                Device("d", DemoDeviceStatus.WaitingForApproval, 2),
                Device("e", DemoDeviceStatus.Failed, 3, "bind-timeout", 12_000),
            };
            Assert.Equal(DemoVerdict.Running, progress.Observe(12_000, devices, default));
            Assert.Equal(DemoVerdict.Running, progress.Observe(76_900, devices, default));
            Assert.Equal(DemoVerdict.Stalled, progress.Observe(77_000, devices, default));
            Assert.Equal(
                "1 of 5 devices provisioned and configured; stopped at 77.0 s of simulated time: nothing can progress (the gateway is idle and nothing changed since 12.0 s)"
                + " — 2 never heard, 1 waiting for approval; 1 failed (bind-timeout ×1).",
                progress.LastLine(devices));
        }

        [Fact]
        public void PendingWorkWaitsForTheWatchdogNotTheQuietTime()
        {
            var progress = new DemoProgress(65_000, 180_000, 900_000);
            var devices = new List<DemoDevice> { Device("a", DemoDeviceStatus.Running, 1) };
            var work = new GatewayWork(1, 0);
            Assert.Equal(DemoVerdict.Running, progress.Observe(1_000, devices, work));
            Assert.Equal(DemoVerdict.Running, progress.Observe(100_000, devices, work));
            Assert.Equal(DemoVerdict.Stalled, progress.Observe(181_000, devices, work));
            Assert.Contains("nothing changed since 1.0 s though work is pending (1 session(s) running, 0 queued) — 1 still running.", progress.LastLine(devices));
        }

        [Fact]
        public void AFailureIsFinalOnlyAfterTheHomeStayedQuiet()
        {
            // A failed device that beacons again is reported and tried again: the run waits before calling it final.
            var progress = new DemoProgress(65_000, 180_000, 900_000);
            var devices = new List<DemoDevice> { Device("a", DemoDeviceStatus.Provisioned, 1, "address 0002", 3_000), Device("b", DemoDeviceStatus.Failed, 2, "link-closed-1", 5_000) };
            Assert.Equal(DemoVerdict.Running, progress.Observe(5_000, devices, default));
            Assert.Equal(DemoVerdict.AllEnded, progress.Observe(70_000, devices, default));
            Assert.Equal("1 of 2 devices provisioned and configured in 5.0 s of simulated time; 1 failed (link-closed-1 ×1).", progress.LastLine(devices));
        }

        [Fact]
        public void TheLimitStopsARunThatStillChanges()
        {
            var progress = new DemoProgress(65_000, 180_000, 900_000);
            var devices = new List<DemoDevice> { Device("a", DemoDeviceStatus.Running, 1) };
            progress.Observe(899_000, devices, new GatewayWork(1, 2));
            devices[0].ChangeSequence = 2;
            Assert.Equal(DemoVerdict.Limit, progress.Observe(900_000, devices, new GatewayWork(1, 2)));
            Assert.Contains("stopped at 900.0 s of simulated time: the 900.0 s limit passed — 1 still running.", progress.LastLine(devices));
        }
    }
}
