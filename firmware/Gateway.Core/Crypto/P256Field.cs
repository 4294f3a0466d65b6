using System;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Linear operations modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (FIPS 186-4
    /// D.1.2.3) and the conversions between the 32-octet big-endian coordinates of MshPRT v1.1
    /// §5.4.3.1 and eight 32-bit limbs (least significant first). Elements are kept fully reduced
    /// in [0, p), so equality is limb equality. Outputs may alias inputs: every method reads all
    /// limbs before it writes. Carries are selected with masks, never with branches on the values.
    /// Multiplication lives in <see cref="P256FieldMultiplication"/>.
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
            ulong t = (ulong)a[0] + b[0];
            uint s0 = (uint)t;
            t = (t >> 32) + a[1] + b[1];
            uint s1 = (uint)t;
            t = (t >> 32) + a[2] + b[2];
            uint s2 = (uint)t;
            t = (t >> 32) + a[3] + b[3];
            uint s3 = (uint)t;
            t = (t >> 32) + a[4] + b[4];
            uint s4 = (uint)t;
            t = (t >> 32) + a[5] + b[5];
            uint s5 = (uint)t;
            t = (t >> 32) + a[6] + b[6];
            uint s6 = (uint)t;
            t = (t >> 32) + a7 + b7;
            uint s7 = (uint)t;
            ReduceOnce(r, s0, s1, s2, s3, s4, s5, s6, s7, (uint)(t >> 32));
        }

        /// <summary>r = a - b mod p.</summary>
        internal static void Sub(uint[] r, uint[] a, uint[] b)
        {
            uint a7 = a[7];
            uint b7 = b[7];
            long t = (long)a[0] - b[0];
            uint d0 = (uint)t;
            t = (t >> 32) + a[1] - b[1];
            uint d1 = (uint)t;
            t = (t >> 32) + a[2] - b[2];
            uint d2 = (uint)t;
            t = (t >> 32) + a[3] - b[3];
            uint d3 = (uint)t;
            t = (t >> 32) + a[4] - b[4];
            uint d4 = (uint)t;
            t = (t >> 32) + a[5] - b[5];
            uint d5 = (uint)t;
            t = (t >> 32) + a[6] - b[6];
            uint d6 = (uint)t;
            t = (t >> 32) + a7 - b7;
            uint d7 = (uint)t;

            // On a borrow the difference is off by 2^256: subtracting 2^256 - p adds p back.
            long m = -(t >> 32);
            t = (long)d0 - m;
            uint e0 = (uint)t;
            t = (t >> 32) + d1;
            uint e1 = (uint)t;
            t = (t >> 32) + d2;
            uint e2 = (uint)t;
            t = (t >> 32) + d3 + m;
            uint e3 = (uint)t;
            t = (t >> 32) + d4;
            uint e4 = (uint)t;
            t = (t >> 32) + d5;
            uint e5 = (uint)t;
            t = (t >> 32) + d6 + m;
            uint e6 = (uint)t;
            t = (t >> 32) + d7 - m;
            r[7] = (uint)t;
            r[0] = e0;
            r[1] = e1;
            r[2] = e2;
            r[3] = e3;
            r[4] = e4;
            r[5] = e5;
            r[6] = e6;
        }

        /// <summary>r = k * a mod p for a small constant 0 &lt;= k &lt;= 8 (point formulas need 3, 4 and 8).</summary>
        internal static void MultiplySmall(uint[] r, uint[] a, uint k)
        {
            uint a7 = a[7];
            ulong t = (ulong)a[0] * k;
            uint s0 = (uint)t;
            t = (t >> 32) + ((ulong)a[1] * k);
            uint s1 = (uint)t;
            t = (t >> 32) + ((ulong)a[2] * k);
            uint s2 = (uint)t;
            t = (t >> 32) + ((ulong)a[3] * k);
            uint s3 = (uint)t;
            t = (t >> 32) + ((ulong)a[4] * k);
            uint s4 = (uint)t;
            t = (t >> 32) + ((ulong)a[5] * k);
            uint s5 = (uint)t;
            t = (t >> 32) + ((ulong)a[6] * k);
            uint s6 = (uint)t;
            t = (t >> 32) + ((ulong)a7 * k);
            uint s7 = (uint)t;
            long f = (long)(t >> 32);

            // Fold the carry f < 8 with 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p); the result is below
            // 2^256 + 2^227 and one more conditional subtraction of p completes the reduction.
            long u = (long)s0 + f;
            s0 = (uint)u;
            u = (u >> 32) + s1;
            s1 = (uint)u;
            u = (u >> 32) + s2;
            s2 = (uint)u;
            u = (u >> 32) + s3 - f;
            s3 = (uint)u;
            u = (u >> 32) + s4;
            s4 = (uint)u;
            u = (u >> 32) + s5;
            s5 = (uint)u;
            u = (u >> 32) + s6 - f;
            s6 = (uint)u;
            u = (u >> 32) + s7 + f;
            s7 = (uint)u;
            ReduceOnce(r, s0, s1, s2, s3, s4, s5, s6, s7, (uint)(u >> 32));
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

        /// <summary>
        /// Writes s - p when the 257-bit value carry:s is at least p, else s (the value must be below 2p).
        /// </summary>
        private static void ReduceOnce(uint[] r, uint s0, uint s1, uint s2, uint s3, uint s4, uint s5, uint s6, uint s7, uint carry)
        {
            long t = (long)s0 + 1;
            uint d0 = (uint)t;
            t = (t >> 32) + s1;
            uint d1 = (uint)t;
            t = (t >> 32) + s2;
            uint d2 = (uint)t;
            t = (t >> 32) + s3 - 1;
            uint d3 = (uint)t;
            t = (t >> 32) + s4;
            uint d4 = (uint)t;
            t = (t >> 32) + s5;
            uint d5 = (uint)t;
            t = (t >> 32) + s6 - 1;
            uint d6 = (uint)t;
            t = (t >> 32) + s7 + 1;
            uint d7 = (uint)t;
            uint m = (uint)-(int)(((uint)(t >> 32) | carry) & 1);
            r[7] = (d7 & m) | (s7 & ~m);
            r[0] = (d0 & m) | (s0 & ~m);
            r[1] = (d1 & m) | (s1 & ~m);
            r[2] = (d2 & m) | (s2 & ~m);
            r[3] = (d3 & m) | (s3 & ~m);
            r[4] = (d4 & m) | (s4 & ~m);
            r[5] = (d5 & m) | (s5 & ~m);
            r[6] = (d6 & m) | (s6 & ~m);
        }
    }
}
