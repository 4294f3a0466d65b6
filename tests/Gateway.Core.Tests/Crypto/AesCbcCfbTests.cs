using System;
using System.Security.Cryptography;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    public class AesCbcCfbTests
    {
        // NIST SP 800-38A Appendix F: AES-128 key, IV and the four plaintext blocks shared by F.2 and F.3.
        private const string Key = "2b7e151628aed2a6abf7158809cf4f3c";
        private const string Iv = "000102030405060708090a0b0c0d0e0f";

        private const string Plaintext =
            "6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51" +
            "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710";

        private const string CbcCiphertext =
            "7649abac8119b246cee98e9b12e9197d" + "5086cb9b507219ee95db113a917678b2" +
            "73bed6b8e3c1743b7116e69e22229516" + "3ff1caa1681fac09120eca307586e1a7";

        private const string Cfb128Ciphertext =
            "3b3fd92eb72dad20333449f8e83cfb4a" + "c8a64537a0b3a93fcde3cdad9f1ce58b" +
            "26751f67a3cbb140b1808cf187a4f4df" + "c04b05357c5d1c0eeac4c66f9ff7f2e6";

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38A_F_2_1_CbcAes128Encrypt(string backend)
        {
            var cbc = new AesCbc(AesBackends.Cipher(backend, Key));
            byte[] output = new byte[64];
            cbc.Encrypt(Hex.Decode(Iv), 0, Hex.Decode(Plaintext), 0, 64, output, 0);
            Assert.Equal(CbcCiphertext, Hex.Encode(output));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38A_F_2_2_CbcAes128Decrypt(string backend)
        {
            var cbc = new AesCbc(AesBackends.Cipher(backend, Key));
            byte[] buffer = Hex.Decode(CbcCiphertext);
            cbc.Decrypt(Hex.Decode(Iv), 0, buffer, 0, 64, buffer, 0);
            Assert.Equal(Plaintext, Hex.Encode(buffer));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38A_F_3_13_Cfb128Aes128Encrypt(string backend)
        {
            var cfb = new AesCfb128(AesBackends.Cipher(backend, Key));
            byte[] output = new byte[64];
            cfb.Encrypt(Hex.Decode(Iv), 0, Hex.Decode(Plaintext), 0, 64, output, 0);
            Assert.Equal(Cfb128Ciphertext, Hex.Encode(output));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void SP800_38A_F_3_14_Cfb128Aes128Decrypt(string backend)
        {
            var cfb = new AesCfb128(AesBackends.Cipher(backend, Key));
            byte[] buffer = Hex.Decode(Cfb128Ciphertext);
            cfb.Decrypt(Hex.Decode(Iv), 0, buffer, 0, 64, buffer, 0);
            Assert.Equal(Plaintext, Hex.Encode(buffer));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void CbcMatchesDotNetAes_OnRandomData(string backend)
        {
            var random = new Random(99);
            IAes128 aes = AesBackends.Create(backend);
            for (int run = 0; run < 100; run++)
            {
                byte[] key = AesBackends.RandomBytes(random, 16);
                byte[] iv = AesBackends.RandomBytes(random, 16);
                byte[] plaintext = AesBackends.RandomBytes(random, 16 * random.Next(0, 12));
                using Aes reference = Aes.Create();
                reference.Key = key;
                byte[] expected = reference.EncryptCbc(plaintext, iv, PaddingMode.None);

                var cbc = new AesCbc(aes.CreateEncryptor(key));
                byte[] output = new byte[plaintext.Length + 5];
                cbc.Encrypt(iv, 0, plaintext, 0, plaintext.Length, output, 5);
                Assert.Equal(Hex.Encode(expected), Hex.Encode(output, 5, plaintext.Length));

                byte[] decrypted = new byte[plaintext.Length];
                cbc.Decrypt(iv, 0, expected, 0, expected.Length, decrypted, 0);
                Assert.Equal(plaintext, decrypted);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Cfb128MatchesDotNetAes_OnRandomDataOfAnyLength(string backend)
        {
            var random = new Random(98);
            IAes128 aes = AesBackends.Create(backend);
            for (int length = 0; length <= 100; length++)
            {
                byte[] key = AesBackends.RandomBytes(random, 16);
                byte[] iv = AesBackends.RandomBytes(random, 16);
                byte[] plaintext = AesBackends.RandomBytes(random, length);
                using Aes reference = Aes.Create();
                reference.Key = key;

                // .NET's CFB128 takes whole blocks: zero-pad, then keep the first `length` octets
                // (the leading key-stream octets of the last block, SP 800-38A §6.3).
                byte[] padded = new byte[(length + 15) / 16 * 16];
                Array.Copy(plaintext, padded, length);
                byte[] expected = reference.EncryptCfb(padded, iv, PaddingMode.None, 128).AsSpan(0, length).ToArray();

                var cfb = new AesCfb128(aes.CreateEncryptor(key));
                byte[] output = new byte[length];
                cfb.Encrypt(iv, 0, plaintext, 0, length, output, 0);
                Assert.Equal(expected, output);

                if (length % 16 == 0)
                {
                    Assert.Equal(plaintext, reference.DecryptCfb(output, iv, PaddingMode.None, 128));
                }

                cfb.Decrypt(iv, 0, output, 0, length, output, 0);
                Assert.Equal(plaintext, output);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void CbcLengthNotAMultipleOf16IsAFormatError(string backend)
        {
            var cbc = new AesCbc(AesBackends.Cipher(backend, Key));
            byte[] buffer = new byte[48];
            byte[] iv = new byte[16];
            Assert.Throws<ProtocolFormatException>(() => cbc.Encrypt(iv, 0, buffer, 0, 17, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cbc.Decrypt(iv, 0, buffer, 0, 15, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cbc.Decrypt(iv, 1, buffer, 0, 16, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cbc.Decrypt(iv, 0, buffer, 40, 16, buffer, 0));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void CfbRangesOutsideTheBuffersAreFormatErrors(string backend)
        {
            var cfb = new AesCfb128(AesBackends.Cipher(backend, Key));
            byte[] buffer = new byte[20];
            Assert.Throws<ProtocolFormatException>(() => cfb.Encrypt(new byte[15], 0, buffer, 0, 4, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cfb.Encrypt(new byte[16], 0, buffer, 10, 11, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => cfb.Decrypt(new byte[16], 0, buffer, 0, 10, buffer, 11));
            Assert.Throws<ProtocolFormatException>(() => cfb.Decrypt(new byte[16], 0, null, 0, 0, buffer, 0));
        }
    }
}
