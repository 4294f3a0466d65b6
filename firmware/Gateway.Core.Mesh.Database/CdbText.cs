using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Text forms of CDB values (reference/ble-mesh.md §5): addresses and identifiers as 4 upper-case
    /// hex digits, keys and labels as 32, vendor model ids as 8, UUIDs as RFC 4122 strings with
    /// dashes (32 hex digits without dashes accepted on input, as older nRF Mesh exports wrote).
    /// </summary>
    internal static class CdbText
    {
        public static string Hex16(int value)
        {
            byte[] two = new byte[] { (byte)(value >> 8), (byte)value };
            return Hex.Encode(two).ToUpper();
        }

        public static string ModelIdText(uint modelId, bool isVendor)
        {
            if (!isVendor)
            {
                return Hex16((int)modelId);
            }

            return Hex16((int)(modelId >> 16)) + Hex16((int)(modelId & 0xFFFF));
        }

        /// <summary>Upper-case hex of <paramref name="data"/>; the caller keeps key text out of logs.</summary>
        public static string HexBytes(byte[] data)
        {
            return Hex.Encode(data).ToUpper();
        }

        public static string Uuid(byte[] uuid)
        {
            if (uuid == null || uuid.Length != 16)
            {
                return "(no uuid)";
            }

            string h = HexBytes(uuid);
            return h.Substring(0, 8) + "-" + h.Substring(8, 4) + "-" + h.Substring(12, 4) + "-" + h.Substring(16, 4) + "-" + h.Substring(20, 12);
        }

        /// <summary>Exactly 4 hex digits (either case).</summary>
        public static bool TryParseHex16(string text, out int value)
        {
            value = 0;
            byte[] two;
            if (!TryParseBytes(text, 2, out two))
            {
                return false;
            }

            value = (two[0] << 8) | two[1];
            return true;
        }

        /// <summary>4 hex digits (SIG model) or 8 hex digits (vendor model: CID ‖ model).</summary>
        public static bool TryParseModelId(string text, out uint modelId, out bool isVendor)
        {
            modelId = 0;
            isVendor = false;
            byte[] id;
            if (TryParseBytes(text, 4, out id))
            {
                modelId = ((uint)id[0] << 24) | ((uint)id[1] << 16) | ((uint)id[2] << 8) | id[3];
                isVendor = true;
                return true;
            }

            if (TryParseBytes(text, 2, out id))
            {
                modelId = ((uint)id[0] << 8) | id[1];
                return true;
            }

            return false;
        }

        /// <summary>Exactly <paramref name="length"/> octets of hex (either case).</summary>
        public static bool TryParseBytes(string text, int length, out byte[] bytes)
        {
            bytes = null;
            if (text == null || text.Length != 2 * length)
            {
                return false;
            }

            return Hex.TryDecode(text, out bytes);
        }

        /// <summary>RFC 4122 text (8-4-4-4-12) or 32 hex digits without dashes.</summary>
        public static bool TryParseUuid(string text, out byte[] uuid)
        {
            uuid = null;
            if (text == null)
            {
                return false;
            }

            if (text.Length == 32)
            {
                return TryParseBytes(text, 16, out uuid);
            }

            if (text.Length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
            {
                return false;
            }

            string compact = text.Substring(0, 8) + text.Substring(9, 4) + text.Substring(14, 4) + text.Substring(19, 4) + text.Substring(24, 12);
            return TryParseBytes(compact, 16, out uuid);
        }

        public static string SecurityText(MeshSecurity security)
        {
            return security == MeshSecurity.Secure ? "secure" : "insecure";
        }

        public static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
