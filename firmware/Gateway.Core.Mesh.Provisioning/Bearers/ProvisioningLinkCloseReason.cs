namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Why a provisioning link ended. 0x00–0x02 are the Link Close reasons of MshPRT §5.3.1.3
    /// (Table 5.16) and are what PB-ADV sends on the air; values from 0x100 up are local reasons
    /// that never appear on the air. Numeric values are stable (nanoFramework prints enums as numbers).
    /// </summary>
    public enum ProvisioningLinkCloseReason
    {
        /// <summary>Provisioning finished (MshPRT Table 5.16: 0x00).</summary>
        Success = 0x00,

        /// <summary>A protocol or transaction timer expired (MshPRT Table 5.16: 0x01).</summary>
        Timeout = 0x01,

        /// <summary>Provisioning failed (MshPRT Table 5.16: 0x02).</summary>
        Fail = 0x02,

        /// <summary>
        /// The peer closed with a reason 0x03–0xFF. MshPRT §5.3.1.3 calls these "Unrecognized" and
        /// still requires the close to be processed; the raw value is in <see cref="IProvisioningBearer.PeerCloseReasonCode"/>.
        /// </summary>
        UnrecognizedPeerReason = 0x100,

        /// <summary>PB-ADV: no Link ACK within the link-establishment time (MshPRT §5.3.2, 60 s). PB-GATT: no connection within it.</summary>
        LinkOpenTimeout = 0x101,

        /// <summary>PB-GATT: the GATT link could not be made (connect failed, service or characteristics not found).</summary>
        ConnectFailed = 0x102,

        /// <summary>PB-GATT: the GATT link dropped (PB-GATT carries no close reason, MshPRT §5.2.2).</summary>
        Disconnected = 0x103,

        /// <summary>PB-GATT: the peer broke the Proxy SAR rules (MshPRT §6.3.2); the link is dropped.</summary>
        ProxyProtocolError = 0x104,

        /// <summary>PB-GATT: a segmented Proxy PDU was not completed within 20 s (MshPRT §6.3.2.2).</summary>
        ProxySarTimeout = 0x105,

        /// <summary>The bearer itself was shut down with the link still open.</summary>
        BearerStopped = 0x106,
    }
}
