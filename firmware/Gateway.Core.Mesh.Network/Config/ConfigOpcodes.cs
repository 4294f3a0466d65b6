namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Configuration model opcodes (MshPRT §4.3.4; reference/ble-mesh.md §4.5, BlueZ mesh/cfgmod.h),
    /// as <see cref="Gateway.Core.Mesh.Network.AccessOpcode"/> values.
    /// </summary>
    public static class ConfigOpcodes
    {
        public const int AppKeyAdd = 0x00;
        public const int CompositionDataStatus = 0x02;
        public const int ModelPublicationSet = 0x03;
        public const int AppKeyStatus = 0x8003;
        public const int CompositionDataGet = 0x8008;
        public const int DefaultTtlGet = 0x800C;
        public const int DefaultTtlSet = 0x800D;
        public const int DefaultTtlStatus = 0x800E;
        public const int ModelPublicationGet = 0x8018;
        public const int ModelPublicationStatus = 0x8019;
        public const int ModelSubscriptionAdd = 0x801B;
        public const int ModelSubscriptionStatus = 0x801F;
        public const int ModelAppBind = 0x803D;
        public const int ModelAppStatus = 0x803E;
        public const int NodeReset = 0x8049;
        public const int NodeResetStatus = 0x804A;

        /// <summary>SIG model IDs of the foundation models (MshPRT §4.4).</summary>
        public const int ConfigurationServerModel = 0x0000;
        public const int ConfigurationClientModel = 0x0001;

        /// <summary>The status opcode that answers <paramref name="requestOpcode"/>, or −1.</summary>
        public static int StatusFor(int requestOpcode)
        {
            switch (requestOpcode)
            {
                case CompositionDataGet: return CompositionDataStatus;
                case AppKeyAdd: return AppKeyStatus;
                case ModelAppBind: return ModelAppStatus;
                case ModelPublicationSet: return ModelPublicationStatus;
                case ModelPublicationGet: return ModelPublicationStatus;
                case ModelSubscriptionAdd: return ModelSubscriptionStatus;
                case DefaultTtlGet: return DefaultTtlStatus;
                case DefaultTtlSet: return DefaultTtlStatus;
                case NodeReset: return NodeResetStatus;
                default: return -1;
            }
        }
    }
}
