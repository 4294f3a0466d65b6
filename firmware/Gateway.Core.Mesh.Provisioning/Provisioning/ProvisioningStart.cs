using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Provisioning Start parameters (MshPRT v1.1 §5.4.1.3, Tables 5.28–5.35): 5 octets.</summary>
    public sealed class ProvisioningStart
    {
        public const int ParametersLength = 5;

        public ProvisioningAlgorithm Algorithm { get; set; }

        /// <summary>True when the device's public key comes out of band (Public Key field 0x01).</summary>
        public bool OobPublicKey { get; set; }

        public AuthenticationMethod AuthenticationMethod { get; set; }

        /// <summary>Output or Input OOB Action value; 0 for No OOB and Static OOB.</summary>
        public int AuthenticationAction { get; set; }

        /// <summary>Digits or characters for Output/Input OOB (1–8); 0 for No OOB and Static OOB.</summary>
        public int AuthenticationSize { get; set; }

        /// <summary>Octets of Confirmation, Random and AuthValue for the chosen algorithm.</summary>
        public int AuthSize
        {
            get { return Algorithm == ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm ? 32 : 16; }
        }

        /// <summary>
        /// Parses the 5 parameter octets with the device's checks (§5.4.2.3; Tables 5.29–5.35): RFU
        /// algorithm, public key or method values, action and size rules per method. Throws Invalid Format.
        /// </summary>
        public static ProvisioningStart Parse(byte[] parameters, int offset, int count)
        {
            if (count != ParametersLength)
            {
                throw Invalid("must be 5 octets");
            }

            ByteReader r = new ByteReader(parameters, offset, count);
            int algorithm = r.ReadByte();
            int publicKey = r.ReadByte();
            int method = r.ReadByte();
            int action = r.ReadByte();
            int size = r.ReadByte();

            if (algorithm > 1)
            {
                throw Invalid("RFU algorithm");
            }

            if (publicKey > 1)
            {
                throw Invalid("RFU public key value");
            }

            if (method > 3)
            {
                throw Invalid("prohibited authentication method");
            }

            if (method <= (int)AuthenticationMethod.StaticOob)
            {
                if (action != 0 || size != 0)
                {
                    throw Invalid("action and size must be 0 without output/input OOB");
                }
            }
            else
            {
                int maxAction = method == (int)AuthenticationMethod.OutputOob ? 4 : 3;
                if (action > maxAction || size < 1 || size > 8)
                {
                    throw Invalid("OOB action or size out of range");
                }
            }

            ProvisioningStart s = new ProvisioningStart();
            s.Algorithm = (ProvisioningAlgorithm)algorithm;
            s.OobPublicKey = publicKey == 1;
            s.AuthenticationMethod = (AuthenticationMethod)method;
            s.AuthenticationAction = action;
            s.AuthenticationSize = size;
            return s;
        }

        /// <summary>
        /// Checks this Start against what the device offered (§5.4.2.3; Zephyr prov_check_method):
        /// the algorithm, OOB public key, static OOB, action bit and size must be in the capabilities,
        /// and a device that accepts only OOB-authenticated provisioning refuses CMAC and No OOB.
        /// Returns false when the combination is not allowed.
        /// </summary>
        public bool IsAllowedBy(ProvisioningCapabilities capabilities)
        {
            if (Algorithm == ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm ? !capabilities.SupportsCmac : !capabilities.SupportsHmacSha256)
            {
                return false;
            }

            if (OobPublicKey && !capabilities.PublicKeyOobAvailable)
            {
                return false;
            }

            if (capabilities.OnlyOobAuthenticated && (Algorithm == ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm || AuthenticationMethod == AuthenticationMethod.NoOob))
            {
                return false;
            }

            switch (AuthenticationMethod)
            {
                case AuthenticationMethod.NoOob:
                    return true;
                case AuthenticationMethod.StaticOob:
                    return capabilities.StaticOobAvailable;
                case AuthenticationMethod.OutputOob:
                    return (capabilities.OutputOobAction & (1 << AuthenticationAction)) != 0 && AuthenticationSize <= capabilities.OutputOobSize;
                case AuthenticationMethod.InputOob:
                    return (capabilities.InputOobAction & (1 << AuthenticationAction)) != 0 && AuthenticationSize <= capabilities.InputOobSize;
                default:
                    return false;
            }
        }

        public void WriteTo(ByteWriter w)
        {
            w.WriteByte((byte)Algorithm);
            w.WriteByte((byte)(OobPublicKey ? 1 : 0));
            w.WriteByte((byte)AuthenticationMethod);
            w.WriteByte((byte)AuthenticationAction);
            w.WriteByte((byte)AuthenticationSize);
        }

        private static ProvisioningPduException Invalid(string what)
        {
            return new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "start: " + what);
        }
    }
}
