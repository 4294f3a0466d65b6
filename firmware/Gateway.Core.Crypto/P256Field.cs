using System;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Linear operations modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (FIPS 186-4
    /// D.1.2.3) and the conversions between the 32-octet big-endian coordinates of MshPRT v1.1
    /// §5.4.3.1 and eight 32-bit limbs (least significant first). Elements are kept fully reduced
    /// in [0, p), so equality is limb equality. Outputs may alias inputs: every method reads all
    /// limbs before it writes. Carries are selected with masks, never with branches on the values.
    /// Multiplication lives in <see cref="P256FieldMultiplication"/>, scaled sums in
    /// <see cref="P256FieldCombination"/>.
    /// </summary>
    internal static class P256Field
    {
        /// <summary>Number of 32-bit limbs of a field element.</summary>
        internal const int Limbs = 8;

        /// <summary>The curve coefficient b of y^2 = x^3 - 3x + b (FIPS 186-4 D.1.2.3).</summary>
        internal static readonly uint[] B = new uint[]
        {
            0x27d2604b, 0x3bce3c3e, 0xcc53b0f6, 0x651d06b0, 0x769886bc, 0xb3ebbd55, 0xaa3a93e7, 0x5ac635d8,
        };

        /// <summary>r = a + b mod p.</summary>
        internal static void Add(uint[] r, uint[] a, uint[] b)
        {
            uint a7 = a[7];
            uint b7 = b[7];
            long s0 = (long)a[0] + b[0];
            long s1 = (long)a[1] + b[1];
            long s2 = (long)a[2] + b[2];
            long s3 = (long)a[3] + b[3];
            long s4 = (long)a[4] + b[4];
            long s5 = (long)a[5] + b[5];
            long s6 = (long)a[6] + b[6];
            long s7 = (long)a7 + b7;

            // Two independent carry chains, a + b and a + b - p; keep the second unless it is negative.
            long x = s0;
            long y = s0 - 0xFFFFFFFF;
            uint x0 = (uint)x;
            uint y0 = (uint)y;
            x = s1 + (x >> 32);
            y = (s1 - 0xFFFFFFFF) + (y >> 32);
            uint x1 = (uint)x;
            uint y1 = (uint)y;
            x = s2 + (x >> 32);
            y = (s2 - 0xFFFFFFFF) + (y >> 32);
            uint x2 = (uint)x;
            uint y2 = (uint)y;
            x = s3 + (x >> 32);
            y = s3 + (y >> 32);
            uint x3 = (uint)x;
            uint y3 = (uint)y;
            x = s4 + (x >> 32);
            y = s4 + (y >> 32);
            uint x4 = (uint)x;
            uint y4 = (uint)y;
            x = s5 + (x >> 32);
            y = s5 + (y >> 32);
            uint x5 = (uint)x;
            uint y5 = (uint)y;
            x = s6 + (x >> 32);
            y = (s6 - 1) + (y >> 32);
            uint x6 = (uint)x;
            uint y6 = (uint)y;
            x = s7 + (x >> 32);
            y = (s7 - 0xFFFFFFFF) + (y >> 32);
            uint m = (uint)(y >> 32); // all ones when a + b < p
            r[7] = ((uint)x & m) | ((uint)y & ~m);
            r[0] = (x0 & m) | (y0 & ~m);
            r[1] = (x1 & m) | (y1 & ~m);
            r[2] = (x2 & m) | (y2 & ~m);
            r[3] = (x3 & m) | (y3 & ~m);
            r[4] = (x4 & m) | (y4 & ~m);
            r[5] = (x5 & m) | (y5 & ~m);
            r[6] = (x6 & m) | (y6 & ~m);
        }

        /// <summary>r = a - b mod p.</summary>
        internal static void Sub(uint[] r, uint[] a, uint[] b)
        {
            uint a7 = a[7];
            uint b7 = b[7];
            long d0 = (long)a[0] - b[0];
            long d1 = (long)a[1] - b[1];
            long d2 = (long)a[2] - b[2];
            long d3 = (long)a[3] - b[3];
            long d4 = (long)a[4] - b[4];
            long d5 = (long)a[5] - b[5];
            long d6 = (long)a[6] - b[6];
            long d7 = (long)a7 - b7;

            // Two independent carry chains, a - b and a - b + p; keep the second when the first borrows.
            long x = d0;
            long y = d0 + 0xFFFFFFFF;
            uint x0 = (uint)x;
            uint y0 = (uint)y;
            x = d1 + (x >> 32);
            y = (d1 + 0xFFFFFFFF) + (y >> 32);
            uint x1 = (uint)x;
            uint y1 = (uint)y;
            x = d2 + (x >> 32);
            y = (d2 + 0xFFFFFFFF) + (y >> 32);
            uint x2 = (uint)x;
            uint y2 = (uint)y;
            x = d3 + (x >> 32);
            y = d3 + (y >> 32);
            uint x3 = (uint)x;
            uint y3 = (uint)y;
            x = d4 + (x >> 32);
            y = d4 + (y >> 32);
            uint x4 = (uint)x;
            uint y4 = (uint)y;
            x = d5 + (x >> 32);
            y = d5 + (y >> 32);
            uint x5 = (uint)x;
            uint y5 = (uint)y;
            x = d6 + (x >> 32);
            y = (d6 + 1) + (y >> 32);
            uint x6 = (uint)x;
            uint y6 = (uint)y;
            x = d7 + (x >> 32);
            y = (d7 + 0xFFFFFFFF) + (y >> 32);
            uint m = (uint)(x >> 32); // all ones when a - b borrows
            r[7] = ((uint)y & m) | ((uint)x & ~m);
            r[0] = (y0 & m) | (x0 & ~m);
            r[1] = (y1 & m) | (x1 & ~m);
            r[2] = (y2 & m) | (x2 & ~m);
            r[3] = (y3 & m) | (x3 & ~m);
            r[4] = (y4 & m) | (x4 & ~m);
            r[5] = (y5 & m) | (x5 & ~m);
            r[6] = (y6 & m) | (x6 & ~m);
        }

        /// <summary>r = -a mod p.</summary>
        internal static void Negate(uint[] r, uint[] a)
        {
            uint a7 = a[7];
            uint nonZero = a[0] | a[1] | a[2] | a[3] | a[4] | a[5] | a[6] | a7;

            // p - a, masked to 0 when a = 0 so the result stays in [0, p).
            uint m = (uint)-(int)((nonZero | (uint)-(int)nonZero) >> 31);
            long t = (long)0xFFFFFFFF - a[0];
            uint d0 = (uint)t;
            t = (t >> 32) + 0xFFFFFFFF - a[1];
            uint d1 = (uint)t;
            t = (t >> 32) + 0xFFFFFFFF - a[2];
            uint d2 = (uint)t;
            t = (t >> 32) - a[3];
            uint d3 = (uint)t;
            t = (t >> 32) - a[4];
            uint d4 = (uint)t;
            t = (t >> 32) - a[5];
            uint d5 = (uint)t;
            t = (t >> 32) + 1 - a[6];
            uint d6 = (uint)t;
            t = (t >> 32) + 0xFFFFFFFF - a7;
            r[7] = (uint)t & m;
            r[0] = d0 & m;
            r[1] = d1 & m;
            r[2] = d2 & m;
            r[3] = d3 & m;
            r[4] = d4 & m;
            r[5] = d5 & m;
            r[6] = d6 & m;
        }

        internal static void Copy(uint[] r, uint[] a)
        {
            Array.Copy(a, 0, r, 0, Limbs);
        }

        internal static void SetZero(uint[] r)
        {
            Array.Clear(r, 0, Limbs);
        }

        internal static bool IsZero(uint[] a)
        {
            return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5] | a[6] | a[7]) == 0;
        }

        internal static bool AreEqual(uint[] a, uint[] b)
        {
            uint diff = 0;
            for (int i = 0; i < Limbs; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }

        /// <summary>
        /// Reads a 32-octet big-endian integer (MshPRT v1.1 §5.4.3.1 coordinate encoding) into limbs
        /// and tells whether it is below p. The value is stored even when it is not.
        /// </summary>
        internal static bool TryDecode(byte[] source, int offset, uint[] r)
        {
            DecodeBigEndian(source, offset, r);

            // a < p exactly when a + (2^256 - p) does not carry out of 256 bits.
            long t = (long)r[0] + 1;
            t = (t >> 32) + r[1];
            t = (t >> 32) + r[2];
            t = (t >> 32) + r[3] - 1;
            t = (t >> 32) + r[4];
            t = (t >> 32) + r[5];
            t = (t >> 32) + r[6] - 1;
            t = (t >> 32) + r[7] + 1;
            return (t >> 32) == 0;
        }

        /// <summary>Reads 32 big-endian octets into eight limbs, least significant limb first.</summary>
        internal static void DecodeBigEndian(byte[] source, int offset, uint[] r)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int o = offset + 28 - (4 * i);
                r[i] = ((uint)source[o] << 24) | ((uint)source[o + 1] << 16) | ((uint)source[o + 2] << 8) | source[o + 3];
            }
        }

        /// <summary>Writes eight limbs as 32 big-endian octets.</summary>
        internal static void EncodeBigEndian(uint[] a, byte[] destination, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int o = offset + 28 - (4 * i);
                uint v = a[i];
                destination[o] = (byte)(v >> 24);
                destination[o + 1] = (byte)(v >> 16);
                destination[o + 2] = (byte)(v >> 8);
                destination[o + 3] = (byte)v;
            }
        }
    }
}
