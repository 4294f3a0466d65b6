using System;
using System.Collections;
using System.Text;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Compact RFC 8259 writer for the document shapes of <see cref="IJsonDom"/>. Callers that need a
    /// fixed key order (the Alink envelope) write the outer object themselves with
    /// <see cref="AppendString"/> and this writer for the nested values.
    /// </summary>
    public static class JsonWriter
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>Writes <paramref name="value"/> as JSON text.</summary>
        public static string Write(object value, int maxDepth)
        {
            StringBuilder builder = new StringBuilder();
            Append(builder, value, maxDepth);
            return builder.ToString();
        }

        /// <summary>Appends <paramref name="value"/>; refuses cycles and unsupported types with <see cref="JsonFormatException"/>.</summary>
        public static void Append(StringBuilder builder, object value, int maxDepth)
        {
            AppendValue(builder, value, 0, maxDepth);
        }

        /// <summary>Appends a quoted, escaped JSON string (RFC 8259 §7).</summary>
        public static void AppendString(StringBuilder builder, string value)
        {
            builder.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length)
                {
                    // A surrogate pair is read as a pair: nanoCLR keeps strings as UTF-8 and its
                    // indexer returns the high surrogate at both positions, so value[i + 1] would
                    // turn a supplementary character (an emoji) into two U+FFFD on the device.
                    char[] pair = value.ToCharArray(i, 2);
                    if (pair[1] >= 0xDC00 && pair[1] <= 0xDFFF)
                    {
                        builder.Append(pair[0]);
                        builder.Append(pair[1]);
                        i++;
                        continue;
                    }
                }

                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u00");
                            builder.Append(HexDigits[c >> 4]);
                            builder.Append(HexDigits[c & 0xF]);
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        private static void AppendValue(StringBuilder builder, object value, int depth, int maxDepth)
        {
            if (value == null)
            {
                builder.Append("null");
                return;
            }

            if (value is string s)
            {
                AppendString(builder, s);
                return;
            }

            if (value is bool b)
            {
                builder.Append(b ? "true" : "false");
                return;
            }

            if (AppendInteger(builder, value))
            {
                return;
            }

            if (value is double d)
            {
                AppendDouble(builder, d);
                return;
            }

            if (value is float f)
            {
                AppendDouble(builder, f);
                return;
            }

            if (depth >= maxDepth)
            {
                throw new JsonFormatException("nesting deeper than " + maxDepth + " (or a cycle)");
            }

            if (value is Hashtable table)
            {
                AppendObject(builder, table, depth + 1, maxDepth);
                return;
            }

            if (value is ArrayList list)
            {
                builder.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendValue(builder, list[i], depth + 1, maxDepth);
                }

                builder.Append(']');
                return;
            }

            if (value is Array array)
            {
                builder.Append('[');
                for (int i = 0; i < array.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendValue(builder, array.GetValue(i), depth + 1, maxDepth);
                }

                builder.Append(']');
                return;
            }

            throw new JsonFormatException("a value of an unsupported type cannot be written as JSON");
        }

        private static void AppendObject(StringBuilder builder, Hashtable table, int depth, int maxDepth)
        {
            builder.Append('{');
            bool first = true;
            foreach (DictionaryEntry entry in table)
            {
                if (!(entry.Key is string key))
                {
                    throw new JsonFormatException("object keys must be strings");
                }

                if (!first)
                {
                    builder.Append(',');
                }

                first = false;
                AppendString(builder, key);
                builder.Append(':');
                AppendValue(builder, entry.Value, depth, maxDepth);
            }

            builder.Append('}');
        }

        private static bool AppendInteger(StringBuilder builder, object value)
        {
            switch (value)
            {
                case long l: builder.Append(l); return true;
                case int i: builder.Append(i); return true;
                case short sh: builder.Append(sh); return true;
                case sbyte sb: builder.Append(sb); return true;
                case byte by: builder.Append(by); return true;
                case ushort us: builder.Append(us); return true;
                case uint ui: builder.Append(ui); return true;
                case ulong ul: builder.Append(ul); return true;
                default: return false;
            }
        }

        private static void AppendDouble(StringBuilder builder, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new JsonFormatException("NaN and infinities have no JSON form");
            }

            // Shortest round-trip text on .NET; a culture with a decimal comma must not leak into JSON.
            string text = value.ToString();
            bool integral = true;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ',' || c == '.' || c == 'E' || c == 'e')
                {
                    integral = false;
                }

                builder.Append(c == ',' ? '.' : c);
            }

            // A double stays a double when read back: "1000" would come back as an integer.
            if (integral)
            {
                builder.Append(".0");
            }
        }
    }
}
