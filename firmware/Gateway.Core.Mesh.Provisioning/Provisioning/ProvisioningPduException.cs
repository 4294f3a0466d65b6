using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>A malformed or unacceptable Provisioning PDU, carrying the Failed error code to answer with.</summary>
    public sealed class ProvisioningPduException : ProtocolFormatException
    {
        public ProvisioningPduException(ProvisioningErrorCode errorCode, string message)
            : base(message)
        {
            ErrorCode = errorCode;
        }

        public ProvisioningErrorCode ErrorCode { get; }
    }
}
