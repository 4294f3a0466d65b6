namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// What the provisioner pushes to one device and how it may authenticate it: the cloud decides
    /// (DESIGN.md §6, thing.mesh.device.provision). Holds the NetKey and OOB secrets: never log it.
    /// </summary>
    public sealed class ProvisioningRequest
    {
        public ProvisioningRequest(byte[] netKey, int keyIndex, uint ivIndex)
        {
            NetKey = netKey;
            KeyIndex = keyIndex;
            IvIndex = ivIndex;
            AllowNoOob = true;
            AllowOutputOob = true;
            AllowInputOob = true;
            PreferHmacSha256 = true;
        }

        public byte[] NetKey { get; }

        public int KeyIndex { get; }

        public uint IvIndex { get; }

        /// <summary>Provisioning Data Flags (Key Refresh, IV Update).</summary>
        public int Flags { get; set; }

        /// <summary>Attention Timer state for the Invite, in seconds (0 = off).</summary>
        public int AttentionDuration { get; set; }

        /// <summary>Static OOB value (16 or 32 octets) when the cloud knows it; null otherwise.</summary>
        public byte[] StaticOob { get; set; }

        /// <summary>The device's public key when it was obtained out of band (64 octets); null otherwise.</summary>
        public byte[] DevicePublicKey { get; set; }

        public bool AllowNoOob { get; set; }

        public bool AllowOutputOob { get; set; }

        public bool AllowInputOob { get; set; }

        /// <summary>
        /// Use BTM_ECDH_P256_HMAC_SHA256_AES_CCM when the device offers it (MshPRT §5.4.2.3: the
        /// provisioner shall not use the CMAC algorithm if another supported one is available).
        /// Only tests turn this off, to reproduce the CMAC sample data.
        /// </summary>
        public bool PreferHmacSha256 { get; set; }
    }
}
