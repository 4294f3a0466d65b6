using System;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    public class HmacSha256Tests
    {
        [Fact]
        public void RFC4231_TestCase1()
        {
            Assert.Equal("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Mac(Repeat(0x0b, 20), Encoding.ASCII.GetBytes("Hi There")));
        }

        [Fact]
        public void RFC4231_TestCase2_KeyShorterThanTheOutput()
        {
            Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Mac(Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?")));
        }

        [Fact]
        public void RFC4231_TestCase3()
        {
            Assert.Equal("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                Mac(Repeat(0xaa, 20), Repeat(0xdd, 50)));
        }

        [Fact]
        public void RFC4231_TestCase4()
        {
            Assert.Equal("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                Mac(Hex.Decode("0102030405060708090a0b0c0d0e0f10111213141516171819"), Repeat(0xcd, 50)));
        }

        [Fact]
        public void RFC4231_TestCase5_TruncatedTo128Bits()
        {
            // RFC 4231 §4.6 lists only the leftmost 128 bits of the output.
            string mac = Mac(Repeat(0x0c, 20), Encoding.ASCII.GetBytes("Test With Truncation"));
            Assert.Equal("a3b6167473100ee06e0c796c2955552b", mac.Substring(0, 32));
        }

        [Fact]
        public void RFC4231_TestCase6_KeyLargerThanBlockSize()
        {
            Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                Mac(Repeat(0xaa, 131), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First")));
        }

        [Fact]
        public void RFC4231_TestCase7_KeyAndDataLargerThanBlockSize()
        {
            Assert.Equal("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                Mac(Repeat(0xaa, 131), Encoding.ASCII.GetBytes(
                    "This is a test using a larger than block-size key and a larger than block-size data. " +
                    "The key needs to be hashed before being used by the HMAC algorithm.")));
        }

        [Fact]
        public void MatchesDotNetHmacSha256_AtManyKeyAndMessageLengths()
        {
            var random = new Random(2104);
            int[] keyLengths = { 0, 1, 16, 31, 32, 33, 55, 56, 63, 64, 65, 100, 128, 129, 200 };
            int[] messageLengths = { 0, 1, 15, 32, 55, 56, 63, 64, 65, 96, 127, 128, 129, 145, 1000 };
            byte[] mac = new byte[32];
            foreach (int keyLength in keyLengths)
            {
                byte[] key = AesBackends.RandomBytes(random, keyLength);
                var hmac = new HmacSha256(key);
                foreach (int messageLength in messageLengths)
                {
                    byte[] message = AesBackends.RandomBytes(random, messageLength);
                    byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(key, message);

                    // The keyed instance is reused for every message.
                    hmac.Compute(message, 0, messageLength, mac, 0);
                    Assert.Equal(expected, mac);
                    Assert.Equal(expected, HmacSha256.Compute(key, message));
                }
            }
        }

        [Fact]
        public void IncrementalUpdatesAndRekeyingMatchDotNet()
        {
            var random = new Random(2105);
            var hmac = new HmacSha256(new byte[0]);
            byte[] mac = new byte[32];
            for (int run = 0; run < 100; run++)
            {
                byte[] keyBuffer = AesBackends.RandomBytes(random, 150);
                int keyOffset = random.Next(0, 50);
                int keyLength = random.Next(0, 100);
                hmac.SetKey(keyBuffer, keyOffset, keyLength);
                byte[] message = AesBackends.RandomBytes(random, random.Next(0, 300));
                hmac.Begin();
                int position = 0;
                while (position < message.Length)
                {
                    int n = Math.Min(random.Next(0, 70), message.Length - position);
                    hmac.Update(message, position, n);
                    position += n;
                }

                hmac.Finish(mac, 0);
                byte[] key = keyBuffer.AsSpan(keyOffset, keyLength).ToArray();
                Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, message), mac);
            }
        }

        [Fact]
        public void BadRangesAreFormatErrors()
        {
            Assert.Throws<ProtocolFormatException>(() => new HmacSha256(null));
            Assert.Throws<ProtocolFormatException>(() => new HmacSha256(new byte[4], 2, 3));
            var hmac = new HmacSha256(new byte[4]);
            Assert.Throws<ProtocolFormatException>(() => hmac.Compute(new byte[4], 0, 4, new byte[31], 0));
            Assert.Throws<ProtocolFormatException>(() => hmac.Update(new byte[4], -1, 1));
        }

        private static string Mac(byte[] key, byte[] message)
        {
            byte[] mac = HmacSha256.Compute(key, message);
            Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, message), mac);
            return Hex.Encode(mac);
        }

        private static byte[] Repeat(byte value, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = value;
            }

            return bytes;
        }
    }
}
