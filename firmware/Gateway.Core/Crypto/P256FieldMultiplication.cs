namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Multiplication and squaring modulo the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1
    /// (FIPS 186-4 D.1.2.3, the curve of the Mesh provisioning ECDH, MshPRT v1.1 §5.4.2.3).
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
            ulong hi;

            // Product scanning; the low and high halves of each column's products are summed apart so
            // that no column sum overflows 64 bits.
            p = a0 * b0; lo = (uint)p; hi = p >> 32;
            uint c0 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b1; lo += (uint)p; hi = p >> 32;
            p = a1 * b0; lo += (uint)p; hi += p >> 32;
            uint c1 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b2; lo += (uint)p; hi = p >> 32;
            p = a1 * b1; lo += (uint)p; hi += p >> 32;
            p = a2 * b0; lo += (uint)p; hi += p >> 32;
            uint c2 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b3; lo += (uint)p; hi = p >> 32;
            p = a1 * b2; lo += (uint)p; hi += p >> 32;
            p = a2 * b1; lo += (uint)p; hi += p >> 32;
            p = a3 * b0; lo += (uint)p; hi += p >> 32;
            uint c3 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b4; lo += (uint)p; hi = p >> 32;
            p = a1 * b3; lo += (uint)p; hi += p >> 32;
            p = a2 * b2; lo += (uint)p; hi += p >> 32;
            p = a3 * b1; lo += (uint)p; hi += p >> 32;
            p = a4 * b0; lo += (uint)p; hi += p >> 32;
            uint c4 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b5; lo += (uint)p; hi = p >> 32;
            p = a1 * b4; lo += (uint)p; hi += p >> 32;
            p = a2 * b3; lo += (uint)p; hi += p >> 32;
            p = a3 * b2; lo += (uint)p; hi += p >> 32;
            p = a4 * b1; lo += (uint)p; hi += p >> 32;
            p = a5 * b0; lo += (uint)p; hi += p >> 32;
            uint c5 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b6; lo += (uint)p; hi = p >> 32;
            p = a1 * b5; lo += (uint)p; hi += p >> 32;
            p = a2 * b4; lo += (uint)p; hi += p >> 32;
            p = a3 * b3; lo += (uint)p; hi += p >> 32;
            p = a4 * b2; lo += (uint)p; hi += p >> 32;
            p = a5 * b1; lo += (uint)p; hi += p >> 32;
            p = a6 * b0; lo += (uint)p; hi += p >> 32;
            uint c6 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * b7; lo += (uint)p; hi = p >> 32;
            p = a1 * b6; lo += (uint)p; hi += p >> 32;
            p = a2 * b5; lo += (uint)p; hi += p >> 32;
            p = a3 * b4; lo += (uint)p; hi += p >> 32;
            p = a4 * b3; lo += (uint)p; hi += p >> 32;
            p = a5 * b2; lo += (uint)p; hi += p >> 32;
            p = a6 * b1; lo += (uint)p; hi += p >> 32;
            p = a7 * b0; lo += (uint)p; hi += p >> 32;
            uint c7 = (uint)lo; lo = (lo >> 32) + hi;
            p = a1 * b7; lo += (uint)p; hi = p >> 32;
            p = a2 * b6; lo += (uint)p; hi += p >> 32;
            p = a3 * b5; lo += (uint)p; hi += p >> 32;
            p = a4 * b4; lo += (uint)p; hi += p >> 32;
            p = a5 * b3; lo += (uint)p; hi += p >> 32;
            p = a6 * b2; lo += (uint)p; hi += p >> 32;
            p = a7 * b1; lo += (uint)p; hi += p >> 32;
            uint c8 = (uint)lo; lo = (lo >> 32) + hi;
            p = a2 * b7; lo += (uint)p; hi = p >> 32;
            p = a3 * b6; lo += (uint)p; hi += p >> 32;
            p = a4 * b5; lo += (uint)p; hi += p >> 32;
            p = a5 * b4; lo += (uint)p; hi += p >> 32;
            p = a6 * b3; lo += (uint)p; hi += p >> 32;
            p = a7 * b2; lo += (uint)p; hi += p >> 32;
            uint c9 = (uint)lo; lo = (lo >> 32) + hi;
            p = a3 * b7; lo += (uint)p; hi = p >> 32;
            p = a4 * b6; lo += (uint)p; hi += p >> 32;
            p = a5 * b5; lo += (uint)p; hi += p >> 32;
            p = a6 * b4; lo += (uint)p; hi += p >> 32;
            p = a7 * b3; lo += (uint)p; hi += p >> 32;
            uint c10 = (uint)lo; lo = (lo >> 32) + hi;
            p = a4 * b7; lo += (uint)p; hi = p >> 32;
            p = a5 * b6; lo += (uint)p; hi += p >> 32;
            p = a6 * b5; lo += (uint)p; hi += p >> 32;
            p = a7 * b4; lo += (uint)p; hi += p >> 32;
            uint c11 = (uint)lo; lo = (lo >> 32) + hi;
            p = a5 * b7; lo += (uint)p; hi = p >> 32;
            p = a6 * b6; lo += (uint)p; hi += p >> 32;
            p = a7 * b5; lo += (uint)p; hi += p >> 32;
            uint c12 = (uint)lo; lo = (lo >> 32) + hi;
            p = a6 * b7; lo += (uint)p; hi = p >> 32;
            p = a7 * b6; lo += (uint)p; hi += p >> 32;
            uint c13 = (uint)lo; lo = (lo >> 32) + hi;
            p = a7 * b7; lo += (uint)p; hi = p >> 32;
            uint c14 = (uint)lo; lo = (lo >> 32) + hi;
            uint c15 = (uint)lo;

            // Solinas reduction (FIPS 186-4 D.2.3): s1 + 2s2 + 2s3 + s4 + s5 - d1 - d2 - d3 - d4,
            // word by word with a signed carry.
            long t = (long)c0 + c8 + c9 - c11 - c12 - c13 - c14;
            uint r0 = (uint)t;
            t = (t >> 32) + (long)c1 + c9 + c10 - c12 - c13 - c14 - c15;
            uint r1 = (uint)t;
            t = (t >> 32) + (long)c2 + c10 + c11 - c13 - c14 - c15;
            uint r2 = (uint)t;
            t = (t >> 32) + (long)c3 + ((long)c11 << 1) + ((long)c12 << 1) + c13 - c15 - c8 - c9;
            uint r3 = (uint)t;
            t = (t >> 32) + (long)c4 + ((long)c12 << 1) + ((long)c13 << 1) + c14 - c9 - c10;
            uint r4 = (uint)t;
            t = (t >> 32) + (long)c5 + ((long)c13 << 1) + ((long)c14 << 1) + c15 - c10 - c11;
            uint r5 = (uint)t;
            t = (t >> 32) + (long)c6 + ((long)c14 * 3) + ((long)c15 << 1) + c13 - c8 - c9;
            uint r6 = (uint)t;
            t = (t >> 32) + (long)c7 + ((long)c15 * 3) + c8 - c10 - c11 - c12 - c13;
            uint r7 = (uint)t;
            long f = t >> 32;

            // The carry f is in [-4, 6] and 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p): folding it twice
            // (the second carry is -1, 0 or 1) leaves a value in [0, 2^256) without a branch.
            t = (long)r0 + f;
            r0 = (uint)t;
            t = (t >> 32) + r1;
            r1 = (uint)t;
            t = (t >> 32) + r2;
            r2 = (uint)t;
            t = (t >> 32) + r3 - f;
            r3 = (uint)t;
            t = (t >> 32) + r4;
            r4 = (uint)t;
            t = (t >> 32) + r5;
            r5 = (uint)t;
            t = (t >> 32) + r6 - f;
            r6 = (uint)t;
            t = (t >> 32) + r7 + f;
            r7 = (uint)t;
            f = t >> 32;
            t = (long)r0 + f;
            r0 = (uint)t;
            t = (t >> 32) + r1;
            r1 = (uint)t;
            t = (t >> 32) + r2;
            r2 = (uint)t;
            t = (t >> 32) + r3 - f;
            r3 = (uint)t;
            t = (t >> 32) + r4;
            r4 = (uint)t;
            t = (t >> 32) + r5;
            r5 = (uint)t;
            t = (t >> 32) + r6 - f;
            r6 = (uint)t;
            t = (t >> 32) + r7 + f;
            r7 = (uint)t;

            // Subtract p when the value is >= p: add 2^256 - p and keep the sum if it carried out.
            t = (long)r0 + 1;
            uint s0 = (uint)t;
            t = (t >> 32) + r1;
            uint s1 = (uint)t;
            t = (t >> 32) + r2;
            uint s2 = (uint)t;
            t = (t >> 32) + r3 - 1;
            uint s3 = (uint)t;
            t = (t >> 32) + r4;
            uint s4 = (uint)t;
            t = (t >> 32) + r5;
            uint s5 = (uint)t;
            t = (t >> 32) + r6 - 1;
            uint s6 = (uint)t;
            t = (t >> 32) + r7 + 1;
            uint s7 = (uint)t;
            uint m = (uint)-(int)(t >> 32);
            r[7] = (s7 & m) | (r7 & ~m);
            r[0] = (s0 & m) | (r0 & ~m);
            r[1] = (s1 & m) | (r1 & ~m);
            r[2] = (s2 & m) | (r2 & ~m);
            r[3] = (s3 & m) | (r3 & ~m);
            r[4] = (s4 & m) | (r4 & ~m);
            r[5] = (s5 & m) | (r5 & ~m);
            r[6] = (s6 & m) | (r6 & ~m);
        }

        /// <summary>r = a^2 mod p (36 limb products instead of 64).</summary>
        internal static void Square(uint[] r, uint[] a)
        {
            ulong a7 = a[7];
            ulong a0 = a[0]; ulong a1 = a[1]; ulong a2 = a[2]; ulong a3 = a[3]; ulong a4 = a[4]; ulong a5 = a[5]; ulong a6 = a[6];
            ulong p;
            ulong lo;
            ulong hi;
            ulong lo2;
            ulong hi2;

            // Each off-diagonal product a_i a_j (i < j) appears twice: sum once, then double the sums.
            p = a0 * a0; lo = (uint)p; hi = p >> 32;
            uint c0 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a1; lo2 = (uint)p; hi2 = p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c1 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a2; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a1; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c2 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a3; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a2; lo2 += (uint)p; hi2 += p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c3 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a4; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a3; lo2 += (uint)p; hi2 += p >> 32;
            p = a2 * a2; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c4 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a5; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a4; lo2 += (uint)p; hi2 += p >> 32;
            p = a2 * a3; lo2 += (uint)p; hi2 += p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c5 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a6; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a5; lo2 += (uint)p; hi2 += p >> 32;
            p = a2 * a4; lo2 += (uint)p; hi2 += p >> 32;
            p = a3 * a3; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c6 = (uint)lo; lo = (lo >> 32) + hi;
            p = a0 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a1 * a6; lo2 += (uint)p; hi2 += p >> 32;
            p = a2 * a5; lo2 += (uint)p; hi2 += p >> 32;
            p = a3 * a4; lo2 += (uint)p; hi2 += p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c7 = (uint)lo; lo = (lo >> 32) + hi;
            p = a1 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a2 * a6; lo2 += (uint)p; hi2 += p >> 32;
            p = a3 * a5; lo2 += (uint)p; hi2 += p >> 32;
            p = a4 * a4; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c8 = (uint)lo; lo = (lo >> 32) + hi;
            p = a2 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a3 * a6; lo2 += (uint)p; hi2 += p >> 32;
            p = a4 * a5; lo2 += (uint)p; hi2 += p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c9 = (uint)lo; lo = (lo >> 32) + hi;
            p = a3 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a4 * a6; lo2 += (uint)p; hi2 += p >> 32;
            p = a5 * a5; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c10 = (uint)lo; lo = (lo >> 32) + hi;
            p = a4 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a5 * a6; lo2 += (uint)p; hi2 += p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c11 = (uint)lo; lo = (lo >> 32) + hi;
            p = a5 * a7; lo2 = (uint)p; hi2 = p >> 32;
            p = a6 * a6; lo += (lo2 << 1) + (uint)p; hi = (hi2 << 1) + (p >> 32);
            uint c12 = (uint)lo; lo = (lo >> 32) + hi;
            p = a6 * a7; lo2 = (uint)p; hi2 = p >> 32;
            lo += lo2 << 1; hi = hi2 << 1;
            uint c13 = (uint)lo; lo = (lo >> 32) + hi;
            p = a7 * a7; lo += (uint)p; hi = p >> 32;
            uint c14 = (uint)lo; lo = (lo >> 32) + hi;
            uint c15 = (uint)lo;

            // Solinas reduction (FIPS 186-4 D.2.3): s1 + 2s2 + 2s3 + s4 + s5 - d1 - d2 - d3 - d4,
            // word by word with a signed carry.
            long t = (long)c0 + c8 + c9 - c11 - c12 - c13 - c14;
            uint r0 = (uint)t;
            t = (t >> 32) + (long)c1 + c9 + c10 - c12 - c13 - c14 - c15;
            uint r1 = (uint)t;
            t = (t >> 32) + (long)c2 + c10 + c11 - c13 - c14 - c15;
            uint r2 = (uint)t;
            t = (t >> 32) + (long)c3 + ((long)c11 << 1) + ((long)c12 << 1) + c13 - c15 - c8 - c9;
            uint r3 = (uint)t;
            t = (t >> 32) + (long)c4 + ((long)c12 << 1) + ((long)c13 << 1) + c14 - c9 - c10;
            uint r4 = (uint)t;
            t = (t >> 32) + (long)c5 + ((long)c13 << 1) + ((long)c14 << 1) + c15 - c10 - c11;
            uint r5 = (uint)t;
            t = (t >> 32) + (long)c6 + ((long)c14 * 3) + ((long)c15 << 1) + c13 - c8 - c9;
            uint r6 = (uint)t;
            t = (t >> 32) + (long)c7 + ((long)c15 * 3) + c8 - c10 - c11 - c12 - c13;
            uint r7 = (uint)t;
            long f = t >> 32;

            // The carry f is in [-4, 6] and 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p): folding it twice
            // (the second carry is -1, 0 or 1) leaves a value in [0, 2^256) without a branch.
            t = (long)r0 + f;
            r0 = (uint)t;
            t = (t >> 32) + r1;
            r1 = (uint)t;
            t = (t >> 32) + r2;
            r2 = (uint)t;
            t = (t >> 32) + r3 - f;
            r3 = (uint)t;
            t = (t >> 32) + r4;
            r4 = (uint)t;
            t = (t >> 32) + r5;
            r5 = (uint)t;
            t = (t >> 32) + r6 - f;
            r6 = (uint)t;
            t = (t >> 32) + r7 + f;
            r7 = (uint)t;
            f = t >> 32;
            t = (long)r0 + f;
            r0 = (uint)t;
            t = (t >> 32) + r1;
            r1 = (uint)t;
            t = (t >> 32) + r2;
            r2 = (uint)t;
            t = (t >> 32) + r3 - f;
            r3 = (uint)t;
            t = (t >> 32) + r4;
            r4 = (uint)t;
            t = (t >> 32) + r5;
            r5 = (uint)t;
            t = (t >> 32) + r6 - f;
            r6 = (uint)t;
            t = (t >> 32) + r7 + f;
            r7 = (uint)t;

            // Subtract p when the value is >= p: add 2^256 - p and keep the sum if it carried out.
            t = (long)r0 + 1;
            uint s0 = (uint)t;
            t = (t >> 32) + r1;
            uint s1 = (uint)t;
            t = (t >> 32) + r2;
            uint s2 = (uint)t;
            t = (t >> 32) + r3 - 1;
            uint s3 = (uint)t;
            t = (t >> 32) + r4;
            uint s4 = (uint)t;
            t = (t >> 32) + r5;
            uint s5 = (uint)t;
            t = (t >> 32) + r6 - 1;
            uint s6 = (uint)t;
            t = (t >> 32) + r7 + 1;
            uint s7 = (uint)t;
            uint m = (uint)-(int)(t >> 32);
            r[7] = (s7 & m) | (r7 & ~m);
            r[0] = (s0 & m) | (r0 & ~m);
            r[1] = (s1 & m) | (r1 & ~m);
            r[2] = (s2 & m) | (r2 & ~m);
            r[3] = (s3 & m) | (r3 & ~m);
            r[4] = (s4 & m) | (r4 & ~m);
            r[5] = (s5 & m) | (r5 & ~m);
            r[6] = (s6 & m) | (r6 & ~m);
        }
    }
}
