using System;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>MshPRT v1.1 §8.1 and §8.2 sample data, verbatim from reference/ble-mesh.md §2.3.</summary>
    public class MeshCryptoTests
    {
        private const string SampleNetKey81 = "f7a2a44f8e8a8029064f173ddc1e2b00";
        private const string SampleNetKey82 = "7dd7364cd842ad18c17c2b820c84c3d6";

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_1_s1(string backend)
        {
            Assert.Equal("b73cefbd641ef2ea598c2b6efb62f79c", Hex.Encode(Mesh(backend).S1(Ascii("test"))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_2_k1(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            byte[] salt = mesh.S1(Ascii("salt"));
            byte[] p = mesh.S1(Ascii("info"));
            Assert.Equal("2ba14ffa0df84a2831938d57d276cab4", Hex.Encode(salt));
            Assert.Equal("5a09d60797eeb4478aada59db3352a0d", Hex.Encode(p));

            byte[] n = Hex.Decode("3216d1509884b533248541792b877f98");
            Assert.Equal("c764bea25cf9738b08956ea3c712d5af", Hex.Encode(Cmac(backend, salt, n)));
            Assert.Equal("f6ed15a8934afbe7d83e8dcb57fcf5d7", Hex.Encode(mesh.K1(n, salt, p)));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_3_k2_Flooding(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("4f90480c1871bfbffd16971f4d8d10b1", Hex.Encode(mesh.S1(Ascii("smk2"))));
            Assert.Equal("2ea6467aa3378c4c545eda62935b9b86",
                Hex.Encode(Cmac(backend, Hex.Decode("4f90480c1871bfbffd16971f4d8d10b1"), Hex.Decode(SampleNetKey81))));
            AssertK2(backend, SampleNetKey81, "00", 0x7f, "9f589181a0f50de73c8070c7a6d27f46", "4c715bd4a64b938f99b453351653124f");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_4_k2_Friendship(string backend)
        {
            AssertK2(backend, SampleNetKey81, "010203040506070809", 0x73,
                "11efec0642774992510fb5929646df49", "d4d7cc0dfa772d836a8df9df5510d7a7");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_5_k3(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("0036443503f195cc8a716e136291c302", Hex.Encode(mesh.S1(Ascii("smk3"))));
            Assert.Equal("ff046958233db014", Hex.Encode(mesh.K3(Hex.Decode(SampleNetKey81))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_1_6_k4(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("0e9ac1b7cefa66874c97ee54ac5f49be", Hex.Encode(mesh.S1(Ascii("smk4"))));
            Assert.Equal(0x38, mesh.K4(Hex.Decode("3216d1509884b533248541792b877f98")));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_ApplicationKey_AID(string backend)
        {
            Assert.Equal(0x26, Mesh(backend).K4(Hex.Decode("63964771734fbd76e3b40519d1d94a48")));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_k2_Flooding_EncryptionAndPrivacyKeys(string backend)
        {
            AssertK2(backend, SampleNetKey82, "00", 0x68, "0953fa93e7caac9638f58820220a398e", "8b84eedec100067d670971dd2aa700cf");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_k2_Friendship_EncryptionAndPrivacyKeys(string backend)
        {
            // LPNAddress 1201, FriendAddress 2345, LPNCounter 0000, FriendCounter 072f.
            AssertK2(backend, SampleNetKey82, "01120123450000072f", 0x5e,
                "be635105434859f484fc798e043ce40e", "5d396d4b54d3cbafe943e051fe9a4eb8");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_k2_Directed_EncryptionAndPrivacyKeys(string backend)
        {
            AssertK2(backend, SampleNetKey82, "02", 0x0d, "b47a02c6cc9b4ac4cb9b88e765c9ade4", "9bf7ab5a5ad415fbd77e07bb808f4865");
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_NetworkId(string backend)
        {
            Assert.Equal("3ecaff672f673370", Hex.Encode(Mesh(backend).K3(Hex.Decode(SampleNetKey82))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_IdentityKey(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("f8795a1aabf182e4f163d86e245e19f4", Hex.Encode(mesh.S1(Ascii("nkik"))));
            Assert.Equal("84396c435ac48560b5965385253e210c", Hex.Encode(mesh.IdentityKey(Hex.Decode(SampleNetKey82))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_BeaconKey(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("2c24619ab793c1233f6e226738393dec", Hex.Encode(mesh.S1(Ascii("nkbk"))));
            Assert.Equal("5423d967da639a99cb02231a83f7d254", Hex.Encode(mesh.BeaconKey(Hex.Decode(SampleNetKey82))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_PrivateBeaconKey1(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            Assert.Equal("2c8b71fb5d95e86cfb753bfee3ab934f", Hex.Encode(mesh.S1(Ascii("nkpk"))));
            Assert.Equal("ca478cdac626b7a8522d7272dd124f26",
                Hex.Encode(mesh.PrivateBeaconKey(Hex.Decode("3bbb6f1fbd53e157417f308ce7aec58f"))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MshPRT_8_2_PrivateBeaconKey2(string backend)
        {
            Assert.Equal("0f30694a3a91b616a48a54701053cb90",
                Hex.Encode(Mesh(backend).PrivateBeaconKey(Hex.Decode("db662f48d477740621f5e301cdd69611"))));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void NordicIos_KeyDerivatives_IdentityBeaconPrivateBeaconKeys(string backend)
        {
            // nRF Mesh iOS CryptoTest.swift testKeyDerivatives (ble-mesh.md §2.3, last paragraph).
            MeshCrypto mesh = Mesh(backend);
            byte[] netKey = Hex.Decode(SampleNetKey81);
            Assert.Equal("877de1a131c87a8c6767e655061963a7", Hex.Encode(mesh.IdentityKey(netKey)));
            Assert.Equal("ccae3c53a3bb6fab728ee94a390dc91f", Hex.Encode(mesh.BeaconKey(netKey)));
            Assert.Equal("6be76842460b2d3a5850d4698409f1bb", Hex.Encode(mesh.PrivateBeaconKey(netKey)));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void NordicIos_VirtualAddressOfLabelUuid(string backend)
        {
            // nRF Mesh iOS CryptoTest.swift testVirtualLabel: 12345678-1234-1234-1234-12345678ABCD → 0xADD5.
            Assert.Equal(0xADD5, Mesh(backend).VirtualAddress(Hex.Decode("1234567812341234123412345678abcd")));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void VirtualAddressIsTheLow14BitsOfTheVtadCmac(string backend)
        {
            var random = new Random(3);
            MeshCrypto mesh = Mesh(backend);
            byte[] salt = mesh.S1(Ascii("vtad"));
            for (int i = 0; i < 20; i++)
            {
                byte[] label = AesBackends.RandomBytes(random, 16);
                byte[] hash = AesCmacTests.ReferenceCmac(salt, label);
                int expected = 0x8000 | (((hash[14] << 8) | hash[15]) & 0x3fff);
                Assert.Equal(expected, mesh.VirtualAddress(label));
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void S2_MatchesAnIndependentHmacSha256WithAZeroKey(string backend)
        {
            var random = new Random(22);
            MeshCrypto mesh = Mesh(backend);
            foreach (int length in new[] { 0, 1, 16, 63, 64, 65, 145, 300 })
            {
                byte[] m = AesBackends.RandomBytes(random, length);
                Assert.Equal(HMACSHA256.HashData(new byte[32], m), mesh.S2(m));
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void K5_MatchesAnIndependentHmacSha256Chain(string backend)
        {
            var random = new Random(55);
            MeshCrypto mesh = Mesh(backend);
            for (int run = 0; run < 30; run++)
            {
                byte[] n = AesBackends.RandomBytes(random, run % 3 == 0 ? 64 : random.Next(0, 100));
                byte[] salt = AesBackends.RandomBytes(random, run % 3 == 0 ? 32 : random.Next(0, 100));
                byte[] p = run % 3 == 0 ? Ascii("prck256") : AesBackends.RandomBytes(random, random.Next(0, 40));
                byte[] t = HMACSHA256.HashData(salt, n);
                Assert.Equal(HMACSHA256.HashData(t, p), mesh.K5(n, salt, p));
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void DerivationsWriteAtOffsetsAndLeaveTheRestAlone(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            byte[] input = Hex.Decode("aa" + SampleNetKey81);
            byte[] keys = new byte[40];
            byte nid = mesh.K2(input, 1, new byte[] { 0xee, 0x00 }, 1, 1, keys, 2, keys, 20);
            Assert.Equal(0x7f, nid);
            Assert.Equal("0000" + "9f589181a0f50de73c8070c7a6d27f46" + "0000" + "4c715bd4a64b938f99b453351653124f" + "00000000", Hex.Encode(keys));

            byte[] networkId = new byte[10];
            mesh.K3(input, 1, networkId, 1);
            Assert.Equal("00ff046958233db01400", Hex.Encode(networkId));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void ShortKeysAndBadRangesAreFormatErrors(string backend)
        {
            MeshCrypto mesh = Mesh(backend);
            byte[] key15 = new byte[15];
            byte[] out16 = new byte[16];
            Assert.Throws<ProtocolFormatException>(() => mesh.K2(key15, new byte[] { 0 }, out16, out16));
            Assert.Throws<ProtocolFormatException>(() => mesh.K2(new byte[16], new byte[] { 0 }, new byte[15], out16));
            Assert.Throws<ProtocolFormatException>(() => mesh.K3(key15));
            Assert.Throws<ProtocolFormatException>(() => mesh.K4(key15));
            Assert.Throws<ProtocolFormatException>(() => mesh.K1(new byte[32], key15, new byte[4]));
            Assert.Throws<ProtocolFormatException>(() => mesh.IdentityKey(key15));
            Assert.Throws<ProtocolFormatException>(() => mesh.BeaconKey(null));
            Assert.Throws<ProtocolFormatException>(() => mesh.PrivateBeaconKey(new byte[16], 1, out16, 0));
            Assert.Throws<ProtocolFormatException>(() => mesh.VirtualAddress(key15));
            Assert.Throws<ProtocolFormatException>(() => mesh.S1(null));
            Assert.Throws<ProtocolFormatException>(() => mesh.K5(new byte[1], 0, 2, new byte[1], 0, 1, new byte[1], 0, 1, new byte[32], 0));
        }

        private static void AssertK2(string backend, string netKeyHex, string pHex, int expectedNid, string expectedEncryptionKey, string expectedPrivacyKey)
        {
            byte[] encryptionKey = new byte[16];
            byte[] privacyKey = new byte[16];
            byte nid = Mesh(backend).K2(Hex.Decode(netKeyHex), Hex.Decode(pHex), encryptionKey, privacyKey);
            Assert.Equal(expectedNid, nid);
            Assert.Equal(expectedEncryptionKey, Hex.Encode(encryptionKey));
            Assert.Equal(expectedPrivacyKey, Hex.Encode(privacyKey));
        }

        private static byte[] Cmac(string backend, byte[] key, byte[] message)
        {
            return new AesCmac(AesBackends.Create(backend), key).Compute(message);
        }

        private static MeshCrypto Mesh(string backend)
        {
            return new MeshCrypto(AesBackends.Create(backend));
        }

        private static byte[] Ascii(string text)
        {
            return Encoding.ASCII.GetBytes(text);
        }
    }
}
