using System;
using System.Security.Cryptography;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Host.Crypto
{
    /// <summary>
    /// The P-256 key agreement port over <see cref="ECDiffieHellman"/> (OpenSSL on Linux, CNG on
    /// Windows). Same contract as <see cref="ManagedKeyAgreement"/>: the private scalar comes from
    /// the <see cref="IRandom"/> port by rejection sampling (so simulations replay), the ECDHSecret
    /// is the raw X coordinate (<see cref="ECDiffieHellman.DeriveRawSecretAgreement"/>, not the
    /// hashed <c>DeriveKeyMaterial</c>), and an invalid peer point is false, never an exception.
    /// Thread-safe: every call works on its own objects.
    /// </summary>
    public sealed class HostKeyAgreement : IKeyAgreement
    {
        private const int CoordinateLength = 32;

        /// <summary>p = 2^256 - 2^224 + 2^192 + 2^96 - 1, big-endian (FIPS 186-4 D.1.2.3).</summary>
        private static readonly byte[] P = Convert.FromHexString(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

        /// <summary>The group order n, big-endian.</summary>
        private static readonly byte[] N = Convert.FromHexString(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

        public P256KeyPair GenerateKeyPair(IRandom random)
        {
            ArgumentNullException.ThrowIfNull(random);
            byte[] privateKey = new byte[P256KeyPair.PrivateKeyLength];
            do
            {
                random.NextBytes(privateKey, 0, privateKey.Length);
            }
            while (!IsValidScalar(privateKey));

            return CreateFromValidScalar(privateKey);
        }

        public P256KeyPair CreateKeyPair(byte[] privateKey)
        {
            if (privateKey == null || privateKey.Length != P256KeyPair.PrivateKeyLength)
            {
                throw new ProtocolFormatException("P-256 private key must be 32 octets");
            }

            if (!IsValidScalar(privateKey))
            {
                throw new ProtocolFormatException("P-256 private key must be in [1, n - 1]");
            }

            return CreateFromValidScalar((byte[])privateKey.Clone());
        }

        public bool IsValidPublicKey(byte[] publicKey, int offset)
        {
            using ECDiffieHellman peer = TryImportPublicKey(publicKey, offset);
            return peer != null;
        }

        public bool TryComputeSharedSecret(P256KeyPair own, byte[] peerPublicKey, int peerOffset, byte[] secret, int secretOffset)
        {
            ArgumentNullException.ThrowIfNull(own);
            ArgumentNullException.ThrowIfNull(secret);
            if (secretOffset < 0 || secretOffset > secret.Length - P256KeyPair.PrivateKeyLength)
            {
                throw new ArgumentOutOfRangeException(nameof(secretOffset));
            }

            using ECDiffieHellman peer = TryImportPublicKey(peerPublicKey, peerOffset);
            if (peer == null)
            {
                return false;
            }

            if (!IsValidScalar(own.PrivateKey))
            {
                throw new ProtocolFormatException("P-256 private key must be in [1, n - 1]");
            }

            using ECDiffieHellman ours = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = own.PrivateKey,
                Q = new ECPoint
                {
                    X = own.PublicKey.AsSpan(0, CoordinateLength).ToArray(),
                    Y = own.PublicKey.AsSpan(CoordinateLength, CoordinateLength).ToArray(),
                },
            });
            using ECDiffieHellmanPublicKey peerKey = peer.PublicKey;
            byte[] x = ours.DeriveRawSecretAgreement(peerKey);
            try
            {
                x.CopyTo(secret, secretOffset);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(x);
            }

            return true;
        }

        private static P256KeyPair CreateFromValidScalar(byte[] privateKey)
        {
            // .NET derives Q when only D is imported.
            using ECDiffieHellman key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = privateKey,
            });
            ECParameters parameters = key.ExportParameters(false);
            byte[] publicKey = new byte[P256KeyPair.PublicKeyLength];
            parameters.Q.X.CopyTo(publicKey, 0);
            parameters.Q.Y.CopyTo(publicKey, CoordinateLength);
            return new P256KeyPair(privateKey, publicKey);
        }

        /// <summary>
        /// The peer's point as a key object, or null when it is not a valid public key. The range
        /// check is explicit so the answer does not depend on how the platform treats x or y >= p.
        /// </summary>
        private static ECDiffieHellman TryImportPublicKey(byte[] publicKey, int offset)
        {
            if (publicKey == null || offset < 0 || offset > publicKey.Length - P256KeyPair.PublicKeyLength)
            {
                return null;
            }

            ReadOnlySpan<byte> x = publicKey.AsSpan(offset, CoordinateLength);
            ReadOnlySpan<byte> y = publicKey.AsSpan(offset + CoordinateLength, CoordinateLength);
            if (x.SequenceCompareTo(P) >= 0 || y.SequenceCompareTo(P) >= 0)
            {
                return null;
            }

            try
            {
                // Import checks that the point is on the curve (and not the point at infinity).
                return ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = x.ToArray(), Y = y.ToArray() },
                });
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        private static bool IsValidScalar(byte[] scalar)
        {
            ReadOnlySpan<byte> k = scalar;
            return k.IndexOfAnyExcept((byte)0) >= 0 && k.SequenceCompareTo(N) < 0;
        }
    }
}
