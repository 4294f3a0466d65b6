namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>The provisioning bearers of MshPRT §5.2. Numeric values are stable.</summary>
    public enum ProvisioningBearerType
    {
        /// <summary>PB-ADV: advertising bearer, AD type 0x29 (MshPRT §5.2.1).</summary>
        PbAdv = 0,

        /// <summary>PB-GATT: Mesh Provisioning Service 0x1827 with Proxy SAR (MshPRT §5.2.2).</summary>
        PbGatt = 1,
    }
}
