namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>
    /// MshPRT v1.1 §8.7 (PB-ADV provisioning sample, CMAC; reference/ble-mesh.md §2.4 and §3.1) and
    /// §8.17.2 (the HMAC-SHA256 values with static OOB): the keys, randoms and every Provisioning
    /// PDU and advertising payload. Host twins: tests/Gateway.Core.Tests/Mesh/Bearers/SampleData.cs
    /// and Crypto/ProvisioningCryptoTests.cs.
    /// </summary>
    internal static class ProvisioningSamples
    {
        public const string ProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        public const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        public const string NetKey = "efb2255e6422d330088e09bb015ed707";
        public const int KeyIndex = 0x0567;
        public const uint IvIndex = 0x01020304;
        public const int UnicastAddress = 0x0b0c;
        public const uint LinkId = 0x23af5850;
        public const string LinkIdHex = "23af5850";
        public const string DeviceUuid = "70cf7c9732a345b691494810d2e9cbf4";

        // §8.7, CMAC-AES128, No OOB.
        public const string CapabilitiesParameters = "0100010000000000000000";
        public const string RandomProvisionerValue = "8b19ac31d58b124c946209b5db1021b9";
        public const string RandomDeviceValue = "55a2a2bca04cd32ff6f346bd0a0c1a3a";
        public const string DeviceKey = "0520adad5e0142aa3e325087b4ec16d8";

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

        // §8.17.2, HMAC-SHA256, static OOB (the same key pairs and Provisioning Data).
        public const string HmacCapabilitiesParameters = "0100030001000000000000";
        public const string HmacStaticOob = "906d73a3c7a7cb3ff730dca68a46b9c18d673f50e078202311473ebbe253669f";
        public const string HmacRandomProvisionerValue = "36f968b94a13000e64b223576390db6bcc6d62f02617c369ee3f5b3e89df7e1f";
        public const string HmacRandomDeviceValue = "5b9b1fc6a64b2de8bece53187ee989c6566db1fc7dc8580a73dafdd6211d56a5";
        public const string HmacDeviceKey = "2770852a737cf05d8813768f22af3a2d";
        public const string HmacCapabilities = "01" + HmacCapabilitiesParameters;
        public const string HmacStart = "020100010000";
        public const string HmacConfirmationProvisioner = "05c99b54617ae646f5f32cf7e1ea6fcc49fd69066078eba9580fa6c7031833e6c8";
        public const string HmacConfirmationDevice = "0556e3722d291373d38c995d6f942c02928c96abb015c233557d7974b6e2df662b";
        public const string HmacRandomProvisioner = "06" + HmacRandomProvisionerValue;
        public const string HmacRandomDevice = "06" + HmacRandomDeviceValue;
        public const string HmacData = "07f9df98cbb736be1f600659ac4c37821a82db31e410a03de7693a2a0428fbdaf321";

        // §8.7.1–§8.7.14: advertising payloads after the AD length and type octets.
        public const string LinkOpenAdv = "23af5850000370cf7c9732a345b691494810d2e9cbf4";
        public const string LinkAckAdv = "23af58500007";
        public const string InviteAdv = "23af585000000002140000";
        public const string CapabilitiesAdv = "23af58508000000cd6010100010000000000000000";
        public const string StartAdv = "23af58500100000664020000000000";
        public const string PublicKeyProvisionerAdv0 = "23af585002080041d1032c31a47b5779809ef44cb5eaaf5c3e43d5f8fa";
        public const string PublicKeyProvisionerAdv1 = "23af58500206ad4a8794cb987e9b03745c78dd919512183898dfbecd52";
        public const string PublicKeyProvisionerAdv2 = "23af5850020ae2408e43871fd021109117bd3ed4eaf8437743715d4f";
        public const string PublicKeyDeviceAdv0 = "23af5850810800411003f465e43ff23d3f1b9dc7dfc04da8758184dbc9";
        public const string PublicKeyDeviceAdv1 = "23af5850810666204796eccf0d6cf5e16500cc0201d048bcbbd899eeef";
        public const string PublicKeyDeviceAdv2 = "23af5850810ac424164e33c201c2b010ca6b4d43a8a155cad8ecb279";
        public const string ConfirmationProvisionerAdv = "23af585003000011d105b38a114dfdca1fe153bd2c1e0dc46ac2";
        public const string ConfirmationDeviceAdv = "23af585082000011ec05eeba521c196b52cc2e37aa40329f554e";
        public const string RandomProvisionerAdv = "23af585004000011d3068b19ac31d58b124c946209b5db1021b9";
        public const string RandomDeviceAdv = "23af585083000011590655a2a2bca04cd32ff6f346bd0a0c1a3a";
        public const string DataAdv0 = "23af5850050400228b07d0bd7f4a89a2ff6222af59a90a60ad58acfe31";
        public const string DataAdv1 = "23af5850050623356f5cec2973e0ec50783b10c7";
        public const string CompleteAdv = "23af5850840000013e08";
        public const string LinkCloseSuccessAdv = "23af5850000b00";

        /// <summary>
        /// PDUs joined with spaces, at run time: a concatenation of constants is folded by the
        /// compiler into one more constant, a second copy of the sample data in the assembly's
        /// 64 KB string table.
        /// </summary>
        public static string Joined(params string[] pdus)
        {
            string text = string.Empty;
            for (int i = 0; i < pdus.Length; i++)
            {
                text += (i == 0 ? string.Empty : " ") + pdus[i];
            }

            return text;
        }

        /// <summary>What the provisioner sends in §8.7, joined.</summary>
        public static string ProvisionerPdus()
        {
            return Joined(Invite, Start, PublicKeyProvisioner, ConfirmationProvisioner, RandomProvisioner, Data);
        }

        /// <summary>What the device sends in §8.7, joined.</summary>
        public static string DevicePdus()
        {
            return Joined(Capabilities, PublicKeyDevice, ConfirmationDevice, RandomDevice, Complete);
        }

        /// <summary>The Transaction Acknowledgment for a transaction number: Link ID ‖ number ‖ 0x01.</summary>
        public static string Ack(int transactionNumber)
        {
            return LinkIdHex + Gateway.Core.Runtime.Hex.Encode(new byte[] { (byte)transactionNumber, 0x01 });
        }

        /// <summary>Every advertising payload of §8.7, in order of transmission.</summary>
        public static string[] Transcript()
        {
            return new string[]
            {
                LinkOpenAdv, LinkAckAdv,
                InviteAdv, Ack(0x00),
                CapabilitiesAdv, Ack(0x80),
                StartAdv, Ack(0x01),
                PublicKeyProvisionerAdv0, PublicKeyProvisionerAdv1, PublicKeyProvisionerAdv2, Ack(0x02),
                PublicKeyDeviceAdv0, PublicKeyDeviceAdv1, PublicKeyDeviceAdv2, Ack(0x81),
                ConfirmationProvisionerAdv, Ack(0x03),
                ConfirmationDeviceAdv, Ack(0x82),
                RandomProvisionerAdv, Ack(0x04),
                RandomDeviceAdv, Ack(0x83),
                DataAdv0, DataAdv1, Ack(0x05),
                CompleteAdv, Ack(0x84),
                LinkCloseSuccessAdv,
            };
        }
    }
}
