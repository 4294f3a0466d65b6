namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Point formulas of P-256 (y^2 = x^3 - 3x + b, FIPS 186-4 D.1.2.3) in Jacobian coordinates
    /// (x = X/Z^2, y = Y/Z^3), the field inversion, and the counters of field multiplications and
    /// squarings, which dominate the cost (about 0.25 ms each on an ESP32). Formula names are those
    /// of the Explicit-Formulas Database (hyperelliptic.org/EFD, "g1p/shortw/jacobian-3").
    /// All scratch is allocated once here; an instance is not thread-safe. The formulas do not
    /// branch on values except for the exceptional cases of addition (equal or opposite inputs),
    /// which a valid public key and scalar never reach.
    /// </summary>
    internal sealed class P256PointArithmetic
    {
        private static readonly uint[] Zero = new uint[P256Field.Limbs];

        /// <summary>p - 1, that is -1 mod p.</summary>
        private static readonly uint[] MinusOne = new uint[]
        {
            0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF,
        };

        private readonly uint[] _t0 = new uint[P256Field.Limbs];
        private readonly uint[] _t1 = new uint[P256Field.Limbs];
        private readonly uint[] _t2 = new uint[P256Field.Limbs];
        private readonly uint[] _t3 = new uint[P256Field.Limbs];
        private readonly uint[] _t4 = new uint[P256Field.Limbs];
        private readonly uint[] _t5 = new uint[P256Field.Limbs];
        private readonly uint[] _t6 = new uint[P256Field.Limbs];
        private readonly uint[] _t7 = new uint[P256Field.Limbs];

        /// <summary>Field multiplications since construction or the last reset.</summary>
        internal long Multiplications;

        /// <summary>Field squarings since construction or the last reset.</summary>
        internal long Squarings;

        internal void Mul(uint[] r, uint[] a, uint[] b)
        {
            Multiplications++;
            P256FieldMultiplication.Multiply(r, a, b);
        }

        internal void Sqr(uint[] r, uint[] a)
        {
            Squarings++;
            P256FieldMultiplication.Square(r, a);
        }

        /// <summary>
        /// r = a^(p-2) = 1/a (Fermat), 255 squarings and 12 multiplications. p - 2 is 32 ones,
        /// 31 zeros, a one, 96 zeros, 94 ones, 0, 1; the chain builds a^(2^k - 1) for k = 2, 3, 6,
        /// 12, 15, 30, 32 and appends the runs. r may alias a. The inverse of 0 comes out as 0.
        /// </summary>
        internal void Invert(uint[] r, uint[] a)
        {
            uint[] x2 = _t0;
            uint[] x3 = _t1;
            uint[] x30 = _t2;
            uint[] x32 = _t3;
            uint[] acc = _t4;
            Multiplications += 12;
            Squarings += 255;

            P256FieldMultiplication.Square(x2, a);
            P256FieldMultiplication.Multiply(x2, x2, a);
            P256FieldMultiplication.Square(x3, x2);
            P256FieldMultiplication.Multiply(x3, x3, a);
            SquareTimes(x30, x3, 3);
            P256FieldMultiplication.Multiply(x30, x30, x3); // x6
            SquareTimes(x32, x30, 6);
            P256FieldMultiplication.Multiply(x32, x32, x30); // x12
            SquareTimes(x32, x32, 3);
            P256FieldMultiplication.Multiply(x32, x32, x3); // x15
            SquareTimes(x30, x32, 15);
            P256FieldMultiplication.Multiply(x30, x30, x32); // x30
            SquareTimes(x32, x30, 2);
            P256FieldMultiplication.Multiply(x32, x32, x2); // x32

            SquareTimes(acc, x32, 32);
            P256FieldMultiplication.Multiply(acc, acc, a);
            SquareTimes(acc, acc, 128);
            P256FieldMultiplication.Multiply(acc, acc, x32);
            SquareTimes(acc, acc, 32);
            P256FieldMultiplication.Multiply(acc, acc, x32);
            SquareTimes(acc, acc, 30);
            P256FieldMultiplication.Multiply(acc, acc, x30);
            SquareTimes(acc, acc, 2);
            P256FieldMultiplication.Multiply(acc, acc, a);
            P256Field.Copy(r, acc);
        }

        /// <summary>y^2 = x^3 - 3x + b for affine (x, y) with both coordinates already below p.</summary>
        internal bool IsOnCurve(uint[] x, uint[] y)
        {
            Multiplications += 1;
            Squarings += 2;
            P256FieldMultiplication.Square(_t0, y);
            P256FieldMultiplication.Square(_t1, x);
            P256FieldMultiplication.Multiply(_t1, _t1, x);
            P256FieldCombination.SubtractScaled(_t1, _t1, Zero, x, 3);
            P256Field.Add(_t1, _t1, P256Field.B);
            return P256Field.AreEqual(_t0, _t1);
        }

        /// <summary>
        /// In-place doubling, "dbl-2001-b" for a = -3: 3M + 5S, with 4 beta and 8 beta folded into the
        /// scaled subtractions (no separate multiplication by 4). Doubling the point at infinity
        /// (Z = 0) gives Z = 0 again.
        /// </summary>
        internal void Double(uint[] x, uint[] y, uint[] z)
        {
            uint[] delta = _t0;
            uint[] gamma = _t1;
            uint[] beta = _t2;
            uint[] alpha = _t3;
            uint[] t = _t4;

            Multiplications += 3;
            Squarings += 5;
            P256FieldMultiplication.Square(delta, z);
            P256FieldMultiplication.Square(gamma, y);
            P256FieldMultiplication.Multiply(beta, x, gamma);
            P256Field.Sub(t, x, delta);
            P256FieldCombination.MultiplySum(alpha, x, delta, 3);
            P256FieldMultiplication.Multiply(alpha, alpha, t); // alpha = 3 (X - delta)(X + delta)
            P256Field.Add(t, y, z);
            P256FieldMultiplication.Square(t, t);
            P256FieldCombination.SubtractScaled(z, t, gamma, delta, 1); // Z3 = (Y + Z)^2 - gamma - delta
            P256FieldMultiplication.Square(x, alpha);
            P256FieldCombination.SubtractScaled(x, x, Zero, beta, 8); // X3 = alpha^2 - 8 beta
            P256FieldCombination.SubtractScaled(t, x, Zero, beta, 4);
            P256FieldMultiplication.Multiply(t, alpha, t); // alpha (X3 - 4 beta)
            P256FieldMultiplication.Square(gamma, gamma);
            P256FieldCombination.SubtractScaled(y, Zero, t, gamma, 8); // Y3 = alpha (4 beta - X3) - 8 gamma^2
        }

        /// <summary>
        /// (x1, y1, z1) += (x2, y2, z2) with z2^2 and z2^3 cached ("add-1998-cmo-2" less the two
        /// cached products): 11M + 3S. Returns false when the sum is the point at infinity (the
        /// inputs are opposite); equal inputs are doubled.
        /// </summary>
        internal bool AddCached(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2, uint[] z2, uint[] zz2, uint[] zzz2)
        {
            uint[] z1z1 = _t0;
            uint[] u1 = _t1;
            uint[] u2 = _t2;
            uint[] s1 = _t3;
            uint[] s2 = _t4;
            uint[] h = _t5;
            uint[] r = _t6;
            uint[] t = _t7;

            Multiplications += 5;
            Squarings += 1;
            P256FieldMultiplication.Square(z1z1, z1);
            P256FieldMultiplication.Multiply(u1, x1, zz2);
            P256FieldMultiplication.Multiply(u2, x2, z1z1);
            P256FieldMultiplication.Multiply(s1, y1, zzz2);
            P256FieldMultiplication.Multiply(t, z1, z1z1);
            P256FieldMultiplication.Multiply(s2, y2, t);
            P256Field.Sub(h, u2, u1);
            P256Field.Sub(r, s2, s1);
            if (P256Field.IsZero(h))
            {
                return DoubleOrInfinity(x1, y1, z1, r);
            }

            uint[] hh = u2;
            uint[] hhh = s2;
            uint[] v = u1;
            Multiplications += 6;
            Squarings += 2;
            P256FieldMultiplication.Square(hh, h);
            P256FieldMultiplication.Multiply(hhh, h, hh);
            P256FieldMultiplication.Multiply(v, u1, hh); // V = U1 H^2
            P256FieldMultiplication.Square(x1, r);
            P256FieldCombination.SubtractScaled(x1, x1, hhh, v, 2); // X3 = r^2 - H^3 - 2V
            P256Field.Sub(t, v, x1);
            P256FieldMultiplication.Multiply(t, r, t);
            P256FieldMultiplication.Multiply(s1, s1, hhh);
            P256Field.Sub(y1, t, s1); // Y3 = r (V - X3) - S1 H^3
            P256FieldMultiplication.Multiply(t, z1, z2);
            P256FieldMultiplication.Multiply(z1, t, h); // Z3 = Z1 Z2 H
            return true;
        }

        /// <summary>
        /// (x1, y1, z1) += affine (x2, y2), "madd-2007-bl": 7M + 4S. Returns false when the sum is
        /// the point at infinity; equal inputs are doubled.
        /// </summary>
        internal bool AddAffine(uint[] x1, uint[] y1, uint[] z1, uint[] x2, uint[] y2)
        {
            uint[] z1z1 = _t0;
            uint[] u2 = _t1;
            uint[] s2 = _t2;
            uint[] h = _t3;
            uint[] r = _t4;
            uint[] t = _t5;

            Multiplications += 3;
            Squarings += 1;
            P256FieldMultiplication.Square(z1z1, z1);
            P256FieldMultiplication.Multiply(u2, x2, z1z1);
            P256FieldMultiplication.Multiply(t, z1, z1z1);
            P256FieldMultiplication.Multiply(s2, y2, t);
            P256Field.Sub(h, u2, x1);
            P256Field.Sub(r, s2, y1);
            if (P256Field.IsZero(h))
            {
                return DoubleOrInfinity(x1, y1, z1, r);
            }

            uint[] hh = u2;
            uint[] i = s2;
            uint[] j = _t6;
            uint[] v = _t7;
            Multiplications += 4;
            Squarings += 3;
            P256FieldMultiplication.Square(hh, h);
            P256FieldCombination.MultiplySmall(i, hh, 4); // I = 4 HH
            P256FieldMultiplication.Multiply(j, h, i); // J = H I
            P256Field.Add(r, r, r); // r = 2 (S2 - Y1)
            P256FieldMultiplication.Multiply(v, x1, i); // V = X1 I
            P256FieldMultiplication.Multiply(i, y1, j); // Y1 J
            P256FieldMultiplication.Square(x1, r);
            P256FieldCombination.SubtractScaled(x1, x1, j, v, 2); // X3 = r^2 - J - 2V
            P256Field.Sub(t, v, x1);
            P256FieldMultiplication.Multiply(t, r, t);
            P256FieldCombination.SubtractScaled(y1, t, Zero, i, 2); // Y3 = r (V - X3) - 2 Y1 J
            P256Field.Add(t, z1, h);
            P256FieldMultiplication.Square(t, t);
            P256FieldCombination.SubtractScaled(z1, t, z1z1, hh, 1); // Z3 = (Z1 + H)^2 - Z1Z1 - HH
            return true;
        }

        /// <summary>
        /// Co-Z doubling of an affine point (Meloni, "New point addition formulae for ECC
        /// applications", 2007; "mdbl-2007-bl" with S = 4 x y^2): writes D = 2P as (xd, yd, zd) and P
        /// itself as (xp, yp) on the same Z = 2y. 2M + 4S.
        /// </summary>
        internal void DoubleAffineCoZ(uint[] x, uint[] y, uint[] xd, uint[] yd, uint[] zd, uint[] xp, uint[] yp)
        {
            uint[] m = _t0;
            uint[] yy = _t1;

            Multiplications += 2;
            Squarings += 4;
            P256FieldMultiplication.Square(m, x);
            P256FieldMultiplication.Square(yy, y);
            P256FieldMultiplication.Multiply(xp, x, yy);
            P256FieldCombination.MultiplySmall(xp, xp, 4); // S = 4 x YY = x Z^2
            P256FieldMultiplication.Square(yy, yy);
            P256FieldCombination.MultiplySmall(yp, yy, 8); // 8 YY^2 = y Z^3
            P256FieldCombination.MultiplySum(m, m, MinusOne, 3); // M = 3 x^2 + a = 3 (x^2 - 1)
            P256FieldMultiplication.Square(xd, m);
            P256FieldCombination.SubtractScaled(xd, xd, Zero, xp, 2); // XD = M^2 - 2S
            P256Field.Sub(yy, xp, xd);
            P256FieldMultiplication.Multiply(yy, m, yy);
            P256Field.Sub(yd, yy, yp); // YD = M (S - XD) - 8 YY^2
            P256Field.Add(zd, y, y);
        }

        /// <summary>
        /// Co-Z addition with update ("ZADDU", Meloni 2007): P1 = (x1, y1) and P2 = (x2, y2) share
        /// the Z coordinate z. Writes P1 + P2 to (x3, y3, z3) and moves P1 to the new Z = z3 in place.
        /// 5M + 2S. P1 must differ from plus or minus P2 (true for the odd multiples of a point of
        /// order n). Outputs must not alias the inputs, except z3 with z.
        /// </summary>
        internal void AddCoZ(uint[] x1, uint[] y1, uint[] x2, uint[] y2, uint[] z, uint[] x3, uint[] y3, uint[] z3)
        {
            uint[] c = _t0;
            uint[] w1 = _t1;
            uint[] w2 = _t2;
            uint[] dy = _t3;

            Multiplications += 5;
            Squarings += 2;
            P256Field.Sub(c, x1, x2);
            P256FieldMultiplication.Multiply(z3, z, c); // Z3 = Z (X1 - X2)
            P256FieldMultiplication.Square(c, c);
            P256FieldMultiplication.Multiply(w1, x1, c); // W1 = X1 C
            P256FieldMultiplication.Multiply(w2, x2, c); // W2 = X2 C
            P256Field.Sub(dy, y1, y2);
            P256FieldMultiplication.Square(x3, dy);
            P256FieldCombination.SubtractScaled(x3, x3, w1, w2, 1); // X3 = (Y1 - Y2)^2 - W1 - W2
            P256Field.Sub(c, w1, w2);
            P256FieldMultiplication.Multiply(y1, y1, c); // A1 = Y1 (W1 - W2): P1's new Y
            P256Field.Sub(c, w1, x3);
            P256FieldMultiplication.Multiply(c, dy, c);
            P256Field.Sub(y3, c, y1); // Y3 = (Y1 - Y2)(W1 - X3) - A1
            P256Field.Copy(x1, w1);
        }

        /// <summary>The exceptional case H = 0 of an addition: same point (r = 0) or opposite points.</summary>
        private bool DoubleOrInfinity(uint[] x1, uint[] y1, uint[] z1, uint[] r)
        {
            if (!P256Field.IsZero(r))
            {
                return false;
            }

            Double(x1, y1, z1);
            return true;
        }

        /// <summary>r = a^(2^n).</summary>
        private void SquareTimes(uint[] r, uint[] a, int n)
        {
            P256FieldMultiplication.Square(r, a);
            for (int i = 1; i < n; i++)
            {
                P256FieldMultiplication.Square(r, r);
            }
        }
    }
}
