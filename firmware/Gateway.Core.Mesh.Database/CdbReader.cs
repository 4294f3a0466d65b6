using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Typed access to a parsed CDB document that names the JSON path of any value it refuses
    /// (<see cref="CdbFormatException"/>). A value is located by the path of its container plus a
    /// member name or an array index; the path text is built only when something is refused, so
    /// reading a large document does not allocate a string per field. Absent and null members are
    /// the same; optional getters return their fallback for them. Messages never quote a value.
    /// </summary>
    internal static class CdbReader
    {
        public const int NoIndex = -1;

        /// <summary>The path of member <paramref name="name"/> (or item <paramref name="index"/>) of the container at <paramref name="path"/>.</summary>
        public static string Where(string path, string name, int index)
        {
            string at = name == null ? path : path + "." + name;
            return index < 0 ? at : at + "[" + index + "]";
        }

        public static string Member(string path, string name)
        {
            return Where(path, name, NoIndex);
        }

        public static string Item(string path, int index)
        {
            return Where(path, null, index);
        }

        public static Hashtable AsObject(object value, string path)
        {
            if (value is Hashtable table)
            {
                return table;
            }

            throw new CdbFormatException(path, "must be an object");
        }

        public static bool Has(Hashtable t, string name)
        {
            return t.Contains(name) && t[name] != null;
        }

        public static object Require(Hashtable t, string name, string path)
        {
            if (!Has(t, name))
            {
                throw new CdbFormatException(Member(path, name), "is missing");
            }

            return t[name];
        }

        public static Hashtable GetObject(Hashtable t, string name, string path)
        {
            if (Require(t, name, path) is Hashtable table)
            {
                return table;
            }

            throw new CdbFormatException(Member(path, name), "must be an object");
        }

        /// <summary>The array, or an empty one when the member is absent.</summary>
        public static ArrayList GetOptionalArray(Hashtable t, string name, string path)
        {
            return Has(t, name) ? GetArray(t, name, path) : new ArrayList();
        }

        public static ArrayList GetArray(Hashtable t, string name, string path)
        {
            if (Require(t, name, path) is ArrayList list)
            {
                return list;
            }

            throw new CdbFormatException(Member(path, name), "must be an array");
        }

        public static string GetString(Hashtable t, string name, string path)
        {
            return AsString(Require(t, name, path), path, name, NoIndex);
        }

        public static string GetOptionalString(Hashtable t, string name, string path, string fallback)
        {
            return Has(t, name) ? GetString(t, name, path) : fallback;
        }

        public static string AsString(object value, string path, string name, int index)
        {
            if (value is string s)
            {
                return s;
            }

            throw new CdbFormatException(Where(path, name, index), "must be a string");
        }

        public static long GetInteger(Hashtable t, string name, string path, long min, long max)
        {
            return AsInteger(Require(t, name, path), path, name, NoIndex, min, max);
        }

        public static int GetInt(Hashtable t, string name, string path, int min, int max)
        {
            return (int)GetInteger(t, name, path, min, max);
        }

        public static int GetOptionalInt(Hashtable t, string name, string path, int min, int max, int fallback)
        {
            return Has(t, name) ? GetInt(t, name, path, min, max) : fallback;
        }

        public static long AsInteger(object value, string path, string name, int index, long min, long max)
        {
            if (!(value is long l))
            {
                throw new CdbFormatException(Where(path, name, index), "must be an integer");
            }

            if (l < min || l > max)
            {
                throw new CdbFormatException(Where(path, name, index), "must be within " + min + ".." + max);
            }

            return l;
        }

        public static bool GetOptionalBool(Hashtable t, string name, string path, bool fallback)
        {
            if (!Has(t, name))
            {
                return fallback;
            }

            if (t[name] is bool b)
            {
                return b;
            }

            throw new CdbFormatException(Member(path, name), "must be true or false");
        }

        /// <summary>A 4-hex-digit value within [min, max].</summary>
        public static int GetHex16(Hashtable t, string name, string path, int min, int max)
        {
            return AsHex16(Require(t, name, path), path, name, NoIndex, min, max);
        }

        public static int GetOptionalHex16(Hashtable t, string name, string path, int min, int max, int fallback)
        {
            return Has(t, name) ? GetHex16(t, name, path, min, max) : fallback;
        }

        public static int AsHex16(object value, string path, string name, int index, int min, int max)
        {
            int v;
            if (!CdbText.TryParseHex16(AsString(value, path, name, index), out v))
            {
                throw new CdbFormatException(Where(path, name, index), "must be 4 hexadecimal digits");
            }

            if (v < min || v > max)
            {
                throw new CdbFormatException(Where(path, name, index), "must be within " + CdbText.Hex16(min) + ".." + CdbText.Hex16(max));
            }

            return v;
        }

        /// <summary>A 128-bit key or label: 32 hex digits.</summary>
        public static byte[] GetKey(Hashtable t, string name, string path)
        {
            return AsKey(Require(t, name, path), path, name, NoIndex);
        }

        public static byte[] GetOptionalKey(Hashtable t, string name, string path)
        {
            return Has(t, name) ? GetKey(t, name, path) : null;
        }

        public static byte[] AsKey(object value, string path, string name, int index)
        {
            byte[] key;
            if (!CdbText.TryParseBytes(AsString(value, path, name, index), 16, out key))
            {
                throw new CdbFormatException(Where(path, name, index), "must be 32 hexadecimal digits");
            }

            return key;
        }

        public static byte[] GetUuid(Hashtable t, string name, string path)
        {
            byte[] uuid;
            if (!CdbText.TryParseUuid(GetString(t, name, path), out uuid))
            {
                throw new CdbFormatException(Member(path, name), "must be a UUID (8-4-4-4-12 or 32 hexadecimal digits)");
            }

            return uuid;
        }

        public static MeshSecurity GetOptionalSecurity(Hashtable t, string name, string path)
        {
            if (!Has(t, name))
            {
                return MeshSecurity.Insecure;
            }

            string text = GetString(t, name, path);
            if (text == "secure")
            {
                return MeshSecurity.Secure;
            }

            if (text == "insecure")
            {
                return MeshSecurity.Insecure;
            }

            throw new CdbFormatException(Member(path, name), "must be \"secure\" or \"insecure\"");
        }
    }
}
