using System;
using System.Text.Json;
using Gateway.Core.Mesh.Database;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>The exporter's UTF-8 and escaping, checked against an independent reader (System.Text.Json).</summary>
    public class CdbExportTests
    {
        [Theory]
        [InlineData("Kitchen \"main\" \\ light")]
        [InlineData("tab\there\nnew line\u0001\u001f")]
        [InlineData("Küche – 厨房 💡")]
        [InlineData("")]
        public void Rfc8259_NamesSurviveSystemTextJsonAndOurOwnReader(string name)
        {
            MeshDatabase db = TestNetwork.Create(9, 0x0001, 0x0100);
            db.MeshName = name;
            db.GatewayNode.Name = name;

            byte[] bytes = CdbExporter.Export(db);

            using (JsonDocument doc = JsonDocument.Parse(bytes))
            {
                Assert.Equal(name, doc.RootElement.GetProperty("meshName").GetString());
                Assert.Equal(name, doc.RootElement.GetProperty("nodes")[0].GetProperty("name").GetString());
                Assert.Equal(db.GatewayNode.UnicastAddress.ToString("X4"), doc.RootElement.GetProperty("nodes")[0].GetProperty("unicastAddress").GetString());
            }

            Assert.Equal(name, CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes).MeshName);
        }

        [Fact]
        public void Rfc3629_LoneSurrogateIsWrittenAsReplacementCharacter()
        {
            MeshDatabase db = TestNetwork.Create(10, 0x0001, 0x0100);
            db.MeshName = "a\ud800b";

            byte[] bytes = CdbExporter.Export(db);

            Assert.Equal("a\ufffdb", CdbImporter.Parse(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes).MeshName);
        }

        [Fact]
        public void Cdb_KeysAndUuidsAreUpperCaseAndNumbersAreJsonIntegers()
        {
            MeshDatabase db = TestNetwork.Create(11, 0x0001, 0x0100);
            db.NetworkExclusions.Clear();
            db.Retire(0x7FFE, 0x7FFF, 0xFFFFFFFF);

            using (JsonDocument doc = JsonDocument.Parse(CdbExporter.Export(db)))
            {
                JsonElement root = doc.RootElement;
                string key = root.GetProperty("netKeys")[0].GetProperty("key").GetString();
                Assert.Equal(Convert.ToHexString(db.FindNetKey(0).Key), key);
                Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$", root.GetProperty("meshUUID").GetString());
                Assert.Equal(0xFFFFFFFFu, root.GetProperty("networkExclusions")[0].GetProperty("ivIndex").GetUInt32());
                Assert.Equal("7FFE", root.GetProperty("networkExclusions")[0].GetProperty("addresses")[0].GetString());
                Assert.Equal(JsonValueKind.Number, root.GetProperty("netKeys")[0].GetProperty("index").ValueKind);
            }
        }
    }
}
