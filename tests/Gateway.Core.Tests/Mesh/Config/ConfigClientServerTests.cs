using System.Collections.Generic;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Network;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Config
{
    /// <summary>ConfigClient against ConfigServer over two stacks: the gateway's configuration sequence, status codes, timeouts, queueing.</summary>
    public class ConfigClientServerTests
    {
        private static ConfigResult Run(TwoStacks home, System.Action<ConfigResultHandler> request)
        {
            ConfigResult result = null;
            request(r => result = r);
            home.Scheduler.RunUntil(() => result != null, 120_000);
            Assert.NotNull(result);
            return result;
        }

        [Theory]
        [InlineData(1, 0.0)]
        [InlineData(2, 0.25)]
        [InlineData(3, 0.25)]
        public void GatewayConfiguresNode_CompositionAppKeyBindPublishSubscribeTtl(int seed, double loss)
        {
            var home = new TwoStacks(seed, loss);

            // With 25 % loss each way an unsegmented exchange fails 44 % of the time: allow more attempts.
            var client = new ConfigClient(home.Gateway, home.Scheduler, new ConfigClientOptions { RetryCount = 8 });
            int node = TwoStacks.NodeAddress;

            ConfigResult composition = Run(home, done => client.GetCompositionData(node, 0, done));
            Assert.Equal(ConfigOutcome.Answered, composition.Outcome);
            CompositionData parsed = CompositionData.Parse(composition.Status.CompositionData, 0, composition.Status.CompositionData.Length);
            Assert.Equal(2, parsed.Elements.Length);
            Assert.Equal(0x003F002Au, parsed.Elements[0].VendorModels[0]);

            ConfigResult add = Run(home, done => client.AddAppKey(node, 0, 0x001, Hex.Decode(MeshSampleData.AppKey), done));
            Assert.True(add.Succeeded);
            Assert.Equal(1, home.Server.AppKeyCount);

            Assert.True(Run(home, done => client.BindModelApp(node, node, 0x001, 0x1000, false, done)).Succeeded);
            Assert.True(Run(home, done => client.BindModelApp(node, node, 0x001, 0x003F002A, true, done)).Succeeded);
            Assert.True(home.Server.IsBound(node, 0x003F002A, true, 0x001));

            var publication = new ModelPublication { ElementAddress = node, PublishAddress = TwoStacks.GatewayAddress, AppKeyIndex = 0x001, PublishTtl = 0xFF, ModelId = 0x1000 };
            ConfigResult pub = Run(home, done => client.SetModelPublication(node, publication, done));
            Assert.True(pub.Succeeded);
            Assert.Equal(TwoStacks.GatewayAddress, home.Server.GetPublication(node, 0x1000, false).PublishAddress);

            Assert.True(Run(home, done => client.AddModelSubscription(node, node + 1, 0xC000, 0x1000, false, done)).Succeeded);
            Assert.True(home.Server.IsSubscribed(node + 1, 0x1000, false, 0xC000));

            Assert.True(Run(home, done => client.SetDefaultTtl(node, 5, done)).Succeeded);
            ConfigResult ttl = Run(home, done => client.GetDefaultTtl(node, done));
            Assert.Equal(5, ttl.Status.Ttl);
        }

        [Fact]
        public void ErrorStatusesComeBackMapped()
        {
            var home = new TwoStacks();
            var client = new ConfigClient(home.Gateway, home.Scheduler, null);
            int node = TwoStacks.NodeAddress;
            Assert.Equal((int)ConfigStatusCode.InvalidNetKeyIndex, Run(home, d => client.AddAppKey(node, 7, 1, new byte[16], d)).Status.Status);
            Assert.True(Run(home, d => client.AddAppKey(node, 0, 1, Hex.Decode(MeshSampleData.AppKey), d)).Succeeded);
            Assert.True(Run(home, d => client.AddAppKey(node, 0, 1, Hex.Decode(MeshSampleData.AppKey), d)).Succeeded);
            Assert.Equal((int)ConfigStatusCode.KeyIndexAlreadyStored, Run(home, d => client.AddAppKey(node, 0, 1, new byte[16], d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.InvalidAppKeyIndex, Run(home, d => client.BindModelApp(node, node, 2, 0x1000, false, d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.InvalidModel, Run(home, d => client.BindModelApp(node, node, 1, 0x1300, false, d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.InvalidAddress, Run(home, d => client.BindModelApp(node, node + 5, 1, 0x1000, false, d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.CannotBind, Run(home, d => client.BindModelApp(node, node, 1, 0x0000, false, d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.InvalidAddress, Run(home, d => client.AddModelSubscription(node, node, 0x0005, 0x1000, false, d)).Status.Status);
            Assert.Equal((int)ConfigStatusCode.NotASubscribeModel, Run(home, d => client.AddModelSubscription(node, node, 0xC000, 0x0000, false, d)).Status.Status);
        }

        [Fact]
        public void SilentNode_TimesOutAfterRetries()
        {
            var home = new TwoStacks(loss: 1.0);
            var client = new ConfigClient(home.Gateway, home.Scheduler, new ConfigClientOptions { ResponseTimeoutMilliseconds = 2000, RetryCount = 2 });
            long start = home.Scheduler.NowMilliseconds;
            ConfigResult result = Run(home, d => client.GetDefaultTtl(TwoStacks.NodeAddress, d));
            Assert.Equal(ConfigOutcome.Timeout, result.Outcome);
            Assert.Equal(3, result.Attempts);
            Assert.Equal(6000, home.Scheduler.NowMilliseconds - start);
        }

        [Fact]
        public void SegmentedRequestOutlastingItsWait_IsNotStackedAndEachAttemptGetsItsOwnResult()
        {
            // The wait (1 s) is shorter than the transport's rounds (5 × 400 ms) to a node that
            // never acknowledges, as on a gateway whose advertiser fell behind. Attempts must not
            // pile up behind each other, and the result of an earlier attempt's transmission must
            // not end a later attempt (it used to report SendFailed while the last attempt was
            // still queued, never sent).
            var home = new TwoStacks(loss: 1.0);
            var client = new ConfigClient(home.Gateway, home.Scheduler, new ConfigClientOptions { SegmentedResponseTimeoutMilliseconds = 1000, RetryCount = 2 });
            int queuedAtEnd = -1;
            int sendingAtEnd = -1;
            ConfigResult result = Run(home, d => client.AddAppKey(TwoStacks.NodeAddress, 0, 1, Hex.Decode(MeshSampleData.AppKey), r =>
            {
                queuedAtEnd = home.Gateway.PendingCount;
                sendingAtEnd = home.Gateway.ActiveTransmissions;
                d(r);
            }));
            Assert.Equal(ConfigOutcome.SendFailed, result.Outcome);
            Assert.Equal(3, result.Attempts);
            Assert.Equal(0, queuedAtEnd);
            Assert.Equal(0, sendingAtEnd);

            // Three transmissions (one SeqAuth each), each of them 1 + 4 rounds of both segments.
            Assert.Equal(3 * 5 * 2, home.Wire.A.Sent.Count);
        }

        [Fact]
        public void RequestsToOneNode_AreQueuedOneOutstanding()
        {
            var home = new TwoStacks();
            var client = new ConfigClient(home.Gateway, home.Scheduler, null);
            var order = new List<int>();
            for (int ttl = 2; ttl < 7; ttl++)
            {
                client.SetDefaultTtl(TwoStacks.NodeAddress, ttl, r => order.Add(r.Status.Ttl));
            }

            Assert.Equal(5, client.PendingCount(TwoStacks.NodeAddress));
            Assert.Single(home.Wire.A.Sent);
            home.Scheduler.RunUntil(() => order.Count == 5, 60_000);
            Assert.Equal(new[] { 2, 3, 4, 5, 6 }, order);
        }

        [Fact]
        public void NodeReset_AnswersThenRaisesTheEvent()
        {
            var home = new TwoStacks();
            bool reset = false;
            home.Server.NodeResetRequested += () => reset = true;
            var client = new ConfigClient(home.Gateway, home.Scheduler, null);
            ConfigResult result = Run(home, d => client.ResetNode(TwoStacks.NodeAddress, d));
            Assert.Equal(ConfigOutcome.Answered, result.Outcome);
            Assert.Equal(ConfigOpcodes.NodeResetStatus, result.Status.Opcode);
            home.Scheduler.RunAll(1000);
            Assert.True(reset);
        }

        [Fact]
        public void StatusWithOtherKeyFields_DoesNotCompleteTheRequest()
        {
            var home = new TwoStacks(loss: 0);
            var client = new ConfigClient(home.Gateway, home.Scheduler, new ConfigClientOptions { ResponseTimeoutMilliseconds = 1000, RetryCount = 0 });
            ConfigResult result = null;
            client.BindModelApp(TwoStacks.NodeAddress, TwoStacks.NodeAddress, 1, 0x1000, false, r => result = r);

            // Before the real answer, the node "answers" for another model (a stale status): ignored.
            byte[] stale = new byte[12];
            int n = ConfigMessages.ModelAppStatus(stale, 0, 0, TwoStacks.NodeAddress, 1, 0x1001, false);
            home.Node.SendAccessMessage(TwoStacks.NodeAddress, TwoStacks.GatewayAddress, MeshNetwork.LocalDeviceKey, stale, 0, n, null);
            home.Scheduler.RunUntil(() => result != null, 10_000);
            Assert.Equal(ConfigOutcome.Answered, result.Outcome);
            Assert.Equal(0x1000u, result.Status.ModelId);
            Assert.Equal(1, client.UnmatchedStatuses);
        }
    }
}
