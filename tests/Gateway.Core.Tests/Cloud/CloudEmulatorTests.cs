using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Gateway.Cloud;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Xunit;
using static Gateway.Core.Tests.Cloud.Support.EmulatorRig;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>The cloud emulator in-process, in virtual time (reference/alibaba-provisioning.md §0, §1.2).</summary>
    public class CloudEmulatorTests
    {
        [Fact]
        public void SignInOfARegisteredGatewayIsAccepted()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            Assert.Equal(CloudLinkState.Connected, gateway.State);
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.SignInAccepted && e.Subject == "a1GwPk00001/gateway-01");
            Assert.Single(rig.Emulator.Sessions);
        }

        [Fact]
        public void SignInWithAWrongSecretIsRefused()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.CreateLink(GatewayPk, GatewayDn, "WrongSecret0123456789abcdefXYZ12");
            gateway.Start();
            rig.Scheduler.Advance(2_000);
            Assert.NotEqual(CloudLinkState.Connected, gateway.State);
            Assert.Equal(MqttConnectStatus.BadUserNameOrPassword, gateway.LastConnectStatus);
            CloudEvent refusal = rig.Emulator.Events.First(e => e.Kind == CloudEventKind.SignInRefused);
            Assert.Equal("signature does not match", refusal.Detail);
            Assert.DoesNotContain(GatewaySecret, string.Join("\n", rig.Emulator.Events));
        }

        [Fact]
        public void SignInOfAnUnknownDeviceIsRefused()
        {
            var rig = new EmulatorRig();
            CloudLink stranger = rig.CreateLink(GatewayPk, "gateway-99", GatewaySecret);
            stranger.Start();
            rig.Scheduler.Advance(1_000);
            Assert.Equal(MqttConnectStatus.BadUserNameOrPassword, stranger.LastConnectStatus);
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.SignInRefused && e.Detail == "unknown device");
        }

        [Fact]
        public void AliyunDocExampleSignInWithHmacSha1IsAccepted()
        {
            // The doc's example (clientId 12345, device/pk, timestamp 789, secret "secret", TCP mode):
            // its published password prefix FAFD82A3D602B37FB0FA8B7892F24A477F85 (last 4 hidden there).
            var registry = new Gateway.Cloud.Registry.CloudRegistry();
            registry.AddProduct("pk", "ps");
            registry.AddDevice("pk", "device", "secret");
            var verifier = new LinkKitVerifier(registry);
            string password = System.Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes("clientId12345deviceNamedeviceproductKeypktimestamp789")));
            Assert.StartsWith("FAFD82A3D602B37FB0FA8B7892F24A477F85", password);
            SignInResult result = verifier.Verify("12345|securemode=3,signmethod=hmacsha1,timestamp=789|", "device&pk", password);
            Assert.True(result.Accepted);
            Assert.Equal(3, result.SecureMode);
            Assert.False(verifier.Verify("12345|securemode=3,signmethod=hmacsha1,timestamp=790|", "device&pk", password).Accepted);
        }

        [Theory]
        [InlineData("no-extension")]
        [InlineData("id|securemode=3|")]                            // no signmethod
        [InlineData("id|signmethod=hmacsha256|")]                   // no securemode
        [InlineData("id|securemode=9,signmethod=hmacsha256|")]      // unknown mode
        [InlineData("|securemode=3,signmethod=hmacsha256|")]        // empty id
        public void MalformedLinkKitClientIdsAreRefused(string clientId)
        {
            var rig = new EmulatorRig();
            SignInResult result = rig.Emulator.VerifySignIn(clientId, GatewayDn + "&" + GatewayPk, "00");
            Assert.Equal(MqttConnectStatus.IdentifierRejected, result.Status);
        }

        [Fact]
        public void AGatewayMayNotSubscribeOrPublishOutsideItsOwnTopics()
        {
            var rig = new EmulatorRig();
            var checkins = new List<AlinkRequest>();
            rig.StartGateway(checkins); // the victim: subscribed to its checkin topic

            var options = new LinkKitSignIn(new DeviceCredentials(GatewayPk, OtherGatewayDn, OtherGatewaySecret), new DotNetHmacSha256())
                .CreateConnectOptions(null, LinkKitSecureMode.TcpDirect, LinkKitSignIn.DefaultTimestamp, true, 60);
            var intruder = rig.Broker.CreateLink();
            MqttConnectStatus? status = null;
            intruder.Connect(options, s => status = s);
            rig.Scheduler.RunPending();
            Assert.Equal(MqttConnectStatus.Accepted, status);

            bool? wildcard = null;
            bool? foreign = null;
            bool? own = null;
            intruder.Subscribe(new[] { "/sys/+/+/thing/#" }, MqttQos.AtMostOnce, g => wildcard = g);
            intruder.Subscribe(new[] { "/sys/a1GwPk00001/gateway-01/thing/#" }, MqttQos.AtMostOnce, g => foreign = g);
            intruder.Subscribe(new[] { "/sys/a1GwPk00001/gateway-02/thing/#" }, MqttQos.AtMostOnce, g => own = g);
            string forged = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\"}}";
            intruder.Publish("/sys/a1GwPk00001/gateway-01/thing/awss/enrollee/checkin", Encoding.UTF8.GetBytes(forged), MqttQos.AtLeastOnce, null);
            rig.Scheduler.RunPending();

            Assert.False(wildcard);
            Assert.False(foreign);
            Assert.True(own);
            Assert.Empty(checkins);
            Assert.Equal(2, rig.Emulator.Events.Count(e => e.Kind == CloudEventKind.SubscribeRefused));
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.PublishRefused && e.Subject.Contains("gateway-01"));
        }

        [Fact]
        public void Section1_2_ZeroConfigAutoApprovalEndToEnd()
        {
            var rig = new EmulatorRig(ApprovalPolicy.Auto);
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.StartGateway(checkins);
            byte[] random = Random(0x10);

            // Row 1/2: found → found_reply lists the verified enrollee with its re-report interval.
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)));
            Assert.Equal(CloudRequestOutcome.Replied, found.Outcome);
            Assert.True(found.Reply.IsSuccess);
            var listed = (Hashtable)Assert.Single(Assert.IsType<ArrayList>(found.Reply.Data));
            Assert.Equal(LampPk, listed["productKey"]);
            Assert.Equal(LampDn, listed["deviceName"]);
            Assert.Equal(60L, listed["timeout"]);

            // Row 3/4: checkin arrives at the gateway with the enrollee and a timeout; the ack is recorded.
            rig.Scheduler.RunPending();
            AlinkRequest checkin = Assert.Single(checkins);
            Assert.Equal(LampDn, checkin.ParamsObject["deviceName"]);
            Assert.Equal(60L, checkin.ParamsObject["timeout"]);
            EnrolleeRecord record = rig.Emulator.FindEnrollee(LampPk + "." + LampDn);
            Assert.Equal(EnrolleeState.CheckinAcknowledged, record.State);
            Assert.Equal(-48, record.Rssi);

            // Row 5/6: the key is SHA-256(ProductSecret ‖ "," ‖ random)[0:16], computed here independently.
            CloudRequestResult cipher = rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random));
            Assert.True(cipher.Reply.IsSuccess);
            byte[] source = Encoding.ASCII.GetBytes(LampProductSecret + ",").Concat(random).ToArray();
            byte[] expectedKey = SHA256.HashData(source).Take(16).ToArray();
            Assert.Equal(expectedKey, Hex.Decode((string)cipher.Reply.DataObject["secret"]));
            Assert.Equal(32, ((string)cipher.Reply.DataObject["secret"]).Length);
            Assert.Equal(LampDn, cipher.Reply.DataObject["deviceName"]);
            Assert.Equal(EnrolleeState.KeyIssued, record.State);

            // §0.1: the enrollee, now online, signs in as itself and reports its bind token.
            CloudLink lamp = rig.CreateLink(LampPk, LampDn, LampSecret, seed: 2);
            lamp.Start();
            rig.Scheduler.RunPending();
            CloudRequestResult match = rig.Call(lamp, AlinkMethods.EnrolleeMatch, new Hashtable { { "token", "0123456789ABCDEF0123456789ABCDEF" } });
            Assert.True(match.Reply.IsSuccess);
            Assert.Equal(EnrolleeState.Matched, record.State);
            Assert.Equal("0123456789ABCDEF0123456789ABCDEF", record.Token);

            string events = string.Join("\n", rig.Emulator.Events);
            Assert.DoesNotContain(System.Convert.ToHexString(expectedKey), events);
            Assert.DoesNotContain(LampProductSecret, events);
            rig.Log.AssertNeverContains(GatewaySecret, LampSecret, System.Convert.ToHexString(expectedKey), Hex.Encode(expectedKey));
        }

        [Fact]
        public void ForgedEnrolleeSignatureIsRefused()
        {
            var rig = new EmulatorRig();
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.StartGateway(checkins);
            byte[] record = LampRecord(Random(0x20), signingSecret: "NotTheProductKey");
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(record));
            Assert.Empty(Assert.IsType<ArrayList>(found.Reply.Data));
            rig.Scheduler.Advance(1_000);
            Assert.Empty(checkins);
            Assert.Empty(rig.Emulator.Enrollees);
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.EnrolleeRefused && e.Detail.StartsWith("signature does not verify"));
        }

        [Fact]
        public void TamperedRandomBreaksTheSignature()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            byte[] record = LampRecord(Random(0x30));
            record[1 + LampDn.Length + 1 + LampPk.Length + 1] ^= 0x01; // first random octet
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(record));
            Assert.Empty((ArrayList)found.Reply.Data);
        }

        [Theory]
        [InlineData("a1NoSuchPk1", LampDn, "unknown product")]
        [InlineData(LampPk, "lamp-99", "unknown device")]
        public void UnknownProductOrDeviceIsRefused(string pk, string dn, string reason)
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(Random(1), pk: pk, dn: dn)));
            Assert.Empty((ArrayList)found.Reply.Data);
            Assert.Contains(rig.Emulator.Events, e => e.Kind == CloudEventKind.EnrolleeRefused && e.Detail == reason);
        }

        [Fact]
        public void MalformedFoundRecordsAreRefusedAndTheGoodOnesStillListed()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            Hashtable parameters = FoundParams(LampRecord(Random(2)));
            ((ArrayList)parameters["payload"]).Add("ZZ");
            ((ArrayList)parameters["payload"]).Add("0102");
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, parameters);
            Assert.Single((ArrayList)found.Reply.Data);
            Assert.Equal(2, rig.Emulator.Events.Count(e => e.Kind == CloudEventKind.EnrolleeRefused));
        }

        [Fact]
        public void FoundWithoutPayloadIsABadRequest()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, new Hashtable { { "type", 0L } });
            Assert.Equal(AlinkCodes.BadRequest, found.Reply.Code);
        }

        [Fact]
        public void DenyPolicyRefusesVerifiedEnrollees()
        {
            var rig = new EmulatorRig(ApprovalPolicy.Deny);
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.StartGateway(checkins);
            byte[] random = Random(3);
            CloudRequestResult found = rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)));
            Assert.Empty((ArrayList)found.Reply.Data);
            Assert.Empty(checkins);
            Assert.Equal(EnrolleeState.Denied, rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").State);
            CloudRequestResult cipher = rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random));
            Assert.Equal(AlinkCodes.Forbidden, cipher.Reply.Code);
            Assert.False(cipher.Reply.DataObject.ContainsKey("secret"));
        }

        [Fact]
        public void ManualPolicyWaitsForTheOperatorThenApproves()
        {
            var rig = new EmulatorRig(ApprovalPolicy.Manual);
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.StartGateway(checkins);
            byte[] random = Random(4);
            rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random), LampRecord(Random(5), dn: "lamp-02")));
            rig.Scheduler.Advance(5_000);
            Assert.Empty(checkins);
            Assert.Equal(new[] { "a1LampPk001.lamp-01", "a1LampPk001.lamp-02" }, rig.Emulator.Pending.Select(p => p.Id).OrderBy(x => x));

            // Not approved yet: no key.
            Assert.Equal(AlinkCodes.Forbidden, rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random)).Reply.Code);

            Assert.True(rig.Emulator.Approve("a1LampPk001.lamp-01"));
            Assert.True(rig.Emulator.Deny("a1LampPk001.lamp-02"));
            Assert.False(rig.Emulator.Deny("a1LampPk001.lamp-02"));
            Assert.False(rig.Emulator.Approve("a1LampPk001.nobody"));
            rig.Scheduler.RunPending();

            Assert.Equal(LampDn, Assert.Single(checkins).ParamsObject["deviceName"]);
            Assert.Empty(rig.Emulator.Pending);
            Assert.Equal(EnrolleeState.Denied, rig.Emulator.FindEnrollee("a1LampPk001.lamp-02").State);
            Assert.True(rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random)).Reply.IsSuccess);
        }

        [Fact]
        public void CipherGetIsRefusedForAWrongRandomAnotherGatewayOrAnUnknownEnrollee()
        {
            var rig = new EmulatorRig();
            CloudLink gateway = rig.StartGateway(new List<AlinkRequest>());
            CloudLink other = rig.StartGateway(new List<AlinkRequest>(), OtherGatewayDn, OtherGatewaySecret);
            byte[] random = Random(6);
            rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)));

            Assert.Equal(AlinkCodes.InvalidParameter, rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(Random(7))).Reply.Code);
            Assert.Equal(AlinkCodes.InvalidParameter, rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random, cipherType: 4)).Reply.Code);
            Assert.Equal(AlinkCodes.Forbidden, rig.Call(other, AlinkMethods.CipherGet, CipherParams(random)).Reply.Code);
            Assert.Equal(AlinkCodes.NotFound, rig.Call(gateway, AlinkMethods.CipherGet, CipherParams(random, dn: "lamp-02")).Reply.Code);
            Assert.Equal(AlinkCodes.BadRequest, rig.Call(gateway, AlinkMethods.CipherGet, new Hashtable { { "productKey", LampPk } }).Reply.Code);
            Assert.Equal(5, rig.Emulator.Events.Count(e => e.Kind == CloudEventKind.CipherRefused || e.Kind == CloudEventKind.MalformedMessage));
        }

        [Fact]
        public void RepeatedFoundAfterALostCheckinSendsTheCheckinAgain()
        {
            var rig = new EmulatorRig();
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.CreateLink(GatewayPk, GatewayDn, GatewaySecret);
            gateway.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r => checkins.Add(r)); // never acknowledges
            gateway.Start();
            rig.Scheduler.RunPending();
            byte[] random = Random(8);
            rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)));
            rig.Call(gateway, AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)));
            rig.Scheduler.RunPending();
            Assert.Equal(2, checkins.Count);
            Assert.Equal(2, rig.Emulator.FindEnrollee("a1LampPk001.lamp-01").CheckinsSent);
        }

        [Fact]
        public void BrokerRestartDuringAFlowLosesNothing()
        {
            var rig = new EmulatorRig();
            var checkins = new List<AlinkRequest>();
            CloudLink gateway = rig.StartGateway(checkins);
            CloudRequestResult found = null;
            rig.Broker.Available = false;
            rig.Broker.Restart();
            gateway.Request(AlinkMethods.EnrolleeFound, FoundParams(LampRecord(Random(9))), r => found = r);
            rig.Scheduler.Advance(5_000);
            Assert.Null(found);
            rig.Broker.Available = true;
            rig.Scheduler.RunUntil(() => found != null && checkins.Count == 1, 120_000);
            Assert.Equal(CloudRequestOutcome.Replied, found.Outcome);
            Assert.Single(checkins);
        }
    }
}
