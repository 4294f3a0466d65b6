using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// A zero-config vendor element, record or LAN notice that breaks its format or one of the
    /// registrar's limits (reference/alibaba-provisioning.md §1.1). The message names the field
    /// and the limit, never the octets.
    /// </summary>
    public sealed class ZeroConfigFormatException : ProtocolFormatException
    {
        public ZeroConfigFormatException(string message)
            : base(message)
        {
        }
    }
}
