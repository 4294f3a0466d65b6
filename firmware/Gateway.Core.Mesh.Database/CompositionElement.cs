namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// One element of Composition Data Page 0 (MshPRT §4.2.2.1; reference/ble-mesh.md §4.6):
    /// location descriptor, SIG model ids (16-bit) and vendor model ids (Company ID ‖ model).
    /// </summary>
    public sealed class CompositionElement
    {
        public CompositionElement(int location, uint[] sigModels, uint[] vendorModels)
        {
            Location = location;
            SigModels = sigModels ?? new uint[0];
            VendorModels = vendorModels ?? new uint[0];
        }

        public int Location { get; set; }

        public uint[] SigModels { get; set; }

        /// <summary>Company ID in the high 16 bits, the vendor's model id in the low 16 bits.</summary>
        public uint[] VendorModels { get; set; }
    }
}
