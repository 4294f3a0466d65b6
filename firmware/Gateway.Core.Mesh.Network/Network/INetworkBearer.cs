namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// What a network bearer delivers upward (MshPRT §3.3): Network PDUs and Mesh Beacons.
    /// Buffers belong to the bearer and are reused after the call returns.
    /// </summary>
    public interface INetworkBearerReceiver
    {
        void OnNetworkPdu(INetworkBearer bearer, byte[] pdu, int offset, int count);

        /// <summary>A Mesh Beacon (beacon type octet first), e.g. a Secure Network beacon.</summary>
        void OnBeacon(INetworkBearer bearer, byte[] beacon, int offset, int count);

        /// <summary>The bearer can carry PDUs now (a proxy connection came up).</summary>
        void OnBearerReady(INetworkBearer bearer);
    }

    /// <summary>
    /// A network bearer below <see cref="MeshNetwork"/> (the shape of Zephyr's and BlueZ's bearer
    /// interfaces, STYLE.md): send a Network PDU, report what arrives. Implemented by
    /// <see cref="AdvertisingNetworkBearer"/> (AD type 0x2A) and <see cref="GattProxyClient"/>
    /// (Mesh Proxy Service 0x1828), and by loopback bearers in tests.
    /// </summary>
    public interface INetworkBearer
    {
        /// <summary>True when <see cref="Send"/> can carry a PDU now.</summary>
        bool IsReady { get; }

        /// <summary>Sends one Network PDU (the bearer copies it before returning).</summary>
        void Send(byte[] pdu, int offset, int count);

        /// <summary>Sends one Mesh Beacon (beacon type octet first): AD type 0x2B, or Proxy PDU type 0x01.</summary>
        void SendBeacon(byte[] beacon, int offset, int count);

        /// <summary>Sets the single receiver (the network layer); null stops delivery.</summary>
        void SetReceiver(INetworkBearerReceiver receiver);
    }
}
