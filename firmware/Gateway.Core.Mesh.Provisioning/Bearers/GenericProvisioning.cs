using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Layout of PB-ADV PDUs (MshPRT §5.2.1, §5.3.1): Link ID (4, BE) ‖ Transaction Number (1) ‖
    /// Generic Provisioning PDU (1–24), carried in one AD structure of type «PB-ADV» (0x29).
    /// The writers produce whole AD structures (length, type, payload) into a caller's
    /// <see cref="ByteWriter"/>, so the bearer encodes into one pre-allocated 31-octet buffer.
    /// </summary>
    public static class GenericProvisioning
    {
        /// <summary>AD type «PB-ADV» (Assigned Numbers; MshPRT §5.2.1).</summary>
        public const byte AdType = 0x29;

        public const int LinkIdLength = 4;

        /// <summary>Link ID and Transaction Number in front of every Generic Provisioning PDU.</summary>
        public const int HeaderLength = 5;

        /// <summary>Largest Generic Provisioning PDU: 31 octets of advertising data minus AD length, AD type and the header (MshPRT §5.2.1).</summary>
        public const int Mtu = 24;

        /// <summary>Largest AD structure PB-ADV sends (legacy advertising data is 31 octets).</summary>
        public const int MaxAdStructureLength = 2 + HeaderLength + Mtu;

        /// <summary>Octets of the Provisioning PDU a Transaction Start carries (24 minus GPC, TotalLength, FCS).</summary>
        public const int StartPayloadMax = 20;

        /// <summary>Octets of the Provisioning PDU a Transaction Continuation carries (24 minus GPC).</summary>
        public const int ContinuationPayloadMax = 23;

        /// <summary>SegN is 6 bits (MshPRT §5.3.1.2): at most 64 segments.</summary>
        public const int MaxSegN = 63;

        /// <summary>The longest PDU 64 segments can carry: 20 + 63 × 23.</summary>
        public const int MaxTransactionLength = StartPayloadMax + (MaxSegN * ContinuationPayloadMax);

        public const int DeviceUuidLength = 16;

        /// <summary>Generic Provisioning Control Format (2 LSBs of the first octet, MshPRT Table 5.3).</summary>
        public const int FormatTransactionStart = 0;
        public const int FormatTransactionAck = 1;
        public const int FormatTransactionContinuation = 2;
        public const int FormatBearerControl = 3;

        /// <summary>Provisioning Bearer Control opcodes (MshPRT Table 5.11).</summary>
        public const int OpcodeLinkOpen = 0x00;
        public const int OpcodeLinkAck = 0x01;
        public const int OpcodeLinkClose = 0x02;

        /// <summary>Bearer Control PDUs are sent with Transaction Number 0 (MshPRT §5.3.1.4).</summary>
        public const byte BearerControlTransactionNumber = 0x00;

        /// <summary>SegN for a PDU of <paramref name="totalLength"/> octets: 0 up to 20 octets, then one more per 23 (MshPRT §5.3.1.2).</summary>
        public static int LastSegmentIndex(int totalLength)
        {
            if (totalLength <= StartPayloadMax)
            {
                return 0;
            }

            return 1 + ((totalLength - StartPayloadMax - 1) / ContinuationPayloadMax);
        }

        /// <summary>Where segment <paramref name="segmentIndex"/> starts inside the Provisioning PDU.</summary>
        public static int SegmentOffset(int segmentIndex)
        {
            return segmentIndex == 0 ? 0 : StartPayloadMax + ((segmentIndex - 1) * ContinuationPayloadMax);
        }

        /// <summary>Octets in segment <paramref name="segmentIndex"/> of a PDU of <paramref name="totalLength"/> octets (every segment but the last is full).</summary>
        public static int SegmentLength(int totalLength, int segmentIndex)
        {
            int max = segmentIndex == 0 ? StartPayloadMax : ContinuationPayloadMax;
            int remaining = totalLength - SegmentOffset(segmentIndex);
            return remaining < max ? remaining : max;
        }

        /// <summary>One segment of a transaction: Transaction Start for index 0, else Transaction Continuation (MshPRT §5.3.1.1–§5.3.1.3).</summary>
        public static void WriteTransactionSegment(ByteWriter writer, uint linkId, byte transactionNumber, byte[] pdu, int pduOffset, int pduLength, byte fcs, int segmentIndex)
        {
            int lastSegment = LastSegmentIndex(pduLength);
            if (pduLength < 1 || pduLength > MaxTransactionLength || segmentIndex < 0 || segmentIndex > lastSegment)
            {
                throw new ProtocolFormatException("segment " + segmentIndex + " of a " + pduLength + "-octet PDU");
            }

            int start = BeginStructure(writer, linkId, transactionNumber);
            if (segmentIndex == 0)
            {
                writer.WriteByte((byte)((lastSegment << 2) | FormatTransactionStart));
                writer.WriteUInt16BigEndian((ushort)pduLength);
                writer.WriteByte(fcs);
            }
            else
            {
                writer.WriteByte((byte)((segmentIndex << 2) | FormatTransactionContinuation));
            }

            writer.WriteBytes(pdu, pduOffset + SegmentOffset(segmentIndex), SegmentLength(pduLength, segmentIndex));
            EndStructure(writer, start);
        }

        /// <summary>Transaction Acknowledgment: GPC 0x01, echoing the acknowledged Transaction Number (MshPRT §5.3.1.2).</summary>
        public static void WriteTransactionAck(ByteWriter writer, uint linkId, byte transactionNumber)
        {
            int start = BeginStructure(writer, linkId, transactionNumber);
            writer.WriteByte(FormatTransactionAck);
            EndStructure(writer, start);
        }

        /// <summary>Link Open: opcode 0x00 with the 16-octet Device UUID (MshPRT §5.3.1.4.1).</summary>
        public static void WriteLinkOpen(ByteWriter writer, uint linkId, byte[] deviceUuid, int uuidOffset)
        {
            int start = BeginStructure(writer, linkId, BearerControlTransactionNumber);
            writer.WriteByte((OpcodeLinkOpen << 2) | FormatBearerControl);
            writer.WriteBytes(deviceUuid, uuidOffset, DeviceUuidLength);
            EndStructure(writer, start);
        }

        /// <summary>Link ACK: opcode 0x01, no parameters (MshPRT §5.3.1.4.2).</summary>
        public static void WriteLinkAck(ByteWriter writer, uint linkId)
        {
            int start = BeginStructure(writer, linkId, BearerControlTransactionNumber);
            writer.WriteByte((OpcodeLinkAck << 2) | FormatBearerControl);
            EndStructure(writer, start);
        }

        /// <summary>Link Close: opcode 0x02 with the reason octet (MshPRT §5.3.1.4.3).</summary>
        public static void WriteLinkClose(ByteWriter writer, uint linkId, byte reason)
        {
            int start = BeginStructure(writer, linkId, BearerControlTransactionNumber);
            writer.WriteByte((OpcodeLinkClose << 2) | FormatBearerControl);
            writer.WriteByte(reason);
            EndStructure(writer, start);
        }

        private static int BeginStructure(ByteWriter writer, uint linkId, byte transactionNumber)
        {
            int start = writer.Position;
            writer.WriteByte(0); // AD length, patched by EndStructure
            writer.WriteByte(AdType);
            writer.WriteUInt32BigEndian(linkId);
            writer.WriteByte(transactionNumber);
            return start;
        }

        private static void EndStructure(ByteWriter writer, int start)
        {
            writer.Buffer[start] = (byte)(writer.Position - start - 1);
        }
    }
}
