using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>CloudLink in virtual time over a scripted MQTT link.</summary>
    public class CloudLinkTests
    {
        private const string Secret = "GwDeviceSecret0123456789abcdefXY";
        private static readonly DeviceCredentials Device = new DeviceCredentials("a1GwPk00001", "gateway-01", Secret);
        private static readonly IJsonDom Json = new JsonDom();

        private sealed class Rig
        {
            public Rig(long seed, TestStorage storage = null, CloudLinkSettings settings = null)
            {
                Scheduler = new VirtualTimeScheduler();
                Link = new ScriptedMqttLink(Scheduler);
                Storage = storage ?? new TestStorage();
                Cloud = new CloudLink(Link, Scheduler, new SeededRandom(seed), Storage, Json, Log, new LinkKitSignIn(Device, new DotNetHmacSha256()), settings ?? new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect });
            }

            public VirtualTimeScheduler Scheduler { get; }

            public ScriptedMqttLink Link { get; }

            public TestStorage Storage { get; }

            public TestLog Log { get; } = new TestLog();

            public CloudLink Cloud { get; }

            public List<CloudRequestResult> Results { get; } = new List<CloudRequestResult>();

            public string Request(string method, Hashtable parameters, bool durable = true)
            {
                return Cloud.Request(method, parameters, r => Results.Add(r), durable);
            }

            public void ReplyFromCloud(string method, string id, int code = 200, string data = "{}")
            {
                Link.Inject(Cloud.Topics.ReplyForMethod(method), "{\"id\":\"" + id + "\",\"code\":" + code + ",\"data\":" + data + "}");
            }

            public (string Topic, Hashtable Envelope)[] PublishedEnvelopes()
            {
                return Link.Published.Select(p => (p.Topic, (Hashtable)Json.Parse(p.Payload))).ToArray();
            }
        }

        private static Hashtable Params(string random = "00112233445566778899AABBCCDDEEFF") => new Hashtable
        {
            { "productKey", "a1EnrPk0001" },
            { "deviceName", "lamp-01" },
            { "cipherType", 3L },
            { "random", random },
        };

        [Fact]
        public void BackoffDoublesFromOneToSixtySecondsWithinJitterBounds()
        {
            var rig = new Rig(7);
            rig.Link.DefaultAnswer = MqttConnectStatus.ServerUnavailable;
            rig.Cloud.Start();
            rig.Scheduler.Advance(400_000);

            long[] ceilings = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            List<long> times = rig.Link.ConnectTimes;
            Assert.Equal(0, times[0]);
            Assert.True(times.Count > ceilings.Length);
            for (int i = 0; i < ceilings.Length; i++)
            {
                long gap = times[i + 1] - times[i];
                Assert.InRange(gap, ceilings[i] / 2, ceilings[i]);
            }

            Assert.Equal(CloudLinkState.WaitingToReconnect, rig.Cloud.State);
            Assert.Equal(MqttConnectStatus.ServerUnavailable, rig.Cloud.LastConnectStatus);
        }

        [Fact]
        public void DifferentSeedsSpreadReconnectTimes()
        {
            var firstRetry = new HashSet<long>();
            for (long seed = 1; seed <= 20; seed++)
            {
                var rig = new Rig(seed);
                rig.Link.DefaultAnswer = MqttConnectStatus.BadUserNameOrPassword;
                rig.Cloud.Start();
                rig.Scheduler.Advance(5_000);
                firstRetry.Add(rig.Link.ConnectTimes[2]);
            }

            Assert.True(firstRetry.Count > 5);
        }

        [Fact]
        public void ConnectWithoutAnAnswerTimesOutAndALateAnswerIsIgnored()
        {
            var rig = new Rig(1);
            rig.Link.DefaultAnswer = null; // hold
            rig.Cloud.Start();
            rig.Scheduler.Advance(29_999);
            Assert.Equal(CloudLinkState.Connecting, rig.Cloud.State);
            rig.Scheduler.Advance(1);
            Assert.Equal(CloudLinkState.WaitingToReconnect, rig.Cloud.State);
            Assert.Equal(MqttConnectStatus.Timeout, rig.Cloud.LastConnectStatus);
            Assert.Equal(1, rig.Link.DisconnectCalls);

            rig.Link.AnswerHeldConnect(MqttConnectStatus.Accepted);
            rig.Scheduler.RunPending();
            Assert.Equal(CloudLinkState.WaitingToReconnect, rig.Cloud.State);
        }

        [Fact]
        public void EveryConnectSubscribesAgainBeforeResendingTheOutbox()
        {
            var rig = new Rig(2);
            rig.Cloud.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r => rig.Cloud.Reply(r, 200, null));
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            Assert.Equal(CloudLinkState.Connected, rig.Cloud.State);
            string id = rig.Request(AlinkMethods.CipherGet, Params());

            rig.Link.Drop();
            rig.Scheduler.Advance(1_500);
            Assert.Equal(CloudLinkState.Connected, rig.Cloud.State);

            string checkin = "sub:" + rig.Cloud.Topics.ForMethod(AlinkMethods.EnrolleeCheckin);
            string cipherReply = "sub:" + rig.Cloud.Topics.ReplyForMethod(AlinkMethods.CipherGet);
            string cipherPub = "pub:" + rig.Cloud.Topics.ForMethod(AlinkMethods.CipherGet);
            int secondConnect = rig.Link.Trace.LastIndexOf("connect");
            List<string> after = rig.Link.Trace.Skip(secondConnect).ToList();
            Assert.Contains(checkin, after);
            Assert.Contains(cipherReply, after);
            Assert.True(after.IndexOf(cipherReply) < after.IndexOf(cipherPub), "subscribe before resend");
            Assert.Equal(2, rig.Link.Published.Count(p => p.Topic.EndsWith("/thing/cipher/get")));
            Assert.All(rig.PublishedEnvelopes(), e => Assert.Equal(id, e.Envelope["id"]));
        }

        [Fact]
        public void RequestIsCorrelatedWithItsReplyById()
        {
            var rig = new Rig(3);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.CipherGet, Params());
            var (topic, envelope) = rig.PublishedEnvelopes().Single();
            Assert.Equal("/sys/a1GwPk00001/gateway-01/thing/cipher/get", topic);
            Assert.Equal(MqttQos.AtLeastOnce, rig.Link.Published[0].Qos);
            Assert.Equal("thing.cipher.get", envelope["method"]);
            Assert.Equal("1.0", envelope["version"]);

            rig.ReplyFromCloud(AlinkMethods.CipherGet, "999999999"); // someone else's id
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id, 200, "{\"secret\":\"00112233445566778899aabbccddeeff\"}");
            rig.Scheduler.RunPending();

            CloudRequestResult result = Assert.Single(rig.Results);
            Assert.Equal(CloudRequestOutcome.Replied, result.Outcome);
            Assert.Equal(id, result.Reply.Id);
            Assert.Equal("00112233445566778899aabbccddeeff", result.Reply.DataObject["secret"]);
            Assert.Equal(1, rig.Cloud.UnmatchedReplies);
            Assert.Equal(0, rig.Cloud.PendingCount);
        }

        [Fact]
        public void DuplicateRepliesAreDroppedAfterTheFirst()
        {
            var rig = new Rig(4);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.CipherGet, Params());
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id);
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id);
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id, 500);
            rig.Scheduler.RunPending();

            Assert.Single(rig.Results);
            Assert.Equal(200, rig.Results[0].Reply.Code);
            Assert.Equal(2, rig.Cloud.DuplicateReplies);
        }

        [Fact]
        public void UnansweredRequestIsResentWithTheSameIdThenTimesOut()
        {
            var rig = new Rig(5);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.EnrolleeFound, new Hashtable { { "type", 0L } });
            rig.Scheduler.Advance(9_999);
            Assert.Single(rig.Link.Published);
            rig.Scheduler.Advance(1);
            Assert.Equal(2, rig.Link.Published.Count);
            rig.Scheduler.Advance(10_000);
            Assert.Equal(3, rig.Link.Published.Count);
            Assert.Empty(rig.Results);
            rig.Scheduler.Advance(10_000);

            Assert.Equal(3, rig.Link.Published.Count);
            Assert.All(rig.PublishedEnvelopes(), e => Assert.Equal(id, e.Envelope["id"]));
            CloudRequestResult result = Assert.Single(rig.Results);
            Assert.Equal(CloudRequestOutcome.TimedOut, result.Outcome);
            Assert.Null(result.Reply);
            Assert.Equal(0, rig.Cloud.PendingCount);
        }

        [Fact]
        public void ALateReplyToARetriedRequestStillCompletesIt()
        {
            var rig = new Rig(6);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.CipherGet, Params());
            rig.Scheduler.Advance(15_000); // second copy is out
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id); // answer to the first copy
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id); // answer to the second copy
            rig.Scheduler.Advance(60_000);
            Assert.Single(rig.Results);
            Assert.Equal(CloudRequestOutcome.Replied, rig.Results[0].Outcome);
            Assert.Equal(1, rig.Cloud.DuplicateReplies);
            Assert.Equal(2, rig.Link.Published.Count);
        }

        [Fact]
        public void OutboxSurvivesARebootAndTheReplyReachesTheMethodHandler()
        {
            var storage = new TestStorage();
            var before = new Rig(8, storage);
            before.Link.DefaultAnswer = MqttConnectStatus.ServerUnavailable;
            before.Cloud.Start();
            before.Scheduler.RunPending();
            string id = before.Request(AlinkMethods.CipherGet, Params("FFEEDDCCBBAA99887766554433221100"));
            Assert.Empty(before.Link.Published);

            // Power cycle: new scheduler, link and CloudLink over the same flash.
            var after = new Rig(9, storage);
            var restored = new List<CloudRequestResult>();
            after.Cloud.RegisterReplyHandler(AlinkMethods.CipherGet, r => restored.Add(r));
            Assert.Equal(1, after.Cloud.PendingCount);
            after.Cloud.Start();
            after.Scheduler.RunPending();

            var (topic, envelope) = after.PublishedEnvelopes().Single();
            Assert.EndsWith("/thing/cipher/get", topic);
            Assert.Equal(id, envelope["id"]);
            Assert.Equal("FFEEDDCCBBAA99887766554433221100", ((Hashtable)envelope["params"])["random"]);

            after.ReplyFromCloud(AlinkMethods.CipherGet, id);
            after.Scheduler.RunPending();
            CloudRequestResult result = Assert.Single(restored);
            Assert.Equal(CloudRequestOutcome.Replied, result.Outcome);
            Assert.Equal("lamp-01", result.Request.ParamsObject["deviceName"]);

            // Done is done: a third boot has nothing to send.
            var third = new Rig(10, storage);
            Assert.Equal(0, third.Cloud.PendingCount);
        }

        [Fact]
        public void TransientRequestsAreNotRestoredButIdsNeverRepeatAcrossReboots()
        {
            var storage = new TestStorage();
            var first = new Rig(11, storage, new CloudLinkSettings { MaxOutboxEntries = 100 });
            var ids = new List<long>();
            for (int i = 0; i < 70; i++)
            {
                ids.Add(long.Parse(first.Request(AlinkMethods.EnrolleeFound, new Hashtable(), durable: false)));
            }

            var second = new Rig(12, storage);
            Assert.Equal(0, second.Cloud.PendingCount);
            long next = long.Parse(second.Request(AlinkMethods.EnrolleeFound, new Hashtable(), durable: false));
            Assert.True(next > ids.Max());
            Assert.True(storage.Writes < 10, "ids are reserved in blocks, not written one by one");
        }

        [Fact]
        public void CorruptOutboxBlobStartsEmptyInsteadOfFailing()
        {
            var storage = new TestStorage();
            storage.Write("cloud.outbox", System.Text.Encoding.UTF8.GetBytes("{\"v\":1,\"nextId\":"));
            var rig = new Rig(13, storage);
            Assert.Equal(0, rig.Cloud.PendingCount);
            Assert.NotNull(rig.Request(AlinkMethods.CipherGet, Params()));
            Assert.Contains(rig.Log.Lines, l => l.Contains("outbox blob unreadable"));
        }

        [Fact]
        public void BrokerRestartLosesNoRequest()
        {
            var rig = new Rig(14);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string a = rig.Request(AlinkMethods.CipherGet, Params());
            string b = rig.Request(AlinkMethods.EnrolleeFound, new Hashtable { { "type", 0L } });
            rig.Link.Drop();
            rig.Scheduler.RunPending();
            string c = rig.Request(AlinkMethods.CipherGet, Params()); // while down
            rig.Scheduler.Advance(2_000);
            Assert.Equal(CloudLinkState.Connected, rig.Cloud.State);

            rig.ReplyFromCloud(AlinkMethods.CipherGet, a);
            rig.ReplyFromCloud(AlinkMethods.EnrolleeFound, b);
            rig.ReplyFromCloud(AlinkMethods.CipherGet, c);
            rig.Scheduler.RunPending();
            Assert.Equal(new[] { a, b, c }, rig.Results.Select(r => r.Request.Id).OrderBy(x => x == a ? 0 : x == b ? 1 : 2).ToArray());
            Assert.All(rig.Results, r => Assert.Equal(CloudRequestOutcome.Replied, r.Outcome));
        }

        [Fact]
        public void StableConnectionResetsTheBackoffAndFlappingKeepsGrowingIt()
        {
            var rig = new Rig(15);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            for (int i = 0; i < 5; i++)
            {
                rig.Link.Drop(); // drops right after each connect: flapping
                rig.Scheduler.RunUntil(() => rig.Cloud.State == CloudLinkState.Connected, 120_000);
            }

            Assert.InRange(rig.Cloud.LastBackoffMilliseconds, 8_000, 16_000);

            rig.Scheduler.Advance(30_000); // stays up long enough
            rig.Link.Drop();
            rig.Scheduler.RunPending();
            Assert.InRange(rig.Cloud.LastBackoffMilliseconds, 500, 1_000);
        }

        [Fact]
        public void CloudRequestIsHandledOnceAndARepeatGetsTheSameReply()
        {
            var rig = new Rig(16);
            var handled = new List<AlinkRequest>();
            rig.Cloud.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r =>
            {
                handled.Add(r);
                rig.Cloud.Reply(r, AlinkCodes.Success, null);
            });
            rig.Cloud.Start();
            rig.Scheduler.RunPending();

            string checkin = "{\"id\":\"77\",\"version\":\"1.0\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{\"productKey\":\"a1EnrPk0001\",\"deviceName\":\"lamp-01\",\"timeout\":60}}";
            rig.Link.Inject(rig.Cloud.Topics.ForMethod(AlinkMethods.EnrolleeCheckin), checkin);
            rig.Link.Inject(rig.Cloud.Topics.ForMethod(AlinkMethods.EnrolleeCheckin), checkin);
            rig.Scheduler.RunPending();

            AlinkRequest request = Assert.Single(handled);
            Assert.Equal(60L, request.ParamsObject["timeout"]);
            Assert.Equal(1, rig.Cloud.DuplicateRequests);
            var replies = rig.PublishedEnvelopes().Where(p => p.Topic.EndsWith("/thing/awss/enrollee/checkin_reply")).ToArray();
            Assert.Equal(2, replies.Length);
            Assert.All(replies, r =>
            {
                Assert.Equal("77", r.Envelope["id"]);
                Assert.Equal(200L, r.Envelope["code"]);
            });
        }

        [Fact]
        public void FailingHandlerAnswersInternalError()
        {
            var rig = new Rig(17);
            rig.Cloud.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r => throw new System.InvalidOperationException("boom"));
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            rig.Link.Inject(rig.Cloud.Topics.ForMethod(AlinkMethods.EnrolleeCheckin), "{\"id\":\"5\",\"method\":\"thing.awss.enrollee.checkin\",\"params\":{}}");
            rig.Scheduler.RunPending();
            var reply = rig.PublishedEnvelopes().Single();
            Assert.Equal(500L, reply.Envelope["code"]);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("{\"id\":\"1\"}")]
        [InlineData("{\"id\":\"1\",\"method\":\"thing.cipher.get\",\"params\":{}}")] // method does not match topic
        [InlineData("[]")]
        public void MalformedCloudRequestsAreCountedAndDropped(string payload)
        {
            var rig = new Rig(18);
            int calls = 0;
            rig.Cloud.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r => calls++);
            rig.Cloud.RegisterReplyHandler(AlinkMethods.CipherGet, r => calls++);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            rig.Link.Inject(rig.Cloud.Topics.ForMethod(AlinkMethods.EnrolleeCheckin), payload);
            rig.Link.Inject(rig.Cloud.Topics.ReplyForMethod(AlinkMethods.CipherGet), payload);
            rig.Scheduler.RunPending();
            Assert.Equal(0, calls);
            Assert.Equal(2, rig.Cloud.MalformedMessages);
            Assert.Empty(rig.Link.Published);
        }

        [Fact]
        public void HugeInboundPayloadIsDroppedBeforeParsing()
        {
            var rig = new Rig(19);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.CipherGet, Params());
            rig.Link.InjectBytes(rig.Cloud.Topics.ReplyForMethod(AlinkMethods.CipherGet), new byte[100_000]);
            rig.Scheduler.RunPending();
            Assert.Equal(1, rig.Cloud.MalformedMessages);
            Assert.Equal(1, rig.Cloud.PendingCount);
            Assert.NotNull(id);
        }

        [Fact]
        public void FullOutboxRejectsTheRequest()
        {
            var rig = new Rig(20, settings: new CloudLinkSettings { MaxOutboxEntries = 2 });
            Assert.NotNull(rig.Request(AlinkMethods.CipherGet, Params()));
            Assert.NotNull(rig.Request(AlinkMethods.CipherGet, Params()));
            Assert.Null(rig.Request(AlinkMethods.CipherGet, Params()));
            rig.Scheduler.RunPending();
            Assert.Equal(CloudRequestOutcome.Rejected, Assert.Single(rig.Results).Outcome);
        }

        [Fact]
        public void StorageFailureDoesNotStopTheLink()
        {
            var storage = new TestStorage { FailWrites = true };
            var rig = new Rig(21, storage);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            string id = rig.Request(AlinkMethods.CipherGet, Params());
            rig.ReplyFromCloud(AlinkMethods.CipherGet, id);
            rig.Scheduler.RunPending();
            Assert.Equal(CloudRequestOutcome.Replied, Assert.Single(rig.Results).Outcome);
            Assert.Contains(rig.Log.Lines, l => l.Contains("outbox write failed"));
        }

        [Fact]
        public void StopClosesTheLinkAndLeavesNoTimers()
        {
            var rig = new Rig(22);
            rig.Cloud.Start();
            rig.Scheduler.RunPending();
            rig.Request(AlinkMethods.CipherGet, Params());
            rig.Cloud.Stop();
            Assert.Equal(CloudLinkState.Stopped, rig.Cloud.State);
            Assert.Equal(1, rig.Link.DisconnectCalls);
            Assert.Equal(0, rig.Scheduler.PendingTimerCount);
            Assert.Equal(1, rig.Cloud.PendingCount);
        }

        [Fact]
        public void SecretsNeverReachTheLog()
        {
            var rig = new Rig(23);
            rig.Link.Script(MqttConnectStatus.BadUserNameOrPassword, MqttConnectStatus.Accepted);
            rig.Cloud.Start();
            rig.Scheduler.Advance(5_000);
            rig.Request(AlinkMethods.CipherGet, Params());
            rig.Link.Drop();
            rig.Scheduler.Advance(60_000);
            string password = rig.Link.ConnectCalls[0].Password;
            Assert.NotEmpty(rig.Log.Lines);
            rig.Log.AssertNeverContains(Secret, password);
        }
    }
}
