using System;
using System.Numerics;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// MshPRT v1.1 §5.4.3.1 public key checks (0 &lt;= x, y &lt; p, on the curve) for both backends:
    /// invalid-curve and encoding tricks are refused with false, never an exception.
    /// </summary>
    public class KeyAgreementValidationTests
    {
        private const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";
        private const string EcdhSecret = "ab85843a2f6d883f62e5684b38e307335fe6e1945ecd19604105c6f23221eb69";

        public static TheoryData<string, string> InvalidPoints()
        {
            BigInteger sqrtB = P256Reference.Sqrt(P256Reference.B);
            BigInteger five = P256Reference.Sqrt(125 - 15 + P256Reference.B);
            byte[] notOnCurve = Hex.Decode(ProvisionerPublicKey);
            notOnCurve[63] ^= 1;
            byte[] swapped = new byte[64];
            Array.Copy(Hex.Decode(ProvisionerPublicKey), 32, swapped, 0, 32);
            Array.Copy(Hex.Decode(ProvisionerPublicKey), 0, swapped, 32, 32);
            BigInteger max = (BigInteger.One << 256) - 1;
            var data = new TheoryData<string, string>();
            foreach (string implementation in new[] { P256Reference.Managed, P256Reference.Host })
            {
                data.Add(implementation, Hex.Encode(notOnCurve));
                data.Add(implementation, Hex.Encode(swapped));
                data.Add(implementation, Hex.Encode(new byte[64])); // infinity has no affine encoding
                data.Add(implementation, Hex.Encode(P256Reference.Point(0, 1)));
                data.Add(implementation, Hex.Encode(P256Reference.Point(0, sqrtB + 1)));
                data.Add(implementation, Hex.Encode(P256Reference.Point(P256Reference.P, sqrtB))); // x = p is 0 mod p
                data.Add(implementation, Hex.Encode(P256Reference.Point(P256Reference.P + 5, five))); // x + p
                data.Add(implementation, Hex.Encode(P256Reference.Point(5, P256Reference.P)));
                data.Add(implementation, Hex.Encode(P256Reference.Point(5, max)));
                data.Add(implementation, Hex.Encode(P256Reference.Point(max, max)));
                data.Add(implementation, Hex.Encode(P256Reference.Point(P256Reference.Gx, 0)));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(InvalidPoints))]
        public void InvalidPeerKeyIsRefusedAndNothingIsWritten(string implementation, string point)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            byte[] peer = Hex.Decode(point);
            Assert.False(P256Reference.IsValidPoint(peer, 0));
            Assert.False(ka.IsValidPublicKey(peer, 0));

            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] secret = new byte[32];
            Array.Fill(secret, (byte)0xA5);
            Assert.False(ka.TryComputeSharedSecret(own, peer, 0, secret, 0));
            Assert.All(secret, b => Assert.Equal(0xA5, b));

            // No state corruption: the next valid exchange still gives the sample secret.
            Assert.True(ka.TryComputeSharedSecret(own, Hex.Decode(ProvisionerPublicKey), 0, secret, 0));
            Assert.Equal(EcdhSecret, Hex.Encode(secret));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void PointWithZeroXIsValidAndAgreesWithDotNet(string implementation)
        {
            // b is a square mod p, so (0, sqrt(b)) and (0, -sqrt(b)) are curve points: edge values, not errors.
            IKeyAgreement ka = P256Reference.Create(implementation);
            BigInteger sqrtB = P256Reference.Sqrt(P256Reference.B);
            Assert.True(sqrtB > 0);
            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            foreach (BigInteger y in new[] { sqrtB, P256Reference.P - sqrtB })
            {
                byte[] peer = P256Reference.Point(0, y);
                Assert.True(ka.IsValidPublicKey(peer, 0));
                byte[] secret = new byte[32];
                Assert.True(ka.TryComputeSharedSecret(own, peer, 0, secret, 0));
                Assert.Equal(P256Reference.DotNetSharedSecret(own.PrivateKey, peer), secret);
            }
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void TruncatedOrMisplacedPeerKeyIsFalseNotAnException(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] valid = Hex.Decode(ProvisionerPublicKey);
            byte[] secret = new byte[32];
            byte[] shifted = new byte[65];
            valid.CopyTo(shifted, 1);

            Assert.False(ka.IsValidPublicKey(null, 0));
            Assert.False(ka.IsValidPublicKey(valid, -1));
            Assert.False(ka.IsValidPublicKey(valid, 1));
            Assert.False(ka.IsValidPublicKey(valid, int.MaxValue));
            Assert.False(ka.IsValidPublicKey(valid, int.MinValue));
            Assert.False(ka.IsValidPublicKey(new byte[63], 0));
            Assert.False(ka.IsValidPublicKey(shifted, 0));
            Assert.True(ka.IsValidPublicKey(shifted, 1));
            Assert.False(ka.TryComputeSharedSecret(own, null, 0, secret, 0));
            Assert.False(ka.TryComputeSharedSecret(own, valid, 1, secret, 0));
            Assert.False(ka.TryComputeSharedSecret(own, valid, -64, secret, 0));
            Assert.False(ka.TryComputeSharedSecret(own, valid.AsSpan(0, 63).ToArray(), 0, secret, 0));
            Assert.All(secret, b => Assert.Equal(0, b));
            Assert.True(ka.TryComputeSharedSecret(own, shifted, 1, secret, 0));
            Assert.Equal(EcdhSecret, Hex.Encode(secret));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void CallerBugsAreArgumentErrors(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] peer = Hex.Decode(ProvisionerPublicKey);
            Assert.Throws<ArgumentNullException>(() => ka.TryComputeSharedSecret(null, peer, 0, new byte[32], 0));
            Assert.Throws<ArgumentNullException>(() => ka.TryComputeSharedSecret(own, peer, 0, null, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ka.TryComputeSharedSecret(own, peer, 0, new byte[31], 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => ka.TryComputeSharedSecret(own, peer, 0, new byte[40], 9));
            Assert.Throws<ArgumentOutOfRangeException>(() => ka.TryComputeSharedSecret(own, peer, 0, new byte[40], -1));
            Assert.Throws<ArgumentNullException>(() => ka.GenerateKeyPair(null));
        }

        public static TheoryData<string, string> InvalidPrivateKeys()
        {
            var data = new TheoryData<string, string>();
            foreach (string implementation in new[] { P256Reference.Managed, P256Reference.Host })
            {
                data.Add(implementation, Hex.Encode(new byte[32]));
                data.Add(implementation, Hex.Encode(P256Reference.ToBytes(P256Reference.N)));
                data.Add(implementation, Hex.Encode(P256Reference.ToBytes(P256Reference.N + 1)));
                data.Add(implementation, new string('f', 64));
                data.Add(implementation, "01");
                data.Add(implementation, "00" + DevicePrivateKey);
                data.Add(implementation, DevicePrivateKey.Substring(2));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(InvalidPrivateKeys))]
        public void PrivateKeyOutOfRangeIsAFormatErrorWithoutTheValue(string implementation, string privateKey)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            var error = Assert.Throws<ProtocolFormatException>(() => ka.CreateKeyPair(Hex.Decode(privateKey)));
            Assert.DoesNotContain(privateKey.Substring(0, Math.Min(8, privateKey.Length)), error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Throws<ProtocolFormatException>(() => ka.CreateKeyPair(null));
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void ExtremePrivateKeysGiveGAndMinusG(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            Assert.Equal(
                P256Reference.Point(P256Reference.Gx, P256Reference.Gy),
                ka.CreateKeyPair(P256Reference.ToBytes(1)).PublicKey);
            Assert.Equal(
                P256Reference.Point(P256Reference.Gx, P256Reference.P - P256Reference.Gy),
                ka.CreateKeyPair(P256Reference.ToBytes(P256Reference.N - 1)).PublicKey);
        }

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void ReturnedKeyPairOwnsItsPrivateKey(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            byte[] privateKey = Hex.Decode(DevicePrivateKey);
            P256KeyPair pair = ka.CreateKeyPair(privateKey);
            privateKey[0] ^= 0xFF;
            Assert.Equal(DevicePrivateKey, Hex.Encode(pair.PrivateKey));
        }
    }
}
