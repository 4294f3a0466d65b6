using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Well-formed JSON that is not an acceptable Alink envelope: a missing or mistyped id,
    /// method, code or params. Like every format error, the message names fields, not values.
    /// </summary>
    public sealed class AlinkFormatException : JsonFormatException
    {
        public AlinkFormatException(string message)
            : base(message)
        {
        }
    }
}
