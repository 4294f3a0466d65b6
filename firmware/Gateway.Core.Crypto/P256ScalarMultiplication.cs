namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Scalar multiplications of P-256 with all working memory allocated once:
    /// k P for a peer's point (ECDH) by a width-5 NAF over the odd multiples P, 3P, ..., 15P, and
    /// k G for key generation by a 5-tooth comb over <see cref="P256CombTable"/>. Both end with a
    /// single field inversion. An instance is not thread-safe.
    /// </summary>
    /// <remarks>
    /// Side channels: the field arithmetic has no branch on values, but the sequence of doublings
    /// and additions follows the NAF digits and the tables are indexed by them. Mesh provisioning
    /// uses a fresh key pair for every exchange (MshPRT v1.1 §5.4.2.3), so one scalar is used once
    /// or twice, and no code of an attacker runs beside ours on the device.
    /// </remarks>
    internal sealed class P256ScalarMultiplication
    {
        /// <summary>Odd multiples 1P, 3P, ..., 15P: the digits of a width-5 NAF.</summary>
        private const int TableSize = 8;

        private readonly P256PointArithmetic _arithmetic;
        private readonly uint[][] _tableX = NewElements(TableSize);
        private readonly uint[][] _tableY = NewElements(TableSize);
        private readonly uint[][] _tableNegY = NewElements(TableSize);
        private readonly uint[][] _tableZ = NewElements(TableSize);
        private readonly uint[][] _tableZZ = NewElements(TableSize);
        private readonly uint[][] _tableZZZ = NewElements(TableSize);
        private readonly int[] _naf = new int[P256Scalar.WnafLength];
        private readonly uint[] _dx = new uint[P256Field.Limbs];
        private readonly uint[] _dy = new uint[P256Field.Limbs];
        private readonly uint[] _x = new uint[P256Field.Limbs];
        private readonly uint[] _y = new uint[P256Field.Limbs];
        private readonly uint[] _z = new uint[P256Field.Limbs];
        private readonly uint[] _zInverse = new uint[P256Field.Limbs];

        internal P256ScalarMultiplication(P256PointArithmetic arithmetic)
        {
            _arithmetic = arithmetic;
        }

        /// <summary>
        /// The affine x coordinate of k P, for an affine point P already checked to be on the curve
        /// and a scalar 1 &lt;= k &lt;= n - 1. Returns false if the result is the point at infinity
        /// (not possible for such inputs, since P then has prime order n).
        /// </summary>
        internal bool MultiplyX(uint[] k, uint[] px, uint[] py, uint[] resultX)
        {
            BuildOddMultiples(px, py);
            int top = P256Scalar.RecodeWnaf(k, _naf);
            if (top < 0)
            {
                return false;
            }

            LoadEntry(_naf[top]);
            bool infinity = false;
            for (int i = top - 1; i >= 0; i--)
            {
                if (!infinity)
                {
                    _arithmetic.Double(_x, _y, _z);
                }

                int digit = _naf[i];
                if (digit == 0)
                {
                    continue;
                }

                if (infinity)
                {
                    LoadEntry(digit);
                    infinity = false;
                    continue;
                }

                int index = (digit < 0 ? -digit : digit) >> 1;
                uint[] y = digit < 0 ? _tableNegY[index] : _tableY[index];
                infinity = !_arithmetic.AddCached(
                    _x, _y, _z, _tableX[index], y, _tableZ[index], _tableZZ[index], _tableZZZ[index]);
            }

            if (infinity)
            {
                return false;
            }

            // x = X / Z^2: invert Z^2 directly, since y is not needed.
            _arithmetic.Sqr(_zInverse, _z);
            _arithmetic.Invert(_zInverse, _zInverse);
            _arithmetic.Mul(resultX, _x, _zInverse);
            return true;
        }

        /// <summary>The affine point k G for a scalar 1 &lt;= k &lt;= n - 1 (the public key of k).</summary>
        internal void MultiplyBase(uint[] k, uint[] resultX, uint[] resultY)
        {
            bool infinity = true;
            for (int column = P256Scalar.CombColumns - 1; column >= 0; column--)
            {
                if (!infinity)
                {
                    _arithmetic.Double(_x, _y, _z);
                }

                int index = P256Scalar.CombIndex(k, column);
                if (index == 0)
                {
                    continue;
                }

                uint[] tx = P256CombTable.X[index - 1];
                uint[] ty = P256CombTable.Y[index - 1];
                if (infinity)
                {
                    P256Field.Copy(_x, tx);
                    P256Field.Copy(_y, ty);
                    P256Field.SetZero(_z);
                    _z[0] = 1;
                    infinity = false;
                }
                else
                {
                    infinity = !_arithmetic.AddAffine(_x, _y, _z, tx, ty);
                }
            }

            // k < n, so k G is never the point at infinity; the guard keeps a broken input harmless.
            if (infinity)
            {
                P256Field.SetZero(resultX);
                P256Field.SetZero(resultY);
                return;
            }

            // x = X / Z^2, y = Y / Z^3.
            _arithmetic.Invert(_zInverse, _z);
            _arithmetic.Sqr(_dx, _zInverse);
            _arithmetic.Mul(resultX, _x, _dx);
            _arithmetic.Mul(_dx, _dx, _zInverse);
            _arithmetic.Mul(resultY, _y, _dx);
        }

        /// <summary>
        /// Entry i = (2i + 1) P in Jacobian coordinates with Z^2 and Z^3 cached and -Y ready for
        /// negative digits. Co-Z arithmetic: 2P and P share a Z after one doubling, and each
        /// addition of 2P leaves 2P on the Z of the sum, so every step costs 5M + 2S.
        /// </summary>
        private void BuildOddMultiples(uint[] px, uint[] py)
        {
            _arithmetic.DoubleAffineCoZ(px, py, _dx, _dy, _tableZ[0], _tableX[0], _tableY[0]);
            for (int i = 1; i < TableSize; i++)
            {
                _arithmetic.AddCoZ(
                    _dx, _dy, _tableX[i - 1], _tableY[i - 1], _tableZ[i - 1], _tableX[i], _tableY[i], _tableZ[i]);
            }

            for (int i = 0; i < TableSize; i++)
            {
                _arithmetic.Sqr(_tableZZ[i], _tableZ[i]);
                _arithmetic.Mul(_tableZZZ[i], _tableZZ[i], _tableZ[i]);
                P256Field.Negate(_tableNegY[i], _tableY[i]);
            }
        }

        private void LoadEntry(int digit)
        {
            int index = (digit < 0 ? -digit : digit) >> 1;
            P256Field.Copy(_x, _tableX[index]);
            P256Field.Copy(_y, digit < 0 ? _tableNegY[index] : _tableY[index]);
            P256Field.Copy(_z, _tableZ[index]);
        }

        private static uint[][] NewElements(int count)
        {
            uint[][] elements = new uint[count][];
            for (int i = 0; i < count; i++)
            {
                elements[i] = new uint[P256Field.Limbs];
            }

            return elements;
        }
    }
}
