namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Link Close reasons (MshPRT v1.1 §5.3.1.4.3, Table 5.16); PB-GATT expresses all of them as a disconnect.</summary>
    public enum LinkCloseReason
    {
        Success = 0x00,
        Timeout = 0x01,
        Fail = 0x02,
    }

    /// <summary>
    /// What a provisioning session needs from its bearer: send one whole Provisioning PDU and close
    /// the link. PB-ADV and PB-GATT links (Mesh/Bearers) implement it, so the protocol never sees
    /// segments, transactions or GATT.
    /// </summary>
    public interface IProvisioningLink
    {
        void SendPdu(byte[] pdu, int offset, int count);

        void Close(LinkCloseReason reason);
    }
}
