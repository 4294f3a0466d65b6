using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// <see cref="IKeyAgreementWorker"/> that computes on the scheduler's thread (posted, so callers
    /// never re-enter) and keeps the next key pair ready: after handing one out it posts the
    /// generation of the next, so a session rarely waits for key generation.
    /// </summary>
    public sealed class KeyAgreementWorker : IKeyAgreementWorker
    {
        private readonly IKeyAgreement _keyAgreement;
        private readonly IRandom _random;
        private readonly IScheduler _scheduler;
        private readonly bool _precompute;
        private P256KeyPair _next;
        private bool _generating;

        public KeyAgreementWorker(IKeyAgreement keyAgreement, IRandom random, IScheduler scheduler, bool precompute)
        {
            if (keyAgreement == null || random == null || scheduler == null)
            {
                throw new ArgumentNullException("keyAgreement");
            }

            _keyAgreement = keyAgreement;
            _random = random;
            _scheduler = scheduler;
            _precompute = precompute;
            if (precompute)
            {
                SchedulePrecompute();
            }
        }

        /// <summary>Key pairs generated so far (each used by exactly one session).</summary>
        public int KeyPairsGenerated { get; private set; }

        public void RequestKeyPair(KeyPairReadyHandler ready)
        {
            _scheduler.Post(() =>
            {
                P256KeyPair pair = _next;
                _next = null;
                if (pair == null)
                {
                    pair = Generate();
                }

                if (_precompute)
                {
                    SchedulePrecompute();
                }

                ready(pair);
            });
        }

        public void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready)
        {
            _scheduler.Post(() =>
            {
                byte[] secret = new byte[32];
                bool valid = peerPublicKey != null && peerPublicKey.Length == 64
                    && _keyAgreement.TryComputeSharedSecret(own, peerPublicKey, 0, secret, 0);
                ready(valid, valid ? secret : null);
            });
        }

        private void SchedulePrecompute()
        {
            if (_generating || _next != null)
            {
                return;
            }

            _generating = true;
            _scheduler.Post(() =>
            {
                _generating = false;
                if (_next == null)
                {
                    _next = Generate();
                }
            });
        }

        private P256KeyPair Generate()
        {
            KeyPairsGenerated++;
            return _keyAgreement.GenerateKeyPair(_random);
        }
    }
}
