using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// Range checks shared by the crypto classes, so a bad (buffer, offset, count) is a
    /// <see cref="ProtocolFormatException"/> and never an IndexOutOfRange or NullReference.
    /// Messages name the argument, never its content (the bytes may be key material).
    /// </summary>
    public static class CryptoArguments
    {
        public static void CheckRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null)
            {
                throw new ProtocolFormatException(name + " is missing");
            }

            // Written so that offset + count cannot overflow.
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ProtocolFormatException(name + ": " + count + " octets at offset " + offset + " do not fit in " + buffer.Length);
            }
        }

        /// <summary>Like <see cref="CheckRange"/>, but a null buffer is accepted when nothing is read from it.</summary>
        public static void CheckOptionalRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null && count == 0)
            {
                return;
            }

            CheckRange(buffer, offset, count, name);
        }

        /// <summary>A whole array of exactly <paramref name="length"/> octets (keys, salts, randoms).</summary>
        public static void CheckLength(byte[] buffer, int length, string name)
        {
            if (buffer == null)
            {
                throw new ProtocolFormatException(name + " is missing");
            }

            if (buffer.Length != length)
            {
                throw new ProtocolFormatException(name + " must be " + length + " octets, not " + buffer.Length);
            }
        }

        /// <summary>The octets of an ASCII constant (the mesh salts and P strings, MshPRT §3.9.2).</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
