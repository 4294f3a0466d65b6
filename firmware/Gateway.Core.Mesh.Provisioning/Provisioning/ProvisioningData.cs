using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The 25-octet Provisioning Data (MshPRT v1.1 §5.4.2.5, Table 5.47): NetKey ‖ Key Index (BE,
    /// 12 bits) ‖ Flags ‖ IV Index (BE) ‖ Unicast Address (BE). Holds a NetKey: never log it.
    /// </summary>
    public sealed class ProvisioningData
    {
        public const int Length = 25;

        /// <summary>Flags bit 0: Key Refresh phase 2 (Table 5.48).</summary>
        public const int FlagKeyRefresh = 0x01;

        /// <summary>Flags bit 1: IV Update active (Table 5.48).</summary>
        public const int FlagIvUpdate = 0x02;

        public ProvisioningData(byte[] netKey, int keyIndex, int flags, uint ivIndex, int unicastAddress)
        {
            if (netKey == null || netKey.Length != 16)
            {
                throw new ArgumentException("NetKey must be 16 octets");
            }

            NetKey = netKey;
            KeyIndex = keyIndex;
            Flags = flags;
            IvIndex = ivIndex;
            UnicastAddress = unicastAddress;
        }

        public byte[] NetKey { get; }

        public int KeyIndex { get; }

        public int Flags { get; }

        public uint IvIndex { get; }

        public int UnicastAddress { get; }

        /// <summary>Writes the 25 plaintext octets.</summary>
        public void WriteTo(byte[] buffer, int offset)
        {
            ByteWriter w = new ByteWriter(buffer, offset, Length);
            w.WriteBytes(NetKey);
            w.WriteUInt16BigEndian((ushort)KeyIndex);
            w.WriteByte((byte)Flags);
            w.WriteUInt32BigEndian(IvIndex);
            w.WriteUInt16BigEndian((ushort)UnicastAddress);
        }

        /// <summary>
        /// Parses decrypted Provisioning Data with the device's checks (§5.4.2.5): Key Index above
        /// 0x0FFF, RFU flag bits or a non-unicast address are Invalid Data (Mesh 1.1).
        /// </summary>
        public static ProvisioningData Parse(byte[] buffer, int offset, int count)
        {
            if (count != Length)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "provisioning data must be 25 octets");
            }

            ByteReader r = new ByteReader(buffer, offset, count);
            byte[] netKey = r.ReadBytes(16);
            int keyIndex = r.ReadUInt16BigEndian();
            int flags = r.ReadByte();
            uint ivIndex = r.ReadUInt32BigEndian();
            int address = r.ReadUInt16BigEndian();
            if (keyIndex > 0x0FFF || (flags & 0xFC) != 0 || address == 0 || address > 0x7FFF)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidData, "provisioning data field out of range");
            }

            return new ProvisioningData(netKey, keyIndex, flags, ivIndex, address);
        }
    }
}
