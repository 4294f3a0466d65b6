namespace Gateway.Core.Runtime
{
    /// <summary>
    /// JSON document port (DESIGN.md §3). A document is a tree of <see cref="System.Collections.Hashtable"/>
    /// (object, string keys), <see cref="System.Collections.ArrayList"/> (array), <c>string</c>,
    /// <c>long</c> (integers that fit), <c>double</c> (other numbers), <c>bool</c> and <c>null</c>:
    /// the shapes nanoFramework.Json produces when deserializing to Hashtable, so the device can use
    /// it, the host can use System.Text.Json, and <see cref="JsonDom"/> serves both.
    /// Implementations refuse input larger than their byte limit or nested deeper than their depth
    /// limit, duplicate keys, invalid UTF-8 and anything that is not RFC 8259 JSON, always with a
    /// <see cref="JsonFormatException"/> whose message never quotes the input (it may carry secrets).
    /// </summary>
    public interface IJsonDom
    {
        /// <summary>Parses UTF-8 JSON text.</summary>
        object Parse(byte[] utf8, int offset, int count);

        /// <summary>Parses JSON text.</summary>
        object Parse(string text);

        /// <summary>
        /// Writes a tree back to compact JSON text. Accepts the shapes above plus int, short, byte,
        /// uint, ulong, float and arrays (written as JSON arrays). Object key order is unspecified.
        /// </summary>
        string Write(object value);
    }
}
