using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// A parsed Configuration status message (MshPRT §4.3.2; reference/ble-mesh.md §4.5): which
    /// fields are set depends on <see cref="Opcode"/>. Parsing is strict (exact lengths, key
    /// indexes in range) and never throws: a malformed status is simply not a status.
    /// </summary>
    public sealed class ConfigStatusMessage
    {
        public int Opcode { get; private set; }

        /// <summary>Status code (<see cref="ConfigStatusCode"/>); Success for messages without one (Default TTL, Node Reset, Composition Data).</summary>
        public int Status { get; private set; }

        public bool IsSuccess
        {
            get { return Status == (int)ConfigStatusCode.Success; }
        }

        public int NetKeyIndex { get; private set; }

        public int AppKeyIndex { get; private set; }

        public int ElementAddress { get; private set; }

        /// <summary>Subscription address (Model Subscription Status).</summary>
        public int Address { get; private set; }

        public uint ModelId { get; private set; }

        public bool IsVendorModel { get; private set; }

        /// <summary>Model Publication Status fields (AppKeyIndex holds the publish AppKey Index).</summary>
        public ModelPublication Publication { get; private set; }

        public int Ttl { get; private set; }

        public int Page { get; private set; }

        /// <summary>Composition Data Status: the page's data (a copy).</summary>
        public byte[] CompositionData { get; private set; }

        /// <summary>Parses the parameters of the status with <paramref name="opcode"/>. False for another opcode or a malformed message.</summary>
        public static bool TryParse(int opcode, byte[] parameters, int offset, int count, out ConfigStatusMessage message)
        {
            message = null;
            if (parameters == null || offset < 0 || count < 0 || offset > parameters.Length - count)
            {
                return false;
            }

            ConfigStatusMessage m = new ConfigStatusMessage();
            m.Opcode = opcode;
            try
            {
                ByteReader r = new ByteReader(parameters, offset, count);
                if (!m.Read(r))
                {
                    return false;
                }

                r.EnsureEnd();
            }
            catch (ProtocolFormatException)
            {
                return false;
            }

            message = m;
            return true;
        }

        private bool Read(ByteReader r)
        {
            switch (Opcode)
            {
                case ConfigOpcodes.AppKeyStatus:
                    Status = r.ReadByte();
                    int packed = r.ReadByte() | (r.ReadByte() << 8) | (r.ReadByte() << 16);
                    NetKeyIndex = packed & 0xFFF;
                    AppKeyIndex = packed >> 12;
                    return true;
                case ConfigOpcodes.ModelAppStatus:
                    Status = r.ReadByte();
                    ElementAddress = r.ReadUInt16LittleEndian();
                    AppKeyIndex = r.ReadUInt16LittleEndian();
                    return AppKeyIndex <= 0xFFF && ReadModelId(r);
                case ConfigOpcodes.ModelSubscriptionStatus:
                    Status = r.ReadByte();
                    ElementAddress = r.ReadUInt16LittleEndian();
                    Address = r.ReadUInt16LittleEndian();
                    return ReadModelId(r);
                case ConfigOpcodes.ModelPublicationStatus:
                    return ReadPublication(r);
                case ConfigOpcodes.DefaultTtlStatus:
                    Ttl = r.ReadByte();
                    return true;
                case ConfigOpcodes.NodeResetStatus:
                    return true;
                case ConfigOpcodes.CompositionDataStatus:
                    Page = r.ReadByte();
                    CompositionData = r.ReadRemaining();
                    return true;
                default:
                    return false;
            }
        }

        private bool ReadPublication(ByteReader r)
        {
            Status = r.ReadByte();
            ModelPublication p = new ModelPublication();
            p.ElementAddress = r.ReadUInt16LittleEndian();
            p.PublishAddress = r.ReadUInt16LittleEndian();
            int index = r.ReadUInt16LittleEndian();
            p.AppKeyIndex = index & 0xFFF;
            p.CredentialFlag = (index & 0x1000) != 0;
            p.PublishTtl = r.ReadByte();
            p.PublishPeriod = r.ReadByte();
            p.PublishRetransmit = r.ReadByte();
            if (!ReadModelId(r))
            {
                return false;
            }

            p.ModelId = ModelId;
            p.IsVendorModel = IsVendorModel;
            ElementAddress = p.ElementAddress;
            AppKeyIndex = p.AppKeyIndex;
            Address = p.PublishAddress;
            Publication = p;
            return true;
        }

        /// <summary>The rest is a SIG (2 octets) or vendor (4 octets) model ID.</summary>
        private bool ReadModelId(ByteReader r)
        {
            if (r.Remaining == 2)
            {
                ModelId = r.ReadUInt16LittleEndian();
                IsVendorModel = false;
                return true;
            }

            if (r.Remaining == 4)
            {
                uint company = r.ReadUInt16LittleEndian();
                uint model = r.ReadUInt16LittleEndian();
                ModelId = (company << 16) | model;
                IsVendorModel = true;
                return true;
            }

            return false;
        }

        public override string ToString()
        {
            return "Config status 0x" + Opcode.ToString("x4") + ": " + ConfigStatusCodes.Name(Status);
        }
    }
}
