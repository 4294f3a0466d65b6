namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Called for every advertising PDU heard. <paramref name="data"/> holds the AD structures
    /// (length, type, value ...) of one advertisement at <paramref name="offset"/>; the buffer
    /// belongs to the radio and is reused after the call returns, so copy what you keep.
    /// </summary>
    public delegate void AdvertisementReceivedHandler(ulong address, int rssi, byte[] data, int offset, int length);

    /// <summary>
    /// Advertising radio port (DESIGN.md §3): non-connectable advertising of raw AD structures
    /// (PB-ADV 0x29, Mesh Message 0x2A, Mesh Beacon 0x2B) and passive scanning. Device: the native
    /// radio add-on only (stock nanoFramework cannot send ADV_NONCONN_IND); host: the virtual air
    /// or an external radio socket.
    /// </summary>
    public interface IAdvertisingRadio
    {
        /// <summary>
        /// Queues one advertisement (AD structures, at most 31 octets) to be sent
        /// <paramref name="transmitCount"/> times, <paramref name="intervalMilliseconds"/> apart.
        /// The radio copies the data before returning.
        /// </summary>
        void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds);

        /// <summary>Sets the single receiver of heard advertisements (null stops delivery).</summary>
        void SetReceiver(AdvertisementReceivedHandler handler);
    }
}
