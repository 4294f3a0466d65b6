namespace Gateway.Core.Mesh.Config
{
    /// <summary>One element of Composition Data Page 0 (MshPRT §4.2.2.2): location and model IDs.</summary>
    public sealed class CompositionElement
    {
        public CompositionElement(int location, int[] sigModels, uint[] vendorModels)
        {
            Location = location;
            SigModels = sigModels == null ? new int[0] : sigModels;
            VendorModels = vendorModels == null ? new uint[0] : vendorModels;
        }

        /// <summary>GATT Bluetooth Namespace Descriptor location (0x0000 unknown, 0x0100 "front", …).</summary>
        public int Location { get; }

        /// <summary>16-bit SIG model IDs.</summary>
        public int[] SigModels { get; }

        /// <summary>Vendor model IDs as Company ID &lt;&lt; 16 | model.</summary>
        public uint[] VendorModels { get; }

        public bool HasModel(uint modelId, bool vendor)
        {
            if (vendor)
            {
                for (int i = 0; i < VendorModels.Length; i++)
                {
                    if (VendorModels[i] == modelId)
                    {
                        return true;
                    }
                }

                return false;
            }

            for (int i = 0; i < SigModels.Length; i++)
            {
                if (SigModels[i] == modelId)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
