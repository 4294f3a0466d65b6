namespace Gateway.Core.ZeroConfig
{
    /// <summary>MAC addresses as upper-case AA:BB:CC:DD:EE:FF (the found report's bssid; log lines).</summary>
    public static class MacAddressText
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Six octets at <paramref name="offset"/>.</summary>
        public static string Format(byte[] mac, int offset)
        {
            char[] chars = new char[17];
            for (int i = 0; i < 6; i++)
            {
                Put(chars, i, mac[offset + i]);
            }

            return new string(chars);
        }

        /// <summary>A 48-bit address held in a ulong, most significant octet first (the radio ports' form).</summary>
        public static string Format(ulong address)
        {
            char[] chars = new char[17];
            for (int i = 0; i < 6; i++)
            {
                Put(chars, i, (int)((address >> (8 * (5 - i))) & 0xFF));
            }

            return new string(chars);
        }

        private static void Put(char[] chars, int index, int octet)
        {
            chars[index * 3] = Digits[octet >> 4];
            chars[(index * 3) + 1] = Digits[octet & 0x0F];
            if (index < 5)
            {
                chars[(index * 3) + 2] = ':';
            }
        }
    }
}
