using System.Security.Cryptography;
using Gateway.Core.Runtime;

namespace Gateway.Host.Crypto
{
    /// <summary>
    /// The <see cref="IAes128"/> port on .NET: one <see cref="Aes"/> instance per key (the native
    /// cipher of the OS: OpenSSL, CNG or CommonCrypto) with a reusable ECB encryptor and decryptor.
    /// <c>ICryptoTransform.TransformBlock</c> on caller arrays allocates nothing per block, while
    /// the Span-based one-shot <c>Aes.EncryptEcb</c> allocated 64 bytes per call on .NET 10 when
    /// this adapter was written (AllocationTests holds the 0). Not thread-safe, like the core's
    /// crypto objects.
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
            private readonly ICryptoTransform _encryptor;
            private readonly ICryptoTransform _decryptor;

            public BlockCipher(byte[] key)
            {
                _aes = Aes.Create();
                _aes.Key = key;
                _aes.Mode = CipherMode.ECB;
                _aes.Padding = PaddingMode.None;
                _encryptor = _aes.CreateEncryptor();
                _decryptor = _aes.CreateDecryptor();
            }

            public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                _encryptor.TransformBlock(input, inputOffset, 16, output, outputOffset);
            }

            public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                _decryptor.TransformBlock(input, inputOffset, 16, output, outputOffset);
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
