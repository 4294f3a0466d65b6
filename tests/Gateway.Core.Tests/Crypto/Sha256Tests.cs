using System;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    public class Sha256Tests
    {
        [Fact]
        public void FIPS180_4_OneBlockMessage_abc()
        {
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashAscii("abc"));
        }

        [Fact]
        public void FIPS180_4_TwoBlockMessage_448Bits()
        {
            Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                HashAscii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        }

        [Fact]
        public void FIPS180_4_LongMessage_OneMillionA()
        {
            var sha = new Sha256();
            byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1000));
            for (int i = 0; i < 1000; i++)
            {
                sha.Update(chunk, 0, chunk.Length);
            }

            byte[] hash = new byte[32];
            sha.Finish(hash, 0);
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Encode(hash));
        }

        [Fact]
        public void EmptyMessage()
        {
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashAscii(string.Empty));
        }

        [Fact]
        public void MatchesDotNetSha256_AtEveryLengthAroundThePaddingBoundaries()
        {
            var random = new Random(256);
            byte[] message = AesBackends.RandomBytes(random, 5000);
            byte[] hash = new byte[32];
            int[] extra = { 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4095, 4096, 4097, 5000 };
            for (int length = 0; length <= 300 + extra.Length; length++)
            {
                int n = length <= 300 ? length : extra[length - 301];
                Sha256.Hash(message, 7 % (5001 - n), n, hash, 0);
                byte[] expected = System.Security.Cryptography.SHA256.HashData(message.AsSpan(7 % (5001 - n), n));
                Assert.Equal(Hex.Encode(expected), Hex.Encode(hash));
            }
        }

        [Fact]
        public void IncrementalUpdatesInAnySplitEqualTheOneShotHash()
        {
            var random = new Random(257);
            var sha = new Sha256();
            byte[] hash = new byte[32];
            for (int run = 0; run < 200; run++)
            {
                byte[] message = AesBackends.RandomBytes(random, random.Next(0, 700));
                int position = 0;
                while (position < message.Length)
                {
                    int n = Math.Min(random.Next(0, 130), message.Length - position);
                    sha.Update(message, position, n);
                    position += n;
                }

                sha.Finish(hash, 0);
                Assert.Equal(System.Security.Cryptography.SHA256.HashData(message), hash);
            }
        }

        [Fact]
        public void ResetDiscardsAnUnfinishedHash()
        {
            var sha = new Sha256();
            byte[] junk = new byte[100];
            sha.Update(junk, 0, 100);
            sha.Reset();
            byte[] abc = Encoding.ASCII.GetBytes("abc");
            sha.Update(abc, 0, 3);
            byte[] hash = new byte[34];
            sha.Finish(hash, 2);
            Assert.Equal("0000ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Encode(hash));
        }

        [Fact]
        public void BadRangesAreFormatErrors()
        {
            var sha = new Sha256();
            Assert.Throws<ProtocolFormatException>(() => sha.Update(new byte[4], 2, 3));
            Assert.Throws<ProtocolFormatException>(() => sha.Update(null, 0, 0));
            Assert.Throws<ProtocolFormatException>(() => sha.Finish(new byte[31], 0));
            Assert.Throws<ProtocolFormatException>(() => Sha256.Hash(null));
        }

        private static string HashAscii(string text)
        {
            return Hex.Encode(Sha256.Hash(Encoding.ASCII.GetBytes(text)));
        }
    }
}
