namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Provisioning PDU types (MshPRT v1.1 §5.4.1, Table 5.17). Values are the wire octet.</summary>
    public enum ProvisioningPduType
    {
        Invite = 0x00,
        Capabilities = 0x01,
        Start = 0x02,
        PublicKey = 0x03,
        InputComplete = 0x04,
        Confirmation = 0x05,
        Random = 0x06,
        Data = 0x07,
        Complete = 0x08,
        Failed = 0x09,
        RecordRequest = 0x0A,
        RecordResponse = 0x0B,
        RecordsGet = 0x0C,
        RecordsList = 0x0D,
    }
}
