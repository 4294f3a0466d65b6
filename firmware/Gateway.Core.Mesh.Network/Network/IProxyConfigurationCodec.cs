namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Network-layer security for proxy configuration messages (MshPRT §6.6), which the proxy
    /// bearer cannot do itself: it needs a NetKey, the IV Index and a fresh SEQ. Implemented by
    /// <see cref="MeshNetwork"/>.
    /// </summary>
    public interface IProxyConfigurationCodec
    {
        /// <summary>
        /// Encrypts a proxy configuration message (opcode first) into a Network PDU with CTL = 1,
        /// TTL = 0, DST = 0 and the proxy nonce. Returns its length, or −1 when no key or SEQ is available.
        /// </summary>
        int EncodeProxyConfiguration(byte[] message, int offset, int count, byte[] output, int outputOffset);

        /// <summary>
        /// Decrypts a proxy configuration Network PDU. On success the message (opcode first) is
        /// <paramref name="buffer"/>[<paramref name="messageOffset"/> … + <paramref name="messageLength"/>),
        /// valid until the next call. Never throws for bad bytes.
        /// </summary>
        bool TryDecodeProxyConfiguration(byte[] pdu, int offset, int count, out byte[] buffer, out int messageOffset, out int messageLength);
    }
}
