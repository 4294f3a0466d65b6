using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// AES-CMAC, RFC 4493 §4 examples 1–4 (key 2b7e1516…, the NIST SP 800-38B message) on the
    /// device. Host twin: tests/Gateway.Core.Tests/Crypto/AesCmacTests.cs.
    /// </summary>
    [TestClass]
    public class AesCmacTests
    {
        private const string Rfc4493Key = "2b7e151628aed2a6abf7158809cf4f3c";

        private const string Rfc4493Message =
            "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";

        [TestMethod]
        public static void RFC4493_Example1_EmptyMessage()
        {
            Assert.AreEqual("bb1d6929e95937287fa37d129b756746", Mac(0), "#1");
        }

        [TestMethod]
        public static void RFC4493_Example2_Cmac16Bytes()
        {
            Assert.AreEqual("070a16b46b4d4144f79bdd9dd04a287c", Mac(16), "#2");
        }

        [TestMethod]
        public static void RFC4493_Example3_Cmac40Bytes()
        {
            Assert.AreEqual("dfa66747de9ae63030ca32611497c827", Mac(40), "#3");
        }

        [TestMethod]
        public static void RFC4493_Example4_Cmac64Bytes()
        {
            Assert.AreEqual("51f0bebf7e3b9d92fc49741779363cfe", Mac(64), "#4");
        }

        [TestMethod]
        public static void RFC4493_Example3_IncrementalInUnevenPiecesEqualsOneShot()
        {
            AesCmac cmac = new AesCmac(DeviceCrypto.CreateAes(), Hex.Decode(Rfc4493Key));
            byte[] message = Hex.Decode(Rfc4493Message);
            cmac.Begin();
            cmac.Update(message, 0, 7);
            cmac.Update(message[7]);
            cmac.Update(message, 8, 20);
            cmac.Update(message, 28, 12);
            byte[] mac = new byte[18];
            cmac.Finish(mac, 1);
            Assert.AreEqual("00dfa66747de9ae63030ca32611497c82700", Hex.Encode(mac), "#5");
        }

        private static string Mac(int length)
        {
            AesCmac cmac = new AesCmac(DeviceCrypto.CreateAes(), Hex.Decode(Rfc4493Key));
            byte[] message = Hex.Decode(Rfc4493Message);
            byte[] mac = new byte[AesCmac.MacLength];
            cmac.Compute(message, 0, length, mac, 0);
            return Hex.Encode(mac);
        }
    }
}
