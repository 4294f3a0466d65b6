using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// The P-256 key agreement port (DESIGN.md §3) of Mesh provisioning: key pairs and the ECDH of
    /// MshPRT v1.1 §5.4.3.1, where public keys travel as X ‖ Y (64 octets, big-endian, no SEC1
    /// prefix) and the ECDHSecret is the 32-octet big-endian X coordinate of the shared point.
    /// Implementations: <see cref="ManagedKeyAgreement"/> (portable, runs on the device) and the
    /// host's adapter over <c>System.Security.Cryptography.ECDiffieHellman</c>. Both give the same
    /// answers for every input; a peer's bytes never make them throw.
    /// </summary>
    public interface IKeyAgreement
    {
        /// <summary>
        /// A fresh key pair: the private scalar is drawn from <paramref name="random"/> uniformly in
        /// [1, n - 1] by rejection sampling (MshPRT v1.1 §5.4.2.3 wants a new pair per exchange).
        /// </summary>
        P256KeyPair GenerateKeyPair(IRandom random);

        /// <summary>
        /// The key pair of a known 32-octet big-endian private scalar (the specification's sample
        /// data, a stored key). Throws <see cref="ProtocolFormatException"/> when the length is not 32
        /// or the scalar is 0 or at least n; the message never contains the value.
        /// </summary>
        P256KeyPair CreateKeyPair(byte[] privateKey);

        /// <summary>
        /// Whether the 64 octets at <paramref name="offset"/> are a valid public key: both coordinates
        /// below p and y^2 = x^3 - 3x + b (MshPRT v1.1 §5.4.3.1). The all-zero encoding (the point at
        /// infinity has no affine form) is not on the curve. A missing array or a window past its end
        /// is false, not an exception.
        /// </summary>
        bool IsValidPublicKey(byte[] publicKey, int offset);

        /// <summary>
        /// ECDH: writes the 32-octet X coordinate of own.PrivateKey x peer to
        /// <paramref name="secret"/>[<paramref name="secretOffset"/>]. Returns false, and writes
        /// nothing, when the peer key is not valid (see <see cref="IsValidPublicKey"/>); it never
        /// throws for the peer's bytes or window. A missing key pair or a too short secret buffer is
        /// a caller bug and throws an <c>ArgumentException</c>.
        /// </summary>
        bool TryComputeSharedSecret(P256KeyPair own, byte[] peerPublicKey, int peerOffset, byte[] secret, int secretOffset);
    }
}
