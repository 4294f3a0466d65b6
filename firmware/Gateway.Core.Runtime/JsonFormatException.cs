namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Input that is not acceptable JSON: malformed, too large, too deep, or a value of the wrong
    /// shape for the field that holds it. The message names positions, lengths and field names only.
    /// </summary>
    public class JsonFormatException : ProtocolFormatException
    {
        public JsonFormatException(string message)
            : this(message, -1)
        {
        }

        public JsonFormatException(string message, int position)
            : base(position >= 0 ? message + " (at byte " + position + ")" : message)
        {
            Position = position;
        }

        /// <summary>Byte offset of the problem in the input, or -1 when it is not about one position.</summary>
        public int Position { get; }
    }
}
