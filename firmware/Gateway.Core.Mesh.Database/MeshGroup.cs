namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A group (CDB "groups[]", reference/ble-mesh.md §5). A virtual group carries its Label UUID
    /// (written as 32 hex digits); a plain group a 16-bit address (4 hex digits).
    /// </summary>
    public sealed class MeshGroup
    {
        public MeshGroup(string name, int address)
        {
            Name = name;
            Address = address;
        }

        public string Name { get; set; }

        /// <summary>The group address, or the virtual address hash when <see cref="Label"/> is set.</summary>
        public int Address { get; set; }

        /// <summary>Label UUID of a virtual group, or null.</summary>
        public byte[] Label { get; set; }

        /// <summary>Parent group address; 0x0000 = no parent.</summary>
        public int ParentAddress { get; set; }

        /// <summary>Label UUID of a virtual parent, or null.</summary>
        public byte[] ParentLabel { get; set; }
    }
}
