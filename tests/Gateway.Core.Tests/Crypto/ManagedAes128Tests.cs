using System;
using System.Security.Cryptography;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    public class ManagedAes128Tests
    {
        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void FIPS197_AppendixB_CipherExample(string backend)
        {
            IBlockCipher aes = AesBackends.Cipher(backend, "2b7e151628aed2a6abf7158809cf4f3c");
            byte[] block = Hex.Decode("3243f6a8885a308d313198a2e0370734");
            byte[] output = new byte[16];
            aes.EncryptBlock(block, 0, output, 0);
            Assert.Equal("3925841d02dc09fbdc118597196a0b32", Hex.Encode(output));
            aes.DecryptBlock(output, 0, output, 0);
            Assert.Equal("3243f6a8885a308d313198a2e0370734", Hex.Encode(output));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void FIPS197_AppendixC1_Aes128(string backend)
        {
            IBlockCipher aes = AesBackends.Cipher(backend, "000102030405060708090a0b0c0d0e0f");
            byte[] buffer = Hex.Decode("ff00112233445566778899aabbccddeeff");

            // At an offset and in place.
            aes.EncryptBlock(buffer, 1, buffer, 1);
            Assert.Equal("ff69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Encode(buffer));
            aes.DecryptBlock(buffer, 1, buffer, 1);
            Assert.Equal("ff00112233445566778899aabbccddeeff", Hex.Encode(buffer));
        }

        [Fact]
        public void ManagedAes128_MatchesDotNetAes_OnRandomKeysAndBlocks()
        {
            var random = new Random(4711);
            var managed = new ManagedAes128();
            byte[] actual = new byte[16];
            for (int k = 0; k < 300; k++)
            {
                byte[] key = AesBackends.RandomBytes(random, 16);
                IBlockCipher cipher = managed.CreateEncryptor(key);
                using Aes reference = Aes.Create();
                reference.Key = key;
                for (int b = 0; b < 8; b++)
                {
                    byte[] block = AesBackends.RandomBytes(random, 16);
                    cipher.EncryptBlock(block, 0, actual, 0);
                    Assert.Equal(reference.EncryptEcb(block, PaddingMode.None), actual);
                    cipher.DecryptBlock(block, 0, actual, 0);
                    Assert.Equal(reference.DecryptEcb(block, PaddingMode.None), actual);
                }
            }
        }

        [Fact]
        public void ManagedAes128_KeyIsCopied()
        {
            byte[] key = Hex.Decode("000102030405060708090a0b0c0d0e0f");
            IBlockCipher cipher = new ManagedAes128().CreateEncryptor(key);
            key[0] ^= 0xff;
            byte[] block = Hex.Decode("00112233445566778899aabbccddeeff");
            cipher.EncryptBlock(block, 0, block, 0);
            Assert.Equal("69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Encode(block));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void WrongKeyLengthIsAFormatError(string backend)
        {
            IAes128 aes = AesBackends.Create(backend);
            Assert.Throws<ProtocolFormatException>(() => aes.CreateEncryptor(new byte[15]));
            Assert.Throws<ProtocolFormatException>(() => aes.CreateEncryptor(new byte[32]));
            Assert.Throws<ProtocolFormatException>(() => aes.CreateEncryptor(null));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void BlockOutsideTheBufferIsAFormatErrorNotAnIndexError(string backend)
        {
            IBlockCipher aes = AesBackends.Create(backend).CreateEncryptor(new byte[16]);
            byte[] buffer = new byte[20];
            Assert.Throws<ProtocolFormatException>(() => aes.EncryptBlock(buffer, 5, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => aes.EncryptBlock(buffer, 0, buffer, -1));
            Assert.Throws<ProtocolFormatException>(() => aes.DecryptBlock(null, 0, buffer, 0));
            Assert.Throws<ProtocolFormatException>(() => aes.DecryptBlock(buffer, 0, new byte[15], 0));
        }
    }
}
