using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// AES-128 CBC and CFB-128 on the device with NIST SP 800-38A Appendix F (CFB is the zero-config
    /// password cipher, CBC the Breeze session's). Host twin: tests/Gateway.Core.Tests/Crypto/AesCbcCfbTests.cs.
    /// </summary>
    [TestClass]
    public class AesCbcCfbTests
    {
        private const string Key = "2b7e151628aed2a6abf7158809cf4f3c";
        private const string Iv = "000102030405060708090a0b0c0d0e0f";
        private const string Plaintext = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

        /// <summary>SP 800-38A F.2.1/F.2.2: CBC-AES128 both ways, the decryption in place.</summary>
        [TestMethod]
        public static void SP800_38A_F_2_CbcAes128()
        {
            const string ciphertext = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                + "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
            AesCbc cbc = new AesCbc(DeviceCrypto.Cipher(Key));
            byte[] output = new byte[64];
            cbc.Encrypt(Hex.Decode(Iv), 0, Hex.Decode(Plaintext), 0, 64, output, 0);
            Assert.AreEqual(ciphertext, Hex.Encode(output), "#1");
            cbc.Decrypt(Hex.Decode(Iv), 0, output, 0, 64, output, 0);
            Assert.AreEqual(Plaintext, Hex.Encode(output), "#2");
        }

        /// <summary>SP 800-38A F.3.13/F.3.14: CFB128-AES128 both ways, and a partial last block (a stream mode).</summary>
        [TestMethod]
        public static void SP800_38A_F_3_13_Cfb128Aes128()
        {
            const string ciphertext = "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
                + "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6";
            AesCfb128 cfb = new AesCfb128(DeviceCrypto.Cipher(Key));
            byte[] output = new byte[64];
            cfb.Encrypt(Hex.Decode(Iv), 0, Hex.Decode(Plaintext), 0, 64, output, 0);
            Assert.AreEqual(ciphertext, Hex.Encode(output), "#3");
            byte[] back = new byte[64];
            cfb.Decrypt(Hex.Decode(Iv), 0, output, 0, 64, back, 0);
            Assert.AreEqual(Plaintext, Hex.Encode(back), "#4");

            byte[] partial = new byte[21];
            cfb.Encrypt(Hex.Decode(Iv), 0, Hex.Decode(Plaintext), 0, 21, partial, 0);
            Assert.AreEqual(ciphertext.Substring(0, 42), Hex.Encode(partial), "#5");
        }

        /// <summary>A CBC length that is not whole blocks, or ranges outside the buffers, are format errors.</summary>
        [TestMethod]
        public static void MalformedInput_CbcAndCfbRangesAreFormatErrors()
        {
            AesCbc cbc = new AesCbc(DeviceCrypto.Cipher(Key));
            AesCfb128 cfb = new AesCfb128(DeviceCrypto.Cipher(Key));
            byte[] iv = new byte[16];
            byte[] buffer = new byte[48];
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cbc.Encrypt(iv, 0, buffer, 0, 17, buffer, 0), "#6");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cbc.Decrypt(iv, 1, buffer, 0, 16, buffer, 0), "#7");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cfb.Encrypt(new byte[15], 0, buffer, 0, 4, buffer, 0), "#8");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cfb.Decrypt(iv, 0, null, 0, 0, buffer, 0), "#9");
        }
    }
}
