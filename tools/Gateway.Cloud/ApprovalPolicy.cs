using System;

namespace Gateway.Cloud
{
    /// <summary>What the emulator does with a verified enrollee (stands in for the user in the phone app).</summary>
    public enum ApprovalPolicy
    {
        /// <summary>Approve at once: checkin goes to the registrar.</summary>
        Auto,

        /// <summary>Refuse every enrollee.</summary>
        Deny,

        /// <summary>Put it on the pending list until <see cref="CloudEmulator.Approve"/> or <see cref="CloudEmulator.Deny"/>.</summary>
        Manual,
    }

    /// <summary>Emulator tunables (defaults from reference/alibaba-provisioning.md §1.2).</summary>
    public sealed class CloudEmulatorOptions
    {
        public ApprovalPolicy Policy { get; set; } = ApprovalPolicy.Auto;

        /// <summary>found_reply "timeout": the registrar's re-report interval, s (SDK default 60).</summary>
        public int FoundReportIntervalSeconds { get; set; } = 60;

        /// <summary>checkin "timeout": how long the registrar keeps sending, s (REGISTRAR_TIMEOUT 60).</summary>
        public int CheckinTimeoutSeconds { get; set; } = 60;

        /// <summary>On an enrollee's first match report, send thing.awss.enrollee.online (ours) to its registrar.</summary>
        public bool NotifyRegistrarOnMatch { get; set; } = true;

        /// <summary>Nonces of sealed fields (length → bytes); null: RandomNumberGenerator. A seeded source makes a run replay byte for byte.</summary>
        public Func<int, byte[]> NonceSource { get; set; }
    }

    /// <summary>How the emulator sends to devices (a broker injection or its own MQTT client).</summary>
    public interface ICloudTransport
    {
        void Publish(string topic, byte[] payload);
    }
}
