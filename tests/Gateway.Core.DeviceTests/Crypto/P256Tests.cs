using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// P-256 of Mesh provisioning on the device with <see cref="ManagedKeyAgreement"/>: the
    /// MshPRT §8.7 (v1.1 §8.17.1) sample data, public keys from the private keys and the
    /// ECDHSecret from both sides. Host twin: tests/Gateway.Core.Tests/Crypto/KeyAgreementSampleDataTests.cs.
    /// </summary>
    [TestClass]
    public class P256Tests
    {
        internal const string ProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        internal const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";

        internal const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        internal const string DevicePublicKey =
            "f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc" +
            "0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279";

        internal const string EcdhSecret = "ab85843a2f6d883f62e5684b38e307335fe6e1945ecd19604105c6f23221eb69";

        [TestMethod]
        public static void MshPRT_8_7_ProvisionerPublicKey()
        {
            P256KeyPair pair = new ManagedKeyAgreement().CreateKeyPair(Hex.Decode(ProvisionerPrivateKey));
            Assert.AreEqual(ProvisionerPublicKey, Hex.Encode(pair.PublicKey), "#1");
        }

        [TestMethod]
        public static void MshPRT_8_7_DevicePublicKey()
        {
            P256KeyPair pair = new ManagedKeyAgreement().CreateKeyPair(Hex.Decode(DevicePrivateKey));
            Assert.AreEqual(DevicePublicKey, Hex.Encode(pair.PublicKey), "#2");
        }

        [TestMethod]
        public static void MshPRT_8_7_EcdhSecret_ProvisionerSide()
        {
            ManagedKeyAgreement ka = new ManagedKeyAgreement();
            P256KeyPair provisioner = ka.CreateKeyPair(Hex.Decode(ProvisionerPrivateKey));
            byte[] peer = Hex.Decode("00" + DevicePublicKey);
            byte[] secret = new byte[34];
            Assert.IsTrue(ka.TryComputeSharedSecret(provisioner, peer, 1, secret, 2), "#3");
            Assert.AreEqual("0000" + EcdhSecret, Hex.Encode(secret), "#4");
        }

        [TestMethod]
        public static void MshPRT_8_7_EcdhSecret_DeviceSide()
        {
            ManagedKeyAgreement ka = new ManagedKeyAgreement();
            P256KeyPair device = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] secret = new byte[32];
            Assert.IsTrue(ka.TryComputeSharedSecret(device, Hex.Decode(ProvisionerPublicKey), 0, secret, 0), "#5");
            Assert.AreEqual(EcdhSecret, Hex.Encode(secret), "#6");
        }

        [TestMethod]
        public static void InvalidPeerKeyIsRefusedWithoutAnException()
        {
            // MshPRT v1.1 §5.4.3.1: a public key off the curve fails the exchange.
            ManagedKeyAgreement ka = new ManagedKeyAgreement();
            P256KeyPair device = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] peer = Hex.Decode(ProvisionerPublicKey);
            Assert.IsTrue(ka.IsValidPublicKey(peer, 0), "#7");
            peer[63] ^= 0x01;
            Assert.IsFalse(ka.IsValidPublicKey(peer, 0), "#8");
            byte[] secret = new byte[32];
            Assert.IsFalse(ka.TryComputeSharedSecret(device, peer, 0, secret, 0), "#9");
            Assert.IsFalse(ka.TryComputeSharedSecret(device, peer, 1, secret, 0), "#10");
        }
    }
}
