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
            // U = a + b + k (k = 2^256 - p) carries out of 256 bits exactly when a + b >= p, and then its
            // low 256 bits are a + b - p; otherwise the sum is U - k. One chain for U, one that takes k off again.
            uint a7 = a[7];
            uint b7 = b[7];
            long u = (long)a[0] + b[0] + 1;
            long w0 = u & 0xFFFFFFFF;
            u = ((long)a[1] + b[1]) + (u >> 32);
            long w1 = u & 0xFFFFFFFF;
            u = ((long)a[2] + b[2]) + (u >> 32);
            long w2 = u & 0xFFFFFFFF;
            u = ((long)a[3] + b[3] - 1) + (u >> 32);
            long w3 = u & 0xFFFFFFFF;
            u = ((long)a[4] + b[4]) + (u >> 32);
            long w4 = u & 0xFFFFFFFF;
            u = ((long)a[5] + b[5]) + (u >> 32);
            long w5 = u & 0xFFFFFFFF;
            u = ((long)a[6] + b[6] - 1) + (u >> 32);
            long w6 = u & 0xFFFFFFFF;
            u = ((long)a7 + b7 + 1) + (u >> 32);
            long back = 1 - (u >> 32); // 1 when U < 2^256: the result is U - k
            long w7 = (u & 0xFFFFFFFF) - back;
            u = w0 - back;
            uint x0 = (uint)u;
            u = w1 + (u >> 32);
            uint x1 = (uint)u;
            u = w2 + (u >> 32);
            uint x2 = (uint)u;
            u = (w3 + back) + (u >> 32);
            uint x3 = (uint)u;
            u = w4 + (u >> 32);
            uint x4 = (uint)u;
            u = w5 + (u >> 32);
            uint x5 = (uint)u;
            u = (w6 + back) + (u >> 32);
            uint x6 = (uint)u;
            r[7] = (uint)(w7 + (u >> 32));
            r[0] = x0;
            r[1] = x1;
            r[2] = x2;
            r[3] = x3;
            r[4] = x4;
            r[5] = x5;
            r[6] = x6;
        }

        /// <summary>r = a - b mod p.</summary>
        internal static void Sub(uint[] r, uint[] a, uint[] b)
        {
            // U = a - b + 2^256 = (a - b + p) + k: when a - b borrows, the result is a - b + p = U - k (k =
            // 2^256 - p), otherwise the low 256 bits of U. One chain for a - b, one that takes k off (masked).
            uint a7 = a[7];
            uint b7 = b[7];
            long u = (long)a[0] - b[0];
            long w0 = u & 0xFFFFFFFF;
            u = ((long)a[1] - b[1]) + (u >> 32);
            long w1 = u & 0xFFFFFFFF;
            u = ((long)a[2] - b[2]) + (u >> 32);
            long w2 = u & 0xFFFFFFFF;
            u = ((long)a[3] - b[3]) + (u >> 32);
            long w3 = u & 0xFFFFFFFF;
            u = ((long)a[4] - b[4]) + (u >> 32);
            long w4 = u & 0xFFFFFFFF;
            u = ((long)a[5] - b[5]) + (u >> 32);
            long w5 = u & 0xFFFFFFFF;
            u = ((long)a[6] - b[6]) + (u >> 32);
            long w6 = u & 0xFFFFFFFF;
            u = ((long)a7 - b7) + (u >> 32);
            long back = -(u >> 32); // 1 when a - b borrows: the result is U - k
            long w7 = (u & 0xFFFFFFFF) - back;
            u = w0 - back;
            uint x0 = (uint)u;
            u = w1 + (u >> 32);
            uint x1 = (uint)u;
            u = w2 + (u >> 32);
            uint x2 = (uint)u;
            u = (w3 + back) + (u >> 32);
            uint x3 = (uint)u;
            u = w4 + (u >> 32);
            uint x4 = (uint)u;
            u = w5 + (u >> 32);
            uint x5 = (uint)u;
            u = (w6 + back) + (u >> 32);
            uint x6 = (uint)u;
            r[7] = (uint)(w7 + (u >> 32));
            r[0] = x0;
            r[1] = x1;
            r[2] = x2;
            r[3] = x3;
            r[4] = x4;
            r[5] = x5;
            r[6] = x6;
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
