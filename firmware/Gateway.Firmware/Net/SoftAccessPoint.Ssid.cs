namespace Gateway.Firmware.Net
{
    /// <summary>The dev-ap SSID (reference/alibaba-provisioning.md §3.1).</summary>
    /// <remarks>
    /// No nanoFramework API in this part: tests/Gateway.Core.Tests compiles it on the host
    /// (Firmware/FirmwareAdapterLogicTests). Keep it that way.
    /// </remarks>
    public static partial class SoftAccessPoint
    {
        /// <summary>"adh_{pk}_{XXXXXX}" from the last three octets of <paramref name="mac"/>.</summary>
        public static string DevApSsid(string productKey, byte[] mac)
        {
            const string digits = "0123456789ABCDEF";
            char[] suffix = new char[6];
            int start = mac == null ? 0 : mac.Length - 3;
            for (int i = 0; i < 3; i++)
            {
                byte b = mac != null && start + i >= 0 ? mac[start + i] : (byte)0;
                suffix[2 * i] = digits[b >> 4];
                suffix[(2 * i) + 1] = digits[b & 0x0F];
            }

            return "adh_" + productKey + "_" + new string(suffix);
        }
    }
}
