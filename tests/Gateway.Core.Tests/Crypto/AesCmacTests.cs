using System;
using System.Security.Cryptography;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    public class AesCmacTests
    {
        private const string Rfc4493Key = "2b7e151628aed2a6abf7158809cf4f3c";

        private const string Rfc4493Message =
            "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC4493_Example1_EmptyMessage(string backend)
        {
            Assert.Equal("bb1d6929e95937287fa37d129b756746", Mac(backend, 0));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC4493_Example2_Cmac16Bytes(string backend)
        {
            Assert.Equal("070a16b46b4d4144f79bdd9dd04a287c", Mac(backend, 16));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC4493_Example3_Cmac40Bytes(string backend)
        {
            Assert.Equal("dfa66747de9ae63030ca32611497c827", Mac(backend, 40));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RFC4493_Example4_Cmac64Bytes(string backend)
        {
            Assert.Equal("51f0bebf7e3b9d92fc49741779363cfe", Mac(backend, 64));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void IncrementalUpdatesInAnySplitEqualTheOneShotMac(string backend)
        {
            var random = new Random(17);
            IAes128 aes = AesBackends.Create(backend);
            byte[] key = AesBackends.RandomBytes(random, 16);
            var cmac = new AesCmac(aes, key);
            byte[] oneShot = new byte[16];
            byte[] incremental = new byte[16];
            for (int length = 0; length <= 100; length++)
            {
                byte[] message = AesBackends.RandomBytes(random, length);
                cmac.Compute(message, 0, length, oneShot, 0);
                Assert.Equal(ReferenceCmac(key, message), oneShot);

                cmac.Begin();
                int position = 0;
                while (position < length)
                {
                    int n = Math.Min(random.Next(0, 20), length - position);
                    if (n == 1)
                    {
                        cmac.Update(message[position]);
                    }
                    else
                    {
                        cmac.Update(message, position, n);
                    }

                    position += n;
                }

                cmac.Finish(incremental, 0);
                Assert.Equal(oneShot, incremental);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MacOfAWindowAtAnOffsetIsWrittenAtTheOutputOffset(string backend)
        {
            byte[] buffer = Hex.Decode("ffff" + Rfc4493Message.Substring(0, 80) + "eeee");
            byte[] mac = new byte[20];
            new AesCmac(AesBackends.Create(backend), Hex.Decode(Rfc4493Key)).Compute(buffer, 2, 40, mac, 3);
            Assert.Equal("000000dfa66747de9ae63030ca32611497c82700", Hex.Encode(mac));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void BadRangesAreFormatErrors(string backend)
        {
            var cmac = new AesCmac(AesBackends.Create(backend), new byte[16]);
            byte[] buffer = new byte[16];
            Assert.Throws<ProtocolFormatException>(() => cmac.Compute(buffer, 1, 16, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cmac.Compute(buffer, 0, 16, buffer, 1));
            Assert.Throws<ProtocolFormatException>(() => cmac.Compute(null, 0, 0, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cmac.Update(buffer, -1, 2));
            Assert.Throws<ProtocolFormatException>(() => cmac.Update(buffer, 2, int.MaxValue));
        }

        /// <summary>
        /// An independent CMAC (RFC 4493 §2.3–2.4) over .NET's AES: subkeys from ECB, the body as
        /// one CBC-MAC with a zero IV.
        /// </summary>
        internal static byte[] ReferenceCmac(byte[] key, byte[] message)
        {
            using Aes aes = Aes.Create();
            aes.Key = key;
            byte[] l = aes.EncryptEcb(new byte[16], PaddingMode.None);
            byte[] k1 = Double(l);
            byte[] k2 = Double(k1);
            int blocks = Math.Max(1, (message.Length + 15) / 16);
            byte[] padded = new byte[blocks * 16];
            Array.Copy(message, padded, message.Length);
            bool complete = message.Length > 0 && message.Length % 16 == 0;
            if (!complete)
            {
                padded[message.Length] = 0x80;
            }

            byte[] subkey = complete ? k1 : k2;
            for (int i = 0; i < 16; i++)
            {
                padded[padded.Length - 16 + i] ^= subkey[i];
            }

            byte[] cbc = aes.EncryptCbc(padded, new byte[16], PaddingMode.None);
            return cbc.AsSpan(cbc.Length - 16).ToArray();
        }

        private static byte[] Double(byte[] block)
        {
            byte[] result = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                int next = i < 15 ? block[i + 1] >> 7 : 0;
                result[i] = (byte)((block[i] << 1) | next);
            }

            if ((block[0] & 0x80) != 0)
            {
                result[15] ^= 0x87;
            }

            return result;
        }

        private static string Mac(string backend, int length)
        {
            var cmac = new AesCmac(AesBackends.Create(backend), Hex.Decode(Rfc4493Key));
            byte[] message = Hex.Decode(Rfc4493Message.Substring(0, 2 * length));
            byte[] mac = new byte[16];
            cmac.Compute(message, 0, message.Length, mac, 0);
            Assert.Equal(ReferenceCmac(Hex.Decode(Rfc4493Key), message), mac);
            return Hex.Encode(mac);
        }
    }
}
