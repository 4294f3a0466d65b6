using System.Collections;
using Gateway.Core.DeviceTests.Mesh.Network;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Config
{
    /// <summary>
    /// The Configuration client against the Configuration server over two network stacks on the
    /// device: the gateway's configuration sequence, error statuses, timeouts and queueing. Host
    /// twin: tests/Gateway.Core.Tests/Mesh/Config/ConfigClientServerTests.cs.
    /// </summary>
    [TestClass]
    public class ConfigClientServerTests
    {
        /// <summary>Composition Data Get, AppKey Add, Model App Bind (SIG and vendor), Publication Set, Subscription Add, Default TTL Set/Get.</summary>
        [TestMethod]
        public static void MshPRT_4_3_2_GatewayConfiguresANode()
        {
            TwoStacks home = new TwoStacks();
            ConfigClient client = new ConfigClient(home.Gateway, home.Scheduler, null);
            int node = TwoStacks.NodeAddress;
            Waiter w = new Waiter(home);

            client.GetCompositionData(node, 0, w.Done);
            ConfigResult composition = w.Result();
            Assert.AreEqual((int)ConfigOutcome.Answered, (int)composition.Outcome, "#1");
            CompositionData parsed = CompositionData.Parse(composition.Status.CompositionData, 0, composition.Status.CompositionData.Length);
            Assert.AreEqual(2, parsed.Elements.Length, "#2");
            Assert.AreEqual(0x003F002Au, parsed.Elements[0].VendorModels[0], "#3");

            client.AddAppKey(node, 0, 0x001, Hex.Decode(MeshSamples.AppKey), w.Done);
            Assert.IsTrue(w.Result().Succeeded, "AppKey Add");
            Assert.AreEqual(1, home.Server.AppKeyCount, "#4");
            client.BindModelApp(node, node, 0x001, 0x1000, false, w.Done);
            Assert.IsTrue(w.Result().Succeeded, "bind SIG");
            client.BindModelApp(node, node, 0x001, 0x003F002A, true, w.Done);
            Assert.IsTrue(w.Result().Succeeded, "bind vendor");
            Assert.IsTrue(home.Server.IsBound(node, 0x003F002A, true, 0x001), "#5");

            ModelPublication publication = new ModelPublication();
            publication.ElementAddress = node;
            publication.PublishAddress = TwoStacks.GatewayAddress;
            publication.AppKeyIndex = 0x001;
            publication.PublishTtl = 0xFF;
            publication.ModelId = 0x1000;
            client.SetModelPublication(node, publication, w.Done);
            Assert.IsTrue(w.Result().Succeeded, "publication");
            Assert.AreEqual(TwoStacks.GatewayAddress, home.Server.GetPublication(node, 0x1000, false).PublishAddress, "#6");

            client.AddModelSubscription(node, node + 1, 0xC000, 0x1000, false, w.Done);
            Assert.IsTrue(w.Result().Succeeded, "subscription");
            Assert.IsTrue(home.Server.IsSubscribed(node + 1, 0x1000, false, 0xC000), "#7");

            client.SetDefaultTtl(node, 5, w.Done);
            Assert.IsTrue(w.Result().Succeeded, "TTL set");
            client.GetDefaultTtl(node, w.Done);
            Assert.AreEqual(5, w.Result().Status.Ttl, "#8");
        }

        /// <summary>MshPRT Table 4.108 from a real server: each refusal comes back with its status code.</summary>
        [TestMethod]
        public static void MshPRT_4_3_5_ErrorStatusesComeBackMapped()
        {
            TwoStacks home = new TwoStacks();
            ConfigClient client = new ConfigClient(home.Gateway, home.Scheduler, null);
            int node = TwoStacks.NodeAddress;
            Waiter w = new Waiter(home);
            client.AddAppKey(node, 7, 1, new byte[16], w.Done);
            Assert.AreEqual((int)ConfigStatusCode.InvalidNetKeyIndex, w.Result().Status.Status, "#9");
            client.AddAppKey(node, 0, 1, Hex.Decode(MeshSamples.AppKey), w.Done);
            Assert.IsTrue(w.Result().Succeeded, "#10");
            client.AddAppKey(node, 0, 1, new byte[16], w.Done);
            Assert.AreEqual((int)ConfigStatusCode.KeyIndexAlreadyStored, w.Result().Status.Status, "#11");
            client.BindModelApp(node, node, 2, 0x1000, false, w.Done);
            Assert.AreEqual((int)ConfigStatusCode.InvalidAppKeyIndex, w.Result().Status.Status, "#12");
            client.BindModelApp(node, node, 1, 0x1300, false, w.Done);
            Assert.AreEqual((int)ConfigStatusCode.InvalidModel, w.Result().Status.Status, "#13");
            client.BindModelApp(node, node, 1, 0x0000, false, w.Done);
            Assert.AreEqual((int)ConfigStatusCode.CannotBind, w.Result().Status.Status, "#14");
            client.AddModelSubscription(node, node, 0xC000, 0x0000, false, w.Done);
            Assert.AreEqual((int)ConfigStatusCode.NotASubscribeModel, w.Result().Status.Status, "#15");
        }

        /// <summary>A silent node: the request times out after its retries, 2 s each.</summary>
        [TestMethod]
        public static void SilentNodeTimesOutAfterRetries()
        {
            TwoStacks home = new TwoStacks();
            home.GatewayEnd.Silent = true;
            ConfigClientOptions options = new ConfigClientOptions();
            options.ResponseTimeoutMilliseconds = 2000;
            options.RetryCount = 2;
            ConfigClient client = new ConfigClient(home.Gateway, home.Scheduler, options);
            Waiter w = new Waiter(home);
            long start = home.Scheduler.NowMilliseconds;
            client.GetDefaultTtl(TwoStacks.NodeAddress, w.Done);
            ConfigResult result = w.Result();
            Assert.AreEqual((int)ConfigOutcome.Timeout, (int)result.Outcome, "#16");
            Assert.AreEqual(3, result.Attempts, "#17");
            Assert.AreEqual(6000L, home.Scheduler.NowMilliseconds - start, "#18");
        }

        /// <summary>Requests to one node are queued with one outstanding, and answered in order.</summary>
        [TestMethod]
        public static void RequestsToOneNodeAreQueued()
        {
            TwoStacks home = new TwoStacks();
            ConfigClient client = new ConfigClient(home.Gateway, home.Scheduler, null);
            ArrayList order = new ArrayList();
            for (int ttl = 2; ttl < 7; ttl++)
            {
                client.SetDefaultTtl(TwoStacks.NodeAddress, ttl, r => order.Add(r.Status.Ttl));
            }

            Assert.AreEqual(5, client.PendingCount(TwoStacks.NodeAddress), "#19");
            Assert.AreEqual(1, home.GatewayEnd.SentCount, "#20");
            home.Scheduler.RunUntil(() => order.Count == 5, 60000);
            Assert.AreEqual(5, order.Count, "#21");
            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual(i + 2, (int)order[i], "#22");
            }
        }

        /// <summary>MshPRT §4.3.2.53: Node Reset is answered, then the server raises its event.</summary>
        [TestMethod]
        public static void MshPRT_4_3_2_53_NodeResetAnswersThenRaisesTheEvent()
        {
            TwoStacks home = new TwoStacks();
            bool[] reset = new bool[1];
            home.Server.NodeResetRequested += () => reset[0] = true;
            ConfigClient client = new ConfigClient(home.Gateway, home.Scheduler, null);
            Waiter w = new Waiter(home);
            client.ResetNode(TwoStacks.NodeAddress, w.Done);
            ConfigResult result = w.Result();
            Assert.AreEqual((int)ConfigOutcome.Answered, (int)result.Outcome, "#23");
            Assert.AreEqual(ConfigOpcodes.NodeResetStatus, result.Status.Opcode, "#24");
            home.Scheduler.RunAll(1000);
            Assert.IsTrue(reset[0], "#25");
        }

        /// <summary>Waits in virtual time for the one result a request reports.</summary>
        private sealed class Waiter
        {
            private readonly TwoStacks _home;
            private ConfigResult _result;

            public Waiter(TwoStacks home)
            {
                _home = home;
            }

            public void Done(ConfigResult result)
            {
                _result = result;
            }

            public ConfigResult Result()
            {
                _home.Scheduler.RunUntil(HasResult, 120000);
                ConfigResult result = _result;
                Assert.IsNotNull(result, "no result");
                _result = null;
                return result;
            }

            private bool HasResult()
            {
                return _result != null;
            }
        }
    }
}
