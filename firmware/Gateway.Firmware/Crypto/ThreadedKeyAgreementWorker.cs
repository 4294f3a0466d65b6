using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Gateway.Firmware.Runtime;

namespace Gateway.Firmware.Crypto
{
    /// <summary>
    /// <see cref="IKeyAgreementWorker"/> on a worker thread: the core's <see cref="ManagedKeyAgreement"/>
    /// (about a second per scalar multiplication on an ESP32, no native ECDH in stock firmware:
    /// nanoframework.md §7) runs away from the scheduler, and every answer is posted back to it.
    /// One key pair is computed ahead while idle, so a session that asks for one usually gets it at
    /// once; each pair is handed out once (MshPRT §5.4.2.3: a new pair per provisioning exchange).
    /// </summary>
    public sealed class ThreadedKeyAgreementWorker : IKeyAgreementWorker
    {
        private const string Component = "p256";

        private readonly IKeyAgreement _keyAgreement;
        private readonly IRandom _random;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly WorkQueueThread _worker;
        private readonly object _sync = new object();
        private P256KeyPair _ready;
        private bool _precomputeQueued;

        public ThreadedKeyAgreementWorker(IKeyAgreement keyAgreement, IRandom random, IScheduler scheduler, ILog log)
        {
            if (keyAgreement == null || random == null || scheduler == null || log == null)
            {
                throw new ArgumentNullException("keyAgreement");
            }

            _keyAgreement = keyAgreement;
            _random = random;
            _scheduler = scheduler;
            _log = log;
            _worker = new WorkQueueThread(Component, log);
            _worker.Start();
            QueuePrecompute();
        }

        public void RequestKeyPair(KeyPairReadyHandler ready)
        {
            if (ready == null)
            {
                throw new ArgumentNullException("ready");
            }

            _worker.Enqueue(() =>
            {
                P256KeyPair pair;
                lock (_sync)
                {
                    pair = _ready;
                    _ready = null;
                }

                if (pair == null)
                {
                    pair = _keyAgreement.GenerateKeyPair(_random);
                }

                _scheduler.Post(() => ready(pair));
                QueuePrecompute();
            });
        }

        public void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready)
        {
            if (ready == null)
            {
                throw new ArgumentNullException("ready");
            }

            byte[] peer = null;
            if (peerPublicKey != null && peerPublicKey.Length == 64)
            {
                peer = new byte[64];
                Array.Copy(peerPublicKey, 0, peer, 0, 64);
            }

            _worker.Enqueue(() =>
            {
                byte[] secret = new byte[32];
                bool valid = peer != null && _keyAgreement.TryComputeSharedSecret(own, peer, 0, secret, 0);
                if (!valid)
                {
                    _log.Write(LogLevel.Warning, Component, "peer public key is not a valid P-256 point");
                }

                _scheduler.Post(() => ready(valid, valid ? secret : null));
            });
        }

        private void QueuePrecompute()
        {
            lock (_sync)
            {
                if (_precomputeQueued || _ready != null)
                {
                    return;
                }

                _precomputeQueued = true;
            }

            _worker.Enqueue(() =>
            {
                P256KeyPair pair = _keyAgreement.GenerateKeyPair(_random);
                lock (_sync)
                {
                    _precomputeQueued = false;
                    if (_ready == null)
                    {
                        _ready = pair;
                    }
                }
            });
        }
    }
}
