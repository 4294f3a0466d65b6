namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// CDB node "networkTransmit" / "relayRetransmit" ({count, interval}; reference/ble-mesh.md §5):
    /// count is the number of transmissions (1–8), interval in milliseconds (10–320, steps of 10).
    /// </summary>
    public sealed class TransmitSettings
    {
        public TransmitSettings(int count, int interval)
        {
            Count = count;
            Interval = interval;
        }

        public int Count { get; set; }

        public int Interval { get; set; }
    }
}
