namespace Gateway.Core.Cloud
{
    /// <summary>Tunables of <see cref="CloudLink"/>; the defaults are the production values.</summary>
    public sealed class CloudLinkSettings
    {
        /// <summary>The Link Kit client id; null means the console default {productKey}.{deviceName}.</summary>
        public string ClientId { get; set; }

        /// <summary>TLS direct (2) in production; TCP direct (3) against the emulator or a local broker.</summary>
        public LinkKitSecureMode SecureMode { get; set; } = LinkKitSecureMode.TlsDirect;

        /// <summary>The sign-in timestamp; the SDK's fixed value by default (see <see cref="LinkKitSignIn.DefaultTimestamp"/>).</summary>
        public string SignInTimestamp { get; set; } = LinkKitSignIn.DefaultTimestamp;

        /// <summary>Keep-alive; the platform accepts 30..1200 s.</summary>
        public int KeepAliveSeconds { get; set; } = 120;

        /// <summary>
        /// Clean session: the outbox, not the broker, keeps what must survive, and every connect
        /// subscribes again, so a persistent session buys nothing.
        /// </summary>
        public bool CleanSession { get; set; } = true;

        public long BackoffInitialMilliseconds { get; set; } = 1000;

        public long BackoffMaxMilliseconds { get; set; } = 60000;

        /// <summary>A connection that lasted this long resets the backoff; a shorter one keeps growing it (no fast flapping).</summary>
        public long StableConnectionMilliseconds { get; set; } = 30000;

        /// <summary>Guard against an adapter that never reports a connect result.</summary>
        public long ConnectTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>Wait for a reply before sending the same request (same id) again.</summary>
        public long RequestTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>Sends per request while connected before it ends as TimedOut.</summary>
        public int MaxAttempts { get; set; } = 3;

        /// <summary>Requests waiting for a reply at most; more are Rejected.</summary>
        public int MaxOutboxEntries { get; set; } = 32;

        /// <summary>Inbound payloads above this are dropped before parsing.</summary>
        public int MaxInboundPayloadBytes { get; set; } = 16384;

        /// <summary>Storage blob of the outbox.</summary>
        public string OutboxBlobName { get; set; } = "cloud.outbox";

        /// <summary>Ids remembered to tell duplicate replies and repeated cloud requests apart.</summary>
        public int DuplicateWindow { get; set; } = 16;
    }
}
