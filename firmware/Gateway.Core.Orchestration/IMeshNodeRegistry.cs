namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// What the provisioning workflow needs from the mesh database (<see cref="MeshDatabaseRegistry"/>
    /// implements it): the network it provisions into, addresses, and the nodes. Every mutating
    /// call is one atomic write on the storage port, done before it returns.
    /// </summary>
    public interface IMeshNodeRegistry
    {
        /// <summary>The primary NetKey (16 octets; a secret), its index and the current IV Index.</summary>
        byte[] NetKey { get; }

        int NetKeyIndex { get; }

        uint IvIndex { get; }

        /// <summary>
        /// Picks consecutive unicast addresses for device <paramref name="uuid"/> that collide with
        /// nothing (nodes, other devices' assignments) and reuse no retired address. Nothing is
        /// stored: the addresses become the node's in <see cref="AddNode"/>, which runs before they
        /// are sent to the device. A new assignment for the same device replaces its previous one.
        /// </summary>
        bool TryAllocateAddresses(byte[] uuid, int elementCount, out int unicastAddress);

        /// <summary>
        /// Stores a node about to receive Provisioning Data (write-ahead: its addresses and
        /// DeviceKey are in the database before they leave). <paramref name="overGatt"/>: it was
        /// provisioned over PB-GATT and is reached through its GATT Proxy afterwards. Adding the
        /// same node again is accepted. False when the database refuses it or cannot be written.
        /// </summary>
        bool AddNode(byte[] uuid, int unicastAddress, int elementCount, byte[] deviceKey, bool secure, bool overGatt);

        /// <summary>The node's unicast address, or 0 when the UUID is not a node of this network.</summary>
        int FindNode(byte[] uuid);

        /// <summary>UUIDs of nodes whose configuration has not completed (resumed after a reboot).</summary>
        byte[][] UnconfiguredNodes();

        /// <summary>Marks the node's configuration complete (after its result was queued for the cloud).</summary>
        void MarkConfigured(byte[] uuid);

        /// <summary>Removes a node and retires its addresses.</summary>
        void RemoveNode(byte[] uuid);
    }
}
