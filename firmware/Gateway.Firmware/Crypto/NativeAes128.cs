using System;
using System.Security.Cryptography;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Crypto
{
    /// <summary>
    /// The <see cref="IAes128"/> port over nanoFramework's native AES (mbedTLS, AES-128 only, ECB
    /// and CBC, no padding: nanoframework.md §7). One <c>Aes(CipherMode.ECB)</c> per key; each
    /// block goes through a reused 16-octet input buffer. The native <c>Encrypt</c>/<c>Decrypt</c>
    /// return a new array per call, an allocation this API cannot avoid (the managed
    /// ManagedAes128 of the core allocates nothing but is slower on the interpreter).
    /// Not thread-safe, like the core's crypto objects.
    /// </summary>
    public sealed class NativeAes128 : IAes128
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
            private readonly byte[] _block = new byte[16];

            public BlockCipher(byte[] key)
            {
                byte[] copy = new byte[16];
                Array.Copy(key, 0, copy, 0, 16);
                _aes = new Aes(CipherMode.ECB);
                _aes.Key = copy;
            }

            public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                Array.Copy(input, inputOffset, _block, 0, 16);
                byte[] result = _aes.Encrypt(_block);
                Array.Copy(result, 0, output, outputOffset, 16);
            }

            public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
            {
                CheckBlock(input, inputOffset, "input");
                CheckBlock(output, outputOffset, "output");
                Array.Copy(input, inputOffset, _block, 0, 16);
                byte[] result = _aes.Decrypt(_block);
                Array.Copy(result, 0, output, outputOffset, 16);
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
