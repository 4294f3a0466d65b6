namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// What the provisioning workflow needs from the mesh database (Mesh/Database implements it):
    /// the network it provisions into, addresses, and the nodes. Every mutating call is one atomic
    /// write on the storage port, done before it returns.
    /// </summary>
    public interface IMeshNodeRegistry
    {
        /// <summary>The primary NetKey (16 octets; a secret), its index and the current IV Index.</summary>
        byte[] NetKey { get; }

        int NetKeyIndex { get; }

        uint IvIndex { get; }

        /// <summary>Reserves consecutive unicast addresses that collide with nothing and reuse no retired address.</summary>
        bool TryAllocateAddresses(int elementCount, out int unicastAddress);

        /// <summary>Stores a freshly provisioned node (called before the provisioning link closes with success).</summary>
        void AddNode(byte[] uuid, int unicastAddress, int elementCount, byte[] deviceKey, bool secure);

        /// <summary>The node's unicast address, or 0 when the UUID is not a node of this network.</summary>
        int FindNode(byte[] uuid);

        /// <summary>UUIDs of nodes whose configuration has not completed (resumed after a reboot).</summary>
        byte[][] UnconfiguredNodes();

        /// <summary>Removes a node and retires its addresses.</summary>
        void RemoveNode(byte[] uuid);
    }
}
