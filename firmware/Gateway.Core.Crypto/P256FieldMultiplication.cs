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
            ulong b7 = b[7];
            ulong a0 = a[0]; ulong a1 = a[1]; ulong a2 = a[2]; ulong a3 = a[3]; ulong a4 = a[4]; ulong a5 = a[5]; ulong a6 = a[6];
            ulong b0 = b[0]; ulong b1 = b[1]; ulong b2 = b[2]; ulong b3 = b[3]; ulong b4 = b[4]; ulong b5 = b[5]; ulong b6 = b[6];
            ulong p;
            ulong lo;
            ulong h0;
            ulong h1;

            // Product scanning. Each column sums the low and the high halves of its products apart
            // (no 64-bit overflow) and independently of the other columns; only the short chain
            // acc = low sum + previous high sum + carry links the columns.
            p = a0 * b0; lo = (uint)p; h0 = p >> 32;
            ulong acc = lo;
            long c0 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b1; lo = (uint)p; h1 = p >> 32;
            p = a1 * b0; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c1 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b2; lo = (uint)p; h0 = p >> 32;
            p = a1 * b1; lo += (uint)p; h0 += p >> 32;
            p = a2 * b0; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c2 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b3; lo = (uint)p; h1 = p >> 32;
            p = a1 * b2; lo += (uint)p; h1 += p >> 32;
            p = a2 * b1; lo += (uint)p; h1 += p >> 32;
            p = a3 * b0; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c3 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b4; lo = (uint)p; h0 = p >> 32;
            p = a1 * b3; lo += (uint)p; h0 += p >> 32;
            p = a2 * b2; lo += (uint)p; h0 += p >> 32;
            p = a3 * b1; lo += (uint)p; h0 += p >> 32;
            p = a4 * b0; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c4 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b5; lo = (uint)p; h1 = p >> 32;
            p = a1 * b4; lo += (uint)p; h1 += p >> 32;
            p = a2 * b3; lo += (uint)p; h1 += p >> 32;
            p = a3 * b2; lo += (uint)p; h1 += p >> 32;
            p = a4 * b1; lo += (uint)p; h1 += p >> 32;
            p = a5 * b0; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c5 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b6; lo = (uint)p; h0 = p >> 32;
            p = a1 * b5; lo += (uint)p; h0 += p >> 32;
            p = a2 * b4; lo += (uint)p; h0 += p >> 32;
            p = a3 * b3; lo += (uint)p; h0 += p >> 32;
            p = a4 * b2; lo += (uint)p; h0 += p >> 32;
            p = a5 * b1; lo += (uint)p; h0 += p >> 32;
            p = a6 * b0; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c6 = (long)(acc & 0xFFFFFFFF);
            p = a0 * b7; lo = (uint)p; h1 = p >> 32;
            p = a1 * b6; lo += (uint)p; h1 += p >> 32;
            p = a2 * b5; lo += (uint)p; h1 += p >> 32;
            p = a3 * b4; lo += (uint)p; h1 += p >> 32;
            p = a4 * b3; lo += (uint)p; h1 += p >> 32;
            p = a5 * b2; lo += (uint)p; h1 += p >> 32;
            p = a6 * b1; lo += (uint)p; h1 += p >> 32;
            p = a7 * b0; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c7 = (long)(acc & 0xFFFFFFFF);
            p = a1 * b7; lo = (uint)p; h0 = p >> 32;
            p = a2 * b6; lo += (uint)p; h0 += p >> 32;
            p = a3 * b5; lo += (uint)p; h0 += p >> 32;
            p = a4 * b4; lo += (uint)p; h0 += p >> 32;
            p = a5 * b3; lo += (uint)p; h0 += p >> 32;
            p = a6 * b2; lo += (uint)p; h0 += p >> 32;
            p = a7 * b1; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c8 = (long)(acc & 0xFFFFFFFF);
            p = a2 * b7; lo = (uint)p; h1 = p >> 32;
            p = a3 * b6; lo += (uint)p; h1 += p >> 32;
            p = a4 * b5; lo += (uint)p; h1 += p >> 32;
            p = a5 * b4; lo += (uint)p; h1 += p >> 32;
            p = a6 * b3; lo += (uint)p; h1 += p >> 32;
            p = a7 * b2; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c9 = (long)(acc & 0xFFFFFFFF);
            p = a3 * b7; lo = (uint)p; h0 = p >> 32;
            p = a4 * b6; lo += (uint)p; h0 += p >> 32;
            p = a5 * b5; lo += (uint)p; h0 += p >> 32;
            p = a6 * b4; lo += (uint)p; h0 += p >> 32;
            p = a7 * b3; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c10 = (long)(acc & 0xFFFFFFFF);
            p = a4 * b7; lo = (uint)p; h1 = p >> 32;
            p = a5 * b6; lo += (uint)p; h1 += p >> 32;
            p = a6 * b5; lo += (uint)p; h1 += p >> 32;
            p = a7 * b4; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c11 = (long)(acc & 0xFFFFFFFF);
            p = a5 * b7; lo = (uint)p; h0 = p >> 32;
            p = a6 * b6; lo += (uint)p; h0 += p >> 32;
            p = a7 * b5; lo += (uint)p; h0 += p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c12 = (long)(acc & 0xFFFFFFFF);
            p = a6 * b7; lo = (uint)p; h1 = p >> 32;
            p = a7 * b6; lo += (uint)p; h1 += p >> 32;
            acc = (lo + h0) + (acc >> 32);
            long c13 = (long)(acc & 0xFFFFFFFF);
            p = a7 * b7; lo = (uint)p; h0 = p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c14 = (long)(acc & 0xFFFFFFFF);
            acc = h0 + (acc >> 32);
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

            // With k = 2^256 - p = 2^224 - 2^192 - 2^96 + 1, V = R + f k is the value mod p and V < 2p.
            // U = V + k carries out of 256 bits exactly when V >= p, and then its low bits are V - p.
            // V and U are independent carry chains, so the processor runs them side by side.
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

        /// <summary>r = a^2 mod p (36 limb products instead of 64).</summary>
        internal static void Square(uint[] r, uint[] a)
        {
            ulong a7 = a[7];
            ulong a0 = a[0]; ulong a1 = a[1]; ulong a2 = a[2]; ulong a3 = a[3]; ulong a4 = a[4]; ulong a5 = a[5]; ulong a6 = a[6];
            ulong p;
            ulong lo;
            ulong h0;
            ulong h1;

            // As in Multiply; each off-diagonal product a_i a_j (i < j) appears twice, so its halves are
            // summed once and doubled before the diagonal square joins the column.
            p = a0 * a0; lo = (uint)p; h0 = p >> 32;
            ulong acc = lo;
            long c0 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a1; lo = (uint)p; h1 = p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c1 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a2; lo = (uint)p; h0 = p >> 32;
            p = a1 * a1; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c2 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a3; lo = (uint)p; h1 = p >> 32;
            p = a1 * a2; lo += (uint)p; h1 += p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c3 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a4; lo = (uint)p; h0 = p >> 32;
            p = a1 * a3; lo += (uint)p; h0 += p >> 32;
            p = a2 * a2; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c4 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a5; lo = (uint)p; h1 = p >> 32;
            p = a1 * a4; lo += (uint)p; h1 += p >> 32;
            p = a2 * a3; lo += (uint)p; h1 += p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c5 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a6; lo = (uint)p; h0 = p >> 32;
            p = a1 * a5; lo += (uint)p; h0 += p >> 32;
            p = a2 * a4; lo += (uint)p; h0 += p >> 32;
            p = a3 * a3; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c6 = (long)(acc & 0xFFFFFFFF);
            p = a0 * a7; lo = (uint)p; h1 = p >> 32;
            p = a1 * a6; lo += (uint)p; h1 += p >> 32;
            p = a2 * a5; lo += (uint)p; h1 += p >> 32;
            p = a3 * a4; lo += (uint)p; h1 += p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c7 = (long)(acc & 0xFFFFFFFF);
            p = a1 * a7; lo = (uint)p; h0 = p >> 32;
            p = a2 * a6; lo += (uint)p; h0 += p >> 32;
            p = a3 * a5; lo += (uint)p; h0 += p >> 32;
            p = a4 * a4; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c8 = (long)(acc & 0xFFFFFFFF);
            p = a2 * a7; lo = (uint)p; h1 = p >> 32;
            p = a3 * a6; lo += (uint)p; h1 += p >> 32;
            p = a4 * a5; lo += (uint)p; h1 += p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c9 = (long)(acc & 0xFFFFFFFF);
            p = a3 * a7; lo = (uint)p; h0 = p >> 32;
            p = a4 * a6; lo += (uint)p; h0 += p >> 32;
            p = a5 * a5; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c10 = (long)(acc & 0xFFFFFFFF);
            p = a4 * a7; lo = (uint)p; h1 = p >> 32;
            p = a5 * a6; lo += (uint)p; h1 += p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c11 = (long)(acc & 0xFFFFFFFF);
            p = a5 * a7; lo = (uint)p; h0 = p >> 32;
            p = a6 * a6; lo = (lo << 1) + (uint)p; h0 = (h0 << 1) + (p >> 32);
            acc = (lo + h1) + (acc >> 32);
            long c12 = (long)(acc & 0xFFFFFFFF);
            p = a6 * a7; lo = (uint)p; h1 = p >> 32;
            lo <<= 1; h1 <<= 1;
            acc = (lo + h0) + (acc >> 32);
            long c13 = (long)(acc & 0xFFFFFFFF);
            p = a7 * a7; lo = (uint)p; h0 = p >> 32;
            acc = (lo + h1) + (acc >> 32);
            long c14 = (long)(acc & 0xFFFFFFFF);
            acc = h0 + (acc >> 32);
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

            // With k = 2^256 - p = 2^224 - 2^192 - 2^96 + 1, V = R + f k is the value mod p and V < 2p.
            // U = V + k carries out of 256 bits exactly when V >= p, and then its low bits are V - p.
            // V and U are independent carry chains, so the processor runs them side by side.
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
