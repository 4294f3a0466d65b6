namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The keys the network stack asks for (the mesh database implements it later; tests and
    /// simulated nodes use <see cref="MeshKeyStore"/>). Lookups are by index so the receive path
    /// can walk candidates without allocating: NetKeys whose NID matches, AppKeys whose AID
    /// matches, and a node's device key by its primary element address.
    /// </summary>
    public interface IMeshKeyStore
    {
        int NetworkKeyCount { get; }

        /// <summary>NetKey material number <paramref name="position"/> (0 … NetworkKeyCount − 1).</summary>
        NetworkKeyMaterial GetNetworkKeyAt(int position);

        /// <summary>The NetKey with this NetKey Index, or null.</summary>
        NetworkKeyMaterial FindNetworkKey(int netKeyIndex);

        int ApplicationKeyCount { get; }

        ApplicationKeyMaterial GetApplicationKeyAt(int position);

        /// <summary>The AppKey with this AppKey Index, or null.</summary>
        ApplicationKeyMaterial FindApplicationKey(int appKeyIndex);

        /// <summary>
        /// The device key used for messages to or from the node whose element <paramref name="address"/>
        /// is (the key store maps every element of a node to its key), or null.
        /// </summary>
        DeviceKeyMaterial FindDeviceKey(int address);
    }
}
