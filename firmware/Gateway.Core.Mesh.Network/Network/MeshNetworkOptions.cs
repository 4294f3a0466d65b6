using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Tunables of <see cref="MeshNetwork"/>, with the defaults of reference/ble-mesh.md §4.3/§4.8
    /// (Mesh 1.0 SAR as in Zephyr; SEQ store-ahead; RPL capacity for a home gateway).
    /// </summary>
    public sealed class MeshNetworkOptions
    {
        /// <summary>TTL used when a send asks for the default (Zephyr and BlueZ use 7).</summary>
        public int DefaultTtl { get; set; } = 7;

        /// <summary>NetKey Index for device-key messages when none is given.</summary>
        public int PrimaryNetKeyIndex { get; set; }

        /// <summary>SEQs reserved per storage write (store-ahead, MshPRT §3.4.6.3; Zephyr writes every 128).</summary>
        public int SeqStoreBlockSize { get; set; } = 1000;

        public string SeqBlobName { get; set; } = SequenceNumberStore.DefaultBlobName;

        /// <summary>
        /// Sources the replay protection list holds. MshPRT §3.9.8: a full list refuses messages
        /// from new sources, so it must cover every node the gateway talks to; 64 stalled every
        /// configuration past a home's 64th node. 256 covers the database's capacity
        /// (MeshDatabaseStore.DefaultMaxBlobBytes) with room for group senders.
        /// </summary>
        public int ReplayListCapacity { get; set; } = 256;

        public string ReplayBlobName { get; set; } = ReplayProtectionList.DefaultBlobName;

        /// <summary>
        /// 0 (default): the RPL is written before a message is handed to the access layer, so a
        /// message the gateway acted on is never accepted again, even after a power cut. A positive
        /// value writes at most that often instead (Zephyr's RPL_STORE_TIMEOUT; less flash wear,
        /// but a replay inside the window after a power cut would be accepted).
        /// </summary>
        public int ReplayStoreDelayMilliseconds { get; set; }

        /// <summary>Segment retransmission interval to a unicast destination (Zephyr 400 ms).</summary>
        public int SegmentRetransmitUnicastMilliseconds { get; set; } = 400;

        /// <summary>Interval between the repeated transmissions of a segmented message to a group (Zephyr 50 ms).</summary>
        public int SegmentRetransmitGroupMilliseconds { get; set; } = 50;

        /// <summary>Retransmission rounds of unacknowledged segments without progress before giving up (unicast).</summary>
        public int SegmentRetransmitCount { get; set; } = 4;

        /// <summary>Extra rounds of all segments to a group (no acknowledgments there).</summary>
        public int GroupSegmentRetransmitCount { get; set; } = 2;

        /// <summary>Acknowledgment timer of the receiver: base + per-TTL × TTL (MshPRT 1.0 §3.5.3.4: 150 + 50 × TTL ms).</summary>
        public int AckTimerBaseMilliseconds { get; set; } = 150;

        public int AckTimerPerTtlMilliseconds { get; set; } = 50;

        /// <summary>
        /// A completed segmented message is acknowledged again for a late copy of one of its
        /// segments at most this often (as Zephyr rate-limits acknowledgments of an already
        /// processed SeqAuth; our value, not one the specification gives). Shorter than the sender's
        /// retransmission interval, so each retransmission round of a sender that missed the
        /// acknowledgment gets one; longer than the copies of one PDU (Network Transmit, 3 × 20 ms).
        /// </summary>
        public int CompletedAckIntervalMilliseconds { get; set; } = 200;

        /// <summary>Incomplete timer: a segmented message that stalls this long is dropped (at least 10 s, MshPRT §3.5.3.4).</summary>
        public int IncompleteTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>Segmented messages received at once (each has a 384-octet buffer).</summary>
        public int ReassemblySlots { get; set; } = 3;

        /// <summary>Segmented messages sent at once (each has a 384-octet buffer); more wait in a queue.</summary>
        public int TransmissionSlots { get; set; } = 3;

        /// <summary>Group addresses the stack delivers besides its own elements and all-nodes.</summary>
        public int MaxSubscriptions { get; set; } = 8;

        /// <summary>
        /// SEQ left under the IV Index below which the stack starts an IV Update by itself
        /// (MshPRT §3.11.5 lets a node start one when it runs low; nRF5 uses half of the space).
        /// </summary>
        public int IvUpdateSeqThreshold { get; set; } = 0x400000;

        public void Validate()
        {
            if (DefaultTtl < 0 || DefaultTtl > 0x7F || DefaultTtl == 1)
            {
                throw new ArgumentOutOfRangeException("DefaultTtl");
            }

            if (SegmentRetransmitUnicastMilliseconds < 1 || SegmentRetransmitGroupMilliseconds < 1 || SegmentRetransmitCount < 0
                || GroupSegmentRetransmitCount < 0 || AckTimerBaseMilliseconds < 0 || AckTimerPerTtlMilliseconds < 0
                || CompletedAckIntervalMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("SegmentRetransmitUnicastMilliseconds");
            }

            if (IncompleteTimeoutMilliseconds < 1 || ReassemblySlots < 1 || TransmissionSlots < 1 || MaxSubscriptions < 0)
            {
                throw new ArgumentOutOfRangeException("IncompleteTimeoutMilliseconds");
            }

            if (ReplayStoreDelayMilliseconds < 0 || IvUpdateSeqThreshold < 0)
            {
                throw new ArgumentOutOfRangeException("ReplayStoreDelayMilliseconds");
            }
        }
    }
}
