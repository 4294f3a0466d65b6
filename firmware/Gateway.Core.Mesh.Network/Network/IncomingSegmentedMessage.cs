using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// One reassembly slot of the lower transport layer (MshPRT §3.5.3.4): the segments of one
    /// message, identified by (SRC, SeqAuth), in a buffer allocated once. After completion the
    /// slot remembers the message so late duplicates are acknowledged again, not delivered twice.
    /// </summary>
    internal sealed class IncomingSegmentedMessage
    {
        public const int StateFree = 0;
        public const int StateInProgress = 1;
        public const int StateComplete = 2;

        public readonly byte[] Buffer = new byte[LowerTransportHeader.MaxSegmentedAccessLength];

        public int State;
        public NetworkKeyMaterial Key;
        public uint IvIndex;
        public int Src;
        public int Dst;
        public int Ttl;
        public bool Akf;
        public int Aid;
        public bool Szmic;
        public int SeqAuth;
        public int SegN;
        public uint Received;
        public int LastSegmentLength;
        public long Age;
        public int AckTimer;
        public int IncompleteTimer;
        public long IncompleteDeadline;

        /// <summary>When the last Segment Acknowledgment for this message went out (scheduler time).</summary>
        public long LastAckAt;
        public Action AckTimerAction;
        public Action IncompleteTimerAction;

        /// <summary>Octets of the Upper Transport PDU once complete.</summary>
        public int Length
        {
            get { return (SegN * LowerTransportHeader.MaxAccessSegmentLength) + LastSegmentLength; }
        }

        public uint AllSegments
        {
            get { return SegN == 31 ? 0xFFFFFFFF : (1u << (SegN + 1)) - 1; }
        }

        public bool IsComplete
        {
            get { return Received == AllSegments; }
        }
    }
}
