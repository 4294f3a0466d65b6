using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Core.Mesh.Config;
using MeshModel = Gateway.Core.Mesh.Database.MeshModel;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Interop.Tests.BlueZ;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// After provisioning, the gateway's configuration (MshPRT v1.1 §4.4.1: Composition Data Get,
    /// AppKey Add, Model App Bind) against bluetooth-meshd's Configuration Server, checked three
    /// ways: the workflow finished, our ConfigClient's own requests get Success statuses from
    /// meshd, and meshd's saved node.json holds the AppKey and the bindings.
    /// </summary>
    [Trait("Category", "Interop")]
    public sealed class MeshdConfigurationTests : MeshdTest
    {
        private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(60);

        public MeshdConfigurationTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [SkippableFact]
        public async Task MshPRT_4_4_1_CompositionAppKeyAddAndBind_MeshdAnswersSuccess_AndStoresThem()
        {
            BlueZPeer.Require();
            byte[] uuid = MeshdProvisioningTests.NewV4Uuid();
            using var node = new MeshdNode("meshd-cfg", Path.Combine(Folder, "n1"), uuid, GatewaySocket);
            await using InteropGateway gateway = await InteropGateway.StartAsync(Folder, new[] { node.SocketPath });

            var end = gateway.WaitForEnd(uuid, Limit);
            MeshdProvisioningTests.Report(Output, gateway, node, uuid);
            Assert.True(end != null && end.Value.Stage == MeshDeviceStage.Done, "gateway: " + end + "\n" + node.Describe() + "\n" + gateway.DescribeLog());
            int address = end.Value.Address;

            // What the workflow's configuration recorded from meshd's answers.
            var recorded = gateway.Node(uuid, n => new
            {
                n.HasComposition,
                n.Cid,
                n.Pid,
                AppKeys = n.AppKeys.Cast<Gateway.Core.Mesh.Database.NodeKey>().Select(k => k.Index).ToArray(),
                Bound = Enumerable.Range(0, n.ElementCount).SelectMany(e => n.GetElement(e).Models.Cast<MeshModel>().Where(m => m.IsBoundTo(0)).Select(m => m.ToString())).ToArray(),
            });
            Output.WriteLine("database: cid " + recorded.Cid.ToString("x4") + ", appKeys [" + string.Join(",", recorded.AppKeys) + "], bound: " + string.Join(", ", recorded.Bound));
            Assert.True(recorded.HasComposition);
            Assert.Equal(0x05F1, recorded.Cid); // the Join application's CompanyID
            Assert.Equal(new[] { 0 }, recorded.AppKeys);
            Assert.Equal(3, recorded.Bound.Length); // 0x1000, 0x1001 and the vendor model 05f1:0001

            // Our ConfigClient against meshd directly: every answer is a Success status.
            ConfigResult composition = gateway.Configure((c, done) => c.GetCompositionData(address, 0, done), RequestLimit);
            Assert.True(composition != null && composition.Outcome == ConfigOutcome.Answered, "Composition Data Get: " + composition?.Outcome);
            Assert.True(CompositionData.TryParse(composition.Status.CompositionData, 0, composition.Status.CompositionData.Length, out CompositionData page0));
            Assert.Equal(0x05F1, page0.CompanyId);
            Assert.Equal(0x0001, page0.ProductId);
            CompositionElement primary = Assert.Single(page0.Elements);
            Assert.True(primary.HasModel(0x0000, false), "no Configuration Server");
            Assert.True(primary.HasModel(0x1000, false) && primary.HasModel(0x1001, false), "Generic OnOff models missing");
            Assert.True(primary.HasModel(0x05F10001, true), "vendor model missing");

            byte[] appKey = gateway.Read(() => gateway.Gateway.DatabaseStore.Current.FindAppKey(0).Key);
            ConfigResult again = gateway.Configure((c, done) => c.AddAppKey(address, 0, 0, appKey, done), RequestLimit);
            Assert.True(again != null && again.Succeeded, "AppKey Add of the same key (MshPRT §4.4.1.2.9: Success): " + again?.Outcome + " " + again?.Status);
            ConfigResult bind = gateway.Configure((c, done) => c.BindModelApp(address, address, 0, 0x1000, false, done), RequestLimit);
            Assert.True(bind != null && bind.Succeeded, "Model App Bind again: " + bind?.Outcome + " " + bind?.Status);
            ConfigResult wrongKey = gateway.Configure((c, done) => c.BindModelApp(address, address, 5, 0x1000, false, done), RequestLimit);
            Assert.True(wrongKey != null && wrongKey.Outcome == ConfigOutcome.Answered && wrongKey.Status.Status == 0x03,
                "Model App Bind with an AppKey the node lacks must be Invalid AppKey Index (0x03): " + wrongKey?.Status);

            // meshd's own record of the node.
            // (mesh/mesh-config-json.c writes indices and model ids as hex strings.)
            string json = File.ReadAllText(node.NodeJsonPath);
            using JsonDocument doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            JsonElement appKeys = root.GetProperty("appKeys");
            Assert.Equal(1, appKeys.GetArrayLength());
            Assert.Equal(0, appKeys[0].GetProperty("index").GetInt32());
            Assert.Equal(Hex.Encode(appKey), appKeys[0].GetProperty("key").GetString().ToLowerInvariant());
            var bound = new List<string>();
            foreach (JsonElement model in root.GetProperty("elements")[0].GetProperty("models").EnumerateArray())
            {
                if (model.TryGetProperty("bind", out JsonElement bindings) && bindings.EnumerateArray().Any(b => Convert.ToInt32(b.GetString(), 16) == 0))
                {
                    bound.Add(model.GetProperty("modelId").GetString().ToLowerInvariant());
                }
            }

            Output.WriteLine("node.json: appKeys [" + string.Join(",", appKeys.EnumerateArray().Select(k => k.GetProperty("index").GetInt32())) + "], bound to AppKey 0: " + string.Join(", ", bound));
            Assert.Equal(new[] { "05f10001", "1000", "1001" }, bound.OrderBy(m => m).ToArray());
        }
    }
}
