namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// A network bearer that is a point-to-point link to one node, e.g. the GATT Proxy client
    /// connected to a proxy server. A Network PDU whose destination is that node needs no other
    /// bearer: the network layer sends it there only, and the advertising bearer's air time goes to
    /// nodes that can only be reached over the air (MshPRT §3.4.6.3 leaves the choice of bearers
    /// for a locally originated PDU to the node; §6.7: the proxy server processes PDUs for itself).
    /// </summary>
    public interface IDirectNetworkBearer
    {
        /// <summary>True when the bearer is up and <paramref name="destination"/> is an element of the node at its other end.</summary>
        bool Reaches(int destination);
    }
}
