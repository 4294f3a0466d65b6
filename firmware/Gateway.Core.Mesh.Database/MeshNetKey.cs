namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A network key of the mesh (CDB "netKeys[]", reference/ble-mesh.md §5). Holds key material:
    /// <see cref="ToString"/> names the index and phase only.
    /// </summary>
    public sealed class MeshNetKey
    {
        public MeshNetKey(int index, byte[] key)
        {
            Index = index;
            Key = key;
        }

        public string Name { get; set; }

        /// <summary>NetKey Index, 0x000–0xFFF (§4.1).</summary>
        public int Index { get; set; }

        /// <summary>The 16-octet key (the new key during a Key Refresh).</summary>
        public byte[] Key { get; set; }

        /// <summary>The previous key during a Key Refresh (phase 1 or 2), otherwise null.</summary>
        public byte[] OldKey { get; set; }

        /// <summary>Key Refresh phase 0–2.</summary>
        public int Phase { get; set; }

        public MeshSecurity MinSecurity { get; set; } = MeshSecurity.Insecure;

        /// <summary>ISO 8601 time of the last phase change, as given by the caller (the core has no clock).</summary>
        public string Timestamp { get; set; }

        public override string ToString()
        {
            return "NetKey " + Index + " phase " + Phase;
        }
    }
}
