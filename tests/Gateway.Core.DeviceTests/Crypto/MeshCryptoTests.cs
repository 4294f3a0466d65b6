using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// The Mesh security toolbox on the device: MshPRT §8.1 sample data for s1, k1, k2, k3 and k4
    /// (reference/ble-mesh.md §2.3). Host twin: tests/Gateway.Core.Tests/Crypto/MeshCryptoTests.cs.
    /// </summary>
    [TestClass]
    public class MeshCryptoTests
    {
        private const string SampleNetKey = "f7a2a44f8e8a8029064f173ddc1e2b00";

        [TestMethod]
        public static void MshPRT_8_1_1_s1()
        {
            Assert.AreEqual("b73cefbd641ef2ea598c2b6efb62f79c", Hex.Encode(Mesh().S1(DeviceCrypto.Ascii("test"))), "#1");
        }

        [TestMethod]
        public static void MshPRT_8_1_2_k1()
        {
            // The specification lists SALT = s1("salt") and P = s1("info") already hashed.
            MeshCrypto mesh = Mesh();
            Assert.AreEqual("2ba14ffa0df84a2831938d57d276cab4", Hex.Encode(mesh.S1(DeviceCrypto.Ascii("salt"))), "#2");
            Assert.AreEqual("5a09d60797eeb4478aada59db3352a0d", Hex.Encode(mesh.S1(DeviceCrypto.Ascii("info"))), "#3");
            byte[] k1 = mesh.K1(
                Hex.Decode("3216d1509884b533248541792b877f98"),
                Hex.Decode("2ba14ffa0df84a2831938d57d276cab4"),
                Hex.Decode("5a09d60797eeb4478aada59db3352a0d"));
            Assert.AreEqual("f6ed15a8934afbe7d83e8dcb57fcf5d7", Hex.Encode(k1), "#4");
        }

        [TestMethod]
        public static void MshPRT_8_1_3_k2_Flooding()
        {
            AssertK2("00", 0x7f, "9f589181a0f50de73c8070c7a6d27f46", "4c715bd4a64b938f99b453351653124f");
        }

        [TestMethod]
        public static void MshPRT_8_1_4_k2_Friendship()
        {
            // LPNAddress 0203, FriendAddress 0405, LPNCounter 0607, FriendCounter 0809.
            AssertK2("010203040506070809", 0x73, "11efec0642774992510fb5929646df49", "d4d7cc0dfa772d836a8df9df5510d7a7");
        }

        [TestMethod]
        public static void MshPRT_8_1_5_k3()
        {
            MeshCrypto mesh = Mesh();
            Assert.AreEqual("0036443503f195cc8a716e136291c302", Hex.Encode(mesh.S1(DeviceCrypto.Ascii("smk3"))), "#5");
            Assert.AreEqual("ff046958233db014", Hex.Encode(mesh.K3(Hex.Decode(SampleNetKey))), "#6");
        }

        [TestMethod]
        public static void MshPRT_8_1_6_k4()
        {
            MeshCrypto mesh = Mesh();
            Assert.AreEqual("0e9ac1b7cefa66874c97ee54ac5f49be", Hex.Encode(mesh.S1(DeviceCrypto.Ascii("smk4"))), "#7");
            Assert.AreEqual((byte)0x38, mesh.K4(Hex.Decode("3216d1509884b533248541792b877f98")), "#8");
        }

        private static void AssertK2(string pHex, int expectedNid, string expectedEncryptionKey, string expectedPrivacyKey)
        {
            byte[] encryptionKey = new byte[16];
            byte[] privacyKey = new byte[16];
            byte nid = Mesh().K2(Hex.Decode(SampleNetKey), Hex.Decode(pHex), encryptionKey, privacyKey);
            Assert.AreEqual((byte)expectedNid, nid, "NID");
            Assert.AreEqual(expectedEncryptionKey, Hex.Encode(encryptionKey), "EncryptionKey");
            Assert.AreEqual(expectedPrivacyKey, Hex.Encode(privacyKey), "PrivacyKey");
        }

        private static MeshCrypto Mesh()
        {
            return new MeshCrypto(DeviceCrypto.CreateAes());
        }
    }
}
