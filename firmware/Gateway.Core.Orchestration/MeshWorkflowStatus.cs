namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// A snapshot of <see cref="MeshProvisioningWorkflow"/> for a status page or the CLI: how many
    /// devices stand where, and whether anything can still progress. A device the UI knows but
    /// the workflow never saw (<see cref="MeshProvisioningWorkflow.Find"/> returns null) is
    /// "never seen"; a <see cref="MeshDeviceStage.Failed"/> one has its reason in
    /// <see cref="MeshDeviceState.FailureReason"/>; every other count is unfinished work.
    /// </summary>
    public sealed class MeshWorkflowStatus
    {
        /// <summary>Seen and reported, waiting for the cloud's authorization.</summary>
        public int WaitingForCloud { get; internal set; }

        /// <summary>Authorized, waiting for the device to be heard again (it was out of range).</summary>
        public int WaitingToBeHeard { get; internal set; }

        /// <summary>Authorized, a failed attempt behind it, waiting for the pause before the next one.</summary>
        public int RetryPending { get; internal set; }

        /// <summary>In the provisioner's queue, waiting for room in the PB-ADV window or a GATT connection.</summary>
        public int QueuedForProvisioning { get; internal set; }

        /// <summary>A provisioning session running.</summary>
        public int Provisioning { get; internal set; }

        /// <summary>Provisioned, waiting for room in the configuration window.</summary>
        public int QueuedForConfiguration { get; internal set; }

        /// <summary>A configuration running (or between its retries).</summary>
        public int Configuring { get; internal set; }

        public int Done { get; internal set; }

        public int Failed { get; internal set; }

        /// <summary>PB-ADV sessions allowed at once now.</summary>
        public int ProvisioningWindow { get; internal set; }

        /// <summary>Configurations allowed at once now.</summary>
        public int ConfigurationWindow { get; internal set; }

        /// <summary>Devices the workflow is working on or waiting for (everything but Done and Failed).</summary>
        public int Unfinished
        {
            get
            {
                return WaitingForCloud + WaitingToBeHeard + RetryPending + QueuedForProvisioning + Provisioning
                    + QueuedForConfiguration + Configuring;
            }
        }

        /// <summary>
        /// Whether anything can still progress without a new device showing up: a session or a
        /// configuration running or queued, a retry pending, or a device waiting for the cloud or
        /// to be heard. False means every device the workflow knows is Done or Failed.
        /// </summary>
        public bool HasPendingWork
        {
            get { return Unfinished > 0; }
        }
    }
}
