using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// Provisioning Capabilities parameters (MshPRT v1.1 §5.4.1.2, Tables 5.19–5.27): 11 octets,
    /// the 16-bit fields big-endian. Bit fields are kept as read: unknown bits are ignored, never
    /// compared for equality (ESP-IDF rejected Algorithms = 0x0003 that way, esp-idf#13741).
    /// </summary>
    public sealed class ProvisioningCapabilities
    {
        public const int ParametersLength = 11;

        /// <summary>Algorithms bit 0 (Table 5.21).</summary>
        public const int AlgorithmCmacAes128 = 0x0001;

        /// <summary>Algorithms bit 1 (Table 5.21); a Mesh 1.1 device shall set it.</summary>
        public const int AlgorithmHmacSha256 = 0x0002;

        /// <summary>OOB Type bit 0: Static OOB information available (Table 5.23).</summary>
        public const int OobTypeStatic = 0x01;

        /// <summary>OOB Type bit 1: only OOB-authenticated provisioning supported (Mesh 1.1).</summary>
        public const int OobTypeOnlyOobAuthenticated = 0x02;

        public int NumberOfElements { get; set; }

        public int Algorithms { get; set; }

        public int PublicKeyType { get; set; }

        public int OobType { get; set; }

        public int OutputOobSize { get; set; }

        public int OutputOobAction { get; set; }

        public int InputOobSize { get; set; }

        public int InputOobAction { get; set; }

        public bool SupportsCmac
        {
            get { return (Algorithms & AlgorithmCmacAes128) != 0; }
        }

        public bool SupportsHmacSha256
        {
            get { return (Algorithms & AlgorithmHmacSha256) != 0; }
        }

        public bool PublicKeyOobAvailable
        {
            get { return (PublicKeyType & 0x01) != 0; }
        }

        public bool StaticOobAvailable
        {
            get { return (OobType & OobTypeStatic) != 0; }
        }

        public bool OnlyOobAuthenticated
        {
            get { return (OobType & OobTypeOnlyOobAuthenticated) != 0; }
        }

        /// <summary>
        /// Parses the 11 parameter octets and applies the provisioner's checks (ble-mesh.md §1.7 #4):
        /// Number of Elements ≠ 0, at least one algorithm we know, OOB sizes ≤ 8 with their action
        /// masks consistent, and the only-OOB flag consistent with the methods offered.
        /// Throws <see cref="ProvisioningPduException"/> with Invalid Format.
        /// </summary>
        public static ProvisioningCapabilities Parse(byte[] parameters, int offset, int count)
        {
            if (count != ParametersLength)
            {
                throw new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "capabilities must be 11 octets, got " + count);
            }

            ByteReader r = new ByteReader(parameters, offset, count);
            ProvisioningCapabilities c = new ProvisioningCapabilities();
            c.NumberOfElements = r.ReadByte();
            c.Algorithms = r.ReadUInt16BigEndian();
            c.PublicKeyType = r.ReadByte();
            c.OobType = r.ReadByte();
            c.OutputOobSize = r.ReadByte();
            c.OutputOobAction = r.ReadUInt16BigEndian();
            c.InputOobSize = r.ReadByte();
            c.InputOobAction = r.ReadUInt16BigEndian();

            if (c.NumberOfElements == 0)
            {
                throw Invalid("Number of Elements is 0 (prohibited)");
            }

            if ((c.Algorithms & (AlgorithmCmacAes128 | AlgorithmHmacSha256)) == 0)
            {
                throw Invalid("no supported algorithm");
            }

            if (c.OutputOobSize > 8 || c.InputOobSize > 8)
            {
                throw Invalid("OOB size above 8");
            }

            // Table 5.24/5.26: a zero size means the method is not supported; a size needs an action.
            if ((c.OutputOobSize == 0) != ((c.OutputOobAction & 0x1F) == 0) || (c.InputOobSize == 0) != ((c.InputOobAction & 0x0F) == 0))
            {
                throw Invalid("OOB size and action mask disagree");
            }

            if (c.OnlyOobAuthenticated && (c.SupportsCmac || (!c.StaticOobAvailable && c.OutputOobSize == 0 && c.InputOobSize == 0)))
            {
                throw Invalid("only-OOB provisioning flag is inconsistent");
            }

            return c;
        }

        private static ProvisioningPduException Invalid(string what)
        {
            return new ProvisioningPduException(ProvisioningErrorCode.InvalidFormat, "capabilities: " + what);
        }

        public void WriteTo(ByteWriter w)
        {
            w.WriteByte((byte)NumberOfElements);
            w.WriteUInt16BigEndian((ushort)Algorithms);
            w.WriteByte((byte)PublicKeyType);
            w.WriteByte((byte)OobType);
            w.WriteByte((byte)OutputOobSize);
            w.WriteUInt16BigEndian((ushort)OutputOobAction);
            w.WriteByte((byte)InputOobSize);
            w.WriteUInt16BigEndian((ushort)InputOobAction);
        }
    }
}
