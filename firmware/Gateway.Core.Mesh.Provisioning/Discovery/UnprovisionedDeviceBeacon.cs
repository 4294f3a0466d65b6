using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>
    /// Unprovisioned Device beacon (MshPRT §3.10.2): in an AD structure of type «Mesh Beacon»
    /// (0x2B), Beacon Type 0x00 ‖ Device UUID (16) ‖ OOB Information (2, big-endian) ‖ optional
    /// URI Hash (4). So the value is 19 or 23 octets; anything else is not this beacon.
    /// </summary>
    public static class UnprovisionedDeviceBeacon
    {
        /// <summary>AD type «Mesh Beacon».</summary>
        public const byte AdType = 0x2B;

        public const byte BeaconType = 0x00;

        public const int LengthWithoutUriHash = 19;

        public const int LengthWithUriHash = 23;

        /// <summary>OOB Information bits (MshPRT Table 3.54) a gateway acts on.</summary>
        public const ushort OobCertificateBasedProvisioning = 1 << 7;
        public const ushort OobProvisioningRecords = 1 << 8;

        /// <summary>Parses the value of a 0x2B AD structure. Never throws; false when it is not an Unprovisioned Device beacon.</summary>
        public static bool TryParse(byte[] value, int offset, int count, UnprovisionedDeviceAdvert result)
        {
            if (value == null || result == null || offset < 0 || count < 0 || offset > value.Length - count)
            {
                return false;
            }

            if ((count != LengthWithoutUriHash && count != LengthWithUriHash) || value[offset] != BeaconType)
            {
                return false;
            }

            result.Bearer = UnprovisionedDeviceBearers.PbAdv;
            result.CopyUuid(value, offset + 1);
            ushort oob = (ushort)((value[offset + 17] << 8) | value[offset + 18]);
            result.OobInformation = oob;
            result.OobRaw = oob;
            result.HasUriHash = count == LengthWithUriHash;
            result.UriHash = result.HasUriHash
                ? ((uint)value[offset + 19] << 24) | ((uint)value[offset + 20] << 16) | ((uint)value[offset + 21] << 8) | value[offset + 22]
                : 0;
            return true;
        }

        /// <summary>Writes the whole AD structure (length, 0x2B, beacon) for a simulated or real device.</summary>
        public static void Write(ByteWriter writer, byte[] deviceUuid, ushort oobInformation, bool hasUriHash, uint uriHash)
        {
            writer.WriteByte((byte)(1 + (hasUriHash ? LengthWithUriHash : LengthWithoutUriHash)));
            writer.WriteByte(AdType);
            writer.WriteByte(BeaconType);
            writer.WriteBytes(deviceUuid, 0, 16);
            writer.WriteUInt16BigEndian(oobInformation);
            if (hasUriHash)
            {
                writer.WriteUInt32BigEndian(uriHash);
            }
        }
    }
}
