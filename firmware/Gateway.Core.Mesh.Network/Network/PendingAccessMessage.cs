namespace Gateway.Core.Mesh.Network
{
    /// <summary>A segmented access message waiting for a transmission slot (its payload copied).</summary>
    internal sealed class PendingAccessMessage
    {
        public int Source;
        public int Destination;
        public int KeyIndex;
        public int NetKeyIndex;
        public int Ttl;
        public byte[] Payload;
        public AccessSendCallback Callback;
    }
}
