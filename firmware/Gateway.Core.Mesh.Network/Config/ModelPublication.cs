namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Parameters of Config Model Publication Set / Status (MshPRT §4.3.2.16; reference/ble-mesh.md §4.5).
    /// </summary>
    public sealed class ModelPublication
    {
        public int ElementAddress { get; set; }

        public int PublishAddress { get; set; }

        /// <summary>AppKey Index (12 bits).</summary>
        public int AppKeyIndex { get; set; }

        /// <summary>Publish with friendship credentials (bit 12 of the index field).</summary>
        public bool CredentialFlag { get; set; }

        /// <summary>0x00–0x7F, or 0xFF to use the node's Default TTL.</summary>
        public int PublishTtl { get; set; }

        /// <summary>Steps (bits 0–5) ‖ resolution (bits 6–7: 100 ms, 1 s, 10 s, 10 min).</summary>
        public int PublishPeriod { get; set; }

        /// <summary>Retransmit count (bits 0–2) ‖ interval steps (bits 3–7, (n + 1) × 50 ms).</summary>
        public int PublishRetransmit { get; set; }

        /// <summary>SIG model ID (16 bits) or vendor model ID (Company ID &lt;&lt; 16 | model).</summary>
        public uint ModelId { get; set; }

        public bool IsVendorModel { get; set; }
    }
}
