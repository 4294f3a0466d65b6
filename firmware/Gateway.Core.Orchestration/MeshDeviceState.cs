using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;

namespace Gateway.Core.Orchestration
{
    /// <summary>Where a device is in the workflow. Numeric values are stable.</summary>
    public enum MeshDeviceStage
    {
        Seen = 0,
        Reported = 1,
        Authorized = 2,
        Provisioning = 3,
        Configuring = 4,
        Done = 5,
        Failed = 6,
    }

    /// <summary>One device in the mesh provisioning workflow. Holds the static OOB value until the session uses it.</summary>
    public sealed class MeshDeviceState
    {
        public MeshDeviceState(byte[] uuid, string key)
        {
            Uuid = uuid;
            Key = key;
        }

        public byte[] Uuid { get; }

        /// <summary>The UUID as 32 lower-case hex digits (the cloud's identifier of the device).</summary>
        public string Key { get; }

        /// <summary>In the workflow's list of devices whose report is not sent or not answered yet.</summary>
        internal bool AwaitingCloud { get; set; }

        public MeshDeviceStage Stage { get; set; }

        public UnprovisionedDeviceBearers Bearers { get; set; }

        public ProvisioningBearerType Bearer { get; set; }

        public ulong GattAddress { get; set; }

        public long LastSeenMs { get; set; }

        public long ReportedAtMs { get; set; }

        /// <summary>When the cloud's first authorization was accepted (since boot); a retry after a failure keeps it.</summary>
        public long AuthorizedAtMs { get; set; }

        public long StartedAtMs { get; set; }

        /// <summary>When the provisioning ended with success (configuration starts).</summary>
        public long ProvisionedAtMs { get; set; }

        /// <summary>When the workflow reported the device's final result.</summary>
        public long EndedAtMs { get; set; }

        public int UnicastAddress { get; set; }

        public int ElementCount { get; set; }

        public string FailureReason { get; set; }

        internal byte[] StaticOob { get; set; }

        internal bool AllowNoOob { get; set; }

        internal bool AllowOutputOob { get; set; }

        internal bool AllowInputOob { get; set; }

        internal MeshConfigurationPlan Plan { get; set; }

        internal ProvisionerSession WaitingForOutputOob { get; set; }

        /// <summary>Changes whenever a configuration starts or is abandoned: a late answer of an old one is ignored.</summary>
        internal int ConfigurationToken { get; set; }

        /// <summary>
        /// Provisioning Data went out but no Complete came back: the configuration tells whether
        /// the device took the data (it answers) or not (it beacons again).
        /// </summary>
        internal bool ProbingUnconfirmedProvisioning { get; set; }

        /// <summary>Configuration retries after transient failures since the node was provisioned (or resumed).</summary>
        public int ConfigurationRetries { get; internal set; }

        /// <summary>Provisioning sessions started for the current authorization.</summary>
        public int ProvisioningAttempts { get; internal set; }

        /// <summary>Authorized, a failed attempt behind it, waiting for the pause before the next one.</summary>
        public bool RetryPending { get; internal set; }

        /// <summary>Waiting in the workflow's configuration queue for room in its window.</summary>
        internal bool ConfigurationQueued { get; set; }

        /// <summary>Resumed after a reboot with its success report still in the outbox: configure, but do not report again.</summary>
        internal bool SuccessAlreadyReported { get; set; }

        internal int FailedCode { get; set; }

        internal string FailedDetail { get; set; }
    }
}
