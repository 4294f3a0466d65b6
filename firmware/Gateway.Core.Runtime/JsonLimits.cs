namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Default limits for <see cref="IJsonDom"/> implementations. Alink messages of the gateway are
    /// a few hundred bytes (the registrar's reports fit 512 bytes, reference/alibaba-provisioning.md
    /// §1.2), so 16 KiB and 32 levels leave room for growth while refusing payloads a device heap
    /// of tens of KB cannot hold.
    /// </summary>
    public static class JsonLimits
    {
        public const int DefaultMaxBytes = 16384;

        public const int DefaultMaxDepth = 32;
    }
}
