namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Writes compact JSON straight as UTF-8 with a fixed member order (the §5 example's), so the
    /// same database always gives the same bytes (<see cref="Gateway.Core.Runtime.JsonWriter"/>
    /// writes Hashtables in hash order). Built for a small heap: constructed without a buffer it
    /// only counts, so the exporter measures first and then fills an array of the exact size —
    /// the blob is the only large allocation, with no UTF-16 copy of the document beside it.
    /// Strings are escaped as RFC 8259 §7 requires; a lone UTF-16 surrogate (which no JSON reader
    /// accepts back) is written as U+FFFD.
    /// </summary>
    internal sealed class CdbJsonBuilder
    {
        private const int MaxDepth = 16;
        private const string HexDigits = "0123456789abcdef";
        private const string UpperHexDigits = "0123456789ABCDEF";
        private readonly byte[] _buffer;
        private readonly bool[] _hasMember = new bool[MaxDepth];
        private int _depth;

        /// <summary>A builder that writes into <paramref name="buffer"/>, or only counts when it is null.</summary>
        public CdbJsonBuilder(byte[] buffer)
        {
            _buffer = buffer;
        }

        /// <summary>Octets written (or counted) so far.</summary>
        public int Length { get; private set; }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Starts the root object or an object that is an array element.</summary>
        public void BeginObject()
        {
            Separate();
            Open((byte)'{');
        }

        public void BeginObject(string name)
        {
            Name(name);
            Open((byte)'{');
        }

        public void EndObject()
        {
            Close((byte)'}');
        }

        public void BeginArray(string name)
        {
            Name(name);
            Open((byte)'[');
        }

        public void EndArray()
        {
            Close((byte)']');
        }

        public void String(string name, string value)
        {
            Name(name);
            Quoted(value ?? string.Empty);
        }

        public void Number(string name, long value)
        {
            Name(name);
            Digits(value);
        }

        public void Boolean(string name, bool value)
        {
            Name(name);
            Text(value ? "true" : "false");
        }

        /// <summary>A 16-bit value as a string of 4 upper-case hex digits (CDB addresses and identifiers).</summary>
        public void Hex16(string name, int value)
        {
            Name(name);
            QuotedHex16(value);
        }

        public void Hex16Item(int value)
        {
            Separate();
            QuotedHex16(value);
        }

        /// <summary>Octets as a string of upper-case hex digits (keys, labels).</summary>
        public void HexBytes(string name, byte[] data)
        {
            Name(name);
            Put((byte)'"');
            PutHex(data, 0, data.Length);
            Put((byte)'"');
        }

        public void HexBytesItem(byte[] data)
        {
            Separate();
            Put((byte)'"');
            PutHex(data, 0, data.Length);
            Put((byte)'"');
        }

        /// <summary>A 16-octet UUID as RFC 4122 text, upper case: 8-4-4-4-12.</summary>
        public void Uuid(string name, byte[] uuid)
        {
            Name(name);
            Put((byte)'"');
            PutHex(uuid, 0, 4);
            Put((byte)'-');
            PutHex(uuid, 4, 2);
            Put((byte)'-');
            PutHex(uuid, 6, 2);
            Put((byte)'-');
            PutHex(uuid, 8, 2);
            Put((byte)'-');
            PutHex(uuid, 10, 6);
            Put((byte)'"');
        }

        /// <summary>A value already in JSON form (a nested document kept as read).</summary>
        public void Raw(string name, string json)
        {
            Name(name);
            Text(json);
        }

        /// <summary>An array element that is a string.</summary>
        public void StringItem(string value)
        {
            Separate();
            Quoted(value);
        }

        public void NumberItem(long value)
        {
            Separate();
            Digits(value);
        }

        private void QuotedHex16(int value)
        {
            Put((byte)'"');
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                Put((byte)UpperHexDigits[(value >> shift) & 0xF]);
            }

            Put((byte)'"');
        }

        private void PutHex(byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                Put((byte)UpperHexDigits[data[i] >> 4]);
                Put((byte)UpperHexDigits[data[i] & 0xF]);
            }
        }

        /// <summary>Decimal digits without a temporary string.</summary>
        private void Digits(long value)
        {
            if (value < 0)
            {
                Put((byte)'-');
                if (value == long.MinValue)
                {
                    Text("9223372036854775808");
                    return;
                }

                value = -value;
            }

            long scale = 1;
            while (value / scale >= 10)
            {
                scale *= 10;
            }

            for (; scale > 0; scale /= 10)
            {
                Put((byte)('0' + ((value / scale) % 10)));
            }
        }

        private void Name(string name)
        {
            Separate();
            Quoted(name);
            Put((byte)':');
        }

        private void Separate()
        {
            if (_depth > 0)
            {
                if (_hasMember[_depth - 1])
                {
                    Put((byte)',');
                }

                _hasMember[_depth - 1] = true;
            }
        }

        private void Open(byte bracket)
        {
            Put(bracket);
            _hasMember[_depth] = false;
            _depth++;
        }

        private void Close(byte bracket)
        {
            _depth--;
            Put(bracket);
        }

        private void Quoted(string value)
        {
            Put((byte)'"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': Put((byte)'\\'); Put((byte)'"'); break;
                    case '\\': Put((byte)'\\'); Put((byte)'\\'); break;
                    case '\n': Put((byte)'\\'); Put((byte)'n'); break;
                    case '\r': Put((byte)'\\'); Put((byte)'r'); break;
                    case '\t': Put((byte)'\\'); Put((byte)'t'); break;
                    case '\b': Put((byte)'\\'); Put((byte)'b'); break;
                    case '\f': Put((byte)'\\'); Put((byte)'f'); break;
                    default:
                        if (c < 0x20)
                        {
                            Put((byte)'\\');
                            Put((byte)'u');
                            Put((byte)'0');
                            Put((byte)'0');
                            Put((byte)HexDigits[c >> 4]);
                            Put((byte)HexDigits[c & 0xF]);
                        }
                        else
                        {
                            i = Utf8(value, i);
                        }

                        break;
                }
            }

            Put((byte)'"');
        }

        /// <summary>Text that needs no escaping (numbers, literals, JSON already written).</summary>
        private void Text(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                i = Utf8(text, i);
            }
        }

        /// <summary>Encodes the character at <paramref name="i"/> (RFC 3629); returns the index of its last UTF-16 unit.</summary>
        private int Utf8(string s, int i)
        {
            int c = s[i];
            if (c < 0x80)
            {
                Put((byte)c);
                return i;
            }

            if (c < 0x800)
            {
                Put((byte)(0xC0 | (c >> 6)));
                Put((byte)(0x80 | (c & 0x3F)));
                return i;
            }

            int low = c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length ? LowSurrogateAfter(s, i) : 0;
            if (low != 0)
            {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                Put((byte)(0xF0 | (cp >> 18)));
                Put((byte)(0x80 | ((cp >> 12) & 0x3F)));
                Put((byte)(0x80 | ((cp >> 6) & 0x3F)));
                Put((byte)(0x80 | (cp & 0x3F)));
                return i + 1;
            }

            if (c >= 0xD800 && c <= 0xDFFF)
            {
                c = 0xFFFD;
            }

            Put((byte)(0xE0 | (c >> 12)));
            Put((byte)(0x80 | ((c >> 6) & 0x3F)));
            Put((byte)(0x80 | (c & 0x3F)));
            return i;
        }

        /// <summary>
        /// The low surrogate that follows the high one at <paramref name="i"/>, or 0. Not s[i + 1]:
        /// nanoCLR keeps strings as UTF-8 and its indexer returns the high surrogate at both
        /// positions of a pair, which turned every supplementary character (an emoji in a name)
        /// into two U+FFFD on the device. Allocates only for such characters.
        /// </summary>
        private static int LowSurrogateAfter(string s, int i)
        {
            char low = s.ToCharArray(i, 2)[1];
            return low >= 0xDC00 && low <= 0xDFFF ? low : 0;
        }

        private void Put(byte b)
        {
            if (_buffer != null)
            {
                _buffer[Length] = b;
            }

            Length++;
        }
    }
}
