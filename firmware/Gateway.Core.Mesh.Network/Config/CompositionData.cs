using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Composition Data Page 0 (MshPRT §4.2.2.1; reference/ble-mesh.md §4.6, sample §8.10.1),
    /// little-endian: CID ‖ PID ‖ VID ‖ CRPL ‖ Features, then per element Loc (2) ‖ NumS (1) ‖
    /// NumV (1) ‖ NumS SIG model IDs (2 each) ‖ NumV vendor model IDs (Company ID ‖ model, 4 each).
    /// </summary>
    public sealed class CompositionData
    {
        public const int FeatureRelay = 0x0001;
        public const int FeatureProxy = 0x0002;
        public const int FeatureFriend = 0x0004;
        public const int FeatureLowPower = 0x0008;
        private const int HeaderLength = 10;

        public CompositionData(int companyId, int productId, int versionId, int crpl, int features, CompositionElement[] elements)
        {
            if (elements == null || elements.Length == 0)
            {
                throw new ArgumentException("a node has at least one element", "elements");
            }

            CompanyId = companyId;
            ProductId = productId;
            VersionId = versionId;
            Crpl = crpl;
            Features = features;
            Elements = elements;
        }

        public int CompanyId { get; }

        public int ProductId { get; }

        public int VersionId { get; }

        /// <summary>Minimum number of replay protection list entries of the node.</summary>
        public int Crpl { get; }

        public int Features { get; }

        public CompositionElement[] Elements { get; }

        public bool SupportsProxy
        {
            get { return (Features & FeatureProxy) != 0; }
        }

        /// <summary>Parses page 0. Throws <see cref="ProtocolFormatException"/> when malformed (truncated, trailing octets, no element).</summary>
        public static CompositionData Parse(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ProtocolFormatException("no composition data");
            }

            ByteReader r = new ByteReader(data, offset, count);
            int cid = r.ReadUInt16LittleEndian();
            int pid = r.ReadUInt16LittleEndian();
            int vid = r.ReadUInt16LittleEndian();
            int crpl = r.ReadUInt16LittleEndian();
            int features = r.ReadUInt16LittleEndian();

            // Count first so the element array is allocated once (elements need 4 octets at least).
            int elementCount = 0;
            int position = r.Position;
            while (!r.IsEmpty)
            {
                r.Skip(2);
                int numS = r.ReadByte();
                int numV = r.ReadByte();
                r.Skip((2 * numS) + (4 * numV));
                elementCount++;
            }

            if (elementCount == 0)
            {
                throw new ProtocolFormatException("composition data page 0 without elements");
            }

            r.Reset(data, position, offset + count - position);
            CompositionElement[] elements = new CompositionElement[elementCount];
            for (int e = 0; e < elementCount; e++)
            {
                int location = r.ReadUInt16LittleEndian();
                int numS = r.ReadByte();
                int numV = r.ReadByte();
                int[] sig = new int[numS];
                for (int i = 0; i < numS; i++)
                {
                    sig[i] = r.ReadUInt16LittleEndian();
                }

                uint[] vendor = new uint[numV];
                for (int i = 0; i < numV; i++)
                {
                    uint company = r.ReadUInt16LittleEndian();
                    vendor[i] = (company << 16) | r.ReadUInt16LittleEndian();
                }

                elements[e] = new CompositionElement(location, sig, vendor);
            }

            return new CompositionData(cid, pid, vid, crpl, features, elements);
        }

        /// <summary>Like <see cref="Parse"/> but never throws.</summary>
        public static bool TryParse(byte[] data, int offset, int count, out CompositionData result)
        {
            result = null;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                return false;
            }

            try
            {
                result = Parse(data, offset, count);
                return true;
            }
            catch (ProtocolFormatException)
            {
                return false;
            }
        }

        /// <summary>The page 0 octets (a node's answer to Composition Data Get).</summary>
        public byte[] ToBytes()
        {
            int length = HeaderLength;
            for (int e = 0; e < Elements.Length; e++)
            {
                length += 4 + (2 * Elements[e].SigModels.Length) + (4 * Elements[e].VendorModels.Length);
            }

            ByteWriter w = new ByteWriter(length);
            w.WriteUInt16LittleEndian((ushort)CompanyId);
            w.WriteUInt16LittleEndian((ushort)ProductId);
            w.WriteUInt16LittleEndian((ushort)VersionId);
            w.WriteUInt16LittleEndian((ushort)Crpl);
            w.WriteUInt16LittleEndian((ushort)Features);
            for (int e = 0; e < Elements.Length; e++)
            {
                CompositionElement element = Elements[e];
                w.WriteUInt16LittleEndian((ushort)element.Location);
                w.WriteByte((byte)element.SigModels.Length);
                w.WriteByte((byte)element.VendorModels.Length);
                for (int i = 0; i < element.SigModels.Length; i++)
                {
                    w.WriteUInt16LittleEndian((ushort)element.SigModels[i]);
                }

                for (int i = 0; i < element.VendorModels.Length; i++)
                {
                    w.WriteUInt16LittleEndian((ushort)(element.VendorModels[i] >> 16));
                    w.WriteUInt16LittleEndian((ushort)element.VendorModels[i]);
                }
            }

            return w.Buffer;
        }
    }
}
