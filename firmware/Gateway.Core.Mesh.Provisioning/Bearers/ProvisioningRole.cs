namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>Which end of the provisioning link this side is. Numeric values are stable.</summary>
    public enum ProvisioningRole
    {
        /// <summary>PB-ADV client / GATT central: opens the link (MshPRT §5.2).</summary>
        Provisioner = 0,

        /// <summary>PB-ADV server / GATT peripheral: the unprovisioned device that accepts the link.</summary>
        Device = 1,
    }
}
