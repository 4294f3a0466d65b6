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
        /// Provisioning Complete arrived: store the node (address, elements, DeviceKey) now. Called
        /// before the link is closed with success, so a reboot right after never loses a node.
        /// </summary>
        void OnProvisioned(ProvisionerSession session);

        /// <summary>The session ended (success or not); called once.</summary>
        void OnEnded(ProvisionerSession session);
    }
}
