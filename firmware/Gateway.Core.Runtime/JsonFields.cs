using System.Collections;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Typed access to fields of a parsed JSON object. A missing required field or a value of the
    /// wrong JSON type is a <see cref="JsonFormatException"/> naming the field, never a cast error.
    /// </summary>
    public static class JsonFields
    {
        /// <summary>The object itself, or a format error when <paramref name="value"/> is not a JSON object.</summary>
        public static Hashtable AsObject(object value, string what)
        {
            if (value is Hashtable table)
            {
                return table;
            }

            throw new JsonFormatException(what + " must be a JSON object");
        }

        public static bool Has(Hashtable table, string name)
        {
            return table.Contains(name) && table[name] != null;
        }

        public static string GetString(Hashtable table, string name)
        {
            object value = Require(table, name);
            if (value is string s)
            {
                return s;
            }

            throw new JsonFormatException("field '" + name + "' must be a string");
        }

        /// <summary>The string, or <paramref name="fallback"/> when the field is absent or null.</summary>
        public static string GetOptionalString(Hashtable table, string name, string fallback)
        {
            return Has(table, name) ? GetString(table, name) : fallback;
        }

        public static long GetInteger(Hashtable table, string name)
        {
            object value = Require(table, name);
            if (value is long l)
            {
                return l;
            }

            throw new JsonFormatException("field '" + name + "' must be an integer");
        }

        /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public static int GetInt32(Hashtable table, string name, int min, int max)
        {
            long value = GetInteger(table, name);
            if (value < min || value > max)
            {
                throw new JsonFormatException("field '" + name + "' is out of range");
            }

            return (int)value;
        }

        public static int GetOptionalInt32(Hashtable table, string name, int min, int max, int fallback)
        {
            return Has(table, name) ? GetInt32(table, name, min, max) : fallback;
        }

        public static Hashtable GetObject(Hashtable table, string name)
        {
            object value = Require(table, name);
            if (value is Hashtable child)
            {
                return child;
            }

            throw new JsonFormatException("field '" + name + "' must be an object");
        }

        public static ArrayList GetArray(Hashtable table, string name)
        {
            object value = Require(table, name);
            if (value is ArrayList list)
            {
                return list;
            }

            throw new JsonFormatException("field '" + name + "' must be an array");
        }

        private static object Require(Hashtable table, string name)
        {
            if (!table.Contains(name) || table[name] == null)
            {
                throw new JsonFormatException("field '" + name + "' is missing");
            }

            return table[name];
        }
    }
}
