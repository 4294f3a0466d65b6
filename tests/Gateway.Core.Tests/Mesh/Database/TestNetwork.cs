using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>Small databases for tests, with keys and UUIDs from a seeded source.</summary>
    internal static class TestNetwork
    {
        public static byte[] Bytes(SeededRandom random, int count)
        {
            byte[] b = new byte[count];
            random.NextBytes(b, 0, count);
            return b;
        }

        /// <summary>A UUID whose last two octets are <paramref name="n"/>, so tests can name devices.</summary>
        public static byte[] DeviceUuid(int n)
        {
            byte[] uuid = new byte[16];
            uuid[0] = 0xDE;
            uuid[1] = 0x1C;
            uuid[14] = (byte)(n >> 8);
            uuid[15] = (byte)n;
            return uuid;
        }

        public static ProvisionerEntry Provisioner(byte[] uuid, int low, int high)
        {
            ProvisionerEntry p = new ProvisionerEntry("Gateway", uuid);
            p.UnicastRanges.Add(new AddressRange(low, high));
            p.GroupRanges.Add(new AddressRange(0xC000, 0xCFFF));
            p.SceneRanges.Add(new AddressRange(0x0001, 0x0FFF));
            return p;
        }

        /// <summary>A new network whose gateway owns [low, high] and sits at <paramref name="low"/>.</summary>
        public static MeshDatabase Create(long seed, int low, int high)
        {
            SeededRandom random = new SeededRandom(seed);
            byte[] provisionerUuid = Bytes(random, 16);
            MeshNetKey netKey = new MeshNetKey(0, Bytes(random, 16));
            netKey.Name = "Primary";
            return MeshDatabase.Create(Bytes(random, 16), "Test", Provisioner(provisionerUuid, low, high), netKey, Bytes(random, 16));
        }

        /// <summary>Allocates and adds a node the way the provisioning workflow does.</summary>
        public static MeshNode Provision(MeshDatabase db, UnicastAllocator allocator, byte[] uuid, int elements, uint ivIndex, byte[] deviceKey)
        {
            int address;
            if (!allocator.TryAllocate(db, db.LocalProvisioner, elements, ivIndex, out address))
            {
                return null;
            }

            MeshNode node = new MeshNode(uuid, address, elements, deviceKey);
            node.AddNetKey(0);
            db.AddNode(node, ivIndex);
            return node;
        }
    }
}
