using System;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// AuthValue encoding (MshPRT v1.1 §5.4.2.4.1; ble-mesh.md §1.9). 16 octets with the CMAC
    /// algorithm and 32 with HMAC-SHA256. Numeric values are big-endian and right-aligned;
    /// alphanumeric values are ASCII, left-aligned and zero-padded; static OOB is copied
    /// left-aligned (truncated or zero-padded).
    /// </summary>
    public static class AuthValue
    {
        private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        public static byte[] NoOob(int size)
        {
            CheckSize(size);
            return new byte[size];
        }

        public static byte[] FromStatic(byte[] staticOob, int size)
        {
            CheckSize(size);
            if (staticOob == null)
            {
                throw new ArgumentNullException("staticOob");
            }

            byte[] auth = new byte[size];
            Array.Copy(staticOob, 0, auth, 0, staticOob.Length < size ? staticOob.Length : size);
            return auth;
        }

        /// <summary>A number (blink/beep/vibrate/push/twist count, or a numeric code), big-endian right-aligned.</summary>
        public static byte[] FromNumber(uint value, int size)
        {
            CheckSize(size);
            byte[] auth = new byte[size];
            auth[size - 4] = (byte)(value >> 24);
            auth[size - 3] = (byte)(value >> 16);
            auth[size - 2] = (byte)(value >> 8);
            auth[size - 1] = (byte)value;
            return auth;
        }

        /// <summary>An alphanumeric code: ASCII, left-aligned. Only digits and upper-case letters (Table 5.33).</summary>
        public static byte[] FromAlphanumeric(string value, int size)
        {
            CheckSize(size);
            if (value == null || value.Length == 0 || value.Length > 8)
            {
                throw new ProtocolFormatException("alphanumeric OOB value must be 1 to 8 characters");
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (Alphanumerics.IndexOf(value[i]) < 0)
                {
                    throw new ProtocolFormatException("alphanumeric OOB value has a character outside 0-9 A-Z at index " + i);
                }
            }

            byte[] auth = new byte[size];
            byte[] ascii = Encoding.UTF8.GetBytes(value);
            Array.Copy(ascii, 0, auth, 0, ascii.Length);
            return auth;
        }

        /// <summary>
        /// Parses what a user typed for a numeric Output OOB: 1 to <paramref name="digits"/> decimal
        /// digits. Returns false for anything else.
        /// </summary>
        public static bool TryParseNumber(string text, int digits, out uint value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > digits || digits > 8)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (uint)(c - '0');
            }

            return true;
        }

        /// <summary>
        /// A random value for a numeric action of <paramref name="digits"/> digits, in 1 … 10^digits − 1:
        /// never 0 (Zephyr issue #34209: a blink count of 0 cannot be shown).
        /// </summary>
        public static uint RandomNumber(IRandom random, int digits)
        {
            if (digits < 1 || digits > 8)
            {
                throw new ArgumentOutOfRangeException("digits");
            }

            int max = 1;
            for (int i = 0; i < digits; i++)
            {
                max *= 10;
            }

            return (uint)(1 + random.NextInt(max - 1));
        }

        /// <summary>A random alphanumeric string of <paramref name="length"/> characters (0-9, A-Z).</summary>
        public static string RandomAlphanumeric(IRandom random, int length)
        {
            if (length < 1 || length > 8)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = Alphanumerics[random.NextInt(Alphanumerics.Length)];
            }

            return new string(chars);
        }

        private static void CheckSize(int size)
        {
            if (size != 16 && size != 32)
            {
                throw new ArgumentOutOfRangeException("size");
            }
        }
    }
}
