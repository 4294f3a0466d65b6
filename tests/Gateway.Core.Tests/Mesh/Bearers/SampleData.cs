namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>
    /// MshPRT v1.1 §8.7 (PB-ADV provisioning sample data) as transcribed in reference/ble-mesh.md
    /// §2.4 (the Provisioning PDUs) and §3.1 (the advertising payloads after AD length and type).
    /// </summary>
    internal static class SampleData
    {
        public const uint LinkId = 0x23af5850;

        public const string DeviceUuid = "70cf7c9732a345b691494810d2e9cbf4";

        // Provisioning PDUs (ble-mesh.md §2.4).
        public const string Invite = "0000";
        public const string Capabilities = "010100010000000000000000";
        public const string Start = "020000000000";
        public const string PublicKeyProvisioner = "03"
            + "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd"
            + "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";
        public const string PublicKeyDevice = "03"
            + "f465e43ff23d3f1b9dc7dfc04da8758184dbc966204796eccf0d6cf5e16500cc"
            + "0201d048bcbbd899eeefc424164e33c201c2b010ca6b4d43a8a155cad8ecb279";
        public const string ConfirmationProvisioner = "05b38a114dfdca1fe153bd2c1e0dc46ac2";
        public const string ConfirmationDevice = "05eeba521c196b52cc2e37aa40329f554e";
        public const string RandomProvisioner = "068b19ac31d58b124c946209b5db1021b9";
        public const string RandomDevice = "0655a2a2bca04cd32ff6f346bd0a0c1a3a";
        public const string Data = "07d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec2973e0ec50783b10c7";
        public const string Complete = "08";

        // Advertising payloads (ble-mesh.md §3.1, MshPRT §8.7.1–§8.7.14).
        public const string LinkOpen = "23af5850000370cf7c9732a345b691494810d2e9cbf4";
        public const string LinkAck = "23af58500007";
        public const string InviteAdv = "23af585000000002140000";
        public const string InviteAck = "23af58500001";
        public const string CapabilitiesAdv = "23af58508000000cd6010100010000000000000000";
        public const string CapabilitiesAck = "23af58508001";
        public const string StartAdv = "23af58500100000664020000000000";
        public const string StartAck = "23af58500101";
        public static readonly string[] PublicKeyProvisionerAdv =
        {
            "23af585002080041d1032c31a47b5779809ef44cb5eaaf5c3e43d5f8fa",
            "23af58500206ad4a8794cb987e9b03745c78dd919512183898dfbecd52",
            "23af5850020ae2408e43871fd021109117bd3ed4eaf8437743715d4f",
        };
        public const string PublicKeyProvisionerAck = "23af58500201";
        public static readonly string[] PublicKeyDeviceAdv =
        {
            "23af5850810800411003f465e43ff23d3f1b9dc7dfc04da8758184dbc9",
            "23af5850810666204796eccf0d6cf5e16500cc0201d048bcbbd899eeef",
            "23af5850810ac424164e33c201c2b010ca6b4d43a8a155cad8ecb279",
        };
        public const string PublicKeyDeviceAck = "23af58508101";
        public const string ConfirmationProvisionerAdv = "23af585003000011d105b38a114dfdca1fe153bd2c1e0dc46ac2";
        public const string ConfirmationProvisionerAck = "23af58500301";
        public const string ConfirmationDeviceAdv = "23af585082000011ec05eeba521c196b52cc2e37aa40329f554e";
        public const string ConfirmationDeviceAck = "23af58508201";
        public const string RandomProvisionerAdv = "23af585004000011d3068b19ac31d58b124c946209b5db1021b9";
        public const string RandomProvisionerAck = "23af58500401";
        public const string RandomDeviceAdv = "23af585083000011590655a2a2bca04cd32ff6f346bd0a0c1a3a";
        public const string RandomDeviceAck = "23af58508301";
        public static readonly string[] DataAdv =
        {
            "23af5850050400228b07d0bd7f4a89a2ff6222af59a90a60ad58acfe31",
            "23af5850050623356f5cec2973e0ec50783b10c7",
        };
        public const string DataAck = "23af58500501";
        public const string CompleteAdv = "23af5850840000013e08";
        public const string CompleteAck = "23af58508401";
        public const string LinkCloseSuccess = "23af5850000b00";

        /// <summary>Every advertising payload of §8.7, in order.</summary>
        public static string[] Transcript()
        {
            return new[]
            {
                LinkOpen, LinkAck,
                InviteAdv, InviteAck,
                CapabilitiesAdv, CapabilitiesAck,
                StartAdv, StartAck,
                PublicKeyProvisionerAdv[0], PublicKeyProvisionerAdv[1], PublicKeyProvisionerAdv[2], PublicKeyProvisionerAck,
                PublicKeyDeviceAdv[0], PublicKeyDeviceAdv[1], PublicKeyDeviceAdv[2], PublicKeyDeviceAck,
                ConfirmationProvisionerAdv, ConfirmationProvisionerAck,
                ConfirmationDeviceAdv, ConfirmationDeviceAck,
                RandomProvisionerAdv, RandomProvisionerAck,
                RandomDeviceAdv, RandomDeviceAck,
                DataAdv[0], DataAdv[1], DataAck,
                CompleteAdv, CompleteAck,
                LinkCloseSuccess,
            };
        }
    }
}
