namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// CDB model "publish" (reference/ble-mesh.md §5; the fields of Config Model Publication Set,
    /// §4.5): where a model publishes, with which AppKey, TTL, period and retransmissions.
    /// </summary>
    public sealed class ModelPublication
    {
        /// <summary>Publish TTL 0xFF: use the node's default TTL (§4.5).</summary>
        public const int UseDefaultTtl = 0xFF;

        /// <summary>A unicast or group address; for a virtual destination the hash of <see cref="Label"/>.</summary>
        public int Address { get; set; }

        /// <summary>The 16-octet Label UUID of a virtual destination, or null.</summary>
        public byte[] Label { get; set; }

        /// <summary>AppKey Index.</summary>
        public int Index { get; set; }

        public int Ttl { get; set; }

        /// <summary>Publish Period: number of steps (0–63).</summary>
        public int PeriodSteps { get; set; }

        /// <summary>Publish Period step resolution in milliseconds: 100, 1000, 10000 or 600000.</summary>
        public int PeriodResolution { get; set; } = 100;

        /// <summary>Friendship Credential Flag: 0 master credentials, 1 friendship credentials.</summary>
        public int Credentials { get; set; }

        /// <summary>Publish Retransmit Count (0–7).</summary>
        public int RetransmitCount { get; set; }

        /// <summary>Publish Retransmit Interval in milliseconds (50–1600, steps of 50).</summary>
        public int RetransmitInterval { get; set; } = 50;
    }
}
