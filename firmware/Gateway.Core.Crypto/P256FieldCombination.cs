namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Small linear combinations modulo the P-256 prime with a single reduction each, so that the
    /// point formulas (which need 3(x + d), 4b, a^2 - 8b, t - 8g^2, and the like) pay for one
    /// carry pass instead of two or three. Each method sums the limbs word by word, propagates the
    /// carries into R + f 2^256 with a small f >= 0, then folds f with 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p)
    /// as the multiplication's reduction does. Outputs may alias inputs; no branch on values.
    /// </summary>
    internal static class P256FieldCombination
    {
        /// <summary>r = k a mod p for 0 &lt;= k &lt;= 8: k a &lt; 8p, so f &lt;= 7.</summary>
        internal static void MultiplySmall(uint[] r, uint[] a, long k)
        {
            uint a7 = a[7];
            long t = a[0] * k;
            long r0 = t & 0xFFFFFFFF;
            t = (a[1] * k) + (t >> 32);
            long r1 = t & 0xFFFFFFFF;
            t = (a[2] * k) + (t >> 32);
            long r2 = t & 0xFFFFFFFF;
            t = (a[3] * k) + (t >> 32);
            long r3 = t & 0xFFFFFFFF;
            t = (a[4] * k) + (t >> 32);
            long r4 = t & 0xFFFFFFFF;
            t = (a[5] * k) + (t >> 32);
            long r5 = t & 0xFFFFFFFF;
            t = (a[6] * k) + (t >> 32);
            long r6 = t & 0xFFFFFFFF;
            t = (a7 * k) + (t >> 32);
            long r7 = t & 0xFFFFFFFF;
            long f = t >> 32;

            // V = R + f k (k = 2^256 - p = 2^224 - 2^192 - 2^96 + 1) is the value mod p and V < 2p.
            // U = V + k carries out of 256 bits exactly when V >= p, and then its low 256 bits are
            // V - p; otherwise V = U - k. One carry chain for U, one that takes k off again (masked).
            long g = f + 1;
            long u = r0 + g;
            long w0 = u & 0xFFFFFFFF;
            u = r1 + (u >> 32);
            long w1 = u & 0xFFFFFFFF;
            u = r2 + (u >> 32);
            long w2 = u & 0xFFFFFFFF;
            u = (r3 - g) + (u >> 32);
            long w3 = u & 0xFFFFFFFF;
            u = r4 + (u >> 32);
            long w4 = u & 0xFFFFFFFF;
            u = r5 + (u >> 32);
            long w5 = u & 0xFFFFFFFF;
            u = (r6 - g) + (u >> 32);
            long w6 = u & 0xFFFFFFFF;
            u = (r7 + g) + (u >> 32);
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

        /// <summary>r = k (a + b) mod p for 0 &lt;= k &lt;= 8: k (a + b) &lt; 16p, so f &lt;= 15.</summary>
        internal static void MultiplySum(uint[] r, uint[] a, uint[] b, long k)
        {
            uint a7 = a[7];
            uint b7 = b[7];
            long t = (((long)a[0] + b[0]) * k);
            long r0 = t & 0xFFFFFFFF;
            t = ((((long)a[1] + b[1]) * k)) + (t >> 32);
            long r1 = t & 0xFFFFFFFF;
            t = ((((long)a[2] + b[2]) * k)) + (t >> 32);
            long r2 = t & 0xFFFFFFFF;
            t = ((((long)a[3] + b[3]) * k)) + (t >> 32);
            long r3 = t & 0xFFFFFFFF;
            t = ((((long)a[4] + b[4]) * k)) + (t >> 32);
            long r4 = t & 0xFFFFFFFF;
            t = ((((long)a[5] + b[5]) * k)) + (t >> 32);
            long r5 = t & 0xFFFFFFFF;
            t = ((((long)a[6] + b[6]) * k)) + (t >> 32);
            long r6 = t & 0xFFFFFFFF;
            t = ((((long)a7 + b7) * k)) + (t >> 32);
            long r7 = t & 0xFFFFFFFF;
            long f = t >> 32;

            // V = R + f k (k = 2^256 - p = 2^224 - 2^192 - 2^96 + 1) is the value mod p and V < 2p.
            // U = V + k carries out of 256 bits exactly when V >= p, and then its low 256 bits are
            // V - p; otherwise V = U - k. One carry chain for U, one that takes k off again (masked).
            long g = f + 1;
            long u = r0 + g;
            long w0 = u & 0xFFFFFFFF;
            u = r1 + (u >> 32);
            long w1 = u & 0xFFFFFFFF;
            u = r2 + (u >> 32);
            long w2 = u & 0xFFFFFFFF;
            u = (r3 - g) + (u >> 32);
            long w3 = u & 0xFFFFFFFF;
            u = r4 + (u >> 32);
            long w4 = u & 0xFFFFFFFF;
            u = r5 + (u >> 32);
            long w5 = u & 0xFFFFFFFF;
            u = (r6 - g) + (u >> 32);
            long w6 = u & 0xFFFFFFFF;
            u = (r7 + g) + (u >> 32);
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

        /// <summary>
        /// r = a - b - k c mod p for 0 &lt;= k &lt;= 8. The value is above -9p; adding 10p (as -10, +10,
        /// +10, -10 at words 0, 3, 6, 7 and 10 carried out) makes it non-negative with f &lt;= 10.
        /// </summary>
        internal static void SubtractScaled(uint[] r, uint[] a, uint[] b, uint[] c, long k)
        {
            uint a7 = a[7];
            uint b7 = b[7];
            uint c7 = c[7];
            long t = (long)a[0] - b[0] - (c[0] * k) - 10;
            long r0 = t & 0xFFFFFFFF;
            t = ((long)a[1] - b[1] - (c[1] * k)) + (t >> 32);
            long r1 = t & 0xFFFFFFFF;
            t = ((long)a[2] - b[2] - (c[2] * k)) + (t >> 32);
            long r2 = t & 0xFFFFFFFF;
            t = ((long)a[3] - b[3] - (c[3] * k) + 10) + (t >> 32);
            long r3 = t & 0xFFFFFFFF;
            t = ((long)a[4] - b[4] - (c[4] * k)) + (t >> 32);
            long r4 = t & 0xFFFFFFFF;
            t = ((long)a[5] - b[5] - (c[5] * k)) + (t >> 32);
            long r5 = t & 0xFFFFFFFF;
            t = ((long)a[6] - b[6] - (c[6] * k) + 10) + (t >> 32);
            long r6 = t & 0xFFFFFFFF;
            t = ((long)a7 - b7 - (c7 * k) - 10) + (t >> 32);
            long r7 = t & 0xFFFFFFFF;
            long f = (t >> 32) + 10;

            // V = R + f k (k = 2^256 - p = 2^224 - 2^192 - 2^96 + 1) is the value mod p and V < 2p.
            // U = V + k carries out of 256 bits exactly when V >= p, and then its low 256 bits are
            // V - p; otherwise V = U - k. One carry chain for U, one that takes k off again (masked).
            long g = f + 1;
            long u = r0 + g;
            long w0 = u & 0xFFFFFFFF;
            u = r1 + (u >> 32);
            long w1 = u & 0xFFFFFFFF;
            u = r2 + (u >> 32);
            long w2 = u & 0xFFFFFFFF;
            u = (r3 - g) + (u >> 32);
            long w3 = u & 0xFFFFFFFF;
            u = r4 + (u >> 32);
            long w4 = u & 0xFFFFFFFF;
            u = r5 + (u >> 32);
            long w5 = u & 0xFFFFFFFF;
            u = (r6 - g) + (u >> 32);
            long w6 = u & 0xFFFFFFFF;
            u = (r7 + g) + (u >> 32);
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
    }
}
