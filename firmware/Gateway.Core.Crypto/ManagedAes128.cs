using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// AES-128 (FIPS-197) in portable managed code: the <see cref="IAes128"/> port where no
    /// native AES exists (simulation, reference, cross-checking the native adapters).
    /// The instance owns the S-boxes and round tables, computed once from the field arithmetic
    /// of FIPS-197 §4–§5 instead of typed-in constants, and shares them with every key it creates.
    /// Block operations allocate nothing.
    /// </summary>
    public sealed class ManagedAes128 : IAes128
    {
        private readonly byte[] _sbox = new byte[256];
        private readonly byte[] _inverseSbox = new byte[256];

        // Te[x] = (2·S[x], S[x], S[x], 3·S[x]) and Td[x] = (14·Si[x], 9·Si[x], 13·Si[x], 11·Si[x]),
        // big-endian words: one column of SubBytes+MixColumns (or their inverses) per lookup.
        private readonly uint[] _te = new uint[256];
        private readonly uint[] _td = new uint[256];

        public ManagedAes128()
        {
            BuildTables();
        }

        public IBlockCipher CreateEncryptor(byte[] key)
        {
            CryptoArguments.CheckLength(key, 16, "AES-128 key");
            return new ManagedAesBlockCipher(key, _sbox, _inverseSbox, _te, _td);
        }

        private void BuildTables()
        {
            // Powers of the generator 3 give logarithms in GF(2^8) (FIPS-197 §4.2), hence inverses.
            byte[] exp = new byte[256];
            byte[] log = new byte[256];
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                exp[i] = (byte)x;
                log[x] = (byte)i;
                x ^= XTime(x);
            }

            for (int i = 0; i < 256; i++)
            {
                int inverse = i == 0 ? 0 : exp[(255 - log[i]) % 255];

                // The affine transformation of FIPS-197 §5.1.1 (equation 5.1).
                int s = inverse ^ RotateLeft8(inverse, 1) ^ RotateLeft8(inverse, 2) ^ RotateLeft8(inverse, 3) ^ RotateLeft8(inverse, 4) ^ 0x63;
                _sbox[i] = (byte)s;
                _inverseSbox[s] = (byte)i;
            }

            for (int i = 0; i < 256; i++)
            {
                int s = _sbox[i];
                int s2 = XTime(s);
                _te[i] = ((uint)s2 << 24) | ((uint)s << 16) | ((uint)s << 8) | (uint)(s2 ^ s);

                int si = _inverseSbox[i];
                _td[i] = ((uint)Multiply(si, 0x0e) << 24) | ((uint)Multiply(si, 0x09) << 16)
                    | ((uint)Multiply(si, 0x0d) << 8) | (uint)Multiply(si, 0x0b);
            }
        }

        private static int XTime(int value)
        {
            // Multiplication by x modulo m(x) = x^8 + x^4 + x^3 + x + 1 (FIPS-197 §4.2.1).
            value <<= 1;
            return (value & 0x100) != 0 ? (value ^ 0x11b) & 0xff : value;
        }

        private static int Multiply(int a, int b)
        {
            int product = 0;
            while (b != 0)
            {
                if ((b & 1) != 0)
                {
                    product ^= a;
                }

                a = XTime(a);
                b >>= 1;
            }

            return product;
        }

        private static int RotateLeft8(int value, int shift)
        {
            return ((value << shift) | (value >> (8 - shift))) & 0xff;
        }
    }
}
