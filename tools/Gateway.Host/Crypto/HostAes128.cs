using System;
using System.Security.Cryptography;
using Gateway.Core.Runtime;

namespace Gateway.Host.Crypto
{
    /// <summary>
    /// The <see cref="IAes128"/> port on .NET: one <see cref="Aes"/> instance per key, used through
    /// the Span-based one-shot ECB calls (the native cipher of the OS: OpenSSL, CNG or CommonCrypto).
    /// </summary>
    public sealed class HostAes128 : IAes128
    {
        public IBlockCipher CreateEncryptor(byte[] key)
        {
            if (key == null || key.Length != 16)
            {
                throw new ProtocolFormatException("AES-128 key must be 16 octets");
            }

            return new BlockCipher(key);
        }

        private sealed class BlockCipher : IBlockCipher
        {
            private readonly Aes _aes;

            public BlockCipher(byte[] key)
            {
                _aes = Aes.Create();
                _aes.Key = key;
            }

            public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                _aes.EncryptEcb(new ReadOnlySpan<byte>(input, inputOffset, 16), new Span<byte>(output, outputOffset, 16), PaddingMode.None);
            }

            public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                _aes.DecryptEcb(new ReadOnlySpan<byte>(input, inputOffset, 16), new Span<byte>(output, outputOffset, 16), PaddingMode.None);
            }

            private static void CheckBlock(byte[] buffer, int offset, string name)
            {
                if (buffer == null || offset < 0 || offset > buffer.Length - 16)
                {
                    throw new ProtocolFormatException("AES " + name + " block does not fit at offset " + offset);
                }
            }
        }
    }
}
