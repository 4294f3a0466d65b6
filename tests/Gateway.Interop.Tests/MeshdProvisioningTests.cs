using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Interop.Tests.BlueZ;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// Our host gateway provisions and configures BlueZ's bluetooth-meshd (an independent, widely
    /// deployed mesh stack) over PB-ADV and the advertising bearer, on a Unix datagram socket radio.
    /// Each test starts its own meshd node(s) and gateway; step times are printed for the record.
    /// </summary>
    [Trait("Category", "Interop")]
    public sealed class MeshdProvisioningTests : MeshdTest
    {
        public MeshdProvisioningTests(ITestOutputHelper output)
            : base(output)
        {
        }

        [SkippableFact]
        public async Task MshPRT_5_4_NoOob_PbAdv_EndsWithJoinComplete_AndTheNodeInOurDatabase()
        {
            BlueZPeer.Require();
            byte[] uuid = NewV4Uuid();
            using var node = new MeshdNode("meshd-1", Path.Combine(Folder, "n1"), uuid, GatewaySocket);
            await using InteropGateway gateway = await InteropGateway.StartAsync(Folder, new[] { node.SocketPath });

            var end = gateway.WaitForEnd(uuid, Limit);
            var joined = node.WaitForAgent("JOIN_COMPLETE", TimeSpan.FromSeconds(5));
            Report(Output, gateway, node, uuid);
            Assert.True(joined != null, "meshd did not call JoinComplete\n" + node.Describe() + "\n" + gateway.DescribeLog());
            Assert.True(end != null && end.Value.Stage == MeshDeviceStage.Done, "gateway: " + end + "\n" + node.Describe() + "\n" + gateway.DescribeLog());

            // Our database holds the node at the address meshd stored, with meshd's device key.
            (int address, string deviceKey, int elements) = gateway.Node(uuid, n => (n.UnicastAddress, Hex.Encode(n.DeviceKey), n.ElementCount));
            Assert.Equal(end.Value.Address, address);
            using JsonDocument nodeJson = JsonDocument.Parse(File.ReadAllText(node.NodeJsonPath));
            JsonElement root = nodeJson.RootElement;
            Assert.Equal(address.ToString("X4"), root.GetProperty("unicastAddress").GetString().ToUpperInvariant());
            Assert.Equal(deviceKey, root.GetProperty("deviceKey").GetString().ToLowerInvariant());
            Assert.Equal(elements, root.GetProperty("elements").GetArrayLength());
        }

        [SkippableFact]
        public async Task ThreeMeshdNodes_ProvisionedAndConfiguredConcurrently_ByOneGateway()
        {
            BlueZPeer.Require();
            string gatewaySocket = GatewaySocket;
            var nodes = new MeshdNode[3];
            try
            {
                for (int i = 0; i < nodes.Length; i++)
                {
                    nodes[i] = new MeshdNode("meshd-" + (i + 1), Path.Combine(Folder, "n" + (i + 1)), NewV4Uuid(), gatewaySocket);
                }

                await using InteropGateway gateway = await InteropGateway.StartAsync(Folder, Array.ConvertAll(nodes, n => n.SocketPath));
                var ends = new (MeshDeviceStage Stage, int Address, string Reason)?[nodes.Length];
                for (int i = 0; i < nodes.Length; i++)
                {
                    ends[i] = gateway.WaitForEnd(nodes[i].Uuid, Limit);
                }

                foreach (MeshdNode node in nodes)
                {
                    Report(Output, gateway, node, node.Uuid);
                }

                // The sessions overlapped: each started before any other had finished provisioning.
                long[][] times = Array.ConvertAll(nodes, n => gateway.Read(() =>
                {
                    MeshDeviceState s = gateway.Gateway.Workflow.Find(n.Uuid);
                    return new[] { s.StartedAtMs, s.ProvisionedAtMs };
                }));
                for (int i = 0; i < nodes.Length; i++)
                {
                    Assert.True(ends[i] != null && ends[i].Value.Stage == MeshDeviceStage.Done, nodes[i].Name + ": " + ends[i] + "\n" + nodes[i].Describe() + "\n" + gateway.DescribeLog());
                    Assert.True(nodes[i].WaitForAgent("JOIN_COMPLETE", TimeSpan.FromSeconds(5)) != null, nodes[i].Describe());
                    Assert.True(File.Exists(nodes[i].NodeJsonPath));
                }

                long lastStart = Math.Max(times[0][0], Math.Max(times[1][0], times[2][0]));
                long firstProvisioned = Math.Min(times[0][1], Math.Min(times[1][1], times[2][1]));
                Assert.True(lastStart < firstProvisioned, "provisioning ran one after the other, not concurrently");
                int[] addresses = Array.ConvertAll(ends, e => e.Value.Address);
                Assert.Equal(3, new System.Collections.Generic.HashSet<int>(addresses).Count);
            }
            finally
            {
                foreach (MeshdNode node in nodes)
                {
                    node?.Dispose();
                }
            }
        }

        /// <summary>Prints the agent's callbacks and the gateway's step times (the closing note's numbers).</summary>
        internal static void Report(ITestOutputHelper output, InteropGateway gateway, MeshdNode node, byte[] uuid)
        {
            output.WriteLine(node.Name + " agent:");
            foreach (string line in node.AgentLines())
            {
                output.WriteLine("  " + line);
            }

            var state = gateway.Read(() =>
            {
                MeshDeviceState s = gateway.Gateway.Workflow.Find(uuid);
                return s == null ? null : new[] { s.LastSeenMs, s.ReportedAtMs, s.AuthorizedAtMs, s.StartedAtMs, s.ProvisionedAtMs, s.EndedAtMs };
            });
            if (state != null)
            {
                output.WriteLine($"{node.Name} gateway clock (ms): reported {state[1]}, authorized {state[2]}, provisioning started {state[3]}, provisioned {state[4]}, ended {state[5]}");
                output.WriteLine(state[4] > 0
                    ? $"{node.Name} steps: authorization {state[2] - state[1]} ms, provisioning {state[4] - state[3]} ms, configuration {state[5] - state[4]} ms"
                    : $"{node.Name} steps: authorization {state[2] - state[1]} ms, provisioning failed after {state[5] - state[3]} ms");
            }
        }

        /// <summary>A random RFC 4122 version 4 UUID (meshd 5.66 refuses others).</summary>
        internal static byte[] NewV4Uuid()
        {
            byte[] uuid = Guid.NewGuid().ToByteArray();
            uuid[6] = (byte)((uuid[6] & 0x0F) | 0x40);
            uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
            return uuid;
        }
    }
}
