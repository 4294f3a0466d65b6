using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// SHA-256 on the device: the FIPS 180-2 Appendix B samples (one block and two blocks).
    /// Host twin: tests/Gateway.Core.Tests/Crypto/Sha256Tests.cs.
    /// </summary>
    [TestClass]
    public class Sha256Tests
    {
        [TestMethod]
        public static void FIPS180_2_B1_Abc()
        {
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hex.Encode(Sha256.Hash(DeviceCrypto.Ascii("abc"))), "#1");
        }

        [TestMethod]
        public static void FIPS180_2_B2_TwoBlockMessage()
        {
            // 56 octets: the padding no longer fits the first block.
            Assert.AreEqual("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Hex.Encode(Sha256.Hash(DeviceCrypto.Ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))), "#2");
        }

        [TestMethod]
        public static void FIPS180_2_B1_Abc_IncrementalAtAnOffset()
        {
            Sha256 sha = new Sha256();
            byte[] input = DeviceCrypto.Ascii("xabcx");
            sha.Update(input, 1, 1);
            sha.Update(input, 2, 2);
            byte[] hash = new byte[34];
            sha.Finish(hash, 2);
            Assert.AreEqual("0000ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Encode(hash), "#3");
        }
    }
}
