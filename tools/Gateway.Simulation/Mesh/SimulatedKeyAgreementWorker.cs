using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// <see cref="IKeyAgreementWorker"/> whose work costs virtual time on a <see cref="SimulatedCpu"/>:
/// a key generation and an ECDH are each one P-256 scalar multiplication (default 1,000 ms for the
/// gateway's managed code on an ESP32, 100 ms with the native add-on, 200 ms for a typical node).
/// With <see cref="Precompute"/> the next key pair is generated while the CPU is otherwise idle,
/// so a session usually finds one ready (MshPRT allows it: each pair is still used once).
/// The numbers are computed for real (host P-256), only the time is simulated.
/// </summary>
public sealed class SimulatedKeyAgreementWorker : IKeyAgreementWorker
{
    private readonly IKeyAgreement _keyAgreement;
    private readonly IRandom _random;
    private readonly SimulatedCpu _cpu;
    private P256KeyPair _ready;
    private bool _generatingAhead;
    private KeyPairReadyHandler _waitingForAhead;

    public SimulatedKeyAgreementWorker(IKeyAgreement keyAgreement, IRandom random, SimulatedCpu cpu, long scalarMultiplicationMs, bool precompute)
    {
        _keyAgreement = keyAgreement;
        _random = random;
        _cpu = cpu;
        ScalarMultiplicationMs = scalarMultiplicationMs;
        Precompute = precompute;
        if (precompute)
        {
            GenerateAhead();
        }
    }

    public long ScalarMultiplicationMs { get; }

    public bool Precompute { get; }

    public int KeyPairsGenerated { get; private set; }

    public int SharedSecretsComputed { get; private set; }

    public void RequestKeyPair(KeyPairReadyHandler ready)
    {
        if (_ready != null)
        {
            P256KeyPair pair = _ready;
            _ready = null;
            GenerateAhead();
            _cpu.Run("handout", 0, () => ready(pair));
            return;
        }

        if (_generatingAhead && _waitingForAhead == null)
        {
            _waitingForAhead = ready; // the pair being generated goes to this caller
            return;
        }

        _cpu.Run("p256-keygen", ScalarMultiplicationMs, () =>
        {
            KeyPairsGenerated++;
            ready(_keyAgreement.GenerateKeyPair(_random));
        });
    }

    public void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready)
    {
        _cpu.Run("p256-ecdh", ScalarMultiplicationMs, () =>
        {
            SharedSecretsComputed++;
            byte[] secret = new byte[32];
            bool valid = peerPublicKey != null && peerPublicKey.Length == 64 && _keyAgreement.TryComputeSharedSecret(own, peerPublicKey, 0, secret, 0);
            ready(valid, valid ? secret : null);
        });
    }

    private void GenerateAhead()
    {
        if (!Precompute || _generatingAhead || _ready != null)
        {
            return;
        }

        _generatingAhead = true;
        _cpu.Run("p256-keygen-ahead", ScalarMultiplicationMs, () =>
        {
            _generatingAhead = false;
            KeyPairsGenerated++;
            P256KeyPair pair = _keyAgreement.GenerateKeyPair(_random);
            KeyPairReadyHandler waiting = _waitingForAhead;
            _waitingForAhead = null;
            if (waiting != null)
            {
                GenerateAhead();
                waiting(pair);
            }
            else
            {
                _ready = pair;
            }
        });
    }
}
