using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>What only the managed backend promises: no allocation per ECDH and its field operation budget.</summary>
    public class ManagedKeyAgreementTests
    {
        private const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";

        private readonly ITestOutputHelper _output;

        public ManagedKeyAgreementTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void SharedSecretAndValidationAllocateNothingAfterWarmUp()
        {
            var ka = new ManagedKeyAgreement();
            P256KeyPair own = ka.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            byte[] peer = Hex.Decode(ProvisionerPublicKey);
            byte[] invalid = (byte[])peer.Clone();
            invalid[63] ^= 1;
            byte[] secret = new byte[32];
            for (int i = 0; i < 3; i++)
            {
                Assert.True(ka.TryComputeSharedSecret(own, peer, 0, secret, 0));
                Assert.False(ka.TryComputeSharedSecret(own, invalid, 0, secret, 0));
                Assert.True(ka.IsValidPublicKey(peer, 0));
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                ka.TryComputeSharedSecret(own, peer, 0, secret, 0);
                ka.TryComputeSharedSecret(own, invalid, 0, secret, 0);
                ka.IsValidPublicKey(peer, 0);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void FieldOperationCountsPerOperation()
        {
            var ka = new ManagedKeyAgreement();
            var random = new SeededRandom(7);
            P256KeyPair peer = ka.GenerateKeyPair(random);
            const int Runs = 50;
            long ecdhM = 0, ecdhS = 0, genM = 0, genS = 0;
            long maxEcdhM = 0, maxEcdhS = 0;
            byte[] secret = new byte[32];
            for (int i = 0; i < Runs; i++)
            {
                ka.ResetCounters();
                P256KeyPair own = ka.GenerateKeyPair(random);
                genM += ka.FieldMultiplications;
                genS += ka.FieldSquarings;

                ka.ResetCounters();
                Assert.True(ka.TryComputeSharedSecret(own, peer.PublicKey, 0, secret, 0));
                ecdhM += ka.FieldMultiplications;
                ecdhS += ka.FieldSquarings;
                maxEcdhM = Math.Max(maxEcdhM, ka.FieldMultiplications);
                maxEcdhS = Math.Max(maxEcdhS, ka.FieldSquarings);
            }

            ka.ResetCounters();
            ka.IsValidPublicKey(peer.PublicKey, 0);
            _output.WriteLine($"ECDH (incl. peer key check), mean of {Runs}: {ecdhM / (double)Runs:F1} M + {ecdhS / (double)Runs:F1} S; max {maxEcdhM} M, {maxEcdhS} S");
            _output.WriteLine($"Key generation, mean of {Runs}: {genM / (double)Runs:F1} M + {genS / (double)Runs:F1} S");
            _output.WriteLine($"Public key check alone: {ka.FieldMultiplications} M + {ka.FieldSquarings} S");

            // The budget of the task: fewer than about 1,400 M + 1,750 S per ECDH (~0.25 ms each on an ESP32).
            Assert.True(maxEcdhM < 1400, "multiplications per ECDH: " + maxEcdhM);
            Assert.True(maxEcdhS < 1750, "squarings per ECDH: " + maxEcdhS);
            Assert.Equal(1L + 2, ka.FieldMultiplications + ka.FieldSquarings);
            ka.ResetCounters();
            Assert.Equal(0, ka.FieldMultiplications);
            Assert.Equal(0, ka.FieldSquarings);
        }
    }
}
