using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// The provisioning key chain on the device: MshPRT §8.7 (CMAC-AES128) and §8.17.2
    /// (HMAC-SHA256) from ECDHSecret to Confirmations, SessionKey, SessionNonce, DeviceKey and the
    /// Provisioning Data PDU. Host twin: tests/Gateway.Core.Tests/Crypto/ProvisioningCryptoTests.cs.
    /// </summary>
    [TestClass]
    public class ProvisioningCryptoTests
    {
        private const string ProvisioningData = "efb2255e6422d330088e09bb015ed707056700010203040b0c";

        /// <summary>MshPRT §8.7: the whole CMAC-AES128 chain with its intermediate values.</summary>
        [TestMethod]
        public static void MshPRT_8_7_ProvisioningChain_CmacAes128()
        {
            ProvisioningCrypto prov = new ProvisioningCrypto(DeviceCrypto.CreateAes());
            const int alg = ProvisioningCrypto.AlgorithmCmacAes128;
            byte[] ecdh = Hex.Decode(P256Tests.EcdhSecret);
            byte[] inputs = Hex.Decode("0001000100000000000000000000000000" + P256Tests.ProvisionerPublicKey + P256Tests.DevicePublicKey);
            byte[] salt = prov.ConfirmationSalt(alg, inputs);
            Assert.AreEqual("5faabe187337c71cc6c973369dcaa79a", Hex.Encode(salt), "#1");
            byte[] auth = new byte[16];
            byte[] key = prov.ConfirmationKey(alg, ecdh, salt, auth);
            Assert.AreEqual("e31fe046c68ec339c425fc6629f0336f", Hex.Encode(key), "#2");
            byte[] rp = Hex.Decode("8b19ac31d58b124c946209b5db1021b9");
            byte[] rd = Hex.Decode("55a2a2bca04cd32ff6f346bd0a0c1a3a");
            Assert.AreEqual("b38a114dfdca1fe153bd2c1e0dc46ac2", Hex.Encode(prov.Confirmation(alg, key, rp, auth)), "#3");
            Assert.AreEqual("eeba521c196b52cc2e37aa40329f554e", Hex.Encode(prov.Confirmation(alg, key, rd, auth)), "#4");
            byte[] provisioningSalt = prov.ProvisioningSalt(alg, salt, rp, rd);
            Assert.AreEqual("a21c7d45f201cf9489a2fb57145015b4", Hex.Encode(provisioningSalt), "#5");
            AssertSession(prov, ecdh, provisioningSalt, "c80253af86b33dfa450bbdb2a191fea3", "da7ddbe78b5f62b81d6847487e",
                "0520adad5e0142aa3e325087b4ec16d8", "d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c7");
        }

        /// <summary>MshPRT §8.17.2: the HMAC-SHA256 chain (32-octet randoms, confirmations and static OOB AuthValue).</summary>
        [TestMethod]
        public static void MshPRT_8_17_2_ProvisioningChain_HmacSha256()
        {
            ProvisioningCrypto prov = new ProvisioningCrypto(DeviceCrypto.CreateAes());
            const int alg = ProvisioningCrypto.AlgorithmHmacSha256;
            byte[] ecdh = Hex.Decode(P256Tests.EcdhSecret);
            byte[] auth = Hex.Decode("906d73a3c7a7cb3ff730dca68a46b9c18d673f50e078202311473ebbe253669f");
            byte[] rp = Hex.Decode("36f968b94a13000e64b223576390db6bcc6d62f02617c369ee3f5b3e89df7e1f");
            byte[] rd = Hex.Decode("5b9b1fc6a64b2de8bece53187ee989c6566db1fc7dc8580a73dafdd6211d56a5");
            byte[] inputs = Hex.Decode("0001000300010000000000000100010000" + P256Tests.ProvisionerPublicKey + P256Tests.DevicePublicKey);
            byte[] salt = prov.ConfirmationSalt(alg, inputs);
            Assert.AreEqual(32, salt.Length, "#6");
            byte[] key = prov.ConfirmationKey(alg, ecdh, salt, auth);
            Assert.AreEqual("c99b54617ae646f5f32cf7e1ea6fcc49fd69066078eba9580fa6c7031833e6c8", Hex.Encode(prov.Confirmation(alg, key, rp, auth)), "#7");
            Assert.AreEqual("56e3722d291373d38c995d6f942c02928c96abb015c233557d7974b6e2df662b", Hex.Encode(prov.Confirmation(alg, key, rd, auth)), "#8");
            AssertSession(prov, ecdh, prov.ProvisioningSalt(alg, salt, rp, rd), "df4a494da3d45405e402f1d6a6cea338", "11b987db2ae41fbb9e96b80446",
                "2770852a737cf05d8813768f22af3a2d", "f9df98cbb736be1f600659ac4c37821a82db31e410a03de7693a2a0428fbdaf321");
        }

        /// <summary>Wrong lengths and unknown algorithms are format errors, never an index exception.</summary>
        [TestMethod]
        public static void MalformedInput_WrongLengthsAndAlgorithmsAreFormatErrors()
        {
            ProvisioningCrypto prov = new ProvisioningCrypto(DeviceCrypto.CreateAes());
            byte[] b16 = new byte[16];
            byte[] b32 = new byte[32];
            Assert.ThrowsException(typeof(ProtocolFormatException), () => ProvisioningCrypto.ValueLength(2), "#9");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.ConfirmationSalt(0, new byte[144]), "#10");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.ConfirmationKey(0, b16, b16, b16), "#11");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.Confirmation(1, b32, b16, b32), "#12");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.SessionNonce(b32, b32), "#13");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.EncryptProvisioningData(b16, new byte[12], b32, 0, new byte[33], 0), "#14");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => prov.TryDecryptProvisioningData(b16, new byte[13], b32, 0, new byte[25], 0), "#15");
        }

        private static void AssertSession(ProvisioningCrypto prov, byte[] ecdh, byte[] provisioningSalt, string sessionKey, string sessionNonce, string deviceKey, string dataPdu)
        {
            byte[] k = prov.SessionKey(ecdh, provisioningSalt);
            byte[] n = prov.SessionNonce(ecdh, provisioningSalt);
            Assert.AreEqual(sessionKey, Hex.Encode(k), "#16");
            Assert.AreEqual(sessionNonce, Hex.Encode(n), "#17");
            Assert.AreEqual(deviceKey, Hex.Encode(prov.DeviceKey(ecdh, provisioningSalt)), "#18");
            byte[] pdu = new byte[33];
            prov.EncryptProvisioningData(k, n, Hex.Decode(ProvisioningData), 0, pdu, 0);
            Assert.AreEqual(dataPdu, Hex.Encode(pdu), "#19");
            byte[] plain = new byte[25];
            Assert.IsTrue(prov.TryDecryptProvisioningData(k, n, pdu, 0, plain, 0), "#20");
            Assert.AreEqual(ProvisioningData, Hex.Encode(plain), "#21");
        }
    }
}
