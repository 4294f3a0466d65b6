using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Simulation.Enrollee;
using Gateway.Simulation.Wifi;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// Malformed elements on the air and malformed cloud messages: each gets a typed error and a
    /// log line, never an exception out of the registrar, and never disturbs the other enrollees.
    /// </summary>
    public class RegistrarMalformedInputTests
    {
        [Fact]
        public void MalformedElementsFromARogueRadioNeverDisturbTheOthers()
        {
            var rig = new ZeroConfigRig(devices: 2);
            rig.StartGateway();
            VirtualWifiRadio rogue = rig.Medium.AddRadio("rogue", 0x0A0000000666UL, ZeroConfigRig.HomeChannel);
            List<byte[]> garbage = EnrolleeRequestIeTests.Violations().Select(v => (byte[])v[1]).ToList();
            var random = new Random(7);
            for (int i = 0; i < 20; i++)
            {
                byte[] element = new byte[random.Next(6, 120)];
                random.NextBytes(element);
                element[0] = 221;
                element[1] = (byte)random.Next(256);
                element[2] = 0xD8;
                element[3] = 0x96;
                element[4] = 0xE0;
                element[5] = 0xAA;
                garbage.Add(element);
            }

            int next = 0;
            void Spam()
            {
                byte[] element = garbage[next++ % garbage.Count];
                rogue.SendProbeRequest(element, 0, Math.Min(element.Length, WifiSettings.MaxElementLength));
                rig.Scheduler.Schedule(50, Spam);
            }

            Spam();
            rig.StartEnrollees(2);
            Assert.True(rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 300_000));
            Assert.True(rig.Registrar.MalformedElements > 100, "malformed: " + rig.Registrar.MalformedElements);
            Assert.True(rig.Log.ToArray().Count(l => l.Message.Contains("enrollee element from 0A:00:00:00:06:66 refused")) == rig.Registrar.MalformedElements);
            RegistrarFlowTests.AssertEachProvisionedExactlyOnce(rig);
        }

        [Fact]
        public void AForgedElementWithANewRandomDoesNotCancelAnAuthorizedPush()
        {
            var rig = new ZeroConfigRig(settings: new RegistrarSettings { SniffIdleDuty = 0 });
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1, settings: new SimulatedEnrolleeSettings { PressAtStart = false });
            lamp.Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.PushStarted) == 1, 60_000));

            VirtualWifiRadio rogue = rig.Medium.AddRadio("rogue", 0x0A0000000667UL, ZeroConfigRig.HomeChannel);
            byte[] fake = EnrolleeRequestIeTests.Build(dn: "lamp-01", random: new byte[16]);
            rogue.SendProbeRequest(fake, 0, fake.Length);
            lamp.PressConfigButton();
            Assert.True(rig.RunUntil(() => lamp.Phase == EnrolleePhase.Online, 60_000));
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.CheckedIn));
        }

        public static IEnumerable<object[]> BadCheckins()
        {
            const string Head = "{\"id\":\"77\",\"version\":\"1.0\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":";
            yield return new object[] { "params missing productKey", Head + "{\"deviceName\":\"lamp-01\",\"timeout\":60}}" };
            yield return new object[] { "productKey a number", Head + "{\"productKey\":7,\"deviceName\":\"lamp-01\"}}" };
            yield return new object[] { "deviceName null", Head + "{\"productKey\":\"a1LampPk001\",\"deviceName\":null}}" };
            yield return new object[] { "timeout a string", Head + "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"timeout\":\"60\"}}" };
            yield return new object[] { "timeout a fraction", Head + "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"timeout\":1.5}}" };
            yield return new object[] { "params an array", Head + "[\"a1LampPk001\",\"lamp-01\"]}" };
        }

        [Theory]
        [MemberData(nameof(BadCheckins))]
        public void MalformedCheckinParamsAreAnsweredBadRequestAndLogged(string what, string payload)
        {
            var rig = new ZeroConfigRig(policy: Gateway.Cloud.ApprovalPolicy.Manual);
            rig.StartGateway();
            SimulatedEnrollee lamp = rig.AddEnrollee(1);
            lamp.Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Reported) == 1, 60_000));

            rig.InjectToGateway(AlinkMethods.EnrolleeCheckin, payload);
            rig.Scheduler.Advance(500);
            Assert.True(rig.Published(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeCheckin)).Any(r => r.Contains("\"id\":\"77\"") && r.Contains("\"code\":400")), what);
            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.True(rig.Log.ToArray().Any(l => l.Level == LogLevel.Warning && l.Message.StartsWith("checkin #77 refused", StringComparison.Ordinal)), what);
            Assert.Equal(EnrolleeSessionState.Found, rig.Registrar.GetState(ZeroConfigRig.LampPk, "lamp-01"));

            // The real approval still works.
            Assert.True(rig.Emulator.Approve("a1LampPk001.lamp-01"));
            Assert.True(rig.RunUntil(() => lamp.Phase == EnrolleePhase.Online, 300_000), what);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"id\":\"78\",\"method\":\"thing.awss.enrollee.found\",\"params\":{}}")]      // method does not match the topic
        [InlineData("{\"id\":\"78\",\"method\":\"thing.awss.enrollee.checkin\"}")]                  // no params
        [InlineData("{\"id\":[1],\"method\":\"thing.awss.enrollee.checkin\",\"params\":{}}")]       // id of the wrong type
        [InlineData("{\"id\":\"78\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{},\"params\":{}}")] // duplicate key
        public void MalformedEnvelopesAreDroppedByTheLinkAndLogged(string payload)
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            rig.Scheduler.Advance(500);
            rig.InjectToGateway(AlinkMethods.EnrolleeCheckin, payload);
            rig.Scheduler.Advance(500);
            Assert.Equal(1, rig.Cloud.MalformedMessages);
            Assert.Empty(rig.Published(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeCheckin)));
            Assert.True(rig.Log.Contains("malformed request") || rig.Log.Contains("does not match its topic"));
        }

        [Fact]
        public void HugeAndDeeplyNestedPayloadsAreDroppedBeforeParsing()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            rig.Scheduler.Advance(500);
            string huge = "{\"id\":\"79\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"productKey\":\"" + new string('a', 40_000) + "\",\"deviceName\":\"x\"}}";
            string deep = "{\"id\":\"80\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"x\":" + new string('[', 500) + new string(']', 500) + "}}";
            rig.InjectToGateway(AlinkMethods.EnrolleeCheckin, huge);
            rig.InjectToGateway(AlinkMethods.EnrolleeOnline, deep);
            rig.InjectToGateway(AlinkMethods.CipherGet + "_reply", "{\"id\":\"81\",\"code\":200,\"data\":{\"secret\":\"" + new string('f', 30_000) + "\"}}");
            rig.Scheduler.Advance(500);
            Assert.Equal(3, rig.Cloud.MalformedMessages);
            Assert.Equal(0, rig.Registrar.ActiveCount);
        }

        [Fact]
        public void RepliesWithUnknownIdsAreDroppedByTheLink()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            rig.Scheduler.Advance(500);
            rig.InjectToGateway(rig.GatewayTopics.ReplyForMethod(AlinkMethods.CipherGet), "{\"id\":\"424242\",\"code\":200,\"data\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"secret\":\"00112233445566778899AABBCCDDEEFF\"}}");
            rig.InjectToGateway(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeFound), "{\"id\":\"424243\",\"code\":200,\"data\":[]}");
            rig.Scheduler.Advance(500);
            Assert.Equal(2, rig.Cloud.UnmatchedReplies);
            Assert.Equal(0, rig.Registrar.ResponsesSent);
        }

        public static IEnumerable<object[]> BadCipherReplies()
        {
            yield return new object[] { "secret not hex", "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"secret\":\"ZZ112233445566778899AABBCCDDEEFF\"}" };
            yield return new object[] { "secret too short", "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"secret\":\"0011\"}" };
            yield return new object[] { "secret a number", "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"secret\":12}" };
            yield return new object[] { "secret missing", "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\"}" };
            yield return new object[] { "another device", "{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-02\",\"secret\":\"00112233445566778899AABBCCDDEEFF\"}" };
            yield return new object[] { "data an array", "[\"00112233445566778899AABBCCDDEEFF\"]" };
        }

        [Theory]
        [MemberData(nameof(BadCipherReplies))]
        public void MalformedCipherRepliesAreTypedErrorsAndTheKeyIsAskedAgain(string what, string data)
        {
            var rig = new ZeroConfigRig(devices: 2);
            int tampered = 0;
            rig.Intercept = (client, topic, payload) =>
            {
                // The first key request for lamp-01 never reaches the cloud; a bad reply comes back instead.
                string text = Encoding.UTF8.GetString(payload);
                if (tampered == 0 && topic == rig.GatewayTopics.ForMethod(AlinkMethods.CipherGet) && text.Contains("lamp-01"))
                {
                    tampered++;
                    string id = AlinkRequest.Decode(rig.Json, payload, 0, payload.Length).Id;
                    rig.InjectToGateway(rig.GatewayTopics.ReplyForMethod(AlinkMethods.CipherGet), "{\"id\":\"" + id + "\",\"code\":200,\"data\":" + data + "}");
                    return true;
                }

                return false;
            };
            rig.StartGateway();
            rig.StartEnrollees(2);

            Assert.True(rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 300_000), what);
            Assert.Equal(1, tampered);
            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.True(rig.Log.ToArray().Any(l => l.Level == LogLevel.Warning && l.Message.Contains("cipher reply #") && l.Message.Contains("refused")), what);
            Assert.Equal(1, rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").KeysIssued); // the tampered request never reached the cloud
            RegistrarFlowTests.AssertEachProvisionedExactlyOnce(rig);
        }

        [Fact]
        public void RefusedCipherRequestFreesTheSlot()
        {
            var rig = new ZeroConfigRig();
            rig.Intercept = (client, topic, payload) =>
            {
                if (topic == rig.GatewayTopics.ForMethod(AlinkMethods.CipherGet))
                {
                    string id = AlinkRequest.Decode(rig.Json, payload, 0, payload.Length).Id;
                    rig.InjectToGateway(rig.GatewayTopics.ReplyForMethod(AlinkMethods.CipherGet), "{\"id\":\"" + id + "\",\"code\":403,\"data\":{},\"message\":\"enrollee is not approved\"}");
                    return true;
                }

                return false;
            };
            rig.StartGateway();
            rig.AddEnrollee(1).Start();
            Assert.True(rig.RunUntil(() => rig.EventCount(RegistrarEventKind.Refused) == 1, 60_000));
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(ZeroConfigRig.LampPk, "lamp-01"));
            Assert.Empty(rig.ResponseElements);
        }

        public static IEnumerable<object[]> BadFoundReplies()
        {
            yield return new object[] { "data an object", "{}", 1 };
            yield return new object[] { "data a string", "\"ok\"", 1 };
            yield return new object[] { "entries of the wrong types", "[1,\"x\",{\"productKey\":7,\"deviceName\":\"lamp-01\"},{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"timeout\":\"60\"}]", 4 };
        }

        [Theory]
        [MemberData(nameof(BadFoundReplies))]
        public void MalformedFoundRepliesAreTypedErrorsAndTheEnrolleeIsReportedAgain(string what, string data, int malformed)
        {
            var rig = new ZeroConfigRig(devices: 1);
            int tampered = 0;
            rig.Intercept = (client, topic, payload) =>
            {
                if (tampered == 0 && topic == rig.GatewayTopics.ForMethod(AlinkMethods.EnrolleeFound))
                {
                    tampered++;
                    string id = AlinkRequest.Decode(rig.Json, payload, 0, payload.Length).Id;
                    rig.InjectToGateway(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeFound), "{\"id\":\"" + id + "\",\"code\":200,\"data\":" + data + "}");
                    return true;
                }

                return false;
            };
            rig.StartGateway();
            rig.StartEnrollees(1);
            Assert.True(rig.RunUntil(() => rig.Enrollees.All(e => e.Phase == EnrolleePhase.Online), 300_000), what);
            Assert.Equal(malformed, rig.Workflow.MalformedMessages);
            Assert.True(rig.Log.Contains("found_reply #"), what);
            Assert.True(rig.EventCount(RegistrarEventKind.Evicted) >= 1, "reported again after the interval");
        }

        [Theory]
        [InlineData("{\"id\":\"82\",\"method\":\"thing.awss.enrollee.online\",\"params\":{\"productKey\":\"a1LampPk001\"}}")]
        [InlineData("{\"id\":\"82\",\"method\":\"thing.awss.enrollee.online\",\"params\":{\"productKey\":1,\"deviceName\":\"lamp-01\"}}")]
        public void MalformedOnlineNoticesAreAnsweredBadRequest(string payload)
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            rig.Scheduler.Advance(500);
            rig.InjectToGateway(AlinkMethods.EnrolleeOnline, payload);
            rig.Scheduler.Advance(500);
            Assert.Contains(rig.Published(rig.GatewayTopics.ReplyForMethod(AlinkMethods.EnrolleeOnline)), r => r.Contains("\"code\":400"));
            Assert.Equal(1, rig.Workflow.MalformedMessages);
        }

        [Fact]
        public void MalformedLanNoticesAreLoggedAndDropped()
        {
            var rig = new ZeroConfigRig();
            rig.StartGateway();
            var other = rig.Lan.Attach("prankster");
            foreach (string bad in new[] { "garbage", "{}", "{\"id\":\"1\",\"method\":\"device.info.notify\",\"params\":{\"productKey\":\"x\"}}" })
            {
                byte[] bytes = Encoding.UTF8.GetBytes(bad);
                other.Broadcast(DeviceInfoNotice.CoapPort, bytes, 0, bytes.Length);
            }

            rig.Scheduler.Advance(100);
            Assert.Equal(3, rig.Registrar.MalformedNotices);
            Assert.Equal(0, rig.Workflow.MalformedMessages);
            Assert.Equal(3, rig.Log.ToArray().Count(l => l.Message.StartsWith("LAN notice refused", StringComparison.Ordinal)));
            Assert.False(rig.Registrar.OnLanNotice(null, 0, 0));
            Assert.False(rig.Registrar.OnLanNotice(new byte[3], 2, 5));
        }
    }
}
