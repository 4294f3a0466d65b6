using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>MshPRT v1.1 §8.17.1 (Mesh 1.0 §8.7) provisioning sample data, ECDH part, for both backends.</summary>
    public class KeyAgreementSampleDataTests
    {
        private const string ProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";
        private const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        private const string DevicePublicKey =
            "f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc" +
            "0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279";
        private const string EcdhSecret = "ab85843a2f6d883f62e5684b38e307335fe6e1945ecd19604105c6f23221eb69";

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void MshPRT_8_7_ProvisionerPublicKey(string implementation)
        {
            P256KeyPair pair = P256Reference.Create(implementation).CreateKeyPair(Hex.Decode(ProvisionerPrivateKey));
            Assert.Equal(ProvisionerPublicKey, Hex.Encode(pair.PublicKey));
            Assert.Equal(ProvisionerPrivateKey, Hex.Encode(pair.PrivateKey));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void MshPRT_8_7_DevicePublicKey(string implementation)
        {
            P256KeyPair pair = P256Reference.Create(implementation).CreateKeyPair(Hex.Decode(DevicePrivateKey));
            Assert.Equal(DevicePublicKey, Hex.Encode(pair.PublicKey));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void MshPRT_8_7_EcdhSecret_ProvisionerSide(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            P256KeyPair provisioner = ka.CreateKeyPair(Hex.Decode(ProvisionerPrivateKey));
            byte[] peer = Hex.Decode("00" + DevicePublicKey);
            byte[] secret = new byte[34];
            Assert.True(ka.TryComputeSharedSecret(provisioner, peer, 1, secret, 2));
            Assert.Equal("0000" + EcdhSecret, Hex.Encode(secret));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void MshPRT_8_7_EcdhSecret_DeviceSide(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            P256KeyPair device = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] secret = new byte[32];
            Assert.True(ka.TryComputeSharedSecret(device, Hex.Decode(ProvisionerPublicKey), 0, secret, 0));
            Assert.Equal(EcdhSecret, Hex.Encode(secret));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void MshPRT_8_7_PublicKeysAreValid(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            Assert.True(ka.IsValidPublicKey(Hex.Decode(ProvisionerPublicKey), 0));
            Assert.True(ka.IsValidPublicKey(Hex.Decode(DevicePublicKey), 0));
        }

        [Fact]
        public void ToStringNeverShowsThePrivateKey()
        {
            P256KeyPair pair = new ManagedKeyAgreement().CreateKeyPair(Hex.Decode(ProvisionerPrivateKey));
            string text = pair.ToString();
            Assert.DoesNotContain(ProvisionerPrivateKey, text);
            Assert.DoesNotContain(ProvisionerPrivateKey.Substring(0, 8), text);
            Assert.Contains(ProvisionerPublicKey, text);
        }
    }
}
