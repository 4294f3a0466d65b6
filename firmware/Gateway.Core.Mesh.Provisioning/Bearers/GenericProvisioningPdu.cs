namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Decoder for one PB-ADV PDU (the AD structure's value, after its length and type octets),
    /// MshPRT §5.2.1 and §5.3.1. One instance is reused for every received advertisement: it
    /// checks every length before reading, keeps offsets into the caller's buffer instead of
    /// copying, and reports a status instead of throwing, because the receive path sees every
    /// advertisement on the air and must neither allocate nor unwind for junk.
    /// Only the structure of a single PDU is checked here; whether a segment fits its
    /// transaction is the <see cref="GenericProvisioningReassembler"/>'s business.
    /// </summary>
    public sealed class GenericProvisioningPdu
    {
        public uint LinkId { get; private set; }

        public byte TransactionNumber { get; private set; }

        /// <summary>GPCF: <see cref="GenericProvisioning.FormatTransactionStart"/> … <see cref="GenericProvisioning.FormatBearerControl"/>.</summary>
        public int Format { get; private set; }

        /// <summary>Transaction Start: SegN (last segment index).</summary>
        public int LastSegmentIndex { get; private set; }

        /// <summary>Transaction Continuation: Segment Index (1–63).</summary>
        public int SegmentIndex { get; private set; }

        /// <summary>Bearer Control: BearerOpcode.</summary>
        public int Opcode { get; private set; }

        /// <summary>Transaction Start: TotalLength of the Provisioning PDU.</summary>
        public int TotalLength { get; private set; }

        /// <summary>Transaction Start: FCS of the whole Provisioning PDU.</summary>
        public byte Fcs { get; private set; }

        /// <summary>The buffer the last <see cref="Decode"/> read (not copied).</summary>
        public byte[] Buffer { get; private set; }

        /// <summary>Segment data (Start/Continuation), Device UUID (Link Open) or reason (Link Close).</summary>
        public int DataOffset { get; private set; }

        public int DataCount { get; private set; }

        /// <summary>Link Close: the reason octet.</summary>
        public byte CloseReason
        {
            get { return Buffer[DataOffset]; }
        }

        /// <summary>Reads the Link ID of a PB-ADV payload; false when it is too short to have one.</summary>
        public static bool TryReadLinkId(byte[] payload, int offset, int count, out uint linkId)
        {
            linkId = 0;
            if (payload == null || count < GenericProvisioning.LinkIdLength || offset < 0 || offset > payload.Length - count)
            {
                return false;
            }

            linkId = ((uint)payload[offset] << 24) | ((uint)payload[offset + 1] << 16) | ((uint)payload[offset + 2] << 8) | payload[offset + 3];
            return true;
        }

        /// <summary>Decodes the PB-ADV payload at <paramref name="offset"/>. Never throws for any bytes.</summary>
        public GenericProvisioningDecodeStatus Decode(byte[] payload, int offset, int count)
        {
            Buffer = payload;
            DataOffset = 0;
            DataCount = 0;
            uint linkId;
            if (!TryReadLinkId(payload, offset, count, out linkId) || count < GenericProvisioning.HeaderLength + 1)
            {
                return GenericProvisioningDecodeStatus.Truncated;
            }

            // MshPRT §5.2.1: a Generic Provisioning PDU is 1–24 octets.
            int gpLength = count - GenericProvisioning.HeaderLength;
            if (gpLength > GenericProvisioning.Mtu)
            {
                return GenericProvisioningDecodeStatus.InvalidLength;
            }

            LinkId = linkId;
            TransactionNumber = payload[offset + 4];
            int gpc = payload[offset + GenericProvisioning.HeaderLength];
            Format = gpc & 0x03;
            int upper = gpc >> 2;
            int body = offset + GenericProvisioning.HeaderLength + 1;
            int bodyLength = gpLength - 1;
            switch (Format)
            {
                case GenericProvisioning.FormatTransactionStart:
                    return DecodeStart(payload, body, bodyLength, upper);
                case GenericProvisioning.FormatTransactionAck:
                    // MshPRT §5.3.1.2: six padding bits of 0 and no parameters.
                    if (upper != 0)
                    {
                        return GenericProvisioningDecodeStatus.InvalidPadding;
                    }

                    return bodyLength == 0 ? GenericProvisioningDecodeStatus.Ok : GenericProvisioningDecodeStatus.InvalidLength;
                case GenericProvisioning.FormatTransactionContinuation:
                    if (upper == 0)
                    {
                        return GenericProvisioningDecodeStatus.InvalidSegmentIndex;
                    }

                    if (bodyLength < 1)
                    {
                        return GenericProvisioningDecodeStatus.InvalidLength;
                    }

                    SegmentIndex = upper;
                    DataOffset = body;
                    DataCount = bodyLength;
                    return GenericProvisioningDecodeStatus.Ok;
                default:
                    return DecodeBearerControl(body, bodyLength, upper);
            }
        }

        private GenericProvisioningDecodeStatus DecodeStart(byte[] payload, int body, int bodyLength, int lastSegmentIndex)
        {
            if (bodyLength < 3)
            {
                return GenericProvisioningDecodeStatus.Truncated;
            }

            int totalLength = (payload[body] << 8) | payload[body + 1];
            LastSegmentIndex = lastSegmentIndex;
            TotalLength = totalLength;
            Fcs = payload[body + 2];

            // MshPRT §5.3.1.2: SegN is the index of the last segment, so it follows from
            // TotalLength; a start that disagrees cannot be reassembled into that length.
            if (totalLength < 1 || totalLength > GenericProvisioning.MaxTransactionLength
                || lastSegmentIndex != GenericProvisioning.LastSegmentIndex(totalLength))
            {
                return GenericProvisioningDecodeStatus.InvalidSegmentation;
            }

            DataOffset = body + 3;
            DataCount = bodyLength - 3;

            // Every segment but the last is full (the continuation offsets assume it).
            if (DataCount != GenericProvisioning.SegmentLength(totalLength, 0))
            {
                return GenericProvisioningDecodeStatus.InvalidLength;
            }

            return GenericProvisioningDecodeStatus.Ok;
        }

        private GenericProvisioningDecodeStatus DecodeBearerControl(int body, int bodyLength, int opcode)
        {
            Opcode = opcode;
            DataOffset = body;
            DataCount = bodyLength;
            switch (opcode)
            {
                case GenericProvisioning.OpcodeLinkOpen:
                    return bodyLength == GenericProvisioning.DeviceUuidLength ? GenericProvisioningDecodeStatus.Ok : GenericProvisioningDecodeStatus.InvalidLength;
                case GenericProvisioning.OpcodeLinkAck:
                    return bodyLength == 0 ? GenericProvisioningDecodeStatus.Ok : GenericProvisioningDecodeStatus.InvalidLength;
                case GenericProvisioning.OpcodeLinkClose:
                    return bodyLength == 1 ? GenericProvisioningDecodeStatus.Ok : GenericProvisioningDecodeStatus.InvalidLength;
                default:
                    return GenericProvisioningDecodeStatus.UnknownOpcode;
            }
        }
    }
}
