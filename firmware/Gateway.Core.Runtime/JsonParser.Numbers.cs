using System.Text;

namespace Gateway.Core.Runtime
{
    /// <summary>Numbers for <see cref="JsonParser"/> (RFC 8259 §6).</summary>
    internal sealed partial class JsonParser
    {
        // Exact powers of ten: a mantissa below 2^53 times or over one of these is correctly
        // rounded (the classic fast path), so common numbers do not depend on double.Parse.
        private static readonly double[] PowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        // RFC 8259 §6 grammar. Integers that fit a long stay exact; everything else is a double.
        private object ParseNumber()
        {
            int begin = _pos;
            bool negative = false;
            if (_data[_pos] == '-')
            {
                negative = true;
                _pos++;
            }

            int intStart = _pos;
            if (Peek() == '0')
            {
                _pos++;
            }
            else if (Peek() >= '1' && Peek() <= '9')
            {
                while (Peek() >= '0' && Peek() <= '9')
                {
                    _pos++;
                }
            }
            else
            {
                throw Error("digit expected");
            }

            int intEnd = _pos;
            int fracStart = -1;
            int fracEnd = -1;
            if (Peek() == '.')
            {
                _pos++;
                fracStart = _pos;
                RequireDigits();
                fracEnd = _pos;
            }

            bool hasExponent = false;
            int exponent = 0;
            if (Peek() == 'e' || Peek() == 'E')
            {
                hasExponent = true;
                _pos++;
                bool negativeExponent = false;
                if (Peek() == '+' || Peek() == '-')
                {
                    negativeExponent = Peek() == '-';
                    _pos++;
                }

                int expStart = _pos;
                RequireDigits();
                for (int i = expStart; i < _pos; i++)
                {
                    if (exponent < 100000)
                    {
                        exponent = (exponent * 10) + (_data[i] - '0');
                    }
                }

                if (negativeExponent)
                {
                    exponent = -exponent;
                }
            }

            if (fracStart < 0 && !hasExponent)
            {
                long integer;
                if (TryAccumulate(intStart, intEnd, negative, out integer))
                {
                    return integer;
                }
            }

            return ToDouble(begin, negative, intStart, intEnd, fracStart, fracEnd, exponent);
        }

        private double ToDouble(int begin, bool negative, int intStart, int intEnd, int fracStart, int fracEnd, int exponent)
        {
            // Fast path: every significant digit fits a long below 2^53 and the scale is an exact power of ten.
            int digits = (intEnd - intStart) + (fracStart < 0 ? 0 : fracEnd - fracStart);
            int scale = exponent - (fracStart < 0 ? 0 : fracEnd - fracStart);
            if (digits <= 15 && scale >= -22 && scale <= 22)
            {
                long mantissa = 0;
                for (int i = intStart; i < intEnd; i++)
                {
                    mantissa = (mantissa * 10) + (_data[i] - '0');
                }

                for (int i = fracStart; i >= 0 && i < fracEnd; i++)
                {
                    mantissa = (mantissa * 10) + (_data[i] - '0');
                }

                double value = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
                return negative ? -value : value;
            }

            string text = Encoding.UTF8.GetString(_data, begin, _pos - begin);
            double parsed;
            if (!double.TryParse(text, out parsed) || double.IsInfinity(parsed) || double.IsNaN(parsed))
            {
                throw ErrorAt("number out of range", begin);
            }

            return parsed;
        }

        private bool TryAccumulate(int start, int end, bool negative, out long value)
        {
            // Accumulate towards the sign so long.MinValue fits.
            value = 0;
            for (int i = start; i < end; i++)
            {
                int digit = _data[i] - '0';
                if (negative)
                {
                    if (value < (long.MinValue + digit) / 10)
                    {
                        return false;
                    }

                    value = (value * 10) - digit;
                }
                else
                {
                    if (value > (long.MaxValue - digit) / 10)
                    {
                        return false;
                    }

                    value = (value * 10) + digit;
                }
            }

            return true;
        }

        private void RequireDigits()
        {
            if (!(Peek() >= '0' && Peek() <= '9'))
            {
                throw Error("digit expected");
            }

            while (Peek() >= '0' && Peek() <= '9')
            {
                _pos++;
            }
        }
    }
}
