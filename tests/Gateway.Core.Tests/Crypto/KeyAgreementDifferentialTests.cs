using System;
using System.Numerics;
using FsCheck.Xunit;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// Both backends against .NET's ECDiffieHellman (OpenSSL/CNG) as the independent implementation:
    /// public key derivation and the raw ECDH secret in both directions, seeded so failures replay.
    /// </summary>
    public class KeyAgreementDifferentialTests
    {
        private const int Pairs = 1000;

        [Theory]
        [InlineData(P256Reference.Managed, 20240601)]
        [InlineData(P256Reference.Host, 20240602)]
        public void RandomKeyPairsAgreeWithDotNet(string implementation, long seed)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            var random = new SeededRandom(seed);
            byte[] ab = new byte[32];
            byte[] ba = new byte[32];
            for (int i = 0; i < Pairs; i++)
            {
                P256KeyPair a = ka.GenerateKeyPair(random);
                P256KeyPair b = ka.GenerateKeyPair(random);
                Assert.True(P256Reference.DotNetPublicKey(a.PrivateKey).AsSpan().SequenceEqual(a.PublicKey), "public key, pair " + i);
                Assert.True(P256Reference.DotNetPublicKey(b.PrivateKey).AsSpan().SequenceEqual(b.PublicKey), "public key, pair " + i);
                Assert.True(ka.TryComputeSharedSecret(a, b.PublicKey, 0, ab, 0));
                Assert.True(ka.TryComputeSharedSecret(b, a.PublicKey, 0, ba, 0));
                Assert.True(P256Reference.DotNetSharedSecret(a.PrivateKey, b.PublicKey).AsSpan().SequenceEqual(ab), "secret, pair " + i);
                Assert.True(ab.AsSpan().SequenceEqual(ba), "secret symmetry, pair " + i);
            }
        }

        [Fact]
        public void BothBackendsDrawTheSameKeyFromTheSameSeed()
        {
            // Rejection sampling consumes the random port identically, so simulations replay on either backend.
            for (long seed = 1; seed <= 20; seed++)
            {
                P256KeyPair managed = new ManagedKeyAgreement().GenerateKeyPair(new SeededRandom(seed));
                P256KeyPair host = new Gateway.Host.Crypto.HostKeyAgreement().GenerateKeyPair(new SeededRandom(seed));
                Assert.Equal(host.PrivateKey, managed.PrivateKey);
                Assert.Equal(host.PublicKey, managed.PublicKey);
            }
        }

        public static TheoryData<string, string> EdgeScalars()
        {
            var scalars = new System.Collections.Generic.SortedSet<BigInteger>();
            for (int k = 1; k <= 40; k++)
            {
                scalars.Add(k);
                scalars.Add(P256Reference.N - k);
            }

            for (int bit = 1; bit < 256; bit += 5)
            {
                scalars.Add(BigInteger.One << bit);
                scalars.Add((BigInteger.One << bit) - 1);
                scalars.Add((BigInteger.One << bit) + 1);
            }

            scalars.Add(P256Reference.N >> 1);
            scalars.Add((P256Reference.N >> 1) + 1);
            scalars.Add(P256Reference.Parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
            scalars.Add(P256Reference.Parse("5555555555555555555555555555555555555555555555555555555555555555"));
            scalars.Add(P256Reference.Parse("f7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bdef7bd"));
            var data = new TheoryData<string, string>();
            foreach (string implementation in new[] { P256Reference.Managed, P256Reference.Host })
            {
                foreach (BigInteger k in scalars)
                {
                    if (k > 0 && k < P256Reference.N)
                    {
                        data.Add(implementation, Hex.Encode(P256Reference.ToBytes(k)));
                    }
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(EdgeScalars))]
        public void EdgeScalarsAgreeWithDotNet(string implementation, string privateKey)
        {
            // Small scalars, n - k, powers of two and long digit runs reach the recoding's corner cases
            // (NAF carries into bit 256, digits next to the top) and the additions' exceptional cases.
            IKeyAgreement ka = P256Reference.Create(implementation);
            byte[] scalar = Hex.Decode(privateKey);
            P256KeyPair pair = ka.CreateKeyPair(scalar);
            Assert.Equal(P256Reference.DotNetPublicKey(scalar), pair.PublicKey);

            byte[] peer = Hex.Decode(
                "f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc" +
                "0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279");
            byte[] secret = new byte[32];
            Assert.True(ka.TryComputeSharedSecret(pair, peer, 0, secret, 0));
            Assert.Equal(P256Reference.DotNetSharedSecret(scalar, peer), secret);

            // The scalar times its own public key: G-multiples on the variable-base path too.
            Assert.True(ka.TryComputeSharedSecret(pair, pair.PublicKey, 0, secret, 0));
            Assert.Equal(P256Reference.DotNetSharedSecret(scalar, pair.PublicKey), secret);
        }

        private static readonly ManagedKeyAgreement SharedManaged = new ManagedKeyAgreement();
        private static readonly Gateway.Host.Crypto.HostKeyAgreement SharedHost = new Gateway.Host.Crypto.HostKeyAgreement();
        private static readonly P256KeyPair PropertyKey = SharedManaged.CreateKeyPair(
            Hex.Decode("529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba"));

        /// <summary>
        /// Arbitrary peer bytes never throw; IsValidPublicKey matches an exact-integer check; ECDH
        /// succeeds exactly for valid points and then matches .NET. The mode mixes raw noise with
        /// real points and near misses, since random bytes alone are almost never on the curve.
        /// One instance of each backend serves every case, so state left by a bad key would show.
        /// </summary>
        [Property(MaxTest = 400)]
        public void ArbitraryPeerBytesNeverThrowAndMatchTheOracle(byte[] noise, int seed, byte mode)
        {
            noise ??= Array.Empty<byte>();
            byte[] peer = new byte[64];
            switch (mode % 4)
            {
                case 0:
                    noise.AsSpan(0, Math.Min(64, noise.Length)).CopyTo(peer);
                    break;
                case 1:
                case 2:
                    P256KeyPair real = SharedManaged.GenerateKeyPair(new SeededRandom(seed));
                    real.PublicKey.CopyTo(peer, 0);
                    if (mode % 4 == 2)
                    {
                        for (int i = 0; i < noise.Length && i < 64; i++)
                        {
                            peer[(seed + (7 * i)) & 63] ^= noise[i];
                        }
                    }

                    break;
                default:
                    // Coordinates near p: 0xff..ff words with noise in the low octets.
                    Array.Fill(peer, (byte)0xFF);
                    peer[4] = 0;
                    peer[5] = 0;
                    peer[6] = 0;
                    peer[7] = (byte)(noise.Length > 0 ? noise[0] & 1 : 1);
                    noise.AsSpan(0, Math.Min(24, noise.Length)).CopyTo(peer.AsSpan(40));
                    break;
            }

            bool expected = P256Reference.IsValidPoint(peer, 0);
            foreach (IKeyAgreement ka in new IKeyAgreement[] { SharedManaged, SharedHost })
            {
                Assert.Equal(expected, ka.IsValidPublicKey(peer, 0));
                byte[] secret = new byte[32];
                Array.Fill(secret, (byte)0x5A);
                bool ok = ka.TryComputeSharedSecret(PropertyKey, peer, 0, secret, 0);
                Assert.Equal(expected, ok);
                if (ok)
                {
                    Assert.Equal(P256Reference.DotNetSharedSecret(PropertyKey.PrivateKey, peer), secret);
                }
                else
                {
                    Assert.All(secret, b => Assert.Equal(0x5A, b));
                }
            }
        }
    }
}
