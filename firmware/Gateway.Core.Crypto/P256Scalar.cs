using System;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Private scalars of P-256 (FIPS 186-4 D.1.2.3, group order n) and their recodings for the
    /// two scalar multiplications: width-5 NAF for a variable base and the comb column indexes for
    /// the fixed base G. Scalars are eight 32-bit limbs, least significant first.
    /// </summary>
    internal static class P256Scalar
    {
        /// <summary>The window width of the variable-base NAF: digits are odd and in [-15, 15].</summary>
        internal const int WnafWidth = 5;

        /// <summary>A 256-bit scalar has at most 257 NAF digits.</summary>
        internal const int WnafLength = 257;

        /// <summary>Teeth of the fixed-base comb: the table holds 2^5 - 1 points.</summary>
        internal const int CombTeeth = 5;

        /// <summary>Columns of the comb: 5 teeth x 52 columns = 260 bits cover a 256-bit scalar.</summary>
        internal const int CombColumns = 52;

        /// <summary>The order n of the base point, least significant limb first.</summary>
        private static readonly uint[] N = new uint[]
        {
            0xFC632551, 0xF3B9CAC2, 0xA7179E84, 0xBCE6FAAD, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF,
        };

        /// <summary>
        /// Reads a 32-octet big-endian private key and tells whether it is a valid scalar, 1 &lt;= k &lt;= n - 1
        /// (FIPS 186-4 B.4: a private key outside that range has no matching public key).
        /// </summary>
        internal static bool TryDecode(byte[] source, int offset, uint[] k)
        {
            P256Field.DecodeBigEndian(source, offset, k);
            long t = 0;
            uint any = 0;
            for (int i = 0; i < P256Field.Limbs; i++)
            {
                t = (t >> 32) + k[i] - N[i];
                any |= k[i];
            }

            // k < n exactly when k - n borrows.
            return any != 0 && (t >> 32) != 0;
        }

        /// <summary>
        /// Width-5 non-adjacent form of k (Hankerson, Menezes, Vanstone, Guide to ECC, Alg. 3.35):
        /// k = sum naf[i] 2^i with every non-zero digit odd, |digit| &lt; 16, and at least four zeros
        /// between two non-zero digits, so a scalar multiplication needs about 256/6 additions.
        /// Returns the index of the most significant non-zero digit, or -1 when k = 0.
        /// </summary>
        internal static int RecodeWnaf(uint[] k, int[] naf)
        {
            Array.Clear(naf, 0, WnafLength);
            int carry = 0;
            int bit = 0;
            int top = -1;
            while (bit < WnafLength)
            {
                // An even partial value (bit plus carry) gives a zero digit; the carry moves on.
                if (Bits(k, bit, 1) == carry)
                {
                    bit++;
                    continue;
                }

                int word = Bits(k, bit, WnafWidth) + carry;
                carry = (word >> (WnafWidth - 1)) & 1;
                word -= carry << WnafWidth;
                naf[bit] = word;
                top = bit;
                bit += WnafWidth;
            }

            return top;
        }

        /// <summary>
        /// The comb index of column <paramref name="column"/>: bit j of the result is bit
        /// (52 j + column) of k, so the table entry j-mask holds sum 2^(52 j) G over the set bits.
        /// </summary>
        internal static int CombIndex(uint[] k, int column)
        {
            int index = 0;
            for (int j = 0; j < CombTeeth; j++)
            {
                index |= Bits(k, (CombColumns * j) + column, 1) << j;
            }

            return index;
        }

        /// <summary>Bits [bit, bit + count) of k for count &lt;= 5; bits above 255 read as zero.</summary>
        private static int Bits(uint[] k, int bit, int count)
        {
            int word = bit >> 5;
            if (word >= P256Field.Limbs)
            {
                return 0;
            }

            int shift = bit & 31;
            uint v = k[word] >> shift;
            if (shift + count > 32 && word + 1 < P256Field.Limbs)
            {
                v |= k[word + 1] << (32 - shift);
            }

            return (int)(v & ((1u << count) - 1));
        }
    }
}
