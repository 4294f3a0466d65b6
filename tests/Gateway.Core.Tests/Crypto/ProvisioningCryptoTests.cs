using System;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;
using DotNetAesCcm = System.Security.Cryptography.AesCcm;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// Provisioning sample data: MshPRT §8.7 / v1.1 §8.17.1 (CMAC, ble-mesh.md §2.4) and
    /// v1.1 §8.17.2 (HMAC; values as carried by nRF Mesh iOS CryptoTest.swift).
    /// </summary>
    public class ProvisioningCryptoTests
    {
        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";

        private const string DevicePublicKey =
            "f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc" +
            "0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279";

        private const string EcdhSecret = "ab85843a2f6d883f62e5684b38e307335fe6e1945ecd19604105c6f23221eb69";

        // NetKey ‖ NetKeyIndex 0567 ‖ Flags 00 ‖ IV Index 01020304 ‖ Unicast 0b0c.
        private const string ProvisioningData = "efb2255e6422d330088e09bb015ed707056700010203040b0c";

        private const string Cmac_ConfirmationInputs = "00" + "0100010000000000000000" + "0000000000" + ProvisionerPublicKey + DevicePublicKey;
        private const string Cmac_RandomProvisioner = "8b19ac31d58b124c946209b5db1021b9";
        private const string Cmac_RandomDevice = "55a2a2bca04cd32ff6f346bd0a0c1a3a";
        private const string Cmac_AuthValue = "00000000000000000000000000000000";

        private const string Hmac_ConfirmationInputs = "00" + "0100030001000000000000" + "0100010000" + ProvisionerPublicKey + DevicePublicKey;
        private const string Hmac_RandomProvisioner = "36f968b94a13000e64b223576390db6bcc6d62f02617c369ee3f5b3e89df7e1f";
        private const string Hmac_RandomDevice = "5b9b1fc6a64b2de8bece53187ee989c6566db1fc7dc8580a73dafdd6211d56a5";
        private const string Hmac_AuthValue = "906d73a3c7a7cb3ff730dca68a46b9c18d673f50e078202311473ebbe253669f";

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_7_ProvisioningChain_CmacAes128(string backend)
        {
            var prov = new ProvisioningCrypto(AesBackends.Create(backend));
            const int alg = ProvisioningCrypto.AlgorithmCmacAes128;
            byte[] ecdh = Hex.Decode(EcdhSecret);
            byte[] inputs = Hex.Decode(Cmac_ConfirmationInputs);
            Assert.Equal(
                "00010001000000000000000000000000002c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4ff465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279",
                Cmac_ConfirmationInputs);

            byte[] confirmationSalt = prov.ConfirmationSalt(alg, inputs);
            Assert.Equal("5faabe187337c71cc6c973369dcaa79a", Hex.Encode(confirmationSalt));

            // k1 T for "prck" is CMAC_ConfirmationSalt(ECDHSecret).
            Assert.Equal("ace84c6f002e0b4c23467e75687bae8f",
                Hex.Encode(new AesCmac(AesBackends.Create(backend), confirmationSalt).Compute(ecdh)));

            byte[] auth = Hex.Decode(Cmac_AuthValue);
            byte[] confirmationKey = prov.ConfirmationKey(alg, ecdh, confirmationSalt, auth);
            Assert.Equal("e31fe046c68ec339c425fc6629f0336f", Hex.Encode(confirmationKey));
            Assert.Equal("b38a114dfdca1fe153bd2c1e0dc46ac2",
                Hex.Encode(prov.Confirmation(alg, confirmationKey, Hex.Decode(Cmac_RandomProvisioner), auth)));
            Assert.Equal("eeba521c196b52cc2e37aa40329f554e",
                Hex.Encode(prov.Confirmation(alg, confirmationKey, Hex.Decode(Cmac_RandomDevice), auth)));

            byte[] provisioningSalt = prov.ProvisioningSalt(alg, confirmationSalt, Hex.Decode(Cmac_RandomProvisioner), Hex.Decode(Cmac_RandomDevice));
            Assert.Equal("a21c7d45f201cf9489a2fb57145015b4", Hex.Encode(provisioningSalt));

            byte[] sessionKey = prov.SessionKey(ecdh, provisioningSalt);
            byte[] sessionNonce = prov.SessionNonce(ecdh, provisioningSalt);
            Assert.Equal("c80253af86b33dfa450bbdb2a191fea3", Hex.Encode(sessionKey));
            Assert.Equal("da7ddbe78b5f62b81d6847487e", Hex.Encode(sessionNonce));
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(prov.DeviceKey(ecdh, provisioningSalt)));

            AssertDataPdu(prov, sessionKey, sessionNonce,
                "d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec29", "73e0ec50783b10c7");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_17_2_ProvisioningChain_HmacSha256(string backend)
        {
            var prov = new ProvisioningCrypto(AesBackends.Create(backend));
            const int alg = ProvisioningCrypto.AlgorithmHmacSha256;
            byte[] ecdh = Hex.Decode(EcdhSecret);
            byte[] auth = Hex.Decode(Hmac_AuthValue);
            byte[] randomProvisioner = Hex.Decode(Hmac_RandomProvisioner);
            byte[] randomDevice = Hex.Decode(Hmac_RandomDevice);

            byte[] confirmationSalt = prov.ConfirmationSalt(alg, Hex.Decode(Hmac_ConfirmationInputs));
            Assert.Equal(32, confirmationSalt.Length);
            byte[] confirmationKey = prov.ConfirmationKey(alg, ecdh, confirmationSalt, auth);
            Assert.Equal("c99b54617ae646f5f32cf7e1ea6fcc49fd69066078eba9580fa6c7031833e6c8",
                Hex.Encode(prov.Confirmation(alg, confirmationKey, randomProvisioner, auth)));
            Assert.Equal("56e3722d291373d38c995d6f942c02928c96abb015c233557d7974b6e2df662b",
                Hex.Encode(prov.Confirmation(alg, confirmationKey, randomDevice, auth)));

            byte[] provisioningSalt = prov.ProvisioningSalt(alg, confirmationSalt, randomProvisioner, randomDevice);
            byte[] sessionKey = prov.SessionKey(ecdh, provisioningSalt);
            byte[] sessionNonce = prov.SessionNonce(ecdh, provisioningSalt);
            Assert.Equal("df4a494da3d45405e402f1d6a6cea338", Hex.Encode(sessionKey));
            Assert.Equal("11b987db2ae41fbb9e96b80446", Hex.Encode(sessionNonce));
            Assert.Equal("2770852a737cf05d8813768f22af3a2d", Hex.Encode(prov.DeviceKey(ecdh, provisioningSalt)));

            AssertDataPdu(prov, sessionKey, sessionNonce,
                "f9df98cbb736be1f600659ac4c37821a82db31e410a03de769", "3a2a0428fbdaf321");
        }

        [Theory]
        [InlineData(AesBackends.Managed, ProvisioningCrypto.AlgorithmCmacAes128)]
        [InlineData(AesBackends.Managed, ProvisioningCrypto.AlgorithmHmacSha256)]
        [InlineData(AesBackends.Host, ProvisioningCrypto.AlgorithmCmacAes128)]
        [InlineData(AesBackends.Host, ProvisioningCrypto.AlgorithmHmacSha256)]
        public void ChainAgreesWithAnIndependentDotNetChain_OnRandomSessions(string backend, int alg)
        {
            var random = new Random(100 + alg);
            var prov = new ProvisioningCrypto(AesBackends.Create(backend));
            int size = ProvisioningCrypto.ValueLength(alg);
            for (int run = 0; run < 10; run++)
            {
                byte[] inputs = AesBackends.RandomBytes(random, 145);
                byte[] ecdh = AesBackends.RandomBytes(random, 32);
                byte[] auth = AesBackends.RandomBytes(random, size);
                byte[] rp = AesBackends.RandomBytes(random, size);
                byte[] rd = AesBackends.RandomBytes(random, size);
                byte[] data = AesBackends.RandomBytes(random, 25);

                // Independent: HMACSHA256 from .NET, CMAC as CBC-MAC over .NET AES, CCM from .NET.
                byte[] salt = alg == 0 ? Cmac(new byte[16], inputs) : HMACSHA256.HashData(new byte[32], inputs);
                byte[] confirmationKey = alg == 0
                    ? K1(ecdh, salt, "prck")
                    : HMACSHA256.HashData(HMACSHA256.HashData(salt, Concat(ecdh, auth)), Encoding.ASCII.GetBytes("prck256"));
                byte[] cp = alg == 0 ? Cmac(confirmationKey, Concat(rp, auth)) : HMACSHA256.HashData(confirmationKey, rp);
                byte[] cd = alg == 0 ? Cmac(confirmationKey, Concat(rd, auth)) : HMACSHA256.HashData(confirmationKey, rd);
                byte[] provisioningSalt = Cmac(new byte[16], Concat(Concat(salt, rp), rd));
                byte[] sessionKey = K1(ecdh, provisioningSalt, "prsk");
                byte[] sessionNonce = K1(ecdh, provisioningSalt, "prsn").AsSpan(3).ToArray();
                byte[] deviceKey = K1(ecdh, provisioningSalt, "prdk");
                byte[] encrypted = new byte[25];
                byte[] mic = new byte[8];
                using (var ccm = new DotNetAesCcm(sessionKey))
                {
                    ccm.Encrypt(sessionNonce, data, encrypted, mic);
                }

                byte[] ourSalt = prov.ConfirmationSalt(alg, inputs);
                Assert.Equal(salt, ourSalt);
                byte[] ourKey = prov.ConfirmationKey(alg, ecdh, ourSalt, auth);
                Assert.Equal(confirmationKey, ourKey);
                Assert.Equal(cp, prov.Confirmation(alg, ourKey, rp, auth));
                Assert.Equal(cd, prov.Confirmation(alg, ourKey, rd, auth));
                byte[] ourProvisioningSalt = prov.ProvisioningSalt(alg, ourSalt, rp, rd);
                Assert.Equal(provisioningSalt, ourProvisioningSalt);
                Assert.Equal(sessionKey, prov.SessionKey(ecdh, ourProvisioningSalt));
                Assert.Equal(sessionNonce, prov.SessionNonce(ecdh, ourProvisioningSalt));
                Assert.Equal(deviceKey, prov.DeviceKey(ecdh, ourProvisioningSalt));
                byte[] pdu = new byte[33];
                prov.EncryptProvisioningData(sessionKey, sessionNonce, data, 0, pdu, 0);
                Assert.Equal(Hex.Encode(encrypted) + Hex.Encode(mic), Hex.Encode(pdu));
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void ForgedProvisioningDataIsRejected_DecryptionFailed(string backend)
        {
            var prov = new ProvisioningCrypto(AesBackends.Create(backend));
            byte[] pdu = Hex.Decode("d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c7");
            byte[] sessionKey = Hex.Decode("c80253af86b33dfa450bbdb2a191fea3");
            byte[] sessionNonce = Hex.Decode("da7ddbe78b5f62b81d6847487e");
            pdu[32] ^= 0x01;
            byte[] output = new byte[25];
            Assert.False(prov.TryDecryptProvisioningData(sessionKey, sessionNonce, pdu, 0, output, 0));
            Assert.All(output, b => Assert.Equal(0, b));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void WrongLengthsAndUnknownAlgorithmsAreFormatErrors(string backend)
        {
            var prov = new ProvisioningCrypto(AesBackends.Create(backend));
            byte[] b16 = new byte[16];
            byte[] b32 = new byte[32];
            Assert.Throws<ProtocolFormatException>(() => ProvisioningCrypto.ValueLength(2));
            Assert.Throws<ProtocolFormatException>(() => prov.ConfirmationSalt(0, new byte[144]));
            Assert.Throws<ProtocolFormatException>(() => prov.ConfirmationSalt(2, new byte[145]));
            Assert.Throws<ProtocolFormatException>(() => prov.ConfirmationKey(0, b16, b16, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.ConfirmationKey(0, b32, b32, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.ConfirmationKey(1, b32, b32, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.Confirmation(0, b16, b32, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.Confirmation(0, b16, b16, null));
            Assert.Throws<ProtocolFormatException>(() => prov.Confirmation(1, b32, b16, b32));
            Assert.Throws<ProtocolFormatException>(() => prov.ProvisioningSalt(1, b32, b32, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.SessionKey(b16, b16));
            Assert.Throws<ProtocolFormatException>(() => prov.SessionNonce(b32, b32));
            Assert.Throws<ProtocolFormatException>(() => prov.EncryptProvisioningData(b16, new byte[12], b32, 0, new byte[33], 0));
            Assert.Throws<ProtocolFormatException>(() => prov.EncryptProvisioningData(b16, new byte[13], b32, 0, new byte[32], 0));
            Assert.Throws<ProtocolFormatException>(() => prov.TryDecryptProvisioningData(b16, new byte[13], b32, 0, new byte[25], 0));
        }

        private static void AssertDataPdu(ProvisioningCrypto prov, byte[] sessionKey, byte[] sessionNonce, string expectedEncrypted, string expectedMic)
        {
            byte[] pdu = new byte[34];
            pdu[0] = 0x07;
            prov.EncryptProvisioningData(sessionKey, sessionNonce, Hex.Decode(ProvisioningData), 0, pdu, 1);
            Assert.Equal("07" + expectedEncrypted + expectedMic, Hex.Encode(pdu));

            byte[] decrypted = new byte[25];
            Assert.True(prov.TryDecryptProvisioningData(sessionKey, sessionNonce, pdu, 1, decrypted, 0));
            Assert.Equal(ProvisioningData, Hex.Encode(decrypted));
        }

        private static byte[] K1(byte[] n, byte[] salt, string p)
        {
            return Cmac(Cmac(salt, n), Encoding.ASCII.GetBytes(p));
        }

        private static byte[] Cmac(byte[] key, byte[] message)
        {
            return AesCmacTests.ReferenceCmac(key, message);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }
    }
}
