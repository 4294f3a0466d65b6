using System.Linq;
using Gateway.Cloud;
using Gateway.Core.Tests.Cloud.Support;
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

        [Fact]
        public void Section1_2_TwentyEnrolleesWithATwentySlotRegistrar()
        {
            var rig = new ZeroConfigRig(devices: 20, settings: new RegistrarSettings { MaxEnrollees = 20, MaxSimultaneousPushes = 20 });
            rig.StartGateway();
            rig.StartEnrollees(20);

            bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 600_000);
            Dump(rig, done);
            Assert.True(done, "seed " + rig.Medium.Seed + ": " + rig.Enrollees.Count(e => e.Phase == EnrolleePhase.Online) + "/20 online at " + rig.Scheduler.NowMilliseconds + " ms");
            _output.WriteLine("20 enrollees online after " + rig.Scheduler.NowMilliseconds + " ms of virtual time; " + rig.Registrar.ResponsesSent + " 0xAB frames");
            AssertEachProvisionedExactlyOnce(rig);
            Assert.Equal(0, rig.Registrar.TableFullDrops);
        }

        [Fact]
        public void Section1_2_TwentyEnrolleesQueueThroughTheDefaultFiveSlots()
        {
            var rig = new ZeroConfigRig(devices: 20);
            int mostActive = 0;
            rig.StartGateway();
            rig.Registrar.EnrolleeEvent += (kind, pk, dn) => mostActive = System.Math.Max(mostActive, rig.Registrar.ActiveCount);
            rig.StartEnrollees(20);

            bool done = rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 900_000);
            Dump(rig, done);
            Assert.True(done, "seed " + rig.Medium.Seed + ": " + rig.Enrollees.Count(e => e.Phase == EnrolleePhase.Online) + "/20 online");
            _output.WriteLine("20 enrollees through 5 slots online after " + rig.Scheduler.NowMilliseconds + " ms of virtual time; " + rig.Registrar.TableFullDrops + " drops while full");
            Assert.Equal(5, rig.Registrar.Capacity);
            Assert.Equal(5, mostActive);
            Assert.True(rig.Registrar.TableFullDrops > 0, "the table was full at times");
            AssertEachProvisionedExactlyOnce(rig);
        }

        [Fact]
        public void Section1_3_OnlineSeenOnTheLanAloneStopsThePush()
        {
            var rig = new ZeroConfigRig();
            rig.Emulator.Options.NotifyRegistrarOnMatch = false;
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1);
            lamp.Start();

            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Online) == 1, 180_000));
            Assert.DoesNotContain(rig.Emulator.Events, e => e.Kind == CloudEventKind.OnlineSent);
            Assert.True(lamp.LanNoticesSent >= 1);
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(ZeroConfigRig.LampPk, "lamp-01"));
        }

        [Fact]
        public void Section1_3_OnlineSeenFromTheCloudAloneStopsThePush()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { NotifyCount = 0 });
            lamp.Start();

            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Online) == 1, 180_000));
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.OnlineSent);
            Assert.Empty(rig.Lan.Trace);
            Assert.Contains(rig.Published(rig.GatewayTopics.ReplyForMethod(Gateway.Core.Cloud.AlinkMethods.EnrolleeOnline)), p => p.Contains("\"code\":200"));
        }

        [Fact]
        public void Section1_3_PushEndsAtTheCheckinTimeoutWhenTheEnrolleeNeverComesOnline()
        {
            // The user never pressed the device's button: it ignores every 0xAB element.
            var rig = new ZeroConfigRig(settings: new RegistrarSettings { SniffIdleDuty = 0 });
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { PressAtStart = false });
            lamp.Start();

            bool pushing = rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) == 1, 60_000);
            Dump(rig, pushing);
            Assert.True(pushing, "at " + rig.Scheduler.NowMilliseconds + ": " + string.Join(",", rig.Events));
            long started = rig.Scheduler.NowMilliseconds;
            bool ended = rig.RunUntil(() => rig.EventCount(RegistrarEventKind.TimedOut) == 1, 120_000);
            Dump(rig, ended);
            Assert.True(ended, "at " + rig.Scheduler.NowMilliseconds + ": " + string.Join(",", rig.Events));
            long lasted = rig.Scheduler.NowMilliseconds - started;

            // 60 s (REGISTRAR_TIMEOUT) of one element every 250 × 15/16 = 234 ms.
            Assert.InRange(lasted, 60_000, 60_000 + 234);
            Assert.InRange(rig.Registrar.ResponsesSent, (60_000 / 234) - 1, (60_000 / 234) + 1);
            Assert.True(lamp.ResponsesIgnoredNotPressed > 0, "the enrollee heard elements and ignored them");
            Assert.Equal(0, lamp.ResponsesAccepted);
            Assert.Equal(EnrolleePhase.Scanning, lamp.Phase);
        }

        [Fact]
        public void Section1_2_CheckinTimeoutFromTheCloudIsUsed()
        {
            var rig = new ZeroConfigRig();
            rig.Emulator.Options.CheckinTimeoutSeconds = 5;
            rig.StartGateway();
            rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { PressAtStart = false }).Start();

            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) == 1, 60_000));
            long started = rig.Scheduler.NowMilliseconds;
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.TimedOut) == 1, 60_000));
            Assert.InRange(rig.Scheduler.NowMilliseconds - started, 5_000, 5_234);
        }

        [Fact]
        public void Section1_2_SniffingDutyCycleIsSixPointFourSecondsOnAndOff()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            var samples = new System.Collections.Generic.List<(long, bool, bool)>();
            for (long t = 100; t < 40_000; t += 3_200)
            {
                rig.Scheduler.RunUntil(t);
                samples.Add((t, rig.Registrar.IsSniffing, rig.GatewayRadio.IsFiltering));
            }

            foreach ((long t, bool sniffing, bool filtering) in samples)
            {
                bool expected = (t % 12_800) < 6_400;
                Assert.True(expected == sniffing, "sniffing at " + t + " ms");
                Assert.True(expected == filtering, "radio filter at " + t + " ms");
            }
        }

        [Fact]
        public void Section1_2_ANewRandomWhileWaitingForApprovalIsReportedAgain()
        {
            var rig = new ZeroConfigRig(policy: ApprovalPolicy.Manual);
            rig.StartGateway();
            SimulatedEnrollee first = rig.AddEnrollee(1);
            first.Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Reported) == 1, 60_000));
            string firstRandom = rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").Random;

            // The device restarts provisioning with a new random (a power cycle): same radio, new session.
            first.PowerOff();
            first.Radio.PowerOn();
            var again = new SimulatedEnrollee(ZeroConfigRig.LampPk, "lamp-01", ZeroConfigRig.DeviceSecret(1), ZeroConfigRig.LampProductSecret, first.Radio, rig.Broker.CreateLink(), rig.Scheduler, new Gateway.Core.Runtime.SeededRandom(99), rig.Log);
            again.Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Reported) == 2, 60_000));
            Assert.NotEqual(firstRandom, rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").Random);
        }

        internal static void AssertEachProvisionedExactlyOnce(ZeroConfigRig rig)
        {
            foreach (SimulatedEnrollee enrollee in rig.Enrollees)
            {
                Assert.True(enrollee.Joins == 1, enrollee.Id + " joined " + enrollee.Joins + " times");
                Assert.Equal(1, rig.AccessPoint.Joined.Count(n => n == enrollee.Id));
                Assert.True(rig.EventCount(RegistrarEventKind.Online, enrollee.Id) == 1, enrollee.Id + " online events: " + rig.EventCount(RegistrarEventKind.Online, enrollee.Id));
                Assert.True(rig.EventCount(RegistrarEventKind.PushStarted, enrollee.Id) >= 1, enrollee.Id + " was pushed to");
                EnrolleeRecord record = rig.Emulator.FindEnrollee(enrollee.ProductKey + "." + enrollee.DeviceName);
                Assert.Equal(EnrolleeState.Matched, record.State);
                Assert.Equal(enrollee.Token, record.Token);
            }

            Assert.Equal(0, rig.Registrar.ActiveCount);
        }

        private void Dump(ZeroConfigRig rig, bool done)
        {
            if (done && System.Environment.GetEnvironmentVariable("ZC_DUMP") == null)
            {
                return;
            }

            if (System.Environment.GetEnvironmentVariable("ZC_DUMP") != null)
            {
                System.IO.File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zc-dump.txt"), rig.Log.AllText() + string.Join("\n", rig.Emulator.Events));
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
