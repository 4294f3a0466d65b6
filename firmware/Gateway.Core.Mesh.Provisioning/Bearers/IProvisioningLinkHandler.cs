namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// The provisioning protocol's side of a link (Zephyr <c>prov_bearer_cb</c>). Calls arrive on
    /// the scheduler's thread, one at a time; a handler may call Send or Close from inside them.
    /// </summary>
    public interface IProvisioningLinkHandler
    {
        /// <summary>The link is established: provisioner received Link ACK / GATT link up; device accepted Link Open / subscriber.</summary>
        void OnLinkOpened(IProvisioningBearer link);

        /// <summary>
        /// One whole, verified Provisioning PDU from the peer (FCS checked on PB-ADV; delivered
        /// once even when the peer repeats it). The buffer belongs to the bearer and is reused
        /// after the call returns: copy what you keep.
        /// </summary>
        void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count);

        /// <summary>
        /// The oldest PDU passed to Send was delivered: PB-ADV got its Transaction Acknowledgment
        /// (or the peer's next transaction, which implies it); PB-GATT handed every segment to the GATT port.
        /// </summary>
        void OnTransmitComplete(IProvisioningBearer link);

        /// <summary>The link is gone; no further calls follow for it.</summary>
        void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason);
    }
}
