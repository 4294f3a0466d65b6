using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// AES in CFB mode with a 128-bit segment (NIST SP 800-38A §6.3, CFB128), any length: a
    /// final partial block uses the leading octets of its key-stream block. Alibaba zero-config
    /// and smart-config encrypt the Wi-Fi password this way (alibaba-provisioning.md §0).
    /// Allocation-free after construction; output may be the input at the same offset.
    /// </summary>
    public sealed class AesCfb128
    {
        public const int IvLength = 16;

        private readonly IBlockCipher _cipher;
        private readonly byte[] _register = new byte[16];

        public AesCfb128(IBlockCipher cipher)
        {
            if (cipher == null)
            {
                throw new ProtocolFormatException("AES-CFB needs a block cipher");
            }

            _cipher = cipher;
        }

        public void Encrypt(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            Transform(iv, ivOffset, input, offset, count, output, outputOffset, true);
        }

        public void Decrypt(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            Transform(iv, ivOffset, input, offset, count, output, outputOffset, false);
        }

        private void Transform(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset, bool encrypt)
        {
            CryptoArguments.CheckRange(iv, ivOffset, IvLength, "CFB IV");
            CryptoArguments.CheckRange(input, offset, count, "CFB input");
            CryptoArguments.CheckRange(output, outputOffset, count, "CFB output");

            // I_1 = IV; O_j = CIPH(I_j); C_j = P_j xor O_j; I_{j+1} = C_j. The register holds
            // O_j, then becomes C_j octet by octet, which is the next input block.
            Array.Copy(iv, ivOffset, _register, 0, IvLength);
            for (int done = 0; done < count; done += 16)
            {
                int n = count - done < 16 ? count - done : 16;
                _cipher.EncryptBlock(_register, 0, _register, 0);
                for (int i = 0; i < n; i++)
                {
                    byte x = input[offset + done + i];
                    byte y = (byte)(x ^ _register[i]);
                    output[outputOffset + done + i] = y;
                    _register[i] = encrypt ? y : x;
                }
            }

            Array.Clear(_register, 0, 16);
        }
    }
}
