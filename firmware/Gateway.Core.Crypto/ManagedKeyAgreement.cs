using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// P-256 key agreement in portable managed code (runs on nanoFramework): 32-bit limbs, Solinas
    /// reduction, Jacobian coordinates, a width-5 NAF with a co-Z table for the peer's point, a
    /// 5-tooth comb for the base point, and one field inversion per scalar multiplication.
    /// </summary>
    /// <remarks>
    /// All working memory is allocated in the constructor: <see cref="TryComputeSharedSecret"/> and
    /// <see cref="IsValidPublicKey"/> allocate nothing, so an instance is not thread-safe (use one
    /// per thread; the gateway's core runs on one scheduler thread). Cost per ECDH is about
    /// 1,290 field multiplications and 1,680 squarings, per key generation about 510 and 710
    /// (about 0.25 ms each on an ESP32); <see cref="FieldMultiplications"/> and
    /// <see cref="FieldSquarings"/> count them.
    /// </remarks>
    public sealed class ManagedKeyAgreement : IKeyAgreement
    {
        private readonly P256PointArithmetic _arithmetic = new P256PointArithmetic();
        private readonly P256ScalarMultiplication _multiplication;
        private readonly uint[] _scalar = new uint[P256Field.Limbs];
        private readonly uint[] _x = new uint[P256Field.Limbs];
        private readonly uint[] _y = new uint[P256Field.Limbs];
        private readonly uint[] _result = new uint[P256Field.Limbs];

        public ManagedKeyAgreement()
        {
            _multiplication = new P256ScalarMultiplication(_arithmetic);
        }

        /// <summary>Field multiplications (not squarings) since construction or <see cref="ResetCounters"/>.</summary>
        public long FieldMultiplications
        {
            get { return _arithmetic.Multiplications; }
        }

        /// <summary>Field squarings since construction or <see cref="ResetCounters"/>.</summary>
        public long FieldSquarings
        {
            get { return _arithmetic.Squarings; }
        }

        public void ResetCounters()
        {
            _arithmetic.Multiplications = 0;
            _arithmetic.Squarings = 0;
        }

        public P256KeyPair GenerateKeyPair(IRandom random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            // Rejection sampling keeps the scalar uniform in [1, n - 1]; n is within 2^-32 of 2^256,
            // so a draw is rejected with probability below 2^-32.
            byte[] privateKey = new byte[P256KeyPair.PrivateKeyLength];
            do
            {
                random.NextBytes(privateKey, 0, privateKey.Length);
            }
            while (!P256Scalar.TryDecode(privateKey, 0, _scalar));

            return CreateFromScalar(privateKey);
        }

        public P256KeyPair CreateKeyPair(byte[] privateKey)
        {
            if (privateKey == null || privateKey.Length != P256KeyPair.PrivateKeyLength)
            {
                throw new ProtocolFormatException("P-256 private key must be 32 octets");
            }

            if (!P256Scalar.TryDecode(privateKey, 0, _scalar))
            {
                P256Field.SetZero(_scalar);
                throw new ProtocolFormatException("P-256 private key must be in [1, n - 1]");
            }

            byte[] copy = new byte[P256KeyPair.PrivateKeyLength];
            Array.Copy(privateKey, 0, copy, 0, copy.Length);
            return CreateFromScalar(copy);
        }

        public bool IsValidPublicKey(byte[] publicKey, int offset)
        {
            return TryDecodePoint(publicKey, offset);
        }

        public bool TryComputeSharedSecret(P256KeyPair own, byte[] peerPublicKey, int peerOffset, byte[] secret, int secretOffset)
        {
            if (own == null)
            {
                throw new ArgumentNullException("own");
            }

            if (secret == null)
            {
                throw new ArgumentNullException("secret");
            }

            if (secretOffset < 0 || secretOffset > secret.Length - P256KeyPair.PrivateKeyLength)
            {
                throw new ArgumentOutOfRangeException("secretOffset");
            }

            if (!TryDecodePoint(peerPublicKey, peerOffset))
            {
                return false;
            }

            if (!P256Scalar.TryDecode(own.PrivateKey, 0, _scalar))
            {
                P256Field.SetZero(_scalar);
                throw new ProtocolFormatException("P-256 private key must be in [1, n - 1]");
            }

            bool finite = _multiplication.MultiplyX(_scalar, _x, _y, _result);
            P256Field.SetZero(_scalar);
            if (!finite)
            {
                return false;
            }

            // MshPRT v1.1 §5.4.3.1: the ECDHSecret is the X coordinate of the shared point.
            P256Field.EncodeBigEndian(_result, secret, secretOffset);
            P256Field.SetZero(_result);
            return true;
        }

        /// <summary>Public key of the scalar in <see cref="_scalar"/>; clears the scalar afterwards.</summary>
        private P256KeyPair CreateFromScalar(byte[] privateKey)
        {
            _multiplication.MultiplyBase(_scalar, _x, _y);
            P256Field.SetZero(_scalar);
            byte[] publicKey = new byte[P256KeyPair.PublicKeyLength];
            P256Field.EncodeBigEndian(_x, publicKey, 0);
            P256Field.EncodeBigEndian(_y, publicKey, 32);
            return new P256KeyPair(privateKey, publicKey);
        }

        /// <summary>
        /// Decodes X ‖ Y into <see cref="_x"/>, <see cref="_y"/> and checks the point (MshPRT v1.1
        /// §5.4.3.1): coordinates below p and on the curve. P-256 has cofactor 1, so every such point
        /// has prime order n and no small-subgroup check is needed.
        /// </summary>
        private bool TryDecodePoint(byte[] publicKey, int offset)
        {
            if (publicKey == null || offset < 0 || offset > publicKey.Length - P256KeyPair.PublicKeyLength)
            {
                return false;
            }

            bool inRange = P256Field.TryDecode(publicKey, offset, _x);
            inRange &= P256Field.TryDecode(publicKey, offset + 32, _y);
            return inRange && _arithmetic.IsOnCurve(_x, _y);
        }
    }
}
