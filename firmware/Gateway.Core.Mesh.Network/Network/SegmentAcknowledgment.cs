namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Segment Acknowledgment control message (MshPRT §3.5.2.3.1; reference/ble-mesh.md §4.3):
    /// opcode 0x00, parameters OBO (1) ‖ SeqZero (13) ‖ RFU (2) ‖ BlockAck (32), big-endian.
    /// Bit n of BlockAck acknowledges segment n; BlockAck 0 means the receiver is busy.
    /// </summary>
    public static class SegmentAcknowledgment
    {
        /// <summary>Opcode octet plus 6 parameter octets.</summary>
        public const int Length = 7;

        public static int Write(byte[] output, int offset, bool onBehalfOf, int seqZero, uint blockAck)
        {
            output[offset] = LowerTransportHeader.SegmentAcknowledgmentOpcode;
            int first = ((onBehalfOf ? 1 : 0) << 15) | ((seqZero & LowerTransportHeader.SeqZeroMask) << 2);
            output[offset + 1] = (byte)(first >> 8);
            output[offset + 2] = (byte)first;
            output[offset + 3] = (byte)(blockAck >> 24);
            output[offset + 4] = (byte)(blockAck >> 16);
            output[offset + 5] = (byte)(blockAck >> 8);
            output[offset + 6] = (byte)blockAck;
            return Length;
        }

        /// <summary>Parses a whole control PDU (opcode included). Never throws; false when it is not a Segment Acknowledgment.</summary>
        public static bool TryParse(byte[] pdu, int offset, int count, out bool onBehalfOf, out int seqZero, out uint blockAck)
        {
            onBehalfOf = false;
            seqZero = 0;
            blockAck = 0;
            if (pdu == null || offset < 0 || count != Length || offset > pdu.Length - count)
            {
                return false;
            }

            if (pdu[offset] != LowerTransportHeader.SegmentAcknowledgmentOpcode)
            {
                return false;
            }

            int first = (pdu[offset + 1] << 8) | pdu[offset + 2];
            onBehalfOf = (first & 0x8000) != 0;
            seqZero = (first >> 2) & LowerTransportHeader.SeqZeroMask;
            blockAck = ((uint)pdu[offset + 3] << 24) | ((uint)pdu[offset + 4] << 16) | ((uint)pdu[offset + 5] << 8) | pdu[offset + 6];
            return true;
        }
    }
}
