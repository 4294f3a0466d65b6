namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Error Code of the Provisioning Failed PDU (MshPRT v1.1 §5.4.1.10, Table 5.41).</summary>
    public enum ProvisioningErrorCode
    {
        Prohibited = 0x00,
        InvalidPdu = 0x01,
        InvalidFormat = 0x02,
        UnexpectedPdu = 0x03,
        ConfirmationFailed = 0x04,
        OutOfResources = 0x05,
        DecryptionFailed = 0x06,
        UnexpectedError = 0x07,
        CannotAssignAddresses = 0x08,
        InvalidData = 0x09,
    }
}
