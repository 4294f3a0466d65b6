namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Timers and limits of the provisioning protocol (ble-mesh.md §1.8).</summary>
    public sealed class ProvisioningSettings
    {
        public ProvisioningSettings()
        {
            ProtocolTimeoutMs = 60000;
            ProtocolTimeoutWithOobMs = 120000;
        }

        /// <summary>Provisioning protocol timer, restarted on every PDU (MshPRT §5.4.4: at least 60 s).</summary>
        public long ProtocolTimeoutMs { get; set; }

        /// <summary>The same timer with Output or Input OOB, where a person is involved (at least 120 s).</summary>
        public long ProtocolTimeoutWithOobMs { get; set; }
    }
}
