namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>Life cycle of one provisioning link. Numeric values are stable.</summary>
    public enum ProvisioningLinkState
    {
        /// <summary>Created; <see cref="IProvisioningBearer.Open"/> not called yet.</summary>
        Idle = 0,

        /// <summary>Provisioner: Link Open sent (or GATT connect pending). Device: waiting for a Link Open (or a subscriber).</summary>
        Opening = 1,

        /// <summary>Link established: PDUs flow.</summary>
        Open = 2,

        /// <summary>Closing: PB-ADV is still sending its Link Close repetitions.</summary>
        Closing = 3,

        /// <summary>Closed for good; the object is not reused.</summary>
        Closed = 4,
    }
}
