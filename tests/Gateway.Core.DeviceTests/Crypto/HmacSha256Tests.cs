using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// HMAC-SHA-256 on the device: RFC 4231 §4.2 and §4.3 (test cases 1 and 2). Host twin:
    /// tests/Gateway.Core.Tests/Crypto/HmacSha256Tests.cs.
    /// </summary>
    [TestClass]
    public class HmacSha256Tests
    {
        [TestMethod]
        public static void RFC4231_TestCase1()
        {
            byte[] key = Hex.Decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
            Assert.AreEqual("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Hex.Encode(HmacSha256.Compute(key, DeviceCrypto.Ascii("Hi There"))), "#1");
        }

        [TestMethod]
        public static void RFC4231_TestCase2_KeyShorterThanTheOutput()
        {
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hex.Encode(HmacSha256.Compute(DeviceCrypto.Ascii("Jefe"), DeviceCrypto.Ascii("what do ya want for nothing?"))), "#2");
        }

        [TestMethod]
        public static void RFC4231_TestCase2_KeyedInstanceIsReusable()
        {
            HmacSha256 hmac = new HmacSha256(DeviceCrypto.Ascii("Jefe"));
            byte[] message = DeviceCrypto.Ascii("what do ya want for nothing?");
            byte[] mac = new byte[HmacSha256.MacLength];
            for (int i = 0; i < 2; i++)
            {
                hmac.Compute(message, 0, message.Length, mac, 0);
                Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(mac), "#3");
            }
        }
    }
}
