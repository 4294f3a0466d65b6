using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// One expanded AES-128 key of <see cref="ManagedAes128"/>: the 44-word schedule of FIPS-197
    /// §5.2 for the cipher and the equivalent-inverse-cipher schedule of §5.3.5 for decryption,
    /// made on the first decryption only (CMAC, CCM and the mesh key derivations never decrypt).
    /// The crypto toolbox re-keys one instance with <see cref="SetKey"/> instead of allocating a
    /// cipher per derived key.
    /// </summary>
    internal sealed class ManagedAesBlockCipher : IBlockCipher
    {
        private const int Rounds = 10;

        private readonly uint[] _encryptionKeys = new uint[4 * (Rounds + 1)];
        private uint[] _decryptionKeys;
        private bool _decryptionReady;
        private readonly byte[] _sbox;
        private readonly byte[] _inverseSbox;
        private readonly uint[] _te;
        private readonly uint[] _td;

        public ManagedAesBlockCipher(byte[] key, byte[] sbox, byte[] inverseSbox, uint[] te, uint[] td)
        {
            _sbox = sbox;
            _inverseSbox = inverseSbox;
            _te = te;
            _td = td;
            ExpandKey(key, 0);
        }

        /// <summary>Replaces the key with the 16 octets at <paramref name="key"/>[<paramref name="offset"/>]; allocates nothing.</summary>
        internal void SetKey(byte[] key, int offset)
        {
            CryptoArguments.CheckRange(key, offset, 16, "AES key");
            ExpandKey(key, offset);
        }

        /// <summary>Overwrites the key schedules (the key is gone until <see cref="SetKey"/>).</summary>
        internal void Clear()
        {
            Array.Clear(_encryptionKeys, 0, _encryptionKeys.Length);
            if (_decryptionKeys != null)
            {
                Array.Clear(_decryptionKeys, 0, _decryptionKeys.Length);
            }

            _decryptionReady = false;
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            CryptoArguments.CheckRange(input, inputOffset, 16, "AES input block");
            CryptoArguments.CheckRange(output, outputOffset, 16, "AES output block");
            uint[] rk = _encryptionKeys;
            uint[] te = _te;
            uint s0 = ReadWord(input, inputOffset) ^ rk[0];
            uint s1 = ReadWord(input, inputOffset + 4) ^ rk[1];
            uint s2 = ReadWord(input, inputOffset + 8) ^ rk[2];
            uint s3 = ReadWord(input, inputOffset + 12) ^ rk[3];

            // Rounds 1..9: SubBytes, ShiftRows and MixColumns via the Te table, rotated per row.
            int k = 4;
            for (int round = 1; round < Rounds; round++)
            {
                uint t0 = te[s0 >> 24] ^ Ror8(te[(s1 >> 16) & 0xff]) ^ Ror16(te[(s2 >> 8) & 0xff]) ^ Ror24(te[s3 & 0xff]) ^ rk[k];
                uint t1 = te[s1 >> 24] ^ Ror8(te[(s2 >> 16) & 0xff]) ^ Ror16(te[(s3 >> 8) & 0xff]) ^ Ror24(te[s0 & 0xff]) ^ rk[k + 1];
                uint t2 = te[s2 >> 24] ^ Ror8(te[(s3 >> 16) & 0xff]) ^ Ror16(te[(s0 >> 8) & 0xff]) ^ Ror24(te[s1 & 0xff]) ^ rk[k + 2];
                uint t3 = te[s3 >> 24] ^ Ror8(te[(s0 >> 16) & 0xff]) ^ Ror16(te[(s1 >> 8) & 0xff]) ^ Ror24(te[s2 & 0xff]) ^ rk[k + 3];
                s0 = t0;
                s1 = t1;
                s2 = t2;
                s3 = t3;
                k += 4;
            }

            // The final round has no MixColumns (FIPS-197 §5.1).
            byte[] sb = _sbox;
            WriteWord(Substitute(sb, s0, s1, s2, s3) ^ rk[k], output, outputOffset);
            WriteWord(Substitute(sb, s1, s2, s3, s0) ^ rk[k + 1], output, outputOffset + 4);
            WriteWord(Substitute(sb, s2, s3, s0, s1) ^ rk[k + 2], output, outputOffset + 8);
            WriteWord(Substitute(sb, s3, s0, s1, s2) ^ rk[k + 3], output, outputOffset + 12);
        }

        public void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            CryptoArguments.CheckRange(input, inputOffset, 16, "AES input block");
            CryptoArguments.CheckRange(output, outputOffset, 16, "AES output block");
            if (!_decryptionReady)
            {
                ExpandDecryptionKey();
            }

            uint[] rk = _decryptionKeys;
            uint[] td = _td;
            uint s0 = ReadWord(input, inputOffset) ^ rk[0];
            uint s1 = ReadWord(input, inputOffset + 4) ^ rk[1];
            uint s2 = ReadWord(input, inputOffset + 8) ^ rk[2];
            uint s3 = ReadWord(input, inputOffset + 12) ^ rk[3];

            // Equivalent inverse cipher (FIPS-197 §5.3.5): InvShiftRows takes columns right to left.
            int k = 4;
            for (int round = 1; round < Rounds; round++)
            {
                uint t0 = td[s0 >> 24] ^ Ror8(td[(s3 >> 16) & 0xff]) ^ Ror16(td[(s2 >> 8) & 0xff]) ^ Ror24(td[s1 & 0xff]) ^ rk[k];
                uint t1 = td[s1 >> 24] ^ Ror8(td[(s0 >> 16) & 0xff]) ^ Ror16(td[(s3 >> 8) & 0xff]) ^ Ror24(td[s2 & 0xff]) ^ rk[k + 1];
                uint t2 = td[s2 >> 24] ^ Ror8(td[(s1 >> 16) & 0xff]) ^ Ror16(td[(s0 >> 8) & 0xff]) ^ Ror24(td[s3 & 0xff]) ^ rk[k + 2];
                uint t3 = td[s3 >> 24] ^ Ror8(td[(s2 >> 16) & 0xff]) ^ Ror16(td[(s1 >> 8) & 0xff]) ^ Ror24(td[s0 & 0xff]) ^ rk[k + 3];
                s0 = t0;
                s1 = t1;
                s2 = t2;
                s3 = t3;
                k += 4;
            }

            byte[] isb = _inverseSbox;
            WriteWord(Substitute(isb, s0, s3, s2, s1) ^ rk[k], output, outputOffset);
            WriteWord(Substitute(isb, s1, s0, s3, s2) ^ rk[k + 1], output, outputOffset + 4);
            WriteWord(Substitute(isb, s2, s1, s0, s3) ^ rk[k + 2], output, outputOffset + 8);
            WriteWord(Substitute(isb, s3, s2, s1, s0) ^ rk[k + 3], output, outputOffset + 12);
        }

        private void ExpandKey(byte[] key, int offset)
        {
            // KeyExpansion, FIPS-197 §5.2 (Nk = 4).
            uint[] w = _encryptionKeys;
            for (int i = 0; i < 4; i++)
            {
                w[i] = ReadWord(key, offset + (4 * i));
            }

            uint rcon = 0x01;
            for (int i = 4; i < w.Length; i++)
            {
                uint temp = w[i - 1];
                if ((i & 3) == 0)
                {
                    // SubWord(RotWord(temp)) xor Rcon[i/4].
                    temp = Substitute(_sbox, temp << 8 | temp >> 24) ^ (rcon << 24);
                    rcon = (rcon << 1) ^ ((rcon & 0x80) != 0 ? 0x11bu : 0u);
                }

                w[i] = w[i - 4] ^ temp;
            }

            _decryptionReady = false;
        }

        private void ExpandDecryptionKey()
        {
            if (_decryptionKeys == null)
            {
                _decryptionKeys = new uint[4 * (Rounds + 1)];
            }

            uint[] w = _encryptionKeys;

            // Decryption schedule: round keys in reverse order, InvMixColumns applied to rounds 1..9.
            // Td[S[b]] is InvMixColumns of the column (b, 0, 0, 0), so four lookups undo one word.
            uint[] dk = _decryptionKeys;
            for (int round = 0; round <= Rounds; round++)
            {
                for (int j = 0; j < 4; j++)
                {
                    uint word = w[(4 * (Rounds - round)) + j];
                    if (round != 0 && round != Rounds)
                    {
                        word = _td[_sbox[word >> 24]] ^ Ror8(_td[_sbox[(word >> 16) & 0xff]])
                            ^ Ror16(_td[_sbox[(word >> 8) & 0xff]]) ^ Ror24(_td[_sbox[word & 0xff]]);
                    }

                    dk[(4 * round) + j] = word;
                }
            }

            _decryptionReady = true;
        }

        private static uint Substitute(byte[] box, uint a, uint b, uint c, uint d)
        {
            return ((uint)box[a >> 24] << 24) | ((uint)box[(b >> 16) & 0xff] << 16)
                | ((uint)box[(c >> 8) & 0xff] << 8) | box[d & 0xff];
        }

        private static uint Substitute(byte[] box, uint word)
        {
            return Substitute(box, word, word, word, word);
        }

        private static uint Ror8(uint x)
        {
            return (x >> 8) | (x << 24);
        }

        private static uint Ror16(uint x)
        {
            return (x >> 16) | (x << 16);
        }

        private static uint Ror24(uint x)
        {
            return (x >> 24) | (x << 8);
        }

        private static uint ReadWord(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16)
                | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        private static void WriteWord(uint word, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(word >> 24);
            buffer[offset + 1] = (byte)(word >> 16);
            buffer[offset + 2] = (byte)(word >> 8);
            buffer[offset + 3] = (byte)word;
        }
    }
}
