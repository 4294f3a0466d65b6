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

            // V = R + f (2^256 - p) < 2p is the value mod p; U = V + 2^256 - p carries out exactly
            // when V >= p, and then its low 256 bits are V - p. Two independent carry chains.
            long g = f + 1;
            long v = r0 + f;
            long u = r0 + g;
            uint v0 = (uint)v;
            uint u0 = (uint)u;
            v = r1 + (v >> 32);
            u = r1 + (u >> 32);
            uint v1 = (uint)v;
            uint u1 = (uint)u;
            v = r2 + (v >> 32);
            u = r2 + (u >> 32);
            uint v2 = (uint)v;
            uint u2 = (uint)u;
            v = (r3 - f) + (v >> 32);
            u = (r3 - g) + (u >> 32);
            uint v3 = (uint)v;
            uint u3 = (uint)u;
            v = r4 + (v >> 32);
            u = r4 + (u >> 32);
            uint v4 = (uint)v;
            uint u4 = (uint)u;
            v = r5 + (v >> 32);
            u = r5 + (u >> 32);
            uint v5 = (uint)v;
            uint u5 = (uint)u;
            v = (r6 - f) + (v >> 32);
            u = (r6 - g) + (u >> 32);
            uint v6 = (uint)v;
            uint u6 = (uint)u;
            v = (r7 + f) + (v >> 32);
            u = (r7 + g) + (u >> 32);
            uint m = (uint)-(int)(u >> 32);
            r[7] = ((uint)u & m) | ((uint)v & ~m);
            r[0] = (u0 & m) | (v0 & ~m);
            r[1] = (u1 & m) | (v1 & ~m);
            r[2] = (u2 & m) | (v2 & ~m);
            r[3] = (u3 & m) | (v3 & ~m);
            r[4] = (u4 & m) | (v4 & ~m);
            r[5] = (u5 & m) | (v5 & ~m);
            r[6] = (u6 & m) | (v6 & ~m);
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

            // V = R + f (2^256 - p) < 2p is the value mod p; U = V + 2^256 - p carries out exactly
            // when V >= p, and then its low 256 bits are V - p. Two independent carry chains.
            long g = f + 1;
            long v = r0 + f;
            long u = r0 + g;
            uint v0 = (uint)v;
            uint u0 = (uint)u;
            v = r1 + (v >> 32);
            u = r1 + (u >> 32);
            uint v1 = (uint)v;
            uint u1 = (uint)u;
            v = r2 + (v >> 32);
            u = r2 + (u >> 32);
            uint v2 = (uint)v;
            uint u2 = (uint)u;
            v = (r3 - f) + (v >> 32);
            u = (r3 - g) + (u >> 32);
            uint v3 = (uint)v;
            uint u3 = (uint)u;
            v = r4 + (v >> 32);
            u = r4 + (u >> 32);
            uint v4 = (uint)v;
            uint u4 = (uint)u;
            v = r5 + (v >> 32);
            u = r5 + (u >> 32);
            uint v5 = (uint)v;
            uint u5 = (uint)u;
            v = (r6 - f) + (v >> 32);
            u = (r6 - g) + (u >> 32);
            uint v6 = (uint)v;
            uint u6 = (uint)u;
            v = (r7 + f) + (v >> 32);
            u = (r7 + g) + (u >> 32);
            uint m = (uint)-(int)(u >> 32);
            r[7] = ((uint)u & m) | ((uint)v & ~m);
            r[0] = (u0 & m) | (v0 & ~m);
            r[1] = (u1 & m) | (v1 & ~m);
            r[2] = (u2 & m) | (v2 & ~m);
            r[3] = (u3 & m) | (v3 & ~m);
            r[4] = (u4 & m) | (v4 & ~m);
            r[5] = (u5 & m) | (v5 & ~m);
            r[6] = (u6 & m) | (v6 & ~m);
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

            // V = R + f (2^256 - p) < 2p is the value mod p; U = V + 2^256 - p carries out exactly
            // when V >= p, and then its low 256 bits are V - p. Two independent carry chains.
            long g = f + 1;
            long v = r0 + f;
            long u = r0 + g;
            uint v0 = (uint)v;
            uint u0 = (uint)u;
            v = r1 + (v >> 32);
            u = r1 + (u >> 32);
            uint v1 = (uint)v;
            uint u1 = (uint)u;
            v = r2 + (v >> 32);
            u = r2 + (u >> 32);
            uint v2 = (uint)v;
            uint u2 = (uint)u;
            v = (r3 - f) + (v >> 32);
            u = (r3 - g) + (u >> 32);
            uint v3 = (uint)v;
            uint u3 = (uint)u;
            v = r4 + (v >> 32);
            u = r4 + (u >> 32);
            uint v4 = (uint)v;
            uint u4 = (uint)u;
            v = r5 + (v >> 32);
            u = r5 + (u >> 32);
            uint v5 = (uint)v;
            uint u5 = (uint)u;
            v = (r6 - f) + (v >> 32);
            u = (r6 - g) + (u >> 32);
            uint v6 = (uint)v;
            uint u6 = (uint)u;
            v = (r7 + f) + (v >> 32);
            u = (r7 + g) + (u >> 32);
            uint m = (uint)-(int)(u >> 32);
            r[7] = ((uint)u & m) | ((uint)v & ~m);
            r[0] = (u0 & m) | (v0 & ~m);
            r[1] = (u1 & m) | (v1 & ~m);
            r[2] = (u2 & m) | (v2 & ~m);
            r[3] = (u3 & m) | (v3 & ~m);
            r[4] = (u4 & m) | (v4 & ~m);
            r[5] = (u5 & m) | (v5 & ~m);
            r[6] = (u6 & m) | (v6 & ~m);
        }
    }
}
