namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Frame Check Sequence of a PB-ADV transaction (MshPRT §5.3.1.1): the 8-bit CRC of
    /// 3GPP TS 27.010 §5.2.1.6, polynomial x^8 + x^2 + x + 1, over the whole Provisioning PDU.
    /// TS 27.010 sends bits LSB first, so the register runs reflected (0xE0), starts at 0xFF, and
    /// the FCS is the ones' complement of what remains. Bitwise on purpose: PDUs are at most a
    /// few dozen octets and a 256-entry table would cost RAM on the device.
    /// </summary>
    public static class ProvisioningFcs
    {
        private const int ReflectedPolynomial = 0xE0;

        public static byte Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFF;
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
                }
            }

            return (byte)(0xFF - crc);
        }

        /// <summary>True when <paramref name="fcs"/> is the FCS of the PDU (TS 27.010 receiver check).</summary>
        public static bool Check(byte[] data, int offset, int count, byte fcs)
        {
            return Compute(data, offset, count) == fcs;
        }
    }
}
