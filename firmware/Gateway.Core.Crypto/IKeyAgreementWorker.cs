namespace Gateway.Core.Crypto
{
    /// <summary>A fresh key pair is ready (called on the scheduler's thread).</summary>
    public delegate void KeyPairReadyHandler(P256KeyPair keyPair);

    /// <summary>
    /// ECDH finished (called on the scheduler's thread). <paramref name="valid"/> is false when the
    /// peer's public key is not a valid P-256 point; then <paramref name="secret"/> is null.
    /// </summary>
    public delegate void SharedSecretReadyHandler(bool valid, byte[] secret);

    /// <summary>
    /// Runs P-256 work away from the protocol code. A scalar multiplication takes about a second of
    /// managed code on an ESP32, so sessions ask for it and continue when the answer is posted back:
    /// the device runs it on a worker thread, the simulation charges its cost to a simulated CPU, and
    /// tests answer at once. Implementations keep one key pair computed ahead while idle (allowed by
    /// MshPRT §5.4.2.3 as long as every session gets a pair of its own that is used once).
    /// </summary>
    public interface IKeyAgreementWorker
    {
        void RequestKeyPair(KeyPairReadyHandler ready);

        void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready);
    }
}
