using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 §6.2), incremental (<see cref="Reset"/>, <see cref="Update"/>,
    /// <see cref="Finish"/>) and one-shot. nanoFramework has no native SHA-256, and the mesh
    /// (s2, k5) and Alibaba key derivations (SHA-256(secret ‖ "," ‖ random)) need it.
    /// Allocation-free after construction; an instance is not thread-safe.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashLength = 32;
        public const int BlockLength = 64;

        // FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] RoundConstants =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _buffer = new byte[BlockLength];
        private int _buffered;
        private long _length;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new hash (FIPS 180-4 §5.3.3 initial hash value).</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            Array.Clear(_buffer, 0, BlockLength);
            _buffered = 0;
            _length = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            CryptoArguments.CheckRange(data, offset, count, "SHA-256 input");
            _length += count;
            if (_buffered > 0)
            {
                int n = BlockLength - _buffered;
                if (n > count)
                {
                    n = count;
                }

                Array.Copy(data, offset, _buffer, _buffered, n);
                _buffered += n;
                offset += n;
                count -= n;
                if (_buffered < BlockLength)
                {
                    return;
                }

                Compress(_buffer, 0);
                _buffered = 0;
            }

            while (count >= BlockLength)
            {
                Compress(data, offset);
                offset += BlockLength;
                count -= BlockLength;
            }

            if (count > 0)
            {
                Array.Copy(data, offset, _buffer, 0, count);
                _buffered = count;
            }
        }

        /// <summary>Writes the 32-octet digest and starts over (as <see cref="Reset"/>).</summary>
        public void Finish(byte[] hash, int hashOffset)
        {
            CryptoArguments.CheckRange(hash, hashOffset, HashLength, "SHA-256 output");

            // FIPS 180-4 §5.1.1: a 1 bit, zeros to 56 mod 64 octets, then the length in bits (64-bit BE).
            long bitLength = _length * 8;
            _buffer[_buffered] = 0x80;
            _buffered++;
            if (_buffered > 56)
            {
                Array.Clear(_buffer, _buffered, BlockLength - _buffered);
                Compress(_buffer, 0);
                _buffered = 0;
            }

            Array.Clear(_buffer, _buffered, 56 - _buffered);
            for (int i = 0; i < 8; i++)
            {
                _buffer[63 - i] = (byte)(bitLength >> (8 * i));
            }

            Compress(_buffer, 0);
            for (int i = 0; i < 8; i++)
            {
                uint word = _state[i];
                hash[hashOffset + (4 * i)] = (byte)(word >> 24);
                hash[hashOffset + (4 * i) + 1] = (byte)(word >> 16);
                hash[hashOffset + (4 * i) + 2] = (byte)(word >> 8);
                hash[hashOffset + (4 * i) + 3] = (byte)word;
            }

            Reset();
        }

        /// <summary>One-shot digest of <paramref name="count"/> octets into 32 octets at <paramref name="hashOffset"/>.</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] hash, int hashOffset)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, count);
            sha.Finish(hash, hashOffset);
        }

        /// <summary>Convenience one-shot that allocates the digest.</summary>
        public static byte[] Hash(byte[] data)
        {
            byte[] hash = new byte[HashLength];
            Hash(data, 0, data == null ? 0 : data.Length, hash, 0);
            return hash;
        }

        /// <summary>Makes this instance continue exactly where <paramref name="other"/> is (HMAC's precomputed pads).</summary>
        internal void CopyStateFrom(Sha256 other)
        {
            Array.Copy(other._state, _state, 8);
            Array.Copy(other._buffer, _buffer, BlockLength);
            _buffered = other._buffered;
            _length = other._length;
        }

        /// <summary>Wipes the state, which after a keyed HMAC pad is key-equivalent.</summary>
        internal void Clear()
        {
            Array.Clear(_state, 0, 8);
            Array.Clear(_buffer, 0, BlockLength);
            _buffered = 0;
            _length = 0;
        }

        private void Compress(byte[] block, int offset)
        {
            // FIPS 180-4 §6.2.2.
            uint[] w = _schedule;
            for (int t = 0; t < 16; t++)
            {
                int i = offset + (4 * t);
                w[t] = ((uint)block[i] << 24) | ((uint)block[i + 1] << 16) | ((uint)block[i + 2] << 8) | block[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint sigma0 = Ror(x, 7) ^ Ror(x, 18) ^ (x >> 3);
                uint sigma1 = Ror(y, 17) ^ Ror(y, 19) ^ (y >> 10);
                w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            uint f = _state[5];
            uint g = _state[6];
            uint h = _state[7];
            uint[] k = RoundConstants;
            for (int t = 0; t < 64; t++)
            {
                uint t1 = h + (Ror(e, 6) ^ Ror(e, 11) ^ Ror(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t];
                uint t2 = (Ror(a, 2) ^ Ror(a, 13) ^ Ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }

        private static uint Ror(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
