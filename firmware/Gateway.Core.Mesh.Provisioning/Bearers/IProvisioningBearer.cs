namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// One provisioning link to one device over PB-ADV or PB-GATT (the shape of Zephyr's
    /// <c>prov_bearer.h</c>: open, send, close plus callbacks). The provisioning protocol above
    /// sends and receives whole Provisioning PDUs (MshPRT §5.4.1); segmentation, transaction
    /// numbers, acknowledgements and retransmission stay below this interface.
    /// Every method runs on the scheduler's thread; every callback of
    /// <see cref="IProvisioningLinkHandler"/> arrives there too. A link object is used for one
    /// session only: once closed it stays closed.
    /// </summary>
    public interface IProvisioningBearer
    {
        ProvisioningBearerType BearerType { get; }

        ProvisioningRole Role { get; }

        ProvisioningLinkState State { get; }

        /// <summary>The 16-octet Device UUID this link is for (a copy is kept by the link; do not modify).</summary>
        byte[] DeviceUuid { get; }

        /// <summary>Largest Provisioning PDU <see cref="Send"/> accepts and the receive path reassembles.</summary>
        int MaxPduSize { get; }

        /// <summary>Why the link closed; meaningful once <see cref="State"/> is Closing or Closed.</summary>
        ProvisioningLinkCloseReason CloseReason { get; }

        /// <summary>True when the peer closed the link (PB-ADV Link Close received, or the GATT peer disconnected).</summary>
        bool ClosedByPeer { get; }

        /// <summary>The raw reason octet of a received PB-ADV Link Close, or -1.</summary>
        int PeerCloseReasonCode { get; }

        /// <summary>
        /// Provisioner: starts link establishment (PB-ADV Link Open repeated until Link ACK;
        /// PB-GATT connect). Device: starts accepting a Link Open for <see cref="DeviceUuid"/>
        /// (PB-ADV) or a subscriber (PB-GATT). <see cref="IProvisioningLinkHandler.OnLinkOpened"/>
        /// follows, or <see cref="IProvisioningLinkHandler.OnLinkClosed"/> on failure.
        /// Throws <see cref="System.InvalidOperationException"/> unless the link is Idle.
        /// </summary>
        void Open();

        /// <summary>
        /// Sends one whole Provisioning PDU (the bearer copies it before returning). PB-ADV queues
        /// it as a transaction behind any unacknowledged one; <see cref="IProvisioningLinkHandler.OnTransmitComplete"/>
        /// follows when the peer acknowledged it. Throws <see cref="System.InvalidOperationException"/>
        /// when the link is not Open or the send queue is full, <see cref="System.ArgumentException"/>
        /// when <paramref name="count"/> is 0 or above <see cref="MaxPduSize"/>.
        /// </summary>
        void Send(byte[] pdu, int offset, int count);

        /// <summary>
        /// Closes the link. PB-ADV sends Link Close with <paramref name="reason"/> (Success,
        /// Timeout or Fail: MshPRT §5.3.1.3) three times; PB-GATT disconnects. OnLinkClosed
        /// follows once. Does nothing when the link is already Closing or Closed.
        /// </summary>
        void Close(ProvisioningLinkCloseReason reason);
    }
}
