using System;
using System.Numerics;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// The managed building blocks against exact integer arithmetic, with inputs chosen to hit the
    /// carries of the Solinas reduction (limbs of all ones, values next to p), which random ECDH
    /// inputs reach only rarely.
    /// </summary>
    public class P256InternalsTests
    {
        private static readonly uint[] Patterns = { 0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF };

        private static BigInteger ToBig(uint[] limbs)
        {
            BigInteger v = BigInteger.Zero;
            for (int i = 7; i >= 0; i--)
            {
                v = (v << 32) | limbs[i];
            }

            return v;
        }

        private static uint[] ToLimbs(BigInteger v)
        {
            uint[] limbs = new uint[8];
            for (int i = 0; i < 8; i++)
            {
                limbs[i] = (uint)(v & uint.MaxValue);
                v >>= 32;
            }

            return limbs;
        }

        /// <summary>A field element in [0, p): mostly extreme limb patterns, sometimes random, sometimes p - small.</summary>
        private static uint[] Element(SeededRandom random)
        {
            int kind = random.NextInt(4);
            BigInteger v;
            if (kind == 0)
            {
                v = P256Reference.P - 1 - random.NextInt(1000);
            }
            else
            {
                uint[] limbs = new uint[8];
                for (int i = 0; i < 8; i++)
                {
                    limbs[i] = kind == 1 ? random.NextUInt32() : Patterns[random.NextInt(Patterns.Length)];
                }

                v = ToBig(limbs) % P256Reference.P;
            }

            return ToLimbs(v);
        }

        /// <summary>
        /// Sums that land exactly on p, p - 1 and 0: the final reduction adds k = 2^256 - p and takes it
        /// off again only when the value was below p, so the values next to p are where it can go wrong.
        /// </summary>
        [Fact]
        public void ReductionIsExactAtThePrime()
        {
            var random = new SeededRandom(7);
            BigInteger p = P256Reference.P;
            uint[] r = new uint[8];
            for (int i = 0; i < 2000; i++)
            {
                uint[] a = Element(random);
                BigInteger x = ToBig(a);
                uint[] minusA = ToLimbs(P256Reference.Mod(-x));
                P256Field.Add(r, a, minusA);
                Assert.Equal(BigInteger.Zero, ToBig(r));
                P256Field.Sub(r, a, a);
                Assert.Equal(BigInteger.Zero, ToBig(r));
                uint[] nextBelow = ToLimbs(P256Reference.Mod(-x - 1));
                P256Field.Add(r, a, nextBelow);
                Assert.Equal(p - 1, ToBig(r));
                P256FieldCombination.SubtractScaled(r, a, Zero8, a, 0);
                Assert.Equal(x, ToBig(r));
                P256FieldCombination.SubtractScaled(r, a, a, Zero8, 3);
                Assert.Equal(BigInteger.Zero, ToBig(r));
            }

            uint[] minusOne = ToLimbs(p - 1);
            uint[] one = ToLimbs(BigInteger.One);
            P256FieldMultiplication.Multiply(r, minusOne, minusOne);
            Assert.Equal(BigInteger.One, ToBig(r));
            P256FieldMultiplication.Square(r, minusOne);
            Assert.Equal(BigInteger.One, ToBig(r));
            P256FieldMultiplication.Multiply(r, minusOne, one);
            Assert.Equal(p - 1, ToBig(r));
            P256Field.Sub(r, new uint[8], one);
            Assert.Equal(p - 1, ToBig(r));
            P256Field.Add(r, minusOne, one);
            Assert.Equal(BigInteger.Zero, ToBig(r));
        }

        private static readonly uint[] Zero8 = new uint[8];

        [Fact]
        public void FieldOperationsMatchExactArithmetic()
        {
            var random = new SeededRandom(256);
            var arithmetic = new P256PointArithmetic();
            uint[] r = new uint[8];
            BigInteger p = P256Reference.P;
            for (int i = 0; i < 20000; i++)
            {
                uint[] a = Element(random);
                uint[] b = Element(random);
                BigInteger x = ToBig(a);
                BigInteger y = ToBig(b);

                P256FieldMultiplication.Multiply(r, a, b);
                Assert.Equal((x * y) % p, ToBig(r));
                P256FieldMultiplication.Square(r, a);
                Assert.Equal((x * x) % p, ToBig(r));
                P256Field.Add(r, a, b);
                Assert.Equal((x + y) % p, ToBig(r));
                P256Field.Sub(r, a, b);
                Assert.Equal(P256Reference.Mod(x - y), ToBig(r));
                P256Field.Negate(r, a);
                Assert.Equal(P256Reference.Mod(-x), ToBig(r));
                uint[] c = Element(random);
                BigInteger z = ToBig(c);
                int k = random.NextInt(9);
                P256FieldCombination.MultiplySmall(r, a, k);
                Assert.Equal((x * k) % p, ToBig(r));
                P256FieldCombination.MultiplySum(r, a, b, k);
                Assert.Equal((x + y) * k % p, ToBig(r));
                P256FieldCombination.SubtractScaled(r, a, b, c, k);
                Assert.Equal(P256Reference.Mod(x - y - (k * z)), ToBig(r));

                // Aliased output.
                c = (uint[])a.Clone();
                P256FieldMultiplication.Multiply(c, c, b);
                Assert.Equal((x * y) % p, ToBig(c));
                c = (uint[])a.Clone();
                P256FieldCombination.SubtractScaled(c, c, b, c, 2);
                Assert.Equal(P256Reference.Mod(-x - y), ToBig(c));
            }

            for (int i = 0; i < 50; i++)
            {
                uint[] a = Element(random);
                arithmetic.Invert(r, a);
                BigInteger x = ToBig(a);
                Assert.Equal(x.IsZero ? BigInteger.Zero : BigInteger.ModPow(x, p - 2, p), ToBig(r));
            }
        }

        [Fact]
        public void DecodingReportsCoordinatesAtOrAboveP()
        {
            uint[] r = new uint[8];
            Assert.True(P256Field.TryDecode(P256Reference.ToBytes(P256Reference.P - 1), 0, r));
            Assert.False(P256Field.TryDecode(P256Reference.ToBytes(P256Reference.P), 0, r));
            Assert.False(P256Field.TryDecode(P256Reference.ToBytes(P256Reference.P + 1), 0, r));
            Assert.True(P256Field.TryDecode(new byte[32], 0, r));
            Assert.True(P256Scalar.TryDecode(P256Reference.ToBytes(P256Reference.N - 1), 0, r));
            Assert.False(P256Scalar.TryDecode(P256Reference.ToBytes(P256Reference.N), 0, r));
            Assert.False(P256Scalar.TryDecode(new byte[32], 0, r));
        }

        [Fact]
        public void WnafDigitsAreOddSparseAndSumToTheScalar()
        {
            var random = new SeededRandom(5);
            int[] naf = new int[P256Scalar.WnafLength];
            byte[] bytes = new byte[32];
            uint[] k = new uint[8];
            for (int i = 0; i < 2000; i++)
            {
                random.NextBytes(bytes, 0, 32);
                if (i < 8)
                {
                    Array.Fill(bytes, (byte)(i < 4 ? 0xFF : 0x00));
                    bytes[31] = (byte)i;
                }

                P256Field.DecodeBigEndian(bytes, 0, k);
                int top = P256Scalar.RecodeWnaf(k, naf);
                BigInteger sum = BigInteger.Zero;
                int last = -100;
                for (int j = P256Scalar.WnafLength - 1; j >= 0; j--)
                {
                    sum = (sum << 1) + naf[j];
                    if (naf[j] != 0)
                    {
                        Assert.True((naf[j] & 1) == 1 && naf[j] > -16 && naf[j] < 16);
                        Assert.True(last < 0 || last - j >= P256Scalar.WnafWidth);
                        last = j;
                    }
                }

                Assert.Equal(ToBig(k), sum);
                Assert.Equal(ToBig(k).IsZero ? -1 : top, top >= 0 ? top : -1);
                Assert.True(top < 0 || naf[top] != 0);
            }
        }

        [Fact]
        public void CombTableEntriesAreTheSumsOfTheirTeeth()
        {
            // Tooth j is 2^(52 j) G, from .NET's own scalar multiplication; sums in exact arithmetic.
            var teeth = new BigInteger[5][];
            for (int j = 0; j < 5; j++)
            {
                byte[] pub = P256Reference.DotNetPublicKey(P256Reference.ToBytes(BigInteger.One << (52 * j)));
                teeth[j] = new[] { P256Reference.Read(pub, 0), P256Reference.Read(pub, 32) };
            }

            Assert.Equal(31, P256CombTable.X.Length);
            Assert.Equal(31, P256CombTable.Y.Length);
            for (int index = 1; index < 32; index++)
            {
                BigInteger[] sum = null;
                for (int j = 0; j < 5; j++)
                {
                    if ((index >> j & 1) != 0)
                    {
                        sum = P256Reference.Add(sum, teeth[j]);
                    }
                }

                Assert.Equal(sum[0], ToBig(P256CombTable.X[index - 1]));
                Assert.Equal(sum[1], ToBig(P256CombTable.Y[index - 1]));
            }
        }
    }
}
