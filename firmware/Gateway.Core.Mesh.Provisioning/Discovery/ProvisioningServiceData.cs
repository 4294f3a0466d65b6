using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>
    /// Mesh Provisioning Service advertising of a PB-GATT device (MshPRT §7.1.2.2.1): connectable
    /// advertising with Service Data - 16-bit UUID (AD 0x16) for 0x1827 carrying Device UUID (16)
    /// ‖ OOB Information (2). The OOB byte order is disputed (reference/ble-mesh.md §3.3: the
    /// MshPRT §8.5.1 sample and nRF Mesh use little-endian, Zephyr-derived devices write
    /// big-endian), so the parser keeps the raw octets and the caller picks the order.
    /// </summary>
    public static class ProvisioningServiceData
    {
        /// <summary>AD type «Service Data - 16-bit UUID».</summary>
        public const byte ServiceDataAdType = 0x16;

        /// <summary>AD type «Complete List of 16-bit Service UUIDs».</summary>
        public const byte CompleteUuid16ListAdType = 0x03;

        public const byte FlagsAdType = 0x01;

        /// <summary>Mesh Provisioning Service.</summary>
        public const ushort ServiceUuid = 0x1827;

        /// <summary>Service data value: UUID16 (2, little-endian as in every AD) ‖ Device UUID (16) ‖ OOB (2).</summary>
        public const int ValueLength = 20;

        /// <summary>
        /// Parses the value of one 0x16 AD structure. Never throws; false when it is not
        /// 0x1827 service data of the right size. <paramref name="oobLittleEndian"/> picks how
        /// <see cref="UnprovisionedDeviceAdvert.OobInformation"/> is read; <see cref="UnprovisionedDeviceAdvert.OobRaw"/> keeps the octets.
        /// </summary>
        public static bool TryParse(byte[] value, int offset, int count, bool oobLittleEndian, UnprovisionedDeviceAdvert result)
        {
            if (value == null || result == null || offset < 0 || count < 0 || offset > value.Length - count)
            {
                return false;
            }

            if (count != ValueLength || value[offset] != (ServiceUuid & 0xFF) || value[offset + 1] != (ServiceUuid >> 8))
            {
                return false;
            }

            result.Bearer = UnprovisionedDeviceBearers.PbGatt;
            result.CopyUuid(value, offset + 2);
            int first = value[offset + 18];
            int second = value[offset + 19];
            result.OobRaw = (ushort)((first << 8) | second);
            result.OobInformation = oobLittleEndian ? (ushort)((second << 8) | first) : (ushort)((first << 8) | second);
            result.HasUriHash = false;
            result.UriHash = 0;
            return true;
        }

        /// <summary>
        /// Connectable advertising data of a device offering PB-GATT: Flags (LE General
        /// Discoverable, BR/EDR not supported), the 0x1827 UUID list and the service data, as
        /// Zephyr's <c>prov_ad</c> lays them out. Allocates the result (once per session).
        /// </summary>
        public static byte[] BuildAdvertisingData(byte[] deviceUuid, ushort oobInformation, bool oobLittleEndian)
        {
            ByteWriter writer = new ByteWriter(3 + 4 + 2 + ValueLength);
            writer.WriteByte(2);
            writer.WriteByte(FlagsAdType);
            writer.WriteByte(0x06);
            writer.WriteByte(3);
            writer.WriteByte(CompleteUuid16ListAdType);
            writer.WriteUInt16LittleEndian(ServiceUuid);
            writer.WriteByte(1 + ValueLength);
            writer.WriteByte(ServiceDataAdType);
            writer.WriteUInt16LittleEndian(ServiceUuid);
            writer.WriteBytes(deviceUuid, 0, 16);
            if (oobLittleEndian)
            {
                writer.WriteUInt16LittleEndian(oobInformation);
            }
            else
            {
                writer.WriteUInt16BigEndian(oobInformation);
            }

            return writer.ToArray();
        }
    }
}
