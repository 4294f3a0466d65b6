using System;
using System.Numerics;
using System.Security.Cryptography;
using Gateway.Core.Crypto;
using Gateway.Host.Crypto;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// Test-only oracle for P-256 (FIPS 186-4 D.1.2.3) in exact integer arithmetic, independent of
    /// both implementations under test, and the factory that names them for theories.
    /// </summary>
    internal static class P256Reference
    {
        public static readonly BigInteger P = Parse("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        public static readonly BigInteger N = Parse("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        public static readonly BigInteger B = Parse("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
        public static readonly BigInteger Gx = Parse("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
        public static readonly BigInteger Gy = Parse("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

        public const string Managed = "managed";
        public const string Host = "host";

        public static IKeyAgreement Create(string implementation)
        {
            switch (implementation)
            {
                case Managed: return new ManagedKeyAgreement();
                case Host: return new HostKeyAgreement();
                default: throw new ArgumentException(implementation);
            }
        }

        public static BigInteger Parse(string hex)
        {
            return new BigInteger(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);
        }

        public static BigInteger Read(byte[] data, int offset)
        {
            return new BigInteger(data.AsSpan(offset, 32), isUnsigned: true, isBigEndian: true);
        }

        public static byte[] ToBytes(BigInteger value)
        {
            byte[] result = new byte[32];
            byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            raw.CopyTo(result, 32 - raw.Length);
            return result;
        }

        public static byte[] Point(BigInteger x, BigInteger y)
        {
            byte[] result = new byte[64];
            ToBytes(x).CopyTo(result, 0);
            ToBytes(y).CopyTo(result, 32);
            return result;
        }

        public static BigInteger Mod(BigInteger v)
        {
            BigInteger r = v % P;
            return r.Sign < 0 ? r + P : r;
        }

        /// <summary>Both coordinates below p and y^2 = x^3 - 3x + b.</summary>
        public static bool IsValidPoint(byte[] data, int offset)
        {
            BigInteger x = Read(data, offset);
            BigInteger y = Read(data, offset + 32);
            return x < P && y < P && Mod(y * y) == Mod((x * x * x) - (3 * x) + B);
        }

        /// <summary>A square root mod p (p = 3 mod 4), or -1 when there is none.</summary>
        public static BigInteger Sqrt(BigInteger v)
        {
            BigInteger r = BigInteger.ModPow(Mod(v), (P + 1) / 4, P);
            return Mod(r * r) == Mod(v) ? r : BigInteger.MinusOne;
        }

        /// <summary>Affine addition; null is the point at infinity.</summary>
        public static BigInteger[] Add(BigInteger[] a, BigInteger[] b)
        {
            if (a == null)
            {
                return b;
            }

            if (b == null)
            {
                return a;
            }

            BigInteger l;
            if (a[0] == b[0])
            {
                if (Mod(a[1] + b[1]) == 0)
                {
                    return null;
                }

                l = Mod(((3 * a[0] * a[0]) - 3) * BigInteger.ModPow(Mod(2 * a[1]), P - 2, P));
            }
            else
            {
                l = Mod((b[1] - a[1]) * BigInteger.ModPow(Mod(b[0] - a[0]), P - 2, P));
            }

            BigInteger x = Mod((l * l) - a[0] - b[0]);
            return new[] { x, Mod((l * (a[0] - x)) - a[1]) };
        }

        public static BigInteger[] Multiply(BigInteger k, BigInteger[] point)
        {
            BigInteger[] result = null;
            BigInteger[] addend = point;
            while (k > 0)
            {
                if (!k.IsEven)
                {
                    result = Add(result, addend);
                }

                addend = Add(addend, addend);
                k >>= 1;
            }

            return result;
        }

        /// <summary>.NET's own public key for a private scalar (OpenSSL or CNG).</summary>
        public static byte[] DotNetPublicKey(byte[] privateKey)
        {
            using ECDiffieHellman key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = privateKey,
            });
            ECParameters parameters = key.ExportParameters(false);
            byte[] result = new byte[64];
            parameters.Q.X.CopyTo(result, 0);
            parameters.Q.Y.CopyTo(result, 32);
            return result;
        }

        /// <summary>.NET's raw ECDH (the X coordinate) of a private scalar and a peer point.</summary>
        public static byte[] DotNetSharedSecret(byte[] privateKey, byte[] peerPublicKey)
        {
            using ECDiffieHellman ours = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = privateKey,
            });
            using ECDiffieHellman peer = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = peerPublicKey.AsSpan(0, 32).ToArray(), Y = peerPublicKey.AsSpan(32, 32).ToArray() },
            });
            using ECDiffieHellmanPublicKey peerKey = peer.PublicKey;
            return ours.DeriveRawSecretAgreement(peerKey);
        }
    }
}
