using System;
using System.Security.Cryptography;
using Gateway.Core.Runtime;
using Xunit;
using CoreAesCcm = Gateway.Core.Crypto.AesCcm;
using DotNetAesCcm = System.Security.Cryptography.AesCcm;

namespace Gateway.Core.Tests.Crypto
{
    public class AesCcmTests
    {
        private const string Rfc3610Key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf";
        private const string NistKey = "404142434445464748494a4b4c4d4e4f";

        // RFC 3610 §8 packet vectors: the first 8 or 12 octets of each packet are the
        // authenticated-only header (AAD); the output is header ‖ ciphertext ‖ MIC.
        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector1(string backend)
        {
            AssertRfc3610(backend, "00000003020100a0a1a2a3a4a5", 31, 8, 8,
                "0001020304050607588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector2(string backend)
        {
            AssertRfc3610(backend, "00000004030201a0a1a2a3a4a5", 32, 8, 8,
                "000102030405060772c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3ba091d56e10400916");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector3(string backend)
        {
            AssertRfc3610(backend, "00000005040302a0a1a2a3a4a5", 33, 8, 8,
                "000102030405060751b1e5f44a197d1da46b0f8e2d282ae871e838bb64da8596574adaa76fbd9fb0c5");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector4_12OctetHeader(string backend)
        {
            AssertRfc3610(backend, "00000006050403a0a1a2a3a4a5", 31, 12, 8,
                "000102030405060708090a0ba28c6865939a9a79faaa5c4c2a9d4a91cdac8c96c861b9c9e61ef1");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector7_10OctetMic(string backend)
        {
            AssertRfc3610(backend, "00000009080706a0a1a2a3a4a5", 31, 8, 10,
                "00010203040506070135d1b2c95f41d5d1d4fec185d166b8094e999dfed96c048c56602c97acbb7490");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC3610_PacketVector8_10OctetMic(string backend)
        {
            AssertRfc3610(backend, "0000000a090807a0a1a2a3a4a5", 32, 8, 10,
                "00010203040506077b75399ac0831dd2f0bbd75879a2fd8f6cae6b6cd9b7db24c17b4433f434963f34b4");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38C_Example1_7OctetNonce_4OctetMic(string backend)
        {
            AssertVector(backend, NistKey, "10111213141516", "0001020304050607", "20212223", 4, "7162015b4dac255d");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38C_Example2_8OctetNonce_6OctetMic(string backend)
        {
            AssertVector(backend, NistKey, "1011121314151617", "000102030405060708090a0b0c0d0e0f",
                "202122232425262728292a2b2c2d2e2f", 6, "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38C_Example3_12OctetNonce_8OctetMic(string backend)
        {
            AssertVector(backend, NistKey, "101112131415161718191a1b", "000102030405060708090a0b0c0d0e0f10111213",
                "202122232425262728292a2b2c2d2e2f3031323334353637", 8,
                "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38C_Example4_65536OctetAad_14OctetMic(string backend)
        {
            // 2^16 octets of associated data need the 0xFFFE ‖ 32-bit length encoding.
            byte[] aad = new byte[65536];
            for (int i = 0; i < aad.Length; i++)
            {
                aad[i] = (byte)i;
            }

            AssertVector(backend, NistKey, "101112131415161718191a1b1c", Hex.Encode(aad),
                "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", 14,
                "69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72b4ac6bec93e8598e7f0dadbcea5b");
        }

        // Mesh-sized CCM (13-octet nonce) with 4- and 8-octet MICs, with and without additional
        // data: Nordic nRF Mesh iOS CryptoTest.swift (testEncryption_MIC4/MIC8/…_withAdditionalData;
        // the AAD is the Label UUID 12345678-1234-1234-1234-12345678ABCD).
        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Ccm_Mic4_NoAad(string backend)
        {
            AssertVector(backend, "0123456789abcdef0123456789abcdef", "00112233445566778899aabbcc", "",
                "00112233445566778899aabbccddeeff", 4, "6c7854c1e573cd62155bfa987c70673d273ab343");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Ccm_Mic8_NoAad(string backend)
        {
            AssertVector(backend, "0123456789abcdef0123456789abcdef", "00112233445566778899aabbcc", "",
                "00112233445566778899aabbccddeeff", 8, "6c7854c1e573cd62155bfa987c70673d5cfcb5ac7e3cea62");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Ccm_Mic4_WithAad(string backend)
        {
            AssertVector(backend, "0123456789abcdef0123456789abcdef", "00112233445566778899aabbcc",
                "1234567812341234123412345678abcd", "00112233445566778899aabbccddeeff", 4,
                "6c7854c1e573cd62155bfa987c70673d19f0c64d");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Ccm_Mic8_WithAad(string backend)
        {
            AssertVector(backend, "0123456789abcdef0123456789abcdef", "00112233445566778899aabbcc",
                "1234567812341234123412345678abcd", "00112233445566778899aabbccddeeff", 8,
                "6c7854c1e573cd62155bfa987c70673d37d0cc6caef67cfc");
        }

        // MshPRT §8.3 message samples (ble-mesh.md §4.7): network and device-key CCM.
        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_3_1_NetworkLayer_EncryptionKey_NetMic8(string backend)
        {
            AssertVector(backend, "0953fa93e7caac9638f58820220a398e", "00800000011201000012345678", "",
                "fffd034b50057e400000010000", 8, "b5e5bfdacbaf6cb7fb6bff871f035444ce83a670df");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_3_6_ConfigAppKeyAdd_DeviceKey_TransMic4(string backend)
        {
            AssertVector(backend, "9d6dd0e96eb25dc19a40ed9914f8f03f", "02003129ab0003120112345678", "",
                "0056341263964771734fbd76e3b40519d1d94a48", 4, "ee9dddfd2169326d23f3afdfcfdc18c52fdef772e0e17308");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_3_16_ConfigAppKeyStatus_DeviceKey_TransMic4(string backend)
        {
            AssertVector(backend, "9d6dd0e96eb25dc19a40ed9914f8f03f", "02000000061201000312345678", "",
                "800300563412", 4, "89511bf1d1a81c11dcef");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MatchesDotNetAesCcm_OnRandomInputs(string backend)
        {
            Assert.True(DotNetAesCcm.IsSupported);
            var random = new Random(1234);
            IAes128 aes = AesBackends.Create(backend);
            for (int run = 0; run < 400; run++)
            {
                int nonceLength = 7 + random.Next(7);
                int micLength = 4 + (2 * random.Next(7));
                byte[] key = AesBackends.RandomBytes(random, 16);
                byte[] nonce = AesBackends.RandomBytes(random, nonceLength);
                byte[] aad = AesBackends.RandomBytes(random, random.Next(3) == 0 ? 0 : random.Next(0, 300));
                byte[] plaintext = AesBackends.RandomBytes(random, random.Next(0, 120));

                byte[] expectedCiphertext = new byte[plaintext.Length];
                byte[] expectedTag = new byte[micLength];
                using (var reference = new DotNetAesCcm(key))
                {
                    reference.Encrypt(nonce, plaintext, expectedCiphertext, expectedTag, aad);
                }

                var ccm = new CoreAesCcm(aes.CreateEncryptor(key), nonceLength);
                byte[] output = new byte[plaintext.Length + micLength + 3];
                ccm.Encrypt(nonce, 0, plaintext, 0, plaintext.Length, aad, 0, aad.Length, output, 3, micLength);
                Assert.Equal(Hex.Encode(expectedCiphertext) + Hex.Encode(expectedTag), Hex.Encode(output, 3, plaintext.Length + micLength));

                byte[] decrypted = new byte[plaintext.Length];
                Assert.True(ccm.TryDecrypt(nonce, 0, output, 3, plaintext.Length + micLength, aad, 0, aad.Length, decrypted, 0, micLength));
                Assert.Equal(plaintext, decrypted);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void EncryptAndDecryptInPlace(string backend)
        {
            var ccm = new CoreAesCcm(AesBackends.Create(backend), Hex.Decode("0123456789abcdef0123456789abcdef"));
            byte[] nonce = Hex.Decode("00112233445566778899aabbcc");
            byte[] buffer = Hex.Decode("00112233445566778899aabbccddeeff0000000000000000");
            ccm.Encrypt(nonce, 0, buffer, 0, 16, null, 0, 0, buffer, 0, 8);
            Assert.Equal("6c7854c1e573cd62155bfa987c70673d5cfcb5ac7e3cea62", Hex.Encode(buffer));
            Assert.True(ccm.TryDecrypt(nonce, 0, buffer, 0, 24, null, 0, 0, buffer, 0, 8));
            Assert.Equal("00112233445566778899aabbccddeeff", Hex.Encode(buffer, 0, 16));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void EmptyPayloadStillCarriesAMic(string backend)
        {
            byte[] key = Hex.Decode("9d6dd0e96eb25dc19a40ed9914f8f03f");
            byte[] nonce = Hex.Decode("02000000061201000312345678");
            var ccm = new CoreAesCcm(AesBackends.Create(backend), key);
            byte[] mic = new byte[4];
            ccm.Encrypt(nonce, 0, new byte[0], 0, 0, null, 0, 0, mic, 0, 4);
            byte[] tag = new byte[4];
            using (var reference = new DotNetAesCcm(key))
            {
                reference.Encrypt(nonce, new byte[0], new byte[0], tag);
            }

            Assert.Equal(tag, mic);
            Assert.True(ccm.TryDecrypt(nonce, 0, mic, 0, 4, null, 0, 0, new byte[0], 0, 4));
        }

        internal static void AssertVector(string backend, string keyHex, string nonceHex, string aadHex,
            string plaintextHex, int micLength, string expectedHex)
        {
            byte[] key = Hex.Decode(keyHex);
            byte[] nonce = Hex.Decode(nonceHex);
            byte[] aad = Hex.Decode(aadHex);
            byte[] plaintext = Hex.Decode(plaintextHex);
            var ccm = new CoreAesCcm(AesBackends.Create(backend).CreateEncryptor(key), nonce.Length);
            byte[] output = new byte[plaintext.Length + micLength];
            ccm.Encrypt(nonce, 0, plaintext, 0, plaintext.Length, aad, 0, aad.Length, output, 0, micLength);
            Assert.Equal(expectedHex, Hex.Encode(output));

            byte[] decrypted = new byte[plaintext.Length];
            Assert.True(ccm.TryDecrypt(nonce, 0, output, 0, output.Length, aad, 0, aad.Length, decrypted, 0, micLength));
            Assert.Equal(plaintextHex, Hex.Encode(decrypted));
        }

        private static void AssertRfc3610(string backend, string nonceHex, int packetLength, int headerLength, int micLength, string expectedHex)
        {
            byte[] packet = new byte[packetLength];
            for (int i = 0; i < packetLength; i++)
            {
                packet[i] = (byte)i;
            }

            string header = Hex.Encode(packet, 0, headerLength);
            Assert.StartsWith(header, expectedHex);
            AssertVector(backend, Rfc3610Key, nonceHex, header, Hex.Encode(packet, headerLength, packetLength - headerLength),
                micLength, expectedHex.Substring(2 * headerLength));
        }
    }
}
