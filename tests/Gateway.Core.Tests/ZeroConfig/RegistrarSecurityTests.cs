using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Cloud;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// What the zero-config flow must never do (DESIGN.md §6, reference/alibaba-provisioning.md §1.2):
    /// push to a device the user did not approve, trust a forged signature, or let the home password
    /// out in clear text anywhere.
    /// </summary>
    public class RegistrarSecurityTests
    {
        [Fact]
        public void DeniedEnrolleeNeverGetsARegistrarElement()
        {
            var rig = new ZeroConfigRig(policy: ApprovalPolicy.Deny);
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1);
            lamp.Start();

            rig.Scheduler.Advance(300_000);
            Assert.Empty(rig.ResponseElements);
            Assert.Equal(0, rig.Registrar.ResponsesSent);
            Assert.Equal(EnrolleeState.Denied, rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").State);
            Assert.True(rig.EventCount(RegistrarEventKind.NotAccepted) >= 1);
            Assert.True(rig.EventCount(RegistrarEventKind.Reported) >= 2, "re-reported after each interval");
            Assert.Equal(EnrolleePhase.Scanning, lamp.Phase);
            Assert.DoesNotContain(rig.AccessPoint.Joined, n => n != "gateway");
        }

        [Fact]
        public void UnapprovedEnrolleeGetsNoRegistrarElementUntilTheOperatorApproves()
        {
            var rig = new ZeroConfigRig(policy: ApprovalPolicy.Manual);
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1);
            lamp.Start();

            rig.Scheduler.Advance(150_000);
            Assert.Empty(rig.ResponseElements);
            Assert.Single(rig.Emulator.Pending);
            Assert.Equal(EnrolleePhase.Scanning, lamp.Phase);

            Assert.True(rig.Emulator.Approve("a1LampPk001.lamp-01"));
            Assert.True(rig.RunUntil(() => lamp.Phase == EnrolleePhase.Online, 300_000), "online after approval");
            Assert.NotEmpty(rig.ResponseElements);
            Assert.Equal(1, lamp.Joins);
        }

        [Fact]
        public void ForgedSignatureIsRefusedByTheCloudAndOthersAreUnaffected()
        {
            var rig = new ZeroConfigRig(devices: 2);
            rig.StartGateway();
            SimulatedEnrollee forger = rig.AddEnrollee(1, productSecret: "NotTheProdSecret");
            SimulatedEnrollee genuine = rig.AddEnrollee(2);
            forger.Start();
            genuine.Start();

            Assert.True(rig.RunUntil(() => genuine.Phase == EnrolleePhase.Online, 180_000));
            rig.Scheduler.Advance(120_000);
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.EnrolleeRefused && e.Subject == "a1LampPk001/lamp-01" && e.Detail.Contains("signature"));
            Assert.Null(rig.Emulator.FindEnrollee("a1LampPk001.lamp-01"));
            Assert.True(rig.EventCount(RegistrarEventKind.NotAccepted, "a1LampPk001/lamp-01") >= 1);
            Assert.Equal(0, rig.EventCount(RegistrarEventKind.CheckedIn, "a1LampPk001/lamp-01"));
            Assert.Equal(0, forger.ResponsesAccepted);
            Assert.Equal(EnrolleePhase.Scanning, forger.Phase);

            // Every 0xAB element on the air echoes the genuine lamp's signature, none the forger's.
            byte[] genuineSign = AwssEnrolleeCodec.ComputeSign(ZeroConfigRig.LampProductSecret, genuine.SessionRandomAtStart, "lamp-02", ZeroConfigRig.LampPk);
            Assert.All(rig.ResponseElements, e => Assert.Equal(genuineSign, e.Skip(8).Take(20).ToArray()));
        }

        [Fact]
        public void HomePasswordIsNeverOnTheAirInClearNorInMqttNorInLogsNorOnStorage()
        {
            var rig = new ZeroConfigRig(devices: 4, settings: new RegistrarSettings { SniffIdleDuty = 0 });
            rig.Emulator.Options.NotifyRegistrarOnMatch = false;
            rig.StartGateway();
            rig.StartEnrollees(3);
            rig.AddEnrollee(4, settings: new SimulatedEnrolleeSettings { PressAtStart = false }).Start(); // hears the push, ignores it
            Assert.True(rig.RunUntil(() => rig.Enrollees.Take(3).All(e => e.Phase == EnrolleePhase.Online) && rig.EventCount(RegistrarEventKind.TimedOut) >= 1, 600_000));

            SecretScan scan = SecretScan.Of(rig);
            Assert.True(rig.ResponseElements.Count() > 10, "the password was pushed (encrypted) many times");
            Assert.True(rig.Broker.MessageLog.Count > 20 && rig.Lan.Trace.Count > 0 && rig.Log.Count > 20);
            byte[] password = Encoding.UTF8.GetBytes(ZeroConfigRig.HomePassword);
            Assert.Empty(scan.Find(password));

            // Shorter pieces too: any 8 consecutive password octets.
            for (int i = 0; i + 8 <= password.Length; i++)
            {
                Assert.Empty(scan.Find(password.AsSpan(i, 8).ToArray()));
            }

            // The per-session keys are in cipher/get replies by design, but never in a log line or on storage.
            foreach (SimulatedEnrollee enrollee in rig.Enrollees)
            {
                byte[] key = EnrolleeReport.DeriveCipherKey(ZeroConfigRig.LampProductSecret, enrollee.SessionRandomAtStart);
                Assert.False(rig.Log.ContainsSecret(key), enrollee.Id + " key in the log");
                foreach (string name in rig.GatewayStorage.List())
                {
                    rig.GatewayStorage.TryRead(name, out byte[] blob);
                    Assert.DoesNotContain(Hex.Encode(key), Encoding.UTF8.GetString(blob).ToLowerInvariant());
                }
            }
        }

        [Fact]
        public void TheSecretScanFindsAPlantedPassword()
        {
            // The scan can fail: plant the password in each form it looks for.
            byte[] password = Encoding.UTF8.GetBytes(ZeroConfigRig.HomePassword);
            var scan = new SecretScan();
            scan.AddBinary("air", new byte[] { 1, 2 }.Concat(password).ToArray());
            scan.AddText("mqtt", "{\"p\":\"" + Convert.ToBase64String(password) + "\"}");
            scan.AddText("log", "key " + Hex.Encode(password).ToUpperInvariant());
            scan.AddText("lan", "pw=" + ZeroConfigRig.HomePassword);
            Assert.Equal(4, scan.Find(password).Count);
        }

        [Fact]
        public void CheckinForAnEnrolleeThisRegistrarDidNotReportIsAnsweredNotFound()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            rig.Scheduler.Advance(1_000);
            rig.InjectToGateway(AlinkMethods.EnrolleeCheckin, "{\"id\":\"9001\",\"version\":\"1.0\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-77\",\"timeout\":60}}");
            rig.Scheduler.Advance(1_000);
            string reply = Assert.Single(rig.Published(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeCheckin)));
            Assert.Contains("\"id\":\"9001\"", reply);
            Assert.Contains("\"code\":404", reply);
            Assert.Equal(0, rig.ActiveCheckins());
            Assert.True(rig.Log.Contains("did not report"));
        }

        [Fact]
        public void ASecondCheckinOfTheSameEnrolleeIsAnsweredConflict()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { PressAtStart = false });
            lamp.Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) == 1, 60_000));

            rig.InjectToGateway(AlinkMethods.EnrolleeCheckin, "{\"id\":\"9002\",\"version\":\"1.0\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"timeout\":60}}");
            rig.Scheduler.Advance(500);
            Assert.Contains(rig.Published(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeCheckin)), r => r.Contains("\"id\":\"9002\"") && r.Contains("\"code\":409"));
            Assert.Equal(EnrolleeSessionState.CheckinOngoing, rig.Registrar.GetState(ZeroConfigRig.LampPk, "lamp-01"));
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.CheckedIn));
        }

        [Fact]
        public void AHomeNetworkAnEnrolleeCannotTakeIsRefusedUpFront()
        {
            var rig = new ZeroConfigRig();
            var longSsid = new WifiCredentials(new string('s', 32), "password", ZeroConfigRig.HomeBssid);
            Assert.Throws<ArgumentException>(() => new Registrar(rig.GatewayRadio, rig.GatewayStation, longSsid, new Gateway.Host.Crypto.HostAes128(), rig.Scheduler, new MemoryStorage(), rig.Json, rig.Log, null));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Registrar(rig.GatewayRadio, rig.GatewayStation, rig.Home, new Gateway.Host.Crypto.HostAes128(), rig.Scheduler, new MemoryStorage(), rig.Json, rig.Log, new RegistrarSettings { MaxEnrollees = 21 }));
        }
    }
}
