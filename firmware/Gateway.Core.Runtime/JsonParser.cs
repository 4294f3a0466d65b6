using System.Collections;
using System.Text;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Strict RFC 8259 reader behind <see cref="JsonDom"/>: works on the UTF-8 bytes directly (no
    /// copy of the whole payload as a string), validates UTF-8 (RFC 3629 §4), refuses duplicate
    /// keys, lone surrogates, control characters in strings and trailing content.
    /// </summary>
    internal sealed partial class JsonParser
    {
        private readonly byte[] _data;
        private readonly int _start;
        private readonly int _end;
        private readonly int _maxDepth;
        private readonly StringBuilder _text = new StringBuilder();
        private int _pos;

        private JsonParser(byte[] data, int offset, int count, int maxDepth)
        {
            _data = data;
            _start = offset;
            _pos = offset;
            _end = offset + count;
            _maxDepth = maxDepth;
        }

        internal static object Parse(byte[] data, int offset, int count, int maxDepth)
        {
            JsonParser parser = new JsonParser(data, offset, count, maxDepth);
            parser.SkipWhitespace();
            object value = parser.ParseValue(0);
            parser.SkipWhitespace();
            if (parser._pos != parser._end)
            {
                throw parser.Error("content after the JSON value");
            }

            return value;
        }

        private object ParseValue(int depth)
        {
            if (_pos >= _end)
            {
                throw Error("unexpected end of input");
            }

            byte b = _data[_pos];
            switch (b)
            {
                case (byte)'{':
                    return ParseObject(depth + 1);
                case (byte)'[':
                    return ParseArray(depth + 1);
                case (byte)'"':
                    return ParseString();
                case (byte)'t':
                    ExpectLiteral("true");
                    return true;
                case (byte)'f':
                    ExpectLiteral("false");
                    return false;
                case (byte)'n':
                    ExpectLiteral("null");
                    return null;
                default:
                    if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9'))
                    {
                        return ParseNumber();
                    }

                    throw Error("unexpected character");
            }
        }

        private Hashtable ParseObject(int depth)
        {
            CheckDepth(depth);
            _pos++; // '{'
            Hashtable result = new Hashtable();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("object key must be a string");
                }

                int keyPosition = _pos;
                string key = ParseString();
                if (result.Contains(key))
                {
                    // RFC 8259 §4: names SHOULD be unique; two readers could pick different values.
                    throw ErrorAt("duplicate object key", keyPosition);
                }

                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                result.Add(key, ParseValue(depth));
                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == '}')
                {
                    return result;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private ArrayList ParseArray(int depth)
        {
            CheckDepth(depth);
            _pos++; // '['
            ArrayList result = new ArrayList();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                result.Add(ParseValue(depth));
                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == ']')
                {
                    return result;
                }

                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private string ParseString()
        {
            _pos++; // opening quote
            _text.Clear();
            while (true)
            {
                if (_pos >= _end)
                {
                    throw Error("unterminated string");
                }

                int b = _data[_pos];
                if (b == '"')
                {
                    _pos++;
                    return _text.ToString();
                }

                if (b == '\\')
                {
                    ParseEscape();
                }
                else if (b < 0x20)
                {
                    throw Error("control character in string");
                }
                else if (b < 0x80)
                {
                    _text.Append((char)b);
                    _pos++;
                }
                else
                {
                    AppendUtf8Sequence();
                }
            }
        }

        private void ParseEscape()
        {
            int escapePosition = _pos;
            _pos++;
            int c = Peek();
            _pos++;
            switch (c)
            {
                case '"': _text.Append('"'); return;
                case '\\': _text.Append('\\'); return;
                case '/': _text.Append('/'); return;
                case 'b': _text.Append('\b'); return;
                case 'f': _text.Append('\f'); return;
                case 'n': _text.Append('\n'); return;
                case 'r': _text.Append('\r'); return;
                case 't': _text.Append('\t'); return;
                case 'u':
                    break;
                default:
                    throw ErrorAt("invalid escape", escapePosition);
            }

            int unit = ReadHex4();
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                throw ErrorAt("lone low surrogate escape", escapePosition);
            }

            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                // RFC 8259 §7: a character outside the BMP is a surrogate pair of two escapes.
                if (_pos + 1 >= _end || _data[_pos] != '\\' || _data[_pos + 1] != 'u')
                {
                    throw ErrorAt("lone high surrogate escape", escapePosition);
                }

                _pos += 2;
                int low = ReadHex4();
                if (low < 0xDC00 || low > 0xDFFF)
                {
                    throw ErrorAt("lone high surrogate escape", escapePosition);
                }

                _text.Append((char)unit);
                _text.Append((char)low);
                return;
            }

            _text.Append((char)unit);
        }

        private int ReadHex4()
        {
            if (_pos + 4 > _end)
            {
                throw Error("truncated \\u escape");
            }

            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _data[_pos + i];
                int nibble;
                if (c >= '0' && c <= '9')
                {
                    nibble = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    nibble = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    nibble = c - 'A' + 10;
                }
                else
                {
                    throw Error("non-hex digit in \\u escape");
                }

                value = (value << 4) | nibble;
            }

            _pos += 4;
            return value;
        }

        private void ExpectLiteral(string literal)
        {
            if (_pos + literal.Length > _end)
            {
                throw Error("unexpected end of input");
            }

            for (int i = 0; i < literal.Length; i++)
            {
                if (_data[_pos + i] != literal[i])
                {
                    throw Error("invalid literal");
                }
            }

            _pos += literal.Length;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error("expected '" + c + "'");
            }

            _pos++;
        }

        private void CheckDepth(int depth)
        {
            if (depth > _maxDepth)
            {
                throw Error("nesting deeper than " + _maxDepth);
            }
        }

        private int Peek()
        {
            return _pos < _end ? _data[_pos] : -1;
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte b = _data[_pos];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private JsonFormatException Error(string message)
        {
            return new JsonFormatException(message, _pos - _start);
        }

        private JsonFormatException ErrorAt(string message, int absolutePosition)
        {
            return new JsonFormatException(message, absolutePosition - _start);
        }
    }
}
