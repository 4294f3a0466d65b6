using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>MshPRT §8.2 key material, §8.4.3 Secure Network beacon, §8.6 Mesh Proxy service data.</summary>
    public class BeaconAndIdentitySampleTests
    {
        [Fact]
        public void MshPRT_8_2_NetworkKeyMaterial_NidAndNetworkId_AppKeyAid()
        {
            NetworkKeyMaterial key = MeshSampleData.NetworkKey();
            Assert.Equal(0x68, key.Nid);
            byte[] id = new byte[8];
            key.CopyNetworkId(id, 0);
            Assert.Equal("3ecaff672f673370", Hex.Encode(id));
            Assert.Equal(0x26, MeshSampleData.ApplicationKey().Aid);
            Assert.DoesNotContain("7dd7364c", key.ToString());
        }

        [Fact]
        public void MshPRT_8_4_3_SecureNetworkBeacon_WriteAndAuthenticate()
        {
            var beacon = new SecureNetworkBeacon();
            byte[] output = new byte[22];
            beacon.Write(MeshSampleData.NetworkKey(), 0x00, MeshSampleData.IvIndex, output, 0);
            Assert.Equal("01003ecaff672f673370123456788ea261582f364f6f", Hex.Encode(output));

            MeshKeyStore keys = MeshSampleData.KeyStore();
            Assert.True(beacon.TryParse(keys, output, 0, output.Length));
            Assert.Equal(MeshSampleData.IvIndex, beacon.IvIndex);
            Assert.False(beacon.IvUpdate);
            Assert.Same(keys.GetNetworkKeyAt(0), beacon.Key);
        }

        [Fact]
        public void SecureNetworkBeacon_ForgedAuthenticationOrFlags_Rejected()
        {
            var beacon = new SecureNetworkBeacon();
            MeshKeyStore keys = MeshSampleData.KeyStore();
            byte[] data = Hex.Decode("01003ecaff672f673370123456788ea261582f364f6f");
            data[21] ^= 0x01;
            Assert.False(beacon.TryParse(keys, data, 0, data.Length));
            data = Hex.Decode("01023ecaff672f673370123456788ea261582f364f6f");
            Assert.False(beacon.TryParse(keys, data, 0, data.Length));
            data = Hex.Decode("01003ecaff672f673370123456788ea261582f364f");
            Assert.False(beacon.TryParse(keys, data, 0, data.Length));
        }

        [Fact]
        public void MshPRT_8_6_1_ServiceDataUsingNetworkId()
        {
            byte[] ad = new byte[13];
            MeshProxyServiceData.WriteNetworkId(MeshSampleData.NetworkKey(), ad, 0);
            Assert.Equal("0c162818003ecaff672f673370", Hex.Encode(ad));
            var parser = new MeshProxyServiceData();
            Assert.True(parser.TryParseAdvertisement(ad, 0, ad.Length));
            Assert.Equal(MeshProxyServiceData.TypeNetworkId, parser.IdentificationType);
            MeshKeyStore keys = MeshSampleData.KeyStore();
            Assert.Same(keys.GetNetworkKeyAt(0), parser.MatchNetworkId(keys));
        }

        [Fact]
        public void MshPRT_8_6_2_ServiceDataUsingNodeIdentity_RecognisesNode1201()
        {
            var parser = new MeshProxyServiceData();
            byte[] ad = new byte[21];
            parser.WriteNodeIdentity(MeshSampleData.NetworkKey(), 0x1201, Hex.Decode("34ae608fbbc1f2c6"), 0, ad, 0);
            Assert.Equal("141628180100861765aefcc57b34ae608fbbc1f2c6", Hex.Encode(ad));

            // As heard in a connectable advertisement with Flags and the UUID list before it.
            byte[] advert = Hex.Decode("020106" + "03032818" + "141628180100861765aefcc57b34ae608fbbc1f2c6");
            Assert.True(parser.TryParseAdvertisement(advert, 0, advert.Length));
            Assert.Equal(MeshProxyServiceData.TypeNodeIdentity, parser.IdentificationType);
            MeshKeyStore keys = MeshSampleData.KeyStore();
            Assert.True(parser.MatchesNodeIdentity(keys.GetNetworkKeyAt(0), 0x1201));
            Assert.False(parser.MatchesNodeIdentity(keys.GetNetworkKeyAt(0), 0x1202));
            Assert.Same(keys.GetNetworkKeyAt(0), parser.FindNodeIdentity(keys, 0x1201));
            Assert.Null(parser.MatchNetworkId(keys));
        }

        [Fact]
        public void ProvisioningServiceData_IsNotMeshProxyServiceData()
        {
            var parser = new MeshProxyServiceData();
            byte[] advert = Hex.Decode("1516271870cf7c9732a345b691494810d2e9cbf42040");
            Assert.False(parser.TryParseAdvertisement(advert, 0, advert.Length));
        }
    }
}
