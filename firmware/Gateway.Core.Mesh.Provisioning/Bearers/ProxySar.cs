using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Proxy PDU framing and segmentation (MshPRT §6.3.1–§6.3.2), shared by PB-GATT (Message Type
    /// Provisioning PDU) and, later, the GATT Proxy (Network PDU, Mesh Beacon, Proxy Configuration).
    /// A Proxy PDU is one header octet, SAR (2 MSBs) ‖ Message Type (6 LSBs), then data; each
    /// Proxy PDU fills one ATT Write Without Response or Handle Value Notification, so it is at
    /// most ATT_MTU − 3 octets (opcode and handle). Receiving is <see cref="ProxySarReassembler"/>.
    /// </summary>
    public static class ProxySar
    {
        /// <summary>SAR values (MshPRT Table 6.2).</summary>
        public const int SarComplete = 0;
        public const int SarFirst = 1;
        public const int SarContinuation = 2;
        public const int SarLast = 3;

        /// <summary>Message Type values (MshPRT Table 6.3).</summary>
        public const int MessageTypeNetworkPdu = 0x00;
        public const int MessageTypeMeshBeacon = 0x01;
        public const int MessageTypeProxyConfiguration = 0x02;
        public const int MessageTypeProvisioningPdu = 0x03;

        /// <summary>ATT opcode and attribute handle in front of the value of a write or notification.</summary>
        public const int AttOverhead = 3;

        /// <summary>The LE default ATT_MTU: Proxy PDUs of 20 octets, 19 of them data.</summary>
        public const int DefaultAttMtu = 23;

        /// <summary>Smallest ATT_MTU this codec accepts (room for a header and one data octet).</summary>
        public const int MinAttMtu = AttOverhead + 2;

        public static byte Header(int sar, int messageType)
        {
            return (byte)((sar << 6) | (messageType & 0x3F));
        }

        /// <summary>Largest Proxy PDU (header included) on a link with <paramref name="attMtu"/>.</summary>
        public static int MaxProxyPduLength(int attMtu)
        {
            CheckMtu(attMtu);
            return attMtu - AttOverhead;
        }

        /// <summary>How many Proxy PDUs carry a message of <paramref name="messageLength"/> octets.</summary>
        public static int SegmentCount(int messageLength, int attMtu)
        {
            int perSegment = MaxProxyPduLength(attMtu) - 1;
            if (messageLength <= perSegment)
            {
                return 1;
            }

            return (messageLength + perSegment - 1) / perSegment;
        }

        /// <summary>
        /// Writes Proxy PDU number <paramref name="segmentIndex"/> of the message into
        /// <paramref name="output"/> and returns its length: Complete when it fits one PDU,
        /// otherwise First, Continuation…, Last with every PDU but the last full (MshPRT §6.3.2).
        /// </summary>
        public static int WriteSegment(int messageType, byte[] message, int offset, int count, int attMtu, int segmentIndex, byte[] output, int outputOffset)
        {
            if (message == null || output == null || count < 1 || offset < 0 || offset > message.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int perSegment = MaxProxyPduLength(attMtu) - 1;
            int segments = SegmentCount(count, attMtu);
            if (segmentIndex < 0 || segmentIndex >= segments)
            {
                throw new ArgumentOutOfRangeException("segmentIndex");
            }

            int at = segmentIndex * perSegment;
            int length = count - at < perSegment ? count - at : perSegment;
            if (outputOffset < 0 || outputOffset > output.Length - (length + 1))
            {
                throw new ArgumentOutOfRangeException("outputOffset");
            }

            int sar;
            if (segments == 1)
            {
                sar = SarComplete;
            }
            else if (segmentIndex == 0)
            {
                sar = SarFirst;
            }
            else if (segmentIndex == segments - 1)
            {
                sar = SarLast;
            }
            else
            {
                sar = SarContinuation;
            }

            output[outputOffset] = Header(sar, messageType);
            Array.Copy(message, offset + at, output, outputOffset + 1, length);
            return length + 1;
        }

        private static void CheckMtu(int attMtu)
        {
            if (attMtu < MinAttMtu)
            {
                throw new ArgumentOutOfRangeException("attMtu");
            }
        }
    }
}
