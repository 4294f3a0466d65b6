using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// A P-256 key pair as Mesh provisioning uses it (MshPRT v1.1 §5.4.1, Table 5.36: Provisioning Public Key
    /// PDU): the public key is X ‖ Y, 64 octets big-endian; the private key is the 32-octet
    /// big-endian scalar. Made by an <see cref="IKeyAgreement"/>; the arrays are the pair's own
    /// (no copies, to spare the device's heap), so callers must not change them.
    /// </summary>
    /// <remarks>
    /// The private key must never be logged, sent, put in an exception message or persisted in
    /// clear text; <see cref="ToString"/> shows the public key only. A pair is for one provisioning
    /// exchange: drop it after computing the ECDHSecret (MshPRT v1.1 §5.4.2.3).
    /// </remarks>
    public sealed class P256KeyPair
    {
        /// <summary>Length of <see cref="PublicKey"/>: X (32) ‖ Y (32).</summary>
        public const int PublicKeyLength = 64;

        /// <summary>Length of <see cref="PrivateKey"/> and of an ECDHSecret.</summary>
        public const int PrivateKeyLength = 32;

        /// <summary>
        /// Wraps a private scalar and its public key without checking that they match: only an
        /// <see cref="IKeyAgreement"/> implementation should call this. Throws
        /// <see cref="ProtocolFormatException"/> on wrong lengths.
        /// </summary>
        public P256KeyPair(byte[] privateKey, byte[] publicKey)
        {
            if (privateKey == null || privateKey.Length != PrivateKeyLength)
            {
                throw new ProtocolFormatException("P-256 private key must be 32 octets");
            }

            if (publicKey == null || publicKey.Length != PublicKeyLength)
            {
                throw new ProtocolFormatException("P-256 public key must be 64 octets");
            }

            PrivateKey = privateKey;
            PublicKey = publicKey;
        }

        /// <summary>X ‖ Y, 64 octets big-endian, as the Provisioning Public Key PDU carries it.</summary>
        public byte[] PublicKey { get; }

        /// <summary>
        /// The 32-octet big-endian private scalar. Public only because host adapters in other
        /// assemblies need it; never log it.
        /// </summary>
        public byte[] PrivateKey { get; }

        /// <summary>The public key only; the private key is never printed.</summary>
        public override string ToString()
        {
            return "P256KeyPair(public " + Hex.Encode(PublicKey) + ")";
        }
    }
}
