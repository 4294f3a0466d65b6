namespace Gateway.Core.Orchestration
{
    /// <summary>The answer to <see cref="IProxyConnector.Acquire"/>; <paramref name="reason"/> is null when connected.</summary>
    public delegate void ProxyReadyHandler(bool connected, string reason);

    /// <summary>
    /// Gives the node configurator a GATT Proxy connection to one node (MshPRT §6, §7.2.2.2.3): the
    /// way to reach a node provisioned over PB-GATT, and the only way on stock nanoFramework
    /// firmware. One holder at a time: further requests wait in a queue until the holder releases.
    /// </summary>
    public interface IProxyConnector
    {
        /// <summary>
        /// Connects to the proxy of the node whose primary element is <paramref name="unicastAddress"/>
        /// (or keeps the link that is up) and holds it for the caller. <paramref name="ready"/> runs
        /// once, from the scheduler: connected, or not with a reason such as <c>proxy-timeout</c>.
        /// </summary>
        void Acquire(int unicastAddress, ProxyReadyHandler ready);

        /// <summary>The holder is done (or gives up waiting); the next request gets its turn.</summary>
        void Release(int unicastAddress);
    }
}
