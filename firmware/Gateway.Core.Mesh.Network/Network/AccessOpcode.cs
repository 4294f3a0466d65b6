using System;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Access layer opcodes (MshPRT §3.7.3.1; reference/ble-mesh.md §4.5). The first octet
    /// says the size: 0xxxxxxx is a 1-octet opcode (0x7F is reserved), 10xxxxxx a 2-octet SIG
    /// opcode, 11xxxxxx a 3-octet vendor opcode (6 bits ‖ Company ID, little-endian). An opcode
    /// is carried as the int of its octets read big-endian: 0x02, 0x8008, 0xC00A00 …
    /// </summary>
    public static class AccessOpcode
    {
        /// <summary>Octets of <paramref name="opcode"/> on the air, or 0 when it is not a valid opcode value.</summary>
        public static int Length(int opcode)
        {
            if (opcode >= 0 && opcode <= 0x7E)
            {
                return 1;
            }

            if (opcode >= 0x8000 && opcode <= 0xBFFF)
            {
                return 2;
            }

            if (opcode >= 0xC00000 && opcode <= 0xFFFFFF)
            {
                return 3;
            }

            return 0;
        }

        /// <summary>Writes the opcode and returns its length.</summary>
        public static int Write(int opcode, byte[] output, int offset)
        {
            int length = Length(opcode);
            if (length == 0)
            {
                throw new ArgumentOutOfRangeException("opcode");
            }

            if (output == null || offset < 0 || offset > output.Length - length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            for (int i = 0; i < length; i++)
            {
                output[offset + i] = (byte)(opcode >> (8 * (length - 1 - i)));
            }

            return length;
        }

        /// <summary>Reads the opcode at the start of an access payload. Never throws; false when malformed.</summary>
        public static bool TryRead(byte[] payload, int offset, int count, out int opcode, out int length)
        {
            opcode = 0;
            length = 0;
            if (payload == null || offset < 0 || count < 1 || offset > payload.Length - count)
            {
                return false;
            }

            int first = payload[offset];
            if ((first & 0x80) == 0)
            {
                if (first == 0x7F)
                {
                    return false;
                }

                length = 1;
            }
            else
            {
                length = (first & 0x40) == 0 ? 2 : 3;
            }

            if (count < length)
            {
                length = 0;
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                opcode = (opcode << 8) | payload[offset + i];
            }

            return true;
        }
    }
}
