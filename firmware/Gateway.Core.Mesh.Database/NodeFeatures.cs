namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// CDB node "features" (reference/ble-mesh.md §5): each of relay, proxy, friend and lowPower is
    /// 0 = disabled, 1 = enabled, 2 = not supported.
    /// </summary>
    public sealed class NodeFeatures
    {
        public const int Disabled = 0;
        public const int Enabled = 1;
        public const int NotSupported = 2;

        public NodeFeatures(int relay, int proxy, int friend, int lowPower)
        {
            Relay = relay;
            Proxy = proxy;
            Friend = friend;
            LowPower = lowPower;
        }

        public int Relay { get; set; }

        public int Proxy { get; set; }

        public int Friend { get; set; }

        public int LowPower { get; set; }

        /// <summary>
        /// The CDB view of the Composition Data Features bit field (MshPRT §4.2.2.1: bit 0 Relay, 1
        /// Proxy, 2 Friend, 3 Low Power): a supported feature's state is unknown until it is read
        /// with its own Get message, so it starts as disabled; an unsupported one is 2.
        /// </summary>
        public static NodeFeatures FromCompositionBits(int bits)
        {
            return new NodeFeatures(
                (bits & 0x01) != 0 ? Disabled : NotSupported,
                (bits & 0x02) != 0 ? Disabled : NotSupported,
                (bits & 0x04) != 0 ? Disabled : NotSupported,
                (bits & 0x08) != 0 ? Disabled : NotSupported);
        }
    }
}
