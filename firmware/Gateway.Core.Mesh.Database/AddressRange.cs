namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// An inclusive range of 16-bit values: a provisioner's allocated unicast or group range
    /// ({lowAddress, highAddress}) or scene range ({firstScene, lastScene}) in the CDB
    /// (reference/ble-mesh.md §5).
    /// </summary>
    public sealed class AddressRange
    {
        public AddressRange(int low, int high)
        {
            Low = low;
            High = high;
        }

        public int Low { get; set; }

        public int High { get; set; }

        /// <summary>Number of values in the range (0 when High &lt; Low).</summary>
        public int Size
        {
            get { return High >= Low ? High - Low + 1 : 0; }
        }

        public bool Contains(int value)
        {
            return value >= Low && value <= High;
        }

        /// <summary>True when [first, last] lies inside this range.</summary>
        public bool Contains(int first, int last)
        {
            return first >= Low && last <= High;
        }

        public bool Overlaps(int first, int last)
        {
            return first <= High && last >= Low;
        }

        public override string ToString()
        {
            return CdbText.Hex16(Low) + "-" + CdbText.Hex16(High);
        }
    }
}
