namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>What a <see cref="ProvisionerSession"/> asks of its owner (the gateway's provisioning workflow).</summary>
    public interface IProvisionerEvents
    {
        /// <summary>
        /// Reserves <paramref name="elementCount"/> consecutive unicast addresses for the device
        /// (ble-mesh.md §1.7 #5). False fails the session with Cannot Assign Addresses.
        /// </summary>
        bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress);

        /// <summary>
        /// Output OOB: the device shows a value (blinks, beeps, digits or characters) that a person
        /// reads and enters; deliver it with <see cref="ProvisionerSession.SupplyOutputOob"/>.
        /// </summary>
        void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size);

        /// <summary>Input OOB: show <paramref name="value"/> to the person, who enters it on the device.</summary>
        void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value);

        /// <summary>
        /// Provisioning Data is about to be sent: <see cref="ProvisionerSession.DeviceKey"/>,
        /// <see cref="ProvisionerSession.UnicastAddress"/> and the element count are known. Store
        /// the node now (write-ahead, ble-mesh.md §7 #9): once the addresses have left, a power
        /// cut must neither hand them out again nor lose the key of a node that may be
        /// provisioned. False fails the session (Unexpected Error) without sending the data.
        /// </summary>
        bool OnSendingProvisioningData(ProvisionerSession session);

        /// <summary>
        /// Provisioning Complete arrived: store the node (address, elements, DeviceKey) now. Called
        /// before the link is closed with success, so a reboot right after never loses a node.
        /// </summary>
        void OnProvisioned(ProvisionerSession session);

        /// <summary>The session ended (success or not); called once.</summary>
        void OnEnded(ProvisionerSession session);
    }
}
