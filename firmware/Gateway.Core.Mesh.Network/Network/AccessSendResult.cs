namespace Gateway.Core.Mesh.Network
{
    /// <summary>How an access message left the stack. Numeric values are stable (printed as numbers on the device).</summary>
    public enum AccessSendResult
    {
        /// <summary>Handed to the bearers: an unsegmented message, or a segmented one to a group after its retransmissions.</summary>
        Sent = 0,

        /// <summary>Segmented to a unicast address: every segment acknowledged (MshPRT §3.5.3.3).</summary>
        Acknowledged = 1,

        /// <summary>Segmented: retransmissions exhausted without a complete acknowledgment.</summary>
        Timeout = 2,

        /// <summary>The receiver answered BlockAck = 0: it cannot take the message now.</summary>
        Busy = 3,

        /// <summary>No key for the request (AppKey, device key or its NetKey missing).</summary>
        NoKey = 4,

        /// <summary>No SEQ could be reserved: storage failed, or the IV Index has no SEQ left.</summary>
        NoSequenceNumber = 5,

        /// <summary>Cancelled by <see cref="MeshNetwork.CancelTransmissions"/> or a newer message to the same destination.</summary>
        Cancelled = 6,
    }

    /// <summary>Completion of <see cref="MeshNetwork.SendAccessMessage(int, int, int, int, int, byte[], int, int, AccessSendCallback)"/>, always called from the scheduler.</summary>
    public delegate void AccessSendCallback(AccessSendResult result);
}
