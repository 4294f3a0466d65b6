using System;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Encoders of the Configuration messages the gateway sends and a node answers (MshPRT §4.3.2;
    /// reference/ble-mesh.md §4.5): opcode, then little-endian parameters. Each writes a whole
    /// access payload into <paramref name="output"/> and returns its length.
    /// </summary>
    public static class ConfigMessages
    {
        /// <summary>Largest Configuration request built here (AppKey Add: 1 + 3 + 16).</summary>
        public const int MaxRequestLength = 20;

        public static int CompositionDataGet(byte[] output, int offset, int page)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.CompositionDataGet);
            w.WriteByte((byte)page);
            return w.Length;
        }

        /// <summary>Config AppKey Add: NetKeyIndexAndAppKeyIndex (3) ‖ AppKey (16); always segmented (20 octets).</summary>
        public static int AppKeyAdd(byte[] output, int offset, int netKeyIndex, int appKeyIndex, byte[] appKey)
        {
            if (appKey == null || appKey.Length != 16)
            {
                throw new ArgumentException("AppKey must be 16 octets", "appKey");
            }

            ByteWriter w = Start(output, offset, ConfigOpcodes.AppKeyAdd);
            WriteKeyIndexes(w, netKeyIndex, appKeyIndex);
            w.WriteBytes(appKey);
            return w.Length;
        }

        public static int ModelAppBind(byte[] output, int offset, int elementAddress, int appKeyIndex, uint modelId, bool vendor)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelAppBind);
            w.WriteUInt16LittleEndian((ushort)elementAddress);
            w.WriteUInt16LittleEndian((ushort)CheckIndex(appKeyIndex));
            WriteModelId(w, modelId, vendor);
            return w.Length;
        }

        public static int ModelPublicationSet(byte[] output, int offset, ModelPublication publication)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelPublicationSet);
            WritePublication(w, publication);
            return w.Length;
        }

        public static int ModelSubscriptionAdd(byte[] output, int offset, int elementAddress, int address, uint modelId, bool vendor)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelSubscriptionAdd);
            w.WriteUInt16LittleEndian((ushort)elementAddress);
            w.WriteUInt16LittleEndian((ushort)address);
            WriteModelId(w, modelId, vendor);
            return w.Length;
        }

        public static int DefaultTtlGet(byte[] output, int offset)
        {
            return Start(output, offset, ConfigOpcodes.DefaultTtlGet).Length;
        }

        public static int DefaultTtlSet(byte[] output, int offset, int ttl)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.DefaultTtlSet);
            w.WriteByte((byte)ttl);
            return w.Length;
        }

        public static int NodeReset(byte[] output, int offset)
        {
            return Start(output, offset, ConfigOpcodes.NodeReset).Length;
        }

        // ---- Node side (statuses) ----

        public static int CompositionDataStatus(byte[] output, int offset, int page, byte[] data, int dataOffset, int dataCount)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.CompositionDataStatus);
            w.WriteByte((byte)page);
            w.WriteBytes(data, dataOffset, dataCount);
            return w.Length;
        }

        public static int AppKeyStatus(byte[] output, int offset, int status, int netKeyIndex, int appKeyIndex)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.AppKeyStatus);
            w.WriteByte((byte)status);
            WriteKeyIndexes(w, netKeyIndex, appKeyIndex);
            return w.Length;
        }

        public static int ModelAppStatus(byte[] output, int offset, int status, int elementAddress, int appKeyIndex, uint modelId, bool vendor)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelAppStatus);
            w.WriteByte((byte)status);
            w.WriteUInt16LittleEndian((ushort)elementAddress);
            w.WriteUInt16LittleEndian((ushort)CheckIndex(appKeyIndex));
            WriteModelId(w, modelId, vendor);
            return w.Length;
        }

        public static int ModelPublicationStatus(byte[] output, int offset, int status, ModelPublication publication)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelPublicationStatus);
            w.WriteByte((byte)status);
            WritePublication(w, publication);
            return w.Length;
        }

        public static int ModelSubscriptionStatus(byte[] output, int offset, int status, int elementAddress, int address, uint modelId, bool vendor)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.ModelSubscriptionStatus);
            w.WriteByte((byte)status);
            w.WriteUInt16LittleEndian((ushort)elementAddress);
            w.WriteUInt16LittleEndian((ushort)address);
            WriteModelId(w, modelId, vendor);
            return w.Length;
        }

        public static int DefaultTtlStatus(byte[] output, int offset, int ttl)
        {
            ByteWriter w = Start(output, offset, ConfigOpcodes.DefaultTtlStatus);
            w.WriteByte((byte)ttl);
            return w.Length;
        }

        public static int NodeResetStatus(byte[] output, int offset)
        {
            return Start(output, offset, ConfigOpcodes.NodeResetStatus).Length;
        }

        /// <summary>
        /// Two 12-bit key indexes in 3 octets, little-endian: the first in the low 12 bits
        /// (MshPRT §4.3.1.1; the §8.3.6 sample packs NetKeyIndex 0x456, AppKeyIndex 0x123 as 56 34 12).
        /// </summary>
        public static void WriteKeyIndexes(ByteWriter w, int first, int second)
        {
            int packed = CheckIndex(first) | (CheckIndex(second) << 12);
            w.WriteByte((byte)packed);
            w.WriteByte((byte)(packed >> 8));
            w.WriteByte((byte)(packed >> 16));
        }

        /// <summary>SIG model: 2 octets; vendor model: Company ID (2) ‖ model (2), each little-endian (MshPRT §4.3.1.1).</summary>
        public static void WriteModelId(ByteWriter w, uint modelId, bool vendor)
        {
            if (vendor)
            {
                w.WriteUInt16LittleEndian((ushort)(modelId >> 16));
                w.WriteUInt16LittleEndian((ushort)modelId);
            }
            else
            {
                if (modelId > 0xFFFF)
                {
                    throw new ArgumentOutOfRangeException("modelId");
                }

                w.WriteUInt16LittleEndian((ushort)modelId);
            }
        }

        private static void WritePublication(ByteWriter w, ModelPublication p)
        {
            if (p == null)
            {
                throw new ArgumentNullException("publication");
            }

            w.WriteUInt16LittleEndian((ushort)p.ElementAddress);
            w.WriteUInt16LittleEndian((ushort)p.PublishAddress);
            w.WriteUInt16LittleEndian((ushort)(CheckIndex(p.AppKeyIndex) | (p.CredentialFlag ? 0x1000 : 0)));
            w.WriteByte((byte)p.PublishTtl);
            w.WriteByte((byte)p.PublishPeriod);
            w.WriteByte((byte)p.PublishRetransmit);
            WriteModelId(w, p.ModelId, p.IsVendorModel);
        }

        private static ByteWriter Start(byte[] output, int offset, int opcode)
        {
            if (output == null || offset < 0 || offset > output.Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            ByteWriter w = new ByteWriter(output, offset, output.Length - offset);
            int length = AccessOpcode.Length(opcode);
            if (length == 0 || w.Remaining < length)
            {
                throw new ArgumentOutOfRangeException("output");
            }

            for (int i = length - 1; i >= 0; i--)
            {
                w.WriteByte((byte)(opcode >> (8 * i)));
            }

            return w;
        }

        private static int CheckIndex(int index)
        {
            if (index < 0 || index > 0xFFF)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return index;
        }
    }
}
