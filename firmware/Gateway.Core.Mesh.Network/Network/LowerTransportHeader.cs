namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Lower Transport PDU headers (MshPRT §3.5.2; reference/ble-mesh.md §4.3). Unsegmented
    /// access: SEG = 0 ‖ AKF ‖ AID (1 octet). Segmented access: SEG = 1 ‖ AKF ‖ AID ‖ SZMIC ‖
    /// SeqZero (13) ‖ SegO (5) ‖ SegN (5) (4 octets). Control: SEG ‖ Opcode (7), and for
    /// segmented control RFU ‖ SeqZero ‖ SegO ‖ SegN.
    /// </summary>
    public static class LowerTransportHeader
    {
        public const int SegmentedHeaderLength = 4;

        /// <summary>Upper transport octets per access segment (MshPRT §3.5.2.2).</summary>
        public const int MaxAccessSegmentLength = 12;

        /// <summary>Upper transport octets per control segment (MshPRT §3.5.2.4).</summary>
        public const int MaxControlSegmentLength = 8;

        /// <summary>Largest unsegmented Upper Transport Access PDU: 11 octets of access payload and a 4-octet TransMIC.</summary>
        public const int MaxUnsegmentedAccessLength = 15;

        /// <summary>SegN is 5 bits: at most 32 segments.</summary>
        public const int MaxSegments = 32;

        /// <summary>Largest segmented Upper Transport Access PDU (32 × 12).</summary>
        public const int MaxSegmentedAccessLength = MaxSegments * MaxAccessSegmentLength;

        /// <summary>SeqZero and the SEQ window it identifies are 13 bits.</summary>
        public const int SeqZeroMask = 0x1FFF;

        public const int SegmentAcknowledgmentOpcode = 0x00;

        public static bool IsSegmented(byte first)
        {
            return (first & 0x80) != 0;
        }

        public static byte UnsegmentedAccess(bool akf, int aid)
        {
            return (byte)((akf ? 0x40 : 0) | (aid & 0x3F));
        }

        /// <summary>Writes the 4-octet segmented access header at <paramref name="offset"/>.</summary>
        public static void WriteSegmentedAccess(byte[] output, int offset, bool akf, int aid, bool szmic, int seqZero, int segO, int segN)
        {
            output[offset] = (byte)(0x80 | (akf ? 0x40 : 0) | (aid & 0x3F));
            int rest = ((szmic ? 1 : 0) << 23) | ((seqZero & SeqZeroMask) << 10) | ((segO & 0x1F) << 5) | (segN & 0x1F);
            output[offset + 1] = (byte)(rest >> 16);
            output[offset + 2] = (byte)(rest >> 8);
            output[offset + 3] = (byte)rest;
        }

        public static bool Szmic(byte[] pdu, int offset)
        {
            return (pdu[offset + 1] & 0x80) != 0;
        }

        public static int SeqZero(byte[] pdu, int offset)
        {
            return ((pdu[offset + 1] & 0x7F) << 6) | (pdu[offset + 2] >> 2);
        }

        public static int SegO(byte[] pdu, int offset)
        {
            return ((pdu[offset + 2] & 0x03) << 3) | (pdu[offset + 3] >> 5);
        }

        public static int SegN(byte[] pdu, int offset)
        {
            return pdu[offset + 3] & 0x1F;
        }

        /// <summary>
        /// The SEQ of the first segment (the low 24 bits of SeqAuth) from the SEQ of any segment
        /// and its SeqZero (MshPRT §3.5.3.1): the largest value not above <paramref name="seq"/>
        /// whose low 13 bits are SeqZero. -1 when it would be negative.
        /// </summary>
        public static int SeqAuth(int seq, int seqZero)
        {
            int first = seq - ((seq - seqZero) & SeqZeroMask);
            return first < 0 ? -1 : first;
        }
    }
}
