using System;
using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Core.Runtime;

namespace Gateway.Host.Cloud
{
    /// <summary>
    /// Host <see cref="IJsonDom"/> over System.Text.Json, with the port's rules: byte and depth
    /// limits, duplicate keys refused, integers that fit as long, other numbers as finite doubles,
    /// every failure a <see cref="JsonFormatException"/> that does not quote the input.
    /// </summary>
    public sealed class SystemTextJsonDom : IJsonDom
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = false,
            SkipValidation = false,
        };

        private readonly JsonDocumentOptions _readerOptions;

        public SystemTextJsonDom()
            : this(JsonLimits.DefaultMaxBytes, JsonLimits.DefaultMaxDepth)
        {
        }

        public SystemTextJsonDom(int maxBytes, int maxDepth)
        {
            if (maxBytes <= 0 || maxDepth <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxBytes));
            }

            MaxBytes = maxBytes;
            MaxDepth = maxDepth;
            _readerOptions = new JsonDocumentOptions
            {
                MaxDepth = maxDepth,
                AllowTrailingCommas = false,
                CommentHandling = JsonCommentHandling.Disallow,
            };
        }

        public int MaxBytes { get; }

        public int MaxDepth { get; }

        public object Parse(byte[] utf8, int offset, int count)
        {
            if (utf8 == null || offset < 0 || count < 0 || offset > utf8.Length - count)
            {
                throw new JsonFormatException("input window outside the buffer");
            }

            if (count > MaxBytes)
            {
                throw new JsonFormatException("input of " + count + " bytes exceeds the limit of " + MaxBytes);
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(new ReadOnlyMemory<byte>(utf8, offset, count), _readerOptions);
                return Convert(document.RootElement);
            }
            catch (JsonException e)
            {
                // BytePositionInLine is a position, never content.
                int position = e.BytePositionInLine.HasValue ? (int)e.BytePositionInLine.Value : -1;
                throw new JsonFormatException("malformed JSON (line " + (e.LineNumber ?? 0) + ")", position);
            }
            catch (InvalidOperationException)
            {
                // A string that cannot be transcoded (for example a lone surrogate escape).
                throw new JsonFormatException("invalid string");
            }
        }

        public object Parse(string text)
        {
            if (text == null)
            {
                throw new JsonFormatException("no input");
            }

            if (text.Length > MaxBytes)
            {
                throw new JsonFormatException("input of " + text.Length + " characters exceeds the limit of " + MaxBytes);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Parse(bytes, 0, bytes.Length);
        }

        public string Write(object value)
        {
            using var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                WriteValue(writer, value, 0);
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }

        // A double stays a double when read back: "1000" would come back as an integer.
        private static void WriteDouble(Utf8JsonWriter writer, double value)
        {
            string text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0)
            {
                text += ".0";
            }

            writer.WriteRawValue(text, skipInputValidation: false);
        }

        private static object Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var table = new Hashtable();
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        if (table.ContainsKey(property.Name))
                        {
                            throw new JsonFormatException("duplicate object key");
                        }

                        table.Add(property.Name, Convert(property.Value));
                    }

                    return table;
                case JsonValueKind.Array:
                    var list = new ArrayList();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        list.Add(Convert(item));
                    }

                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out long integer))
                    {
                        string raw = element.GetRawText();
                        if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0)
                        {
                            return integer;
                        }
                    }

                    if (element.TryGetDouble(out double number) && double.IsFinite(number))
                    {
                        return number;
                    }

                    throw new JsonFormatException("number out of range");
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Null:
                    return null;
                default:
                    throw new JsonFormatException("unsupported JSON value");
            }
        }

        private void WriteValue(Utf8JsonWriter writer, object value, int depth)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                case string s: writer.WriteStringValue(s); return;
                case bool b: writer.WriteBooleanValue(b); return;
                case long l: writer.WriteNumberValue(l); return;
                case int i: writer.WriteNumberValue(i); return;
                case short sh: writer.WriteNumberValue(sh); return;
                case sbyte sb: writer.WriteNumberValue(sb); return;
                case byte by: writer.WriteNumberValue(by); return;
                case ushort us: writer.WriteNumberValue(us); return;
                case uint ui: writer.WriteNumberValue(ui); return;
                case ulong ul: writer.WriteNumberValue(ul); return;
                case double d:
                    if (!double.IsFinite(d))
                    {
                        throw new JsonFormatException("NaN and infinities have no JSON form");
                    }

                    WriteDouble(writer, d);
                    return;
                case float f:
                    if (!float.IsFinite(f))
                    {
                        throw new JsonFormatException("NaN and infinities have no JSON form");
                    }

                    WriteDouble(writer, f);
                    return;
            }

            if (depth >= MaxDepth)
            {
                throw new JsonFormatException("nesting deeper than " + MaxDepth + " (or a cycle)");
            }

            switch (value)
            {
                case Hashtable table:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in table)
                    {
                        if (entry.Key is not string key)
                        {
                            throw new JsonFormatException("object keys must be strings");
                        }

                        writer.WritePropertyName(key);
                        WriteValue(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case ArrayList list:
                    writer.WriteStartArray();
                    foreach (object item in list)
                    {
                        WriteValue(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    return;
                case Array array:
                    writer.WriteStartArray();
                    foreach (object item in array)
                    {
                        WriteValue(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    return;
                default:
                    throw new JsonFormatException("a value of an unsupported type cannot be written as JSON");
            }
        }
    }
}
