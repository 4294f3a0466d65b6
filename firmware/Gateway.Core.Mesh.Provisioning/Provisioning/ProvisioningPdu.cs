namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The size table and header rules of Provisioning PDUs (MshPRT v1.1 §5.4.1). Every received
    /// PDU goes through <see cref="Check"/> before any handler runs, so handlers can read fixed
    /// offsets without further bounds checks (the style of Zephyr's prov_recv and BlueZ's
    /// expected_pdu_size table).
    /// </summary>
    public static class ProvisioningPdu
    {
        /// <summary>Largest Provisioning PDU the gateway accepts: Public Key (65) is the largest fixed one.</summary>
        public const int MaxLength = 65;

        /// <summary>Largest Record Response fragment we accept (PB-ADV limit of the generic provisioning layer).</summary>
        public const int MaxRecordResponseLength = 65;

        /// <summary>Highest type defined by Mesh 1.1 (Records List).</summary>
        public const int LastDefinedType = 0x0D;

        // Parameter lengths per type for the CMAC algorithm; -1 means variable (checked separately).
        // Confirmation and Random are 16 or 32 depending on the algorithm (MshPRT v1.1 Tables 5.37, 5.38).
        private static readonly sbyte[] ParameterLengths = new sbyte[]
        {
            1,  // Invite
            11, // Capabilities
            5,  // Start
            64, // Public Key
            0,  // Input Complete
            16, // Confirmation (CMAC); 32 with HMAC-SHA256
            16, // Random (CMAC); 32 with HMAC-SHA256
            33, // Data: Encrypted Provisioning Data (25) + MIC (8)
            0,  // Complete
            1,  // Failed
            6,  // Record Request
            -1, // Record Response: 7 + N
            0,  // Records Get
            -1, // Records List: 2 + 2n
        };

        /// <summary>
        /// Checks the header and the length of one PDU. <paramref name="authSize"/> is the size of
        /// Confirmation and Random values (16 for CMAC-AES128, 32 for HMAC-SHA256).
        /// Returns the type; throws <see cref="ProvisioningPduException"/> with Invalid PDU for an
        /// unknown type or non-zero padding (§5.4.1: padding shall be 0b00) and Invalid Format for a
        /// wrong length.
        /// </summary>
        public static ProvisioningPduType Check(byte[] pdu, int offset, int count, int authSize)
        {
            if (pdu == null || count < 1 || offset < 0 || offset > pdu.Length - count)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "empty provisioning PDU");
            }

            int header = pdu[offset];
            if ((header & 0xC0) != 0)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidPdu, "provisioning PDU padding bits are not zero");
            }

            int type = header & 0x3F;
            if (type > LastDefinedType)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidPdu, "unknown provisioning PDU type 0x" + type.ToString("x2"));
            }

            int parameters = count - 1;
            int expected = ParameterLengths[type];
            if (type == (int)ProvisioningPduType.Confirmation || type == (int)ProvisioningPduType.Random)
            {
                expected = authSize;
            }

            bool ok;
            if (type == (int)ProvisioningPduType.RecordResponse)
            {
                ok = parameters >= 7 && count <= MaxRecordResponseLength;
            }
            else if (type == (int)ProvisioningPduType.RecordsList)
            {
                ok = parameters >= 2 && (parameters & 1) == 0 && count <= MaxLength;
            }
            else
            {
                ok = parameters == expected;
            }

            if (!ok)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "provisioning PDU type 0x" + type.ToString("x2") + " has " + parameters + " parameter octets");
            }

            return (ProvisioningPduType)type;
        }

        /// <summary>Total length (type octet included) of a fixed-size PDU type.</summary>
        public static int LengthOf(ProvisioningPduType type, int authSize)
        {
            int t = (int)type;
            if (t == (int)ProvisioningPduType.Confirmation || t == (int)ProvisioningPduType.Random)
            {
                return 1 + authSize;
            }

            return 1 + ParameterLengths[t];
        }
    }
}
