using System;
using System.Collections;
using Gateway.Core.Mesh.Database;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>The CDB example of reference/ble-mesh.md §5 through our importer and exporter.</summary>
    public class CdbReferenceExampleTests
    {
        [SkippableFact]
        public void BleMesh5_EmbeddedCopyEqualsTheReferenceDocument()
        {
            string looked;
            string fromDocument = CdbSamples.ReadReferenceExample(out looked);
            Skip.If(fromDocument == null, "reference document not found at " + looked);
            Assert.Equal(fromDocument.Trim(), CdbSamples.EmbeddedExample.Trim());
        }

        [Fact]
        public void BleMesh5_ExampleExportsFieldByFieldUnchanged()
        {
            string example = CdbSamples.Example();
            MeshDatabase db = CdbSamples.Parse(example);
            string exported = CdbExporter.ExportText(db);

            string difference;
            bool equal = CdbSamples.DeepEqual(CdbSamples.Dom(example), CdbSamples.Dom(exported), "$", out difference);
            Assert.True(equal, difference);
        }

        [Fact]
        public void BleMesh5_ExampleReadsIntoTheModel()
        {
            MeshDatabase db = CdbSamples.Parse(CdbSamples.Example());

            Assert.Equal("Home", db.MeshName);
            Assert.Equal("5F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", CdbText.Uuid(db.MeshUuid));
            Assert.Equal("ESP32 Gateway", db.LocalProvisioner.Name);
            Assert.Equal(0x0001, db.GatewayAddress);
            Assert.Equal(new AddressRange(0x0001, 0x7FFF).ToString(), db.LocalProvisioner.GetUnicastRange(0).ToString());
            MeshNetKey netKey = db.FindNetKey(0);
            Assert.Equal("EFB2255E6422D330088E09BB015ED707", Convert.ToHexString(netKey.Key));
            Assert.Equal(MeshSecurity.Insecure, netKey.MinSecurity);
            Assert.Equal(0, db.FindAppKey(0).BoundNetKey);

            MeshNode light = db.FindNodeByAddress(0x0B0C);
            Assert.Equal("Kitchen Light", light.Name);
            Assert.Equal(MeshSecurity.Insecure, light.Security);
            Assert.Equal(0x000C, light.Cid);
            Assert.Equal(0x001A, light.Pid);
            Assert.Equal(0x0008, light.Crpl);
            Assert.Equal(NodeFeatures.NotSupported, light.Features.LowPower);
            Assert.Equal(5, light.DefaultTtl);
            Assert.Equal(1, light.SecureNetworkBeacon);
            Assert.Equal(20, light.NetworkTransmit.Interval);
            MeshElement main = light.GetElement(0);
            Assert.Equal(0x0100, main.Location);
            MeshModel onOff = main.FindModel(0x1000, false);
            Assert.True(onOff.IsBoundTo(0));
            Assert.Equal(0xC000, (int)onOff.Subscribe[0]);
            Assert.Equal(0xC001, onOff.Publish.Address);
            Assert.Equal(255, onOff.Publish.Ttl);
            Assert.Equal(100, onOff.Publish.PeriodResolution);
            MeshModel vendor = main.FindModel(0x003F002A, true);
            Assert.Equal(0x003F, vendor.CompanyId);
            Assert.Equal(2, db.Groups.Count);
        }

        [Fact]
        public void BleMesh4_8_ImportOfTheGatewaysOwnBackupMovesItToANewAddress()
        {
            string example = CdbSamples.Example();
            byte[] bytes = CdbSamples.Utf8(example);
            byte[] newDeviceKey = new byte[16];
            var options = new CdbImportOptions(CdbSamples.ExampleProvisionerUuid, "ignored", newDeviceKey, 7);

            MeshDatabase db = CdbImporter.Import(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes, options);

            // Nodes hold replay entries for 0001 (the address the backup was written with): the
            // gateway takes the lowest address no node has and no exclusion lists, and retires 0001.
            Assert.Equal(1, db.Provisioners.Count);
            Assert.NotEqual(0x0001, db.GatewayAddress);
            Assert.Equal(0x0002, db.GatewayAddress);
            Assert.True(db.IsExcluded(0x0001, 0x0001, 8));
            Assert.False(db.IsExcluded(0x0001, 0x0001, 9));

            // Everything else is the example, field by field.
            object exported = CdbSamples.Dom(CdbExporter.ExportText(db));
            Assert.Equal("0002", CdbSamples.At(exported, "nodes[0].unicastAddress"));
            Assert.Equal(7L, CdbSamples.At(exported, "networkExclusions[0].ivIndex"));
            Assert.Equal("0001", CdbSamples.At(exported, "networkExclusions[0].addresses[0]"));
            Hashtable root = (Hashtable)exported;
            root.Remove("networkExclusions");
            ((Hashtable)CdbSamples.At(exported, "nodes[0]"))["unicastAddress"] = "0001";
            string difference;
            Assert.True(CdbSamples.DeepEqual(CdbSamples.Dom(example), exported, "$", out difference), difference);
        }

        [Fact]
        public void BleMesh4_8_ImportNeverRetiresUnderAnIvIndexOlderThanTheDocumentShows()
        {
            // The caller does not know the IV Index (0), but the document retired 0100 at IV 50.
            string example = CdbSamples.Example().Replace("\"scenes\": []", "\"scenes\": [], \"networkExclusions\": [ { \"ivIndex\": 50, \"addresses\": [\"0100\"] } ]");
            byte[] bytes = CdbSamples.Utf8(example);
            var options = new CdbImportOptions(CdbSamples.ExampleProvisionerUuid, "Gateway", new byte[16], 0);

            MeshDatabase db = CdbImporter.Import(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes, options);

            Assert.True(db.IsExcluded(0x0001, 0x0001, 51));
            Assert.False(db.IsExcluded(0x0001, 0x0001, 52));
        }

        [Fact]
        public void BleMesh4_8_ImportAsANewProvisionerKeepsTheOthersAndCarvesAFreeRange()
        {
            byte[] bytes = CdbSamples.Utf8(CdbSamples.Example());
            byte[] ours = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
            var options = new CdbImportOptions(ours, "Gateway", new byte[16], 0);

            MeshDatabase db = CdbImporter.Import(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes, options);

            Assert.Equal(2, db.Provisioners.Count);
            ProvisionerEntry local = db.LocalProvisioner;
            Assert.Same(local, db.FindProvisioner(ours));
            Assert.Equal("Gateway", local.Name);
            ProvisionerEntry phone = (ProvisionerEntry)db.Provisioners[1];
            Assert.True(phone.HasUuid(CdbSamples.ExampleProvisionerUuid));

            // The other provisioner owned 0001-7FFF: it keeps its used addresses (0001, 0B0C) and
            // half of the free run after them; no unicast range of one provisioner meets the other's.
            Assert.True(phone.OwnsUnicast(0x0001, 0x0001) && phone.OwnsUnicast(0x0B0C, 0x0B0C));
            foreach (AddressRange mine in local.UnicastRanges)
            {
                foreach (AddressRange theirs in phone.UnicastRanges)
                {
                    Assert.False(mine.Overlaps(theirs.Low, theirs.High), mine + " meets " + theirs);
                }
            }

            // Longest never-used run: 0B0D-7FFF; the gateway takes its upper half.
            Assert.Equal("0001-4586", phone.GetUnicastRange(0).ToString());
            Assert.Equal("4587-7FFF", local.GetUnicastRange(0).ToString());
            int gateway = db.GatewayAddress;
            Assert.Equal(0x4587, gateway);
            Assert.True(local.OwnsUnicast(gateway, gateway));
            Assert.NotEqual(0x0001, gateway);
            Assert.Equal(3, db.NodeCount);
            MeshNode node = db.GatewayNode;
            Assert.True(node.HasNetKey(0) && node.HasAppKey(0));
            Assert.NotNull(node.FindModel(0, MeshDatabase.ConfigurationClientModel, false));

            // Groups: the others hold C000-CFFF, the gateway gets the rest of the group space.
            Assert.Equal("D000-FEFF", local.GroupRanges[0].ToString());
        }

        [Fact]
        public void Cdb_ExportUsesUpperCaseHexAndDashedUuidsWhateverTheInputCase()
        {
            string lower = CdbSamples.Example()
                .Replace("\"5F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D\"", "\"5f1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d\"")
                .Replace("0520ADAD5E0142AA3E325087B4EC16D8", "0520adad5e0142aa3e325087b4ec16d8")
                .Replace("\"0B0C\"", "\"0b0c\"")
                .Replace("\"003F002A\"", "\"003f002a\"");
            Assert.NotEqual(CdbSamples.Example(), lower);

            string exported = CdbExporter.ExportText(CdbSamples.Parse(lower));

            string difference;
            Assert.True(CdbSamples.DeepEqual(CdbSamples.Dom(CdbSamples.Example()), CdbSamples.Dom(exported), "$", out difference), difference);
        }

        [Fact]
        public void Cdb_ExportIsDeterministicAndReadsBackIdentically()
        {
            MeshDatabase db = CdbSamples.Parse(CdbSamples.Example());
            string once = CdbExporter.ExportText(db);
            string twice = CdbExporter.ExportText(CdbSamples.Parse(once));
            Assert.Equal(once, twice);
            Assert.StartsWith("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"id\":", once);
        }
    }
}
