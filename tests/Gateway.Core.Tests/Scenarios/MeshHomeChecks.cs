using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Simulation.Mesh;
using Xunit;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>The end state every mesh home scenario must reach.</summary>
    internal static class MeshHomeChecks
    {
        /// <summary>
        /// Every node is in the database, configured, with its composition and bindings, and holds
        /// exactly that state itself; the cloud has one success per node; no two devices ever held
        /// the same address; the gateway never sent two different PDUs with one (src, IV Index, SEQ).
        /// </summary>
        public static void AssertConsistent(MeshHomeRig rig)
        {
            string where = rig.Describe();
            MeshDatabase db = rig.Database;
            Assert.Equal(rig.Nodes.Count + 1, db.NodeCount);
            var owner = new Dictionary<int, SimulatedMeshNode>();
            foreach (SimulatedMeshNode node in rig.Nodes)
            {
                MeshNode entry = db.FindNodeByUuid(node.Uuid);
                Assert.True(entry != null, "not in the database: " + node.Station.Name + "; " + where);
                Assert.True(entry.ConfigComplete, where);
                Assert.Equal(node.UnicastAddress, entry.UnicastAddress);
                Assert.True(entry.HasComposition, where);
                Assert.Equal(node.Composition.CompanyId, entry.Cid);
                Assert.Equal(node.Composition.Elements.Length, entry.ElementCount);
                Assert.True(entry.HasAppKey(0));
                Assert.Equal(1, node.ConfigServer.AppKeyCount);
                for (int e = 0; e < entry.ElementCount; e++)
                {
                    Gateway.Core.Mesh.Config.CompositionElement composed = node.Composition.Elements[e];
                    MeshElement element = entry.GetElement(e);
                    Assert.Equal(composed.SigModels.Length + composed.VendorModels.Length, element.Models.Count);
                    foreach (MeshModel model in element.Models.Cast<MeshModel>())
                    {
                        bool expected = model.IsVendor || (model.ModelId != 0x0000 && model.ModelId != 0x0002);
                        Assert.Equal(expected, model.IsBoundTo(0));
                        Assert.Equal(expected, node.ConfigServer.IsBound(entry.UnicastAddress + e, model.ModelId, model.IsVendor, 0));
                    }
                }

                var record = rig.Record(node);
                Assert.True(record != null && record.SuccessResults == 1, "cloud results for " + node.Station.Name + ": " + record?.SuccessResults + "; " + where);
                Assert.Equal(entry.UnicastAddress.ToString("X4"), record.UnicastAddress);
                Assert.True(node.AcceptedRequests(ConfigOpcodes.AppKeyAdd) >= 1);
                Assert.True(node.AcceptedRequests(ConfigOpcodes.ModelAppBind) >= BoundModels(entry));
                foreach (int primary in node.AddressHistory)
                {
                    for (int a = primary; a < primary + entry.ElementCount; a++)
                    {
                        Assert.True(!owner.TryGetValue(a, out var other) || other == node, $"address {a:x4} given to {other?.Station.Name} and {node.Station.Name}");
                        owner[a] = node;
                    }
                }
            }

            foreach (int gateway in rig.GatewayAddresses)
            {
                Assert.False(owner.ContainsKey(gateway), $"gateway address {gateway:x4} is a node's");
            }

            Assert.Empty(rig.ReusedSeq);
        }

        public static int BoundModels(MeshNode entry)
        {
            int n = 0;
            for (int e = 0; e < entry.ElementCount; e++)
            {
                n += entry.GetElement(e).Models.Cast<MeshModel>().Count(m => m.IsBoundTo(0));
            }

            return n;
        }
    }
}
