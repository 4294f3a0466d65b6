namespace Gateway.Core.Mesh.Network
{
    /// <summary>What <see cref="LowerTransport"/> needs from the network layer above the bearers (implemented by <see cref="MeshNetwork"/>).</summary>
    internal interface ITransportHost
    {
        /// <summary>IV Index for new transmissions (MshPRT §3.11.5: the old one during IV Update in Progress).</summary>
        uint TransmitIvIndex { get; }

        /// <summary>
        /// Sends a Lower Transport PDU in one Network PDU. <paramref name="seq"/> −1 takes the next
        /// SEQ. Returns the SEQ used, or −1 when none could be reserved.
        /// </summary>
        int SendLowerTransportPdu(NetworkKeyMaterial key, uint ivIndex, bool ctl, int ttl, int src, int dst, int seq, byte[] pdu, int offset, int count);

        /// <summary>A segmented Upper Transport Access PDU is complete (the slot stays valid during the call).</summary>
        void OnSegmentedAccessPdu(IncomingSegmentedMessage message);

        /// <summary>A transmission slot became free: queued messages may go now.</summary>
        void OnTransmissionSlotFree();
    }
}
