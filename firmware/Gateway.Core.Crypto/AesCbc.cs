using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// AES in CBC mode without padding (NIST SP 800-38A §6.2): the length must be a multiple
    /// of 16; padding is the protocol's business (Breeze pads with zeros, alibaba-provisioning.md §3.2).
    /// Allocation-free after construction; output may be the input at the same offset.
    /// </summary>
    public sealed class AesCbc
    {
        public const int IvLength = 16;
        public const int BlockLength = 16;

        private readonly IBlockCipher _cipher;
        private readonly byte[] _chain = new byte[16];
        private readonly byte[] _saved = new byte[16];

        public AesCbc(IBlockCipher cipher)
        {
            if (cipher == null)
            {
                throw new ProtocolFormatException("AES-CBC needs a block cipher");
            }

            _cipher = cipher;
        }

        public void Encrypt(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            CheckArguments(iv, ivOffset, input, offset, count, output, outputOffset);

            // C_j = CIPH(P_j xor C_{j−1}), C_0 = IV.
            Array.Copy(iv, ivOffset, _chain, 0, IvLength);
            for (int done = 0; done < count; done += BlockLength)
            {
                for (int i = 0; i < BlockLength; i++)
                {
                    _chain[i] ^= input[offset + done + i];
                }

                _cipher.EncryptBlock(_chain, 0, _chain, 0);
                Array.Copy(_chain, 0, output, outputOffset + done, BlockLength);
            }

            Array.Clear(_chain, 0, 16);
        }

        public void Decrypt(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            CheckArguments(iv, ivOffset, input, offset, count, output, outputOffset);

            // P_j = CIPH⁻¹(C_j) xor C_{j−1}. C_j is saved first because in place it is overwritten.
            Array.Copy(iv, ivOffset, _chain, 0, IvLength);
            for (int done = 0; done < count; done += BlockLength)
            {
                Array.Copy(input, offset + done, _saved, 0, BlockLength);
                _cipher.DecryptBlock(_saved, 0, output, outputOffset + done);
                for (int i = 0; i < BlockLength; i++)
                {
                    output[outputOffset + done + i] ^= _chain[i];
                }

                Array.Copy(_saved, 0, _chain, 0, BlockLength);
            }

            Array.Clear(_chain, 0, 16);
            Array.Clear(_saved, 0, 16);
        }

        private static void CheckArguments(byte[] iv, int ivOffset, byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            CryptoArguments.CheckRange(iv, ivOffset, IvLength, "CBC IV");
            CryptoArguments.CheckRange(input, offset, count, "CBC input");
            CryptoArguments.CheckRange(output, outputOffset, count, "CBC output");
            if ((count % BlockLength) != 0)
            {
                throw new ProtocolFormatException("CBC input of " + count + " octets is not a multiple of 16");
            }
        }
    }
}
