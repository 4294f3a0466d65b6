namespace Gateway.Core.Runtime
{
    /// <summary>UTF-8 validation for <see cref="JsonParser"/> (RFC 3629 §4).</summary>
    internal sealed partial class JsonParser
    {
        // RFC 3629 §4 well-formed sequences only: no overlong forms, no surrogates, nothing above U+10FFFF.
        private void AppendUtf8Sequence()
        {
            int position = _pos;
            int b0 = _data[_pos];
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            int codePoint;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                length = 2;
                codePoint = b0 & 0x1F;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                length = 3;
                codePoint = b0 & 0x0F;
                if (b0 == 0xE0)
                {
                    min2 = 0xA0;
                }
                else if (b0 == 0xED)
                {
                    max2 = 0x9F;
                }
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                length = 4;
                codePoint = b0 & 0x07;
                if (b0 == 0xF0)
                {
                    min2 = 0x90;
                }
                else if (b0 == 0xF4)
                {
                    max2 = 0x8F;
                }
            }
            else
            {
                throw ErrorAt("invalid UTF-8", position);
            }

            if (_pos + length > _end)
            {
                throw ErrorAt("truncated UTF-8 sequence", position);
            }

            for (int i = 1; i < length; i++)
            {
                int b = _data[_pos + i];
                int lo = i == 1 ? min2 : 0x80;
                int hi = i == 1 ? max2 : 0xBF;
                if (b < lo || b > hi)
                {
                    throw ErrorAt("invalid UTF-8", position);
                }

                codePoint = (codePoint << 6) | (b & 0x3F);
            }

            _pos += length;
            if (codePoint >= 0x10000)
            {
                codePoint -= 0x10000;
                _text.Append((char)(0xD800 + (codePoint >> 10)));
                _text.Append((char)(0xDC00 + (codePoint & 0x3FF)));
            }
            else
            {
                _text.Append((char)codePoint);
            }
        }
    }
}
