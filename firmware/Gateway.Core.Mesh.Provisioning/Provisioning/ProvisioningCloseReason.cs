namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>How a provisioning session ended, from the session's point of view. Numeric values are stable.</summary>
    public enum ProvisioningOutcome
    {
        /// <summary>Still running.</summary>
        Pending = 0,

        /// <summary>Provisioning Complete received (provisioner) or sent (device).</summary>
        Success = 1,

        /// <summary>A protocol error; <see cref="ProvisioningErrorCode"/> says which.</summary>
        Failed = 2,

        /// <summary>The provisioning protocol timer expired (MshPRT §5.4.4).</summary>
        Timeout = 3,

        /// <summary>The link went away (Link Close from the peer, disconnect, bearer timeout).</summary>
        LinkLost = 4,

        /// <summary>Cancelled locally (the cloud withdrew the authorization, shutdown).</summary>
        Cancelled = 5,
    }
}
