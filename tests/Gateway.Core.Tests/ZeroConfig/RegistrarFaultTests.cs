using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Cloud;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Simulation.Enrollee;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// Faults in the middle of the zero-config flow: the broker dies, the gateway reboots. Every
    /// enrollee must still be provisioned, and exactly once (docs/cloud-protocol.md §3 Reliability).
    /// </summary>
    public class RegistrarFaultTests
    {
        private readonly ITestOutputHelper _output;

        public RegistrarFaultTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void BrokerKilledRepeatedlyMidFlow_EveryEnrolleeIsProvisionedExactlyOnce()
        {
            var rig = new ZeroConfigRig(devices: 20, settings: new RegistrarSettings { MaxEnrollees = 20, MaxSimultaneousPushes = 20 });
            rig.StartGateway();
            rig.StartEnrollees(20);
            int outages = 0;
            foreach (long at in new long[] { 1_500, 6_000, 11_000, 17_000, 24_000, 33_000 })
            {
                rig.Scheduler.Schedule(at, () =>
                {
                    outages++;
                    rig.Broker.Available = false;
                    rig.Broker.Restart();
                    rig.Scheduler.Schedule(4_000, () => rig.Broker.Available = true);
                });
            }

            bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 900_000);
            Assert.True(done, "seed " + rig.Medium.Seed + ": " + rig.Enrollees.Count(e => e.Phase == EnrolleePhase.Online) + "/20 online");
            _output.WriteLine("online after " + rig.Scheduler.NowMilliseconds + " ms with " + outages + " broker outages; gateway connects " + rig.Cloud.ConnectAttempts);

            Assert.Equal(6, outages);
            Assert.True(rig.Cloud.ConnectAttempts > 6, "the gateway reconnected after each outage");
            RegistrarFlowTests.AssertEachProvisionedExactlyOnce(rig);
            Assert.Equal(0, rig.EventCount(RegistrarEventKind.TimedOut));
            Assert.Equal(0, rig.Cloud.PendingCount);
        }

        [Fact]
        public void GatewayRebootsWithTheKeyRequestInTheOutbox_TheStoredRequestIsAnswered()
        {
            var rig = new ZeroConfigRig(devices: 3, settings: new RegistrarSettings { SniffIdleDuty = 0 });
            rig.StartGateway();
            bool cut = false;
            rig.Registrar.EnrolleeEvent += (kind, pk, dn) =>
            {
                if (kind == RegistrarEventKind.CheckedIn && !cut)
                {
                    // The broker dies at the instant of the first checkin: the key request stays in the outbox.
                    cut = true;
                    rig.Broker.Available = false;
                    rig.Broker.Restart();
                }
            };
            rig.StartEnrollees(3);
            Assert.True(rig.RunUntil(() => cut, 60_000));
            Assert.True(rig.Cloud.PendingCount >= 1);
            rig.Scheduler.Advance(1_000);

            rig.Reboot();
            rig.Scheduler.Advance(2_000);
            Assert.True(rig.Log.Contains("restored 1 checked-in enrollee(s)"), "the checked-in enrollee came back from storage");
            Assert.True(rig.Log.Contains("restored 1 request(s) from the outbox"), "its key request came back from the outbox");
            rig.Broker.Available = true;

            Assert.True(rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 600_000), "all online after the reboot");
            RegistrarFlowTests.AssertEachProvisionedExactlyOnce(rig);

            // The stored request was answered; no second key request was needed.
            Assert.All(rig.Emulator.Enrollees, e => Assert.Equal(1, e.KeysIssued));
        }

        [Fact]
        public void GatewayRebootsWhilePushingToTwenty_EveryEnrolleeIsProvisionedExactlyOnce()
        {
            var rig = new ZeroConfigRig(devices: 20, settings: new RegistrarSettings { MaxEnrollees = 20, MaxSimultaneousPushes = 4 });
            rig.StartGateway();
            rig.StartEnrollees(20);
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) >= 6 && rig.ActiveCheckins() >= 4, 300_000));
            int pushing = rig.ActiveCheckins();
            int onlineBefore = rig.Enrollees.Count(e => e.MatchAcknowledged);

            rig.Reboot();
            Assert.True(rig.Log.Contains("restored " + pushing + " checked-in enrollee(s)"), "restored " + pushing);

            bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 900_000);
            Assert.True(done, "seed " + rig.Medium.Seed + ": " + rig.Enrollees.Count(e => e.Phase == EnrolleePhase.Online) + "/20 online");
            _output.WriteLine("rebooted with " + pushing + " checked in and " + onlineBefore + " online; all online after " + rig.Scheduler.NowMilliseconds + " ms");
            foreach (SimulatedEnrollee enrollee in rig.Enrollees)
            {
                Assert.True(enrollee.Joins == 1, enrollee.Id + " joined " + enrollee.Joins + " times");
                Assert.Equal(1, rig.AccessPoint.Joined.Count(n => n == enrollee.Id));
                Assert.True(rig.EventCount(RegistrarEventKind.Online, enrollee.Id) <= 1);
                Assert.Equal(EnrolleeState.Matched, rig.Emulator.FindEnrollee(enrollee.ProductKey + "." + enrollee.DeviceName).State);
            }

            Assert.Equal(0, rig.Registrar.ActiveCount);
            Assert.Equal(0, rig.Cloud.PendingCount);
        }

        [Fact]
        public void RegistrarStopAndStartRebuildsTheTableFromStorage()
        {
            var rig = new ZeroConfigRig(devices: 2, settings: new RegistrarSettings { SniffIdleDuty = 0 });
            rig.StartGateway();
            rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { PressAtStart = false }).Start();
            rig.AddEnrollee(2, settings: new SimulatedEnrolleeSettings { PressAtStart = false }).Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) == 2, 60_000));

            rig.Workflow.Stop();
            int sent = rig.Registrar.ResponsesSent;
            rig.Scheduler.Advance(5_000);
            Assert.Equal(sent, rig.Registrar.ResponsesSent);
            Assert.False(rig.GatewayRadio.IsFiltering);

            rig.Workflow.Start();
            Assert.True(rig.Log.Contains("restored 2 checked-in enrollee(s)"));
            foreach (SimulatedEnrollee enrollee in rig.Enrollees)
            {
                enrollee.PressConfigButton();
            }

            Assert.True(rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 120_000));
            Assert.All(rig.Enrollees, e => Assert.Equal(1, e.Joins));
        }

        [Fact]
        public void RebootAtManyPointsOfAFlow_NoEnrolleeIsLost()
        {
            for (long at = 500; at <= 12_000; at += 1_150)
            {
                var rig = new ZeroConfigRig(devices: 2, settings: new RegistrarSettings { SniffIdleDuty = 0 }, seed: at);
                rig.StartGateway();
                rig.StartEnrollees(2);
                rig.Scheduler.Advance(at);
                rig.Reboot();
                bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 600_000);
                Assert.True(done, "reboot at " + at + " ms: " + string.Join(",", rig.Enrollees.Select(e => e.Phase)));
                Assert.All(rig.Enrollees, e => Assert.Equal(1, e.Joins));
            }
        }

        [Fact]
        public void PowerCutAtEveryStorageWriteOfTheGateway_NoEnrolleeIsLost()
        {
            // How many writes (outbox and registrar state) a 2-enrollee flow makes.
            var baseline = new ZeroConfigRig(devices: 2, settings: new RegistrarSettings { SniffIdleDuty = 0 });
            baseline.StartGateway();
            baseline.StartEnrollees(2);
            Assert.True(baseline.RunUntil(() => baseline.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 600_000));
            int writes = baseline.GatewayStorage.WriteCount;
            Assert.True(writes >= 6, "writes: " + writes);
            _output.WriteLine(writes + " storage writes in the flow; cut at each, applied and lost");

            for (int k = 0; k < writes; k++)
            {
                foreach (bool applied in new[] { false, true })
                {
                    // The cut happens inside a write; the gateway dies there and boots from what the flash kept.
                    var rig = new ZeroConfigRig(devices: 2, settings: new RegistrarSettings { SniffIdleDuty = 0 });
                    rig.GatewayStorage.CutPowerAtWrite(k, applied);
                    rig.StartGateway();
                    rig.StartEnrollees(2);
                    Assert.True(rig.RunUntil(() => !rig.GatewayStorage.IsPowered, 600_000), "cut at write " + k);
                    rig.Reboot();
                    bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 600_000);
                    Assert.True(done, "cut at write " + k + (applied ? " (applied)" : " (lost)") + ": " + string.Join(",", rig.Enrollees.Select(e => e.Phase)));
                    Assert.All(rig.Enrollees, e => Assert.Equal(1, e.Joins));
                }
            }
        }
    }
}
