namespace Gateway.Core.Mesh.Network
{
    /// <summary>Counters of <see cref="MeshNetwork"/> (why traffic was dropped, what was delivered).</summary>
    public sealed class NetworkStatistics
    {
        public long NetworkPdusReceived { get; internal set; }

        public long NetworkPdusSent { get; internal set; }

        /// <summary>Too short, too long, bad SRC/DST, bad transport header or opcode.</summary>
        public long DroppedMalformed { get; internal set; }

        /// <summary>No NetKey with that NID, or none whose NetMIC matched (another network, or forged).</summary>
        public long DroppedNoKey { get; internal set; }

        /// <summary>Our own PDUs heard back (SRC is one of our elements).</summary>
        public long DroppedOwn { get; internal set; }

        /// <summary>Addressed to nobody here (the gateway does not relay).</summary>
        public long DroppedNotForUs { get; internal set; }

        /// <summary>Refused by the replay protection list.</summary>
        public long DroppedReplay { get; internal set; }

        /// <summary>New source while the replay protection list is full.</summary>
        public long DroppedReplayListFull { get; internal set; }

        /// <summary>No AppKey or device key opened the Upper Transport PDU.</summary>
        public long DroppedTransMic { get; internal set; }

        /// <summary>Not delivered because the replay protection list could not be stored.</summary>
        public long DroppedStorage { get; internal set; }

        /// <summary>Control messages other than Segment Acknowledgment (friendship, heartbeat: not supported).</summary>
        public long IgnoredControl { get; internal set; }

        public long AccessMessagesDelivered { get; internal set; }

        public long SegmentAcknowledgmentsReceived { get; internal set; }

        public long BeaconsAccepted { get; internal set; }

        public long BeaconsRejected { get; internal set; }
    }
}
