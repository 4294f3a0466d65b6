using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// One segmented transmission (MshPRT §3.5.3.3): the encrypted Upper Transport PDU in a
    /// buffer allocated once per slot, which segments are acknowledged, the retransmission state
    /// and the completion callback.
    /// </summary>
    internal sealed class OutgoingSegmentedMessage
    {
        public readonly byte[] Upper = new byte[LowerTransportHeader.MaxSegmentedAccessLength];

        public bool InUse;

        /// <summary>Finished; the completion is posted and the slot frees when it runs.</summary>
        public bool Ending;
        public NetworkKeyMaterial Key;
        public uint IvIndex;
        public int Src;
        public int Dst;
        public int Ttl;
        public bool Akf;
        public int Aid;
        public bool Szmic;
        public int SeqAuth;
        public int UpperLength;
        public uint Acked;
        public int RoundsLeft;
        public int Timer;
        public AccessSendCallback Callback;
        public AccessSendResult Result;
        public Action TimerAction;
        public Action CompleteAction;

        public int SegN
        {
            get { return (UpperLength - 1) / LowerTransportHeader.MaxAccessSegmentLength; }
        }

        public uint AllSegments
        {
            get { return SegN == 31 ? 0xFFFFFFFF : (1u << (SegN + 1)) - 1; }
        }

        public bool IsUnicast
        {
            get { return MeshAddress.IsUnicast(Dst); }
        }
    }
}
