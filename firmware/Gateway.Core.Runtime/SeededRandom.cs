using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Deterministic random source for simulation and tests (xoshiro128** seeded through
    /// SplitMix64). Not for keys on a real device: the device adapter uses the hardware RNG.
    /// The same seed gives the same sequence on every platform.
    /// </summary>
    public sealed class SeededRandom : IRandom
    {
        private uint _s0;
        private uint _s1;
        private uint _s2;
        private uint _s3;

        public SeededRandom(long seed)
        {
            ulong x = (ulong)seed;
            ulong a = SplitMix(ref x);
            ulong b = SplitMix(ref x);
            _s0 = (uint)a;
            _s1 = (uint)(a >> 32);
            _s2 = (uint)b;
            _s3 = (uint)(b >> 32);
            if ((_s0 | _s1 | _s2 | _s3) == 0)
            {
                _s0 = 1;
            }
        }

        public uint NextUInt32()
        {
            uint result = RotateLeft(_s1 * 5, 7) * 9;
            uint t = _s1 << 9;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 11);
            return result;
        }

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int i = 0;
            while (i < count)
            {
                uint v = NextUInt32();
                for (int k = 0; k < 4 && i < count; k++, i++)
                {
                    buffer[offset + i] = (byte)(v >> (8 * k));
                }
            }
        }

        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException("maxExclusive");
            }

            // Lemire's multiply-shift; the bias is below 2^-32 * maxExclusive, irrelevant for simulation.
            return (int)(((ulong)NextUInt32() * (ulong)maxExclusive) >> 32);
        }

        /// <summary>A double in [0, 1).</summary>
        public double NextDouble()
        {
            return (NextUInt32() >> 8) * (1.0 / 16777216.0);
        }

        private static uint RotateLeft(uint value, int bits)
        {
            return (value << bits) | (value >> (32 - bits));
        }

        private static ulong SplitMix(ref ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
