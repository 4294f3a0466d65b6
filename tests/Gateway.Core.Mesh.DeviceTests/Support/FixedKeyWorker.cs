using System.Collections;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>
    /// Key agreement worker that answers on the scheduler with fixed private keys in order (the
    /// specification's sample keys), then seeded random ones, with the core's managed P-256.
    /// </summary>
    internal sealed class FixedKeyWorker : IKeyAgreementWorker
    {
        // One managed P-256 for every test: it keeps no per-session state, and building it is not free on the interpreter.
        private static ManagedKeyAgreement s_p256;

        private readonly IScheduler _scheduler;
        private readonly ArrayList _privateKeys = new ArrayList();
        private readonly SeededRandom _random;

        public FixedKeyWorker(IScheduler scheduler, long seed, string privateKeyHex)
        {
            _scheduler = scheduler;
            _random = new SeededRandom(seed);
            if (privateKeyHex != null)
            {
                _privateKeys.Add(Hex.Decode(privateKeyHex));
            }
        }

        public static ManagedKeyAgreement P256
        {
            get
            {
                if (s_p256 == null)
                {
                    s_p256 = new ManagedKeyAgreement();
                }

                return s_p256;
            }
        }

        /// <summary>How many ECDH computations were asked for.</summary>
        public int SharedSecretRequests { get; private set; }

        public void RequestKeyPair(KeyPairReadyHandler ready)
        {
            _scheduler.Post(() =>
            {
                P256KeyPair pair;
                if (_privateKeys.Count > 0)
                {
                    pair = P256.CreateKeyPair((byte[])_privateKeys[0]);
                    _privateKeys.RemoveAt(0);
                }
                else
                {
                    pair = P256.GenerateKeyPair(_random);
                }

                ready(pair);
            });
        }

        public void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready)
        {
            SharedSecretRequests++;
            _scheduler.Post(() =>
            {
                byte[] secret = new byte[32];
                bool ok = P256.TryComputeSharedSecret(own, peerPublicKey, 0, secret, 0);
                ready(ok, ok ? secret : null);
            });
        }
    }
}
