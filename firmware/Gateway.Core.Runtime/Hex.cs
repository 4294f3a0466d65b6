namespace Gateway.Core.Runtime
{
    /// <summary>Lower-case hexadecimal encoding and strict decoding.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                return string.Empty;
            }

            return Encode(data, 0, data.Length);
        }

        public static string Encode(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count");
            }

            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[(2 * i) + 1] = Digits[b & 0x0F];
            }

            return new string(chars);
        }

        /// <summary>
        /// Decodes hex (either case, no separators). Throws <see cref="ProtocolFormatException"/>
        /// on an odd length or a non-hex character; the message names the position, not the text.
        /// </summary>
        public static byte[] Decode(string text)
        {
            byte[] result;
            int errorIndex;
            if (text == null)
            {
                throw new ProtocolFormatException("hex string is missing");
            }

            if (!TryDecode(text, out result, out errorIndex))
            {
                if (errorIndex < 0)
                {
                    throw new ProtocolFormatException("hex string has an odd number of digits");
                }

                throw new ProtocolFormatException("non-hex character at index " + errorIndex);
            }

            return result;
        }

        public static bool TryDecode(string text, out byte[] result)
        {
            int errorIndex;
            return TryDecode(text, out result, out errorIndex);
        }

        private static bool TryDecode(string text, out byte[] result, out int errorIndex)
        {
            result = null;
            errorIndex = -1;
            if (text == null || (text.Length & 1) != 0)
            {
                return false;
            }

            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = Nibble(text[2 * i]);
                int lo = Nibble(text[(2 * i) + 1]);
                if (hi < 0 || lo < 0)
                {
                    errorIndex = hi < 0 ? 2 * i : (2 * i) + 1;
                    return false;
                }

                bytes[i] = (byte)((hi << 4) | lo);
            }

            result = bytes;
            return true;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
