namespace Gateway.Firmware.Bluetooth
{
    /// <summary>The scanner's relevance filter: which advertisements the mesh layers want.</summary>
    /// <remarks>
    /// No nanoFramework API in this part: tests/Gateway.Core.Tests compiles it on the host
    /// (Firmware/FirmwareAdapterLogicTests). Keep it that way.
    /// </remarks>
    public sealed partial class AdvertisementScanner
    {
        /// <summary>
        /// True when the AD structures hold something the mesh layers use: AD types 0x29 (PB-ADV),
        /// 0x2A (Mesh Message), 0x2B (Mesh Beacon) (MshPRT §3.3.1), or 16-bit service data (0x16)
        /// of the Mesh Provisioning (0x1827) or Mesh Proxy (0x1828) service (MshPRT §7.1). A
        /// malformed length stops the walk (what is before it still counts).
        /// </summary>
        public static bool IsMeshRelated(byte[] data, int offset, int length)
        {
            int i = offset;
            int end = offset + length;
            while (i < end)
            {
                int fieldLength = data[i];
                if (fieldLength == 0 || i + 1 + fieldLength > end)
                {
                    return false;
                }

                int type = data[i + 1];
                if (type == 0x29 || type == 0x2A || type == 0x2B)
                {
                    return true;
                }

                if (type == 0x16 && fieldLength >= 3)
                {
                    int uuid = data[i + 2] | (data[i + 3] << 8);
                    if (uuid == 0x1827 || uuid == 0x1828)
                    {
                        return true;
                    }
                }

                i += 1 + fieldLength;
            }

            return false;
        }
    }
}
