namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Authentication Method field of the Start PDU (MshPRT v1.1 Table 5.32).</summary>
    public enum AuthenticationMethod
    {
        NoOob = 0x00,
        StaticOob = 0x01,
        OutputOob = 0x02,
        InputOob = 0x03,
    }

    /// <summary>Output OOB Action values of the Start PDU (Table 5.33).</summary>
    public enum OutputOobAction
    {
        Blink = 0,
        Beep = 1,
        Vibrate = 2,
        OutputNumeric = 3,
        OutputAlphanumeric = 4,
    }

    /// <summary>Input OOB Action values of the Start PDU (Table 5.34).</summary>
    public enum InputOobAction
    {
        Push = 0,
        Twist = 1,
        InputNumeric = 2,
        InputAlphanumeric = 3,
    }

    /// <summary>Algorithm field of the Start PDU (Table 5.29).</summary>
    public enum ProvisioningAlgorithm
    {
        /// <summary>BTM_ECDH_P256_CMAC_AES128_AES_CCM: 16-octet confirmations, randoms and AuthValue.</summary>
        EcdhP256CmacAes128AesCcm = 0x00,

        /// <summary>BTM_ECDH_P256_HMAC_SHA256_AES_CCM: 32-octet confirmations, randoms and AuthValue.</summary>
        EcdhP256HmacSha256AesCcm = 0x01,
    }
}
