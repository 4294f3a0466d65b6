using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// What P-256 costs on the device: one key generation and one ECDH, timed with the device's
    /// clock and printed with the field multiplication and squaring counts of
    /// <see cref="ManagedKeyAgreement"/>. It prints and checks the results, never the time
    /// (DESIGN.md §8: no timing asserts); docs/BENCHMARKS.md has the host's numbers to compare.
    /// </summary>
    [TestClass]
    public class P256CostTests
    {
        [TestMethod]
        public static void P256_KeyGenerationAndEcdh_PrintsTimeAndFieldOperations()
        {
            ManagedKeyAgreement ka = new ManagedKeyAgreement();

            // Untimed: touches the comb table and everything else that is set up once.
            P256KeyPair provisioner = ka.CreateKeyPair(Hex.Decode(P256Tests.ProvisionerPrivateKey));
            Assert.AreEqual(P256Tests.ProvisionerPublicKey, Hex.Encode(provisioner.PublicKey), "#1");

            SeededRandom random = new SeededRandom(7);
            ka.ResetCounters();
            long start = DateTime.UtcNow.Ticks;
            P256KeyPair own = ka.GenerateKeyPair(random);
            long generationTicks = DateTime.UtcNow.Ticks - start;
            long generationM = ka.FieldMultiplications;
            long generationS = ka.FieldSquarings;
            Assert.IsTrue(ka.IsValidPublicKey(own.PublicKey, 0), "#2");

            byte[] secret = new byte[32];
            ka.ResetCounters();
            start = DateTime.UtcNow.Ticks;
            bool agreed = ka.TryComputeSharedSecret(own, provisioner.PublicKey, 0, secret, 0);
            long ecdhTicks = DateTime.UtcNow.Ticks - start;
            long ecdhM = ka.FieldMultiplications;
            long ecdhS = ka.FieldSquarings;
            Assert.IsTrue(agreed, "#3");

            OutputHelper.WriteLine(Line("P-256 key generation", generationTicks, generationM, generationS));
            OutputHelper.WriteLine(Line("P-256 ECDH (incl. peer key check)", ecdhTicks, ecdhM, ecdhS));

            // Both sides must agree, or the timing above measured a broken computation.
            byte[] other = new byte[32];
            Assert.IsTrue(ka.TryComputeSharedSecret(provisioner, own.PublicKey, 0, other, 0), "#4");
            Assert.AreEqual(Hex.Encode(secret), Hex.Encode(other), "#5");
            Assert.IsTrue(ecdhM > 0 && ecdhS > 0 && generationM > 0 && generationS > 0, "#6");
        }

        private static string Line(string what, long ticks, long multiplications, long squarings)
        {
            // One tick is 100 ns; the clock's real resolution may be coarser (a millisecond or so).
            long microseconds = ticks / 10;
            long operations = multiplications + squarings;
            long nanosecondsPerOperation = operations == 0 ? 0 : ticks * 100 / operations;
            string counts = multiplications.ToString() + " M + " + squarings.ToString() + " S";
            return what + ": " + (microseconds / 1000).ToString() + " ms (" + microseconds.ToString() + " us), " + counts
                + ", " + nanosecondsPerOperation.ToString() + " ns per M or S (all work included)";
        }
    }
}
