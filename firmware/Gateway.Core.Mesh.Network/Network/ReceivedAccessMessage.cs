namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// One access message handed to <see cref="MeshNetwork.AccessMessageReceived"/> handlers.
    /// The stack reuses this object and its buffer for the next message: a handler copies what
    /// it keeps. Parameters are <see cref="Buffer"/>[<see cref="ParametersOffset"/> …
    /// + <see cref="ParametersLength"/>), after the opcode.
    /// </summary>
    public sealed class ReceivedAccessMessage
    {
        /// <summary>AppKeyIndex value meaning the message came under a device key.</summary>
        public const int DeviceKeyIndex = -1;

        public int Source { get; internal set; }

        public int Destination { get; internal set; }

        public int NetKeyIndex { get; internal set; }

        /// <summary>AppKey Index, or <see cref="DeviceKeyIndex"/> (AKF = 0).</summary>
        public int AppKeyIndex { get; internal set; }

        public bool IsDeviceKey
        {
            get { return AppKeyIndex == DeviceKeyIndex; }
        }

        /// <summary>When <see cref="IsDeviceKey"/>: the primary address of the node whose device key opened the message.</summary>
        public int DeviceKeyAddress { get; internal set; }

        /// <summary>TTL of the (first) Network PDU as received.</summary>
        public int Ttl { get; internal set; }

        /// <summary>SEQ of the message (SeqAuth's SEQ for a segmented one).</summary>
        public int Seq { get; internal set; }

        public uint IvIndex { get; internal set; }

        public bool Segmented { get; internal set; }

        /// <summary>Opcode value (1, 2 or 3 octets read big-endian; see <see cref="AccessOpcode"/>).</summary>
        public int Opcode { get; internal set; }

        public byte[] Buffer { get; internal set; }

        public int ParametersOffset { get; internal set; }

        public int ParametersLength { get; internal set; }
    }

    /// <summary>Handler of received access messages (see <see cref="ReceivedAccessMessage"/> for buffer ownership).</summary>
    public delegate void AccessMessageHandler(ReceivedAccessMessage message);
}
