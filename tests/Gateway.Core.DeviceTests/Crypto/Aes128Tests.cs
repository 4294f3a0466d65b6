using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// AES-128 block cipher (FIPS-197) on the device, through the <see cref="IAes128"/> port of
    /// <see cref="DeviceCrypto"/> (ManagedAes128 today; the native adapter later). Host twin:
    /// tests/Gateway.Core.Tests/Crypto/ManagedAes128Tests.cs.
    /// </summary>
    [TestClass]
    public class Aes128Tests
    {
        [TestMethod]
        public static void FIPS197_AppendixB_CipherExample()
        {
            IBlockCipher aes = DeviceCrypto.Cipher("2b7e151628aed2a6abf7158809cf4f3c");
            byte[] block = Hex.Decode("3243f6a8885a308d313198a2e0370734");
            byte[] output = new byte[16];
            aes.EncryptBlock(block, 0, output, 0);
            Assert.AreEqual("3925841d02dc09fbdc118597196a0b32", Hex.Encode(output), "#1");
            aes.DecryptBlock(output, 0, output, 0);
            Assert.AreEqual("3243f6a8885a308d313198a2e0370734", Hex.Encode(output), "#2");
        }

        [TestMethod]
        public static void FIPS197_AppendixC1_Aes128_AtAnOffsetInPlace()
        {
            IBlockCipher aes = DeviceCrypto.Cipher("000102030405060708090a0b0c0d0e0f");
            byte[] buffer = Hex.Decode("ff00112233445566778899aabbccddeeff");
            aes.EncryptBlock(buffer, 1, buffer, 1);
            Assert.AreEqual("ff69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Encode(buffer), "#3");
            aes.DecryptBlock(buffer, 1, buffer, 1);
            Assert.AreEqual("ff00112233445566778899aabbccddeeff", Hex.Encode(buffer), "#4");
        }

        [TestMethod]
        public static void WrongKeyLengthAndBlockOutsideTheBufferAreFormatErrors()
        {
            IAes128 aes = DeviceCrypto.CreateAes();
            Assert.ThrowsException(typeof(ProtocolFormatException), () => aes.CreateEncryptor(new byte[15]), "#5");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => aes.CreateEncryptor(null), "#6");

            IBlockCipher cipher = aes.CreateEncryptor(new byte[16]);
            byte[] buffer = new byte[20];
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cipher.EncryptBlock(buffer, 5, buffer, 0), "#7");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => cipher.DecryptBlock(buffer, 0, new byte[15], 0), "#8");
        }
    }
}
