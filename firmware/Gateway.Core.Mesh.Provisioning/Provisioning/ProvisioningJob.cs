using Gateway.Core.Mesh.Bearers;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>One device the gateway was authorized to provision, waiting for or holding a session slot.</summary>
    public sealed class ProvisioningJob
    {
        public ProvisioningJob(byte[] deviceUuid, ProvisioningBearerType bearer, ulong gattAddress, ProvisioningRequest request, IProvisionerEvents events)
        {
            DeviceUuid = deviceUuid;
            Bearer = bearer;
            GattAddress = gattAddress;
            Request = request;
            Events = events;
        }

        public byte[] DeviceUuid { get; }

        public ProvisioningBearerType Bearer { get; }

        /// <summary>The device's connectable address for PB-GATT (unused for PB-ADV).</summary>
        public ulong GattAddress { get; }

        public ProvisioningRequest Request { get; }

        public IProvisionerEvents Events { get; }

        /// <summary>The session once started; null while queued.</summary>
        public ProvisionerSession Session { get; internal set; }

        /// <summary>Scheduler time the job was queued and the session started (for timelines).</summary>
        public long QueuedAtMilliseconds { get; internal set; }

        public long StartedAtMilliseconds { get; internal set; }

        public long EndedAtMilliseconds { get; internal set; }
    }
}
