using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Writes compact JSON with a fixed member order (the §5 example's), so the same database
    /// always gives the same bytes: <see cref="JsonWriter"/> writes Hashtables in hash order.
    /// Strings go through <see cref="JsonWriter.AppendString"/> for RFC 8259 escaping.
    /// </summary>
    internal sealed class CdbJsonBuilder
    {
        private const int MaxDepth = 16;
        private readonly StringBuilder _text;
        private readonly bool[] _hasMember = new bool[MaxDepth];
        private int _depth;

        public CdbJsonBuilder(int capacity)
        {
            _text = new StringBuilder(capacity);
        }

        /// <summary>Starts the root object or an object that is an array element.</summary>
        public void BeginObject()
        {
            Separate();
            Open('{');
        }

        public void BeginObject(string name)
        {
            Name(name);
            Open('{');
        }

        public void EndObject()
        {
            Close('}');
        }

        public void BeginArray(string name)
        {
            Name(name);
            Open('[');
        }

        public void EndArray()
        {
            Close(']');
        }

        public void String(string name, string value)
        {
            Name(name);
            JsonWriter.AppendString(_text, value ?? string.Empty);
        }

        public void Number(string name, long value)
        {
            Name(name);
            _text.Append(value);
        }

        public void Boolean(string name, bool value)
        {
            Name(name);
            _text.Append(value ? "true" : "false");
        }

        /// <summary>A value already in JSON form (a nested document kept as read).</summary>
        public void Raw(string name, string json)
        {
            Name(name);
            _text.Append(json);
        }

        /// <summary>An array element that is a string.</summary>
        public void StringItem(string value)
        {
            Separate();
            JsonWriter.AppendString(_text, value);
        }

        public void NumberItem(long value)
        {
            Separate();
            _text.Append(value);
        }

        public override string ToString()
        {
            return _text.ToString();
        }

        private void Name(string name)
        {
            Separate();
            JsonWriter.AppendString(_text, name);
            _text.Append(':');
        }

        private void Separate()
        {
            if (_depth > 0)
            {
                if (_hasMember[_depth - 1])
                {
                    _text.Append(',');
                }

                _hasMember[_depth - 1] = true;
            }
        }

        private void Open(char bracket)
        {
            _text.Append(bracket);
            _hasMember[_depth] = false;
            _depth++;
        }

        private void Close(char bracket)
        {
            _depth--;
            _text.Append(bracket);
        }
    }
}
