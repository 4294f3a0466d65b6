using System;
using System.Text;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Portable <see cref="IJsonDom"/>: the core's own strict reader and writer, so the core is
    /// testable without a host library and usable on the device where nanoFramework.Json would
    /// otherwise be needed. Stateless apart from its limits; one instance can serve everyone.
    /// </summary>
    public sealed class JsonDom : IJsonDom
    {
        public JsonDom()
            : this(JsonLimits.DefaultMaxBytes, JsonLimits.DefaultMaxDepth)
        {
        }

        public JsonDom(int maxBytes, int maxDepth)
        {
            if (maxBytes <= 0 || maxDepth <= 0)
            {
                throw new ArgumentOutOfRangeException("maxBytes");
            }

            MaxBytes = maxBytes;
            MaxDepth = maxDepth;
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

            return JsonParser.Parse(utf8, offset, count, MaxDepth);
        }

        public object Parse(string text)
        {
            if (text == null)
            {
                throw new JsonFormatException("no input");
            }

            // A UTF-16 unit is at least one UTF-8 byte: refuse early, before allocating the bytes.
            if (text.Length > MaxBytes)
            {
                throw new JsonFormatException("input of " + text.Length + " characters exceeds the limit of " + MaxBytes);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Parse(bytes, 0, bytes.Length);
        }

        public string Write(object value)
        {
            return JsonWriter.Write(value, MaxDepth);
        }
    }
}
