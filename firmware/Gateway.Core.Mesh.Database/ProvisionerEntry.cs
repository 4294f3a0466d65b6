using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// A provisioner of the network (CDB "provisioners[]", reference/ble-mesh.md §5): its name,
    /// UUID and the address and scene ranges it may allocate from. The provisioner's own unicast
    /// address is the address of the node with the same UUID (the CDB has no other place for it;
    /// <see cref="MeshDatabase.GatewayAddress"/> reads it for the gateway).
    /// </summary>
    public sealed class ProvisionerEntry
    {
        public ProvisionerEntry(string name, byte[] uuid)
        {
            Name = name;
            Uuid = uuid;
        }

        public string Name { get; set; }

        /// <summary>16 octets.</summary>
        public byte[] Uuid { get; set; }

        /// <summary><see cref="AddressRange"/> entries inside 0x0001–0x7FFF.</summary>
        public ArrayList UnicastRanges { get; } = new ArrayList();

        /// <summary><see cref="AddressRange"/> entries inside 0xC000–0xFEFF.</summary>
        public ArrayList GroupRanges { get; } = new ArrayList();

        /// <summary><see cref="AddressRange"/> entries of scene numbers inside 0x0001–0xFFFF.</summary>
        public ArrayList SceneRanges { get; } = new ArrayList();

        public AddressRange GetUnicastRange(int position)
        {
            return (AddressRange)UnicastRanges[position];
        }

        /// <summary>True when [first, last] lies inside one allocated unicast range.</summary>
        public bool OwnsUnicast(int first, int last)
        {
            for (int i = 0; i < UnicastRanges.Count; i++)
            {
                if (((AddressRange)UnicastRanges[i]).Contains(first, last))
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasUuid(byte[] uuid)
        {
            return CdbText.SameBytes(Uuid, uuid);
        }

        public override string ToString()
        {
            return "provisioner " + CdbText.Uuid(Uuid);
        }
    }
}
