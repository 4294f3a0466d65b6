using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Malformed input: a PDU, frame, hex string or key that does not follow its format.
    /// Every codec raises this (or a subclass) and nothing else for bad bytes, so callers can
    /// answer with the protocol's own failure code. Messages describe the shape of the input
    /// (lengths, offsets, field names), never its content: the bytes may be key material.
    /// </summary>
    public class ProtocolFormatException : Exception
    {
        public ProtocolFormatException(string message)
            : base(message)
        {
        }
    }
}
