namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// An application key (CDB "appKeys[]", reference/ble-mesh.md §5), bound to one NetKey. Holds
    /// key material: <see cref="ToString"/> names the indexes only.
    /// </summary>
    public sealed class MeshAppKey
    {
        public MeshAppKey(int index, int boundNetKey, byte[] key)
        {
            Index = index;
            BoundNetKey = boundNetKey;
            Key = key;
        }

        public string Name { get; set; }

        /// <summary>AppKey Index, 0x000–0xFFF (§4.1).</summary>
        public int Index { get; set; }

        /// <summary>The NetKey Index this AppKey is bound to.</summary>
        public int BoundNetKey { get; set; }

        public byte[] Key { get; set; }

        /// <summary>The previous key during a Key Refresh, otherwise null.</summary>
        public byte[] OldKey { get; set; }

        public override string ToString()
        {
            return "AppKey " + Index + " bound to NetKey " + BoundNetKey;
        }
    }
}
