using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Proxy configuration messages (MshPRT §6.5; Zephyr <c>proxy_msg.h</c> CFG_FILTER_*): an
    /// opcode octet and big-endian parameters, carried as the transport PDU of a Network PDU with
    /// CTL = 1, TTL = 0, DST = unassigned under the proxy nonce (MshPRT §6.6), in a Proxy PDU of
    /// Message Type 0x02. The whole message fits 12 octets: Add Addresses carries at most 5.
    /// </summary>
    public static class ProxyConfiguration
    {
        public const byte SetFilterTypeOpcode = 0x00;
        public const byte AddAddressesOpcode = 0x01;
        public const byte RemoveAddressesOpcode = 0x02;
        public const byte FilterStatusOpcode = 0x03;

        /// <summary>Filter types (MshPRT §6.4): an accept list (white list) or a reject list (black list).</summary>
        public const int AcceptListFilter = 0x00;
        public const int RejectListFilter = 0x01;

        public const int MaxAddressesPerMessage = (NetworkPduCodec.MaxControlTransportLength - 1) / 2;

        public static int WriteSetFilterType(byte[] output, int offset, int filterType)
        {
            Check(output, offset, 2);
            output[offset] = SetFilterTypeOpcode;
            output[offset + 1] = (byte)filterType;
            return 2;
        }

        /// <summary>Add (or, with <paramref name="remove"/>, Remove) Addresses: opcode ‖ addresses (2 each).</summary>
        public static int WriteAddresses(byte[] output, int offset, bool remove, int[] addresses, int start, int count)
        {
            if (addresses == null || count < 1 || count > MaxAddressesPerMessage || start < 0 || start > addresses.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Check(output, offset, 1 + (2 * count));
            output[offset] = remove ? RemoveAddressesOpcode : AddAddressesOpcode;
            for (int i = 0; i < count; i++)
            {
                output[offset + 1 + (2 * i)] = (byte)(addresses[start + i] >> 8);
                output[offset + 2 + (2 * i)] = (byte)addresses[start + i];
            }

            return 1 + (2 * count);
        }

        /// <summary>Filter Status: opcode ‖ FilterType (1) ‖ ListSize (2).</summary>
        public static int WriteFilterStatus(byte[] output, int offset, int filterType, int listSize)
        {
            Check(output, offset, 4);
            output[offset] = FilterStatusOpcode;
            output[offset + 1] = (byte)filterType;
            output[offset + 2] = (byte)(listSize >> 8);
            output[offset + 3] = (byte)listSize;
            return 4;
        }

        /// <summary>Parses a Filter Status. Never throws.</summary>
        public static bool TryParseFilterStatus(byte[] message, int offset, int count, out int filterType, out int listSize)
        {
            filterType = 0;
            listSize = 0;
            if (message == null || offset < 0 || count != 4 || offset > message.Length - count || message[offset] != FilterStatusOpcode)
            {
                return false;
            }

            filterType = message[offset + 1];
            listSize = (message[offset + 2] << 8) | message[offset + 3];
            return filterType == AcceptListFilter || filterType == RejectListFilter;
        }

        private static void Check(byte[] output, int offset, int count)
        {
            if (output == null || offset < 0 || offset > output.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset");
            }
        }
    }
}
