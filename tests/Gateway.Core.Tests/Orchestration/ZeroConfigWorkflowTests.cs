using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.Orchestration
{
    /// <summary>
    /// The zero-config workflow between a real <see cref="Registrar"/> and a <see cref="CloudLink"/>
    /// over a scripted MQTT link: the Alink messages of reference/alibaba-provisioning.md §1.2 rows
    /// 1–6 and docs/cloud-protocol.md §4, field by field, with the codes, the ordering and the
    /// durability the workflow owns.
    /// </summary>
    public class ZeroConfigWorkflowTests
    {
        private const string GatewayPk = "a1GwPk00001";
        private const string GatewayDn = "gateway-01";
        private const string Pk = "a1LampPk001";
        private const string Dn = "lamp-01";
        private const string Password = "Tr0ub4dor&3-home-passphrase";
        private const string KeyHex = "000102030405060708090A0B0C0D0E0F";
        private static readonly byte[] Random = Enumerable.Range(0x10, 16).Select(b => (byte)b).ToArray();
        private static readonly byte[] Sign = Enumerable.Range(0x30, 20).Select(b => (byte)b).ToArray();
        private static readonly IJsonDom Json = new JsonDom();

        [Fact]
        public void Section1_2_Row1_TheFoundReportCarriesTheRecordsInHexAndIsNotDurable()
        {
            var rig = new Rig();
            rig.Hear(Pk, Dn);
            rig.Scheduler.Advance(200);

            (string topic, Hashtable found) = rig.Envelopes().Single(e => (string)e.Envelope["method"] == AlinkMethods.EnrolleeFound);
            Assert.Equal(rig.Topics.ForMethod(AlinkMethods.EnrolleeFound), topic);
            Hashtable p = (Hashtable)found["params"];
            Assert.Equal("2.0", ((Hashtable)p["awssVer"])["zconfig"]);
            Assert.Equal(0L, p["type"]);
            Assert.Equal("HomeNet", p["ssid"]);
            Assert.Equal("02:11:22:33:44:55", p["bssid"]);
            Assert.Equal(-50L, p["rssi"]);
            string record = Assert.IsType<string>(Assert.Single((ArrayList)p["payload"]));
            Assert.Equal("07" + Hex("lamp-01") + "0B" + Hex("a1LampPk001") + "10" + Convert.ToHexString(Random) + "030014" + Convert.ToHexString(Sign), record);
            Assert.DoesNotContain(AlinkMethods.EnrolleeFound, rig.Outbox());
        }

        [Fact]
        public void Section1_2_Rows3To6_CheckinIsRepliedBeforeTheDurableKeyRequestAndTheKeyBecomesAResponseElement()
        {
            var rig = new Rig();
            string foundId = rig.Report(Pk, Dn);
            rig.Link.Inject(rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeFound), "{\"id\":\"" + foundId + "\",\"code\":200,\"data\":[{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\",\"timeout\":90}]}");
            rig.Scheduler.Advance(10);
            rig.Checkin("41", Dn);

            // Row 4 before row 5; the request names the session, and it is in the outbox before it leaves.
            string[] order = rig.Link.Trace.Where(t => t.StartsWith("pub:", StringComparison.Ordinal)).Select(t => t.Substring(4)).ToArray();
            int reply = Array.IndexOf(order, rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeCheckin));
            int request = Array.IndexOf(order, rig.Topics.ForMethod(AlinkMethods.CipherGet));
            Assert.True(reply >= 0 && reply < request, string.Join(", ", order));
            Assert.Contains("\"id\":\"41\",\"code\":200", rig.Payloads(rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeCheckin)).Single());
            Hashtable cipher = (Hashtable)rig.Envelopes().Single(e => (string)e.Envelope["method"] == AlinkMethods.CipherGet).Envelope["params"];
            Assert.Equal(Pk, cipher["productKey"]);
            Assert.Equal(Dn, cipher["deviceName"]);
            Assert.Equal(3L, cipher["cipherType"]);
            Assert.Equal(Convert.ToHexString(Random), cipher["random"]);
            Assert.Contains(AlinkMethods.CipherGet, rig.Outbox());
            Assert.Equal(EnrolleeSessionState.CheckinEnabled, rig.Registrar.GetState(Pk, Dn));

            rig.ReplyToKeyRequest(200, "{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\",\"secret\":\"" + KeyHex + "\"}");
            Assert.Equal(EnrolleeSessionState.CheckinOngoing, rig.Registrar.GetState(Pk, Dn));
            Assert.Null(AwssEnrolleeCodec.TryReadResponse(rig.Radio.Sent[0], Sign, out _, out byte[] encrypted, out _));
            Assert.Equal(Password, Encoding.UTF8.GetString(AwssEnrolleeCodec.Cfb128(Convert.FromHexString(KeyHex), Random, encrypted, false)));
            Assert.DoesNotContain(AlinkMethods.CipherGet, rig.Outbox());
            Assert.False(rig.Log.ContainsSecret(Convert.FromHexString(KeyHex)));
        }

        [Fact]
        public void Section1_2_Row4_CheckinAnswersAreAlinkCodes()
        {
            var rig = new Rig();
            rig.Checkin("50", "lamp-77");
            rig.Report(Pk, Dn);
            rig.Checkin("51", Dn);
            rig.Checkin("52", Dn);
            rig.Link.Inject(rig.Topics.ForMethod(AlinkMethods.EnrolleeCheckin), "{\"id\":\"53\",\"method\":\"" + AlinkMethods.EnrolleeCheckin + "\",\"params\":{\"productKey\":7,\"deviceName\":\"" + Dn + "\"}}");
            rig.Scheduler.Advance(10);

            List<string> replies = rig.Payloads(rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeCheckin));
            Assert.Equal(new[] { "50:404", "51:200", "52:409", "53:400" }, replies.Select(r => { var e = (Hashtable)Json.Parse(r); return e["id"] + ":" + e["code"]; }));
            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.True(rig.Log.Contains("checkin #50 for an enrollee this registrar did not report"));
            Assert.True(rig.Log.Contains("checkin #52 repeats the checkin of a1LampPk001/lamp-01"));
            Assert.True(rig.Log.Contains("checkin #53 refused: field 'productKey' must be a string"));
            Assert.Equal(EnrolleeSessionState.CheckinEnabled, rig.Registrar.GetState(Pk, Dn));
        }

        [Fact]
        public void Section1_2_Row2_AnEnrolleeTheCloudLeftOutIsNotAcceptedAndAMalformedEntryIsCountedAlone()
        {
            var rig = new Rig();
            var events = new List<RegistrarEventKind>();
            rig.Registrar.EnrolleeEvent += (kind, pk, dn) => events.Add(kind);
            rig.Hear(Pk, Dn);
            rig.Hear(Pk, "lamp-02");
            rig.Scheduler.Advance(200);
            string id = (string)rig.Envelopes().Single(e => (string)e.Envelope["method"] == AlinkMethods.EnrolleeFound).Envelope["id"];
            rig.Link.Inject(rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeFound), "{\"id\":\"" + id + "\",\"code\":200,\"data\":[7,{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\",\"timeout\":300}]}");
            rig.Scheduler.Advance(10);

            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.Equal(1, events.Count(k => k == RegistrarEventKind.NotAccepted));
            rig.Scheduler.Advance(61_000); // lamp-02 goes after the default 60 s, lamp-01 stays for its 300 s
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, "lamp-02"));
            Assert.Equal(EnrolleeSessionState.Found, rig.Registrar.GetState(Pk, Dn));
        }

        [Fact]
        public void Section1_2_Row6_AMalformedKeyReplyIsCountedAndTheKeyAskedAgain_ARefusalFreesTheSlot()
        {
            var rig = new Rig();
            rig.Report(Pk, Dn);
            rig.Checkin("60", Dn);
            rig.ReplyToKeyRequest(200, "{\"productKey\":\"" + Pk + "\",\"deviceName\":\"lamp-02\",\"secret\":\"" + KeyHex + "\"}");
            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.True(rig.Log.Contains("refused: cipher reply names another device"));
            Assert.Equal(EnrolleeSessionState.CheckinEnabled, rig.Registrar.GetState(Pk, Dn));

            rig.Scheduler.Advance(2_100);
            Assert.Equal(2, rig.Envelopes().Count(e => (string)e.Envelope["method"] == AlinkMethods.CipherGet));
            rig.ReplyToKeyRequest(403, "{}");
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
            Assert.Empty(rig.Radio.Sent);
        }

        [Fact]
        public void OnlineRequestEndsThePushAndIsAnswered()
        {
            var rig = new Rig();
            rig.Report(Pk, Dn);
            rig.Checkin("70", Dn);
            rig.ReplyToKeyRequest(200, "{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\",\"secret\":\"" + KeyHex + "\"}");
            rig.Link.Inject(rig.Topics.ForMethod(AlinkMethods.EnrolleeOnline), "{\"id\":\"71\",\"method\":\"" + AlinkMethods.EnrolleeOnline + "\",\"params\":{\"productKey\":\"" + Pk + "\"}}");
            rig.Link.Inject(rig.Topics.ForMethod(AlinkMethods.EnrolleeOnline), "{\"id\":\"72\",\"method\":\"" + AlinkMethods.EnrolleeOnline + "\",\"params\":{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\"}}");
            rig.Scheduler.Advance(10);

            Assert.Equal(new[] { "71:400", "72:200" }, rig.Payloads(rig.Topics.ReplyForMethod(AlinkMethods.EnrolleeOnline)).Select(r => { var e = (Hashtable)Json.Parse(r); return e["id"] + ":" + e["code"]; }));
            Assert.Equal(1, rig.Workflow.MalformedMessages);
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
        }

        [Fact]
        public void AfterARebootTheKeyRequestInTheOutboxIsAnsweredNotRepeated()
        {
            var rig = new Rig();
            rig.Report(Pk, Dn);
            rig.Link.DefaultAnswer = null; // the broker is gone once the key request is queued
            rig.Link.Drop();
            rig.Scheduler.Advance(10);
            rig.Checkin("80", Dn);
            rig.Scheduler.Advance(10);
            Assert.Contains(AlinkMethods.CipherGet, rig.Outbox());

            var after = new Rig(rig.Storage.Snapshot());
            Assert.True(after.Log.Contains("restored 1 checked-in enrollee(s)"));
            after.Scheduler.Advance(10);
            string id = (string)after.Envelopes().Single(e => (string)e.Envelope["method"] == AlinkMethods.CipherGet).Envelope["id"];
            Assert.Contains("\"id\":\"" + id + "\"", rig.Outbox());
            after.ReplyToKeyRequest(200, "{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\",\"secret\":\"" + KeyHex + "\"}");
            Assert.Equal(EnrolleeSessionState.CheckinOngoing, after.Registrar.GetState(Pk, Dn));
            Assert.Single(after.Envelopes(), e => (string)e.Envelope["method"] == AlinkMethods.CipherGet);
        }

        private static string Hex(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

        private sealed class Rig
        {
            public Rig(MemoryStorage storage = null)
            {
                Storage = storage ?? new MemoryStorage();
                Link = new ScriptedMqttLink(Scheduler);
                Cloud = new CloudLink(Link, Scheduler, new SeededRandom(1), Storage, Json, Log, new LinkKitSignIn(new DeviceCredentials(GatewayPk, GatewayDn, "GwDeviceSecret0123456789abcdefXY"), new DotNetHmacSha256()), new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect });
                Registrar = new Registrar(Radio, Radio, new WifiCredentials("HomeNet", Password, new byte[] { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }), new HostAes128(), Scheduler, Storage, Json, Log, new RegistrarSettings { SniffIdleDuty = 0 });
                Workflow = new ZeroConfigWorkflow(Cloud, Registrar, Log);
                Workflow.Start();
                Cloud.Start();
                Scheduler.Advance(10);
            }

            public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

            public MemoryStorage Storage { get; }

            public CapturingLog Log { get; } = new CapturingLog();

            public ScriptedMqttLink Link { get; }

            public CloudLink Cloud { get; }

            public WifiRadio Radio { get; } = new WifiRadio();

            public Registrar Registrar { get; }

            public ZeroConfigWorkflow Workflow { get; }

            public TopicBuilder Topics { get; } = new TopicBuilder(GatewayPk, GatewayDn);

            public void Hear(string productKey, string deviceName)
            {
                byte[] element = AwssEnrolleeCodec.BuildRequestElement(productKey, deviceName, Random, 3, Sign);
                Radio.Handler(0xC0FFEE000001UL, 6, -50, ManagementFrameType.ProbeRequest, element, 0, element.Length);
            }

            /// <summary>Heard and reported; returns the found request's id.</summary>
            public string Report(string productKey, string deviceName)
            {
                Hear(productKey, deviceName);
                Scheduler.Advance(200);
                return (string)Envelopes().Last(e => (string)e.Envelope["method"] == AlinkMethods.EnrolleeFound).Envelope["id"];
            }

            public void Checkin(string id, string deviceName)
            {
                Link.Inject(Topics.ForMethod(AlinkMethods.EnrolleeCheckin), "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"method\":\"" + AlinkMethods.EnrolleeCheckin + "\",\"params\":{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + deviceName + "\",\"timeout\":60}}");
                Scheduler.Advance(10);
            }

            /// <summary>Answers the newest thing.cipher.get.</summary>
            public void ReplyToKeyRequest(int code, string data)
            {
                string id = (string)Envelopes().Last(e => (string)e.Envelope["method"] == AlinkMethods.CipherGet).Envelope["id"];
                Link.Inject(Topics.ReplyForMethod(AlinkMethods.CipherGet), "{\"id\":\"" + id + "\",\"code\":" + code + ",\"data\":" + data + "}");
                Scheduler.Advance(10);
            }

            public (string Topic, Hashtable Envelope)[] Envelopes() =>
                Link.Published.Where(p => !p.Topic.EndsWith("_reply", StringComparison.Ordinal)).Select(p => (p.Topic, (Hashtable)Json.Parse(p.Payload))).ToArray();

            public List<string> Payloads(string topic) => Link.Published.Where(p => p.Topic == topic).Select(p => p.Payload).ToList();

            public string Outbox() => Storage.TryRead("cloud.outbox", out byte[] blob) ? Encoding.UTF8.GetString(blob) : string.Empty;
        }

        private sealed class WifiRadio : IManagementFrameRadio, IWifiStation
        {
            public VendorElementReceivedHandler Handler { get; private set; }

            public List<byte[]> Sent { get; } = new List<byte[]>();

            public bool IsConnected => true;

            public int Channel => 6;

            public void SetVendorElementFilter(int oui, VendorElementReceivedHandler handler) => Handler = handler;

            public bool SendProbeRequest(byte[] element, int offset, int length)
            {
                Sent.Add(element.AsSpan(offset, length).ToArray());
                return true;
            }
        }
    }
}
