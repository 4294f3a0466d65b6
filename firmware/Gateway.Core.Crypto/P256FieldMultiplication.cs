namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Multiplication and squaring modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1
    /// (FIPS 186-4 D.1.2.3, the curve of the Mesh provisioning ECDH, MshPRT v1.1 §5.4.3.1).
    /// Field elements are eight 32-bit limbs, least significant first, fully reduced into [0, p);
    /// inputs and outputs may be the same array. The bodies are unrolled into locals on purpose:
    /// on the device the interpreter pays for every array access and loop test, and on the host
    /// the JIT keeps the limbs in registers. There is no branch on the values.
    /// </summary>
    internal static class P256FieldMultiplication
    {
        /// <summary>r = a * b mod p.</summary>
        internal static void Multiply(uint[] r, uint[] a, uint[] b)
        {
            ulong a7 = a[7];
            uint b7 = b[7];
            ulong a0 = a[0]; ulong a1 = a[1]; ulong a2 = a[2]; ulong a3 = a[3]; ulong a4 = a[4]; ulong a5 = a[5]; ulong a6 = a[6];
            uint b0 = b[0]; uint b1 = b[1]; uint b2 = b[2]; uint b3 = b[3]; uint b4 = b[4]; uint b5 = b[5]; uint b6 = b[6];

            // b in 16-bit halves: every product a_i b_j is below 2^48, so a column sums up to eight of
            // them with no carry split (one multiply-add each); the halves meet once per column.
            ulong l0 = b0 & 0xFFFF; ulong l1 = b1 & 0xFFFF; ulong l2 = b2 & 0xFFFF; ulong l3 = b3 & 0xFFFF;
            ulong l4 = b4 & 0xFFFF; ulong l5 = b5 & 0xFFFF; ulong l6 = b6 & 0xFFFF; ulong l7 = b7 & 0xFFFF;
            ulong h0 = b0 >> 16; ulong h1 = b1 >> 16; ulong h2 = b2 >> 16; ulong h3 = b3 >> 16;
            ulong h4 = b4 >> 16; ulong h5 = b5 >> 16; ulong h6 = b6 >> 16; ulong h7 = b7 >> 16;

            ulong s0 = a0 * l0;
            ulong t0 = a0 * h0;
            ulong s1 = a0 * l1 + a1 * l0;
            ulong t1 = a0 * h1 + a1 * h0;
            ulong s2 = a0 * l2 + a1 * l1 + a2 * l0;
            ulong t2 = a0 * h2 + a1 * h1 + a2 * h0;
            ulong s3 = a0 * l3 + a1 * l2 + a2 * l1 + a3 * l0;
            ulong t3 = a0 * h3 + a1 * h2 + a2 * h1 + a3 * h0;
            ulong s4 = a0 * l4 + a1 * l3 + a2 * l2 + a3 * l1 + a4 * l0;
            ulong t4 = a0 * h4 + a1 * h3 + a2 * h2 + a3 * h1 + a4 * h0;
            ulong s5 = a0 * l5 + a1 * l4 + a2 * l3 + a3 * l2 + a4 * l1 + a5 * l0;
            ulong t5 = a0 * h5 + a1 * h4 + a2 * h3 + a3 * h2 + a4 * h1 + a5 * h0;
            ulong s6 = a0 * l6 + a1 * l5 + a2 * l4 + a3 * l3 + a4 * l2 + a5 * l1 + a6 * l0;
            ulong t6 = a0 * h6 + a1 * h5 + a2 * h4 + a3 * h3 + a4 * h2 + a5 * h1 + a6 * h0;
            ulong s7 = a0 * l7 + a1 * l6 + a2 * l5 + a3 * l4 + a4 * l3 + a5 * l2 + a6 * l1 + a7 * l0;
            ulong t7 = a0 * h7 + a1 * h6 + a2 * h5 + a3 * h4 + a4 * h3 + a5 * h2 + a6 * h1 + a7 * h0;
            ulong s8 = a1 * l7 + a2 * l6 + a3 * l5 + a4 * l4 + a5 * l3 + a6 * l2 + a7 * l1;
            ulong t8 = a1 * h7 + a2 * h6 + a3 * h5 + a4 * h4 + a5 * h3 + a6 * h2 + a7 * h1;
            ulong s9 = a2 * l7 + a3 * l6 + a4 * l5 + a5 * l4 + a6 * l3 + a7 * l2;
            ulong t9 = a2 * h7 + a3 * h6 + a4 * h5 + a5 * h4 + a6 * h3 + a7 * h2;
            ulong s10 = a3 * l7 + a4 * l6 + a5 * l5 + a6 * l4 + a7 * l3;
            ulong t10 = a3 * h7 + a4 * h6 + a5 * h5 + a6 * h4 + a7 * h3;
            ulong s11 = a4 * l7 + a5 * l6 + a6 * l5 + a7 * l4;
            ulong t11 = a4 * h7 + a5 * h6 + a6 * h5 + a7 * h4;
            ulong s12 = a5 * l7 + a6 * l6 + a7 * l5;
            ulong t12 = a5 * h7 + a6 * h6 + a7 * h5;
            ulong s13 = a6 * l7 + a7 * l6;
            ulong t13 = a6 * h7 + a7 * h6;
            ulong s14 = a7 * l7;
            ulong t14 = a7 * h7;

            // Word k of the product: s_k + 2^16 t_k + the part of t_{k-1} above its low 16 bits, plus the carry.
            ulong acc = s0 + ((t0 & 0xFFFF) << 16);
            long c0 = (long)(acc & 0xFFFFFFFF);
            acc = s1 + ((t1 & 0xFFFF) << 16) + (t0 >> 16) + (acc >> 32);
            long c1 = (long)(acc & 0xFFFFFFFF);
            acc = s2 + ((t2 & 0xFFFF) << 16) + (t1 >> 16) + (acc >> 32);
            long c2 = (long)(acc & 0xFFFFFFFF);
            acc = s3 + ((t3 & 0xFFFF) << 16) + (t2 >> 16) + (acc >> 32);
            long c3 = (long)(acc & 0xFFFFFFFF);
            acc = s4 + ((t4 & 0xFFFF) << 16) + (t3 >> 16) + (acc >> 32);
            long c4 = (long)(acc & 0xFFFFFFFF);
            acc = s5 + ((t5 & 0xFFFF) << 16) + (t4 >> 16) + (acc >> 32);
            long c5 = (long)(acc & 0xFFFFFFFF);
            acc = s6 + ((t6 & 0xFFFF) << 16) + (t5 >> 16) + (acc >> 32);
            long c6 = (long)(acc & 0xFFFFFFFF);
            acc = s7 + ((t7 & 0xFFFF) << 16) + (t6 >> 16) + (acc >> 32);
            long c7 = (long)(acc & 0xFFFFFFFF);
            acc = s8 + ((t8 & 0xFFFF) << 16) + (t7 >> 16) + (acc >> 32);
            long c8 = (long)(acc & 0xFFFFFFFF);
            acc = s9 + ((t9 & 0xFFFF) << 16) + (t8 >> 16) + (acc >> 32);
            long c9 = (long)(acc & 0xFFFFFFFF);
            acc = s10 + ((t10 & 0xFFFF) << 16) + (t9 >> 16) + (acc >> 32);
            long c10 = (long)(acc & 0xFFFFFFFF);
            acc = s11 + ((t11 & 0xFFFF) << 16) + (t10 >> 16) + (acc >> 32);
            long c11 = (long)(acc & 0xFFFFFFFF);
            acc = s12 + ((t12 & 0xFFFF) << 16) + (t11 >> 16) + (acc >> 32);
            long c12 = (long)(acc & 0xFFFFFFFF);
            acc = s13 + ((t13 & 0xFFFF) << 16) + (t12 >> 16) + (acc >> 32);
            long c13 = (long)(acc & 0xFFFFFFFF);
            acc = s14 + ((t14 & 0xFFFF) << 16) + (t13 >> 16) + (acc >> 32);
            long c14 = (long)(acc & 0xFFFFFFFF);
            acc = (t14 >> 16) + (acc >> 32);
            long c15 = (long)(acc & 0xFFFFFFFF);

            // Solinas reduction (FIPS 186-4 D.2.3): s1 + 2s2 + 2s3 + s4 + s5 - d1 - d2 - d3 - d4, word by
            // word, plus 5p (-5 at words 0 and 7, +5 at words 3 and 6, +5 carried out) so that the value
            // is non-negative: X + 5p = R + f 2^256 with R < 2^256 and 0 <= f <= 11.
            long t = c0 + c8 + c9 - c11 - c12 - c13 - c14 - 5;
            long r0 = t & 0xFFFFFFFF;
            t = (c1 + c9 + c10 - c12 - c13 - c14 - c15) + (t >> 32);
            long r1 = t & 0xFFFFFFFF;
            t = (c2 + c10 + c11 - c13 - c14 - c15) + (t >> 32);
            long r2 = t & 0xFFFFFFFF;
            t = (c3 + (c11 << 1) + (c12 << 1) + c13 - c15 - c8 - c9 + 5) + (t >> 32);
            long r3 = t & 0xFFFFFFFF;
            t = (c4 + (c12 << 1) + (c13 << 1) + c14 - c9 - c10) + (t >> 32);
            long r4 = t & 0xFFFFFFFF;
            t = (c5 + (c13 << 1) + (c14 << 1) + c15 - c10 - c11) + (t >> 32);
            long r5 = t & 0xFFFFFFFF;
            t = (c6 + (c14 * 3) + (c15 << 1) + c13 - c8 - c9 + 5) + (t >> 32);
            long r6 = t & 0xFFFFFFFF;
            t = (c7 + (c15 * 3) + c8 - c10 - c11 - c12 - c13 - 5) + (t >> 32);
            long r7 = t & 0xFFFFFFFF;
            long f = (t >> 32) + 5;

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

        /// <summary>r = a^2 mod p (72 half-limb products instead of 128: the off-diagonal ones once, against 2a).</summary>
        internal static void Square(uint[] r, uint[] a)
        {
            ulong a7 = a[7];
            ulong a0 = a[0]; ulong a1 = a[1]; ulong a2 = a[2]; ulong a3 = a[3]; ulong a4 = a[4]; ulong a5 = a[5]; ulong a6 = a[6];

            // a in 16-bit halves against a and 2a: every product is below 2^49, so a column sums its
            // (doubled) off-diagonal products and its diagonal square with no carry split.
            ulong l0 = a0 & 0xFFFF; ulong l1 = a1 & 0xFFFF; ulong l2 = a2 & 0xFFFF; ulong l3 = a3 & 0xFFFF;
            ulong l4 = a4 & 0xFFFF; ulong l5 = a5 & 0xFFFF; ulong l6 = a6 & 0xFFFF; ulong l7 = a7 & 0xFFFF;
            ulong h0 = a0 >> 16; ulong h1 = a1 >> 16; ulong h2 = a2 >> 16; ulong h3 = a3 >> 16;
            ulong h4 = a4 >> 16; ulong h5 = a5 >> 16; ulong h6 = a6 >> 16; ulong h7 = a7 >> 16;
            ulong d0 = a0 << 1; ulong d1 = a1 << 1; ulong d2 = a2 << 1; ulong d3 = a3 << 1;
            ulong d4 = a4 << 1; ulong d5 = a5 << 1; ulong d6 = a6 << 1;

            ulong s0 = a0 * l0;
            ulong t0 = a0 * h0;
            ulong s1 = d0 * l1;
            ulong t1 = d0 * h1;
            ulong s2 = d0 * l2 + a1 * l1;
            ulong t2 = d0 * h2 + a1 * h1;
            ulong s3 = d0 * l3 + d1 * l2;
            ulong t3 = d0 * h3 + d1 * h2;
            ulong s4 = d0 * l4 + d1 * l3 + a2 * l2;
            ulong t4 = d0 * h4 + d1 * h3 + a2 * h2;
            ulong s5 = d0 * l5 + d1 * l4 + d2 * l3;
            ulong t5 = d0 * h5 + d1 * h4 + d2 * h3;
            ulong s6 = d0 * l6 + d1 * l5 + d2 * l4 + a3 * l3;
            ulong t6 = d0 * h6 + d1 * h5 + d2 * h4 + a3 * h3;
            ulong s7 = d0 * l7 + d1 * l6 + d2 * l5 + d3 * l4;
            ulong t7 = d0 * h7 + d1 * h6 + d2 * h5 + d3 * h4;
            ulong s8 = d1 * l7 + d2 * l6 + d3 * l5 + a4 * l4;
            ulong t8 = d1 * h7 + d2 * h6 + d3 * h5 + a4 * h4;
            ulong s9 = d2 * l7 + d3 * l6 + d4 * l5;
            ulong t9 = d2 * h7 + d3 * h6 + d4 * h5;
            ulong s10 = d3 * l7 + d4 * l6 + a5 * l5;
            ulong t10 = d3 * h7 + d4 * h6 + a5 * h5;
            ulong s11 = d4 * l7 + d5 * l6;
            ulong t11 = d4 * h7 + d5 * h6;
            ulong s12 = d5 * l7 + a6 * l6;
            ulong t12 = d5 * h7 + a6 * h6;
            ulong s13 = d6 * l7;
            ulong t13 = d6 * h7;
            ulong s14 = a7 * l7;
            ulong t14 = a7 * h7;

            // Word k of the product: s_k + 2^16 t_k + the part of t_{k-1} above its low 16 bits, plus the carry.
            ulong acc = s0 + ((t0 & 0xFFFF) << 16);
            long c0 = (long)(acc & 0xFFFFFFFF);
            acc = s1 + ((t1 & 0xFFFF) << 16) + (t0 >> 16) + (acc >> 32);
            long c1 = (long)(acc & 0xFFFFFFFF);
            acc = s2 + ((t2 & 0xFFFF) << 16) + (t1 >> 16) + (acc >> 32);
            long c2 = (long)(acc & 0xFFFFFFFF);
            acc = s3 + ((t3 & 0xFFFF) << 16) + (t2 >> 16) + (acc >> 32);
            long c3 = (long)(acc & 0xFFFFFFFF);
            acc = s4 + ((t4 & 0xFFFF) << 16) + (t3 >> 16) + (acc >> 32);
            long c4 = (long)(acc & 0xFFFFFFFF);
            acc = s5 + ((t5 & 0xFFFF) << 16) + (t4 >> 16) + (acc >> 32);
            long c5 = (long)(acc & 0xFFFFFFFF);
            acc = s6 + ((t6 & 0xFFFF) << 16) + (t5 >> 16) + (acc >> 32);
            long c6 = (long)(acc & 0xFFFFFFFF);
            acc = s7 + ((t7 & 0xFFFF) << 16) + (t6 >> 16) + (acc >> 32);
            long c7 = (long)(acc & 0xFFFFFFFF);
            acc = s8 + ((t8 & 0xFFFF) << 16) + (t7 >> 16) + (acc >> 32);
            long c8 = (long)(acc & 0xFFFFFFFF);
            acc = s9 + ((t9 & 0xFFFF) << 16) + (t8 >> 16) + (acc >> 32);
            long c9 = (long)(acc & 0xFFFFFFFF);
            acc = s10 + ((t10 & 0xFFFF) << 16) + (t9 >> 16) + (acc >> 32);
            long c10 = (long)(acc & 0xFFFFFFFF);
            acc = s11 + ((t11 & 0xFFFF) << 16) + (t10 >> 16) + (acc >> 32);
            long c11 = (long)(acc & 0xFFFFFFFF);
            acc = s12 + ((t12 & 0xFFFF) << 16) + (t11 >> 16) + (acc >> 32);
            long c12 = (long)(acc & 0xFFFFFFFF);
            acc = s13 + ((t13 & 0xFFFF) << 16) + (t12 >> 16) + (acc >> 32);
            long c13 = (long)(acc & 0xFFFFFFFF);
            acc = s14 + ((t14 & 0xFFFF) << 16) + (t13 >> 16) + (acc >> 32);
            long c14 = (long)(acc & 0xFFFFFFFF);
            acc = (t14 >> 16) + (acc >> 32);
            long c15 = (long)(acc & 0xFFFFFFFF);

            // Solinas reduction (FIPS 186-4 D.2.3): s1 + 2s2 + 2s3 + s4 + s5 - d1 - d2 - d3 - d4, word by
            // word, plus 5p (-5 at words 0 and 7, +5 at words 3 and 6, +5 carried out) so that the value
            // is non-negative: X + 5p = R + f 2^256 with R < 2^256 and 0 <= f <= 11.
            long t = c0 + c8 + c9 - c11 - c12 - c13 - c14 - 5;
            long r0 = t & 0xFFFFFFFF;
            t = (c1 + c9 + c10 - c12 - c13 - c14 - c15) + (t >> 32);
            long r1 = t & 0xFFFFFFFF;
            t = (c2 + c10 + c11 - c13 - c14 - c15) + (t >> 32);
            long r2 = t & 0xFFFFFFFF;
            t = (c3 + (c11 << 1) + (c12 << 1) + c13 - c15 - c8 - c9 + 5) + (t >> 32);
            long r3 = t & 0xFFFFFFFF;
            t = (c4 + (c12 << 1) + (c13 << 1) + c14 - c9 - c10) + (t >> 32);
            long r4 = t & 0xFFFFFFFF;
            t = (c5 + (c13 << 1) + (c14 << 1) + c15 - c10 - c11) + (t >> 32);
            long r5 = t & 0xFFFFFFFF;
            t = (c6 + (c14 * 3) + (c15 << 1) + c13 - c8 - c9 + 5) + (t >> 32);
            long r6 = t & 0xFFFFFFFF;
            t = (c7 + (c15 * 3) + c8 - c10 - c11 - c12 - c13 - 5) + (t >> 32);
            long r7 = t & 0xFFFFFFFF;
            long f = (t >> 32) + 5;

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
