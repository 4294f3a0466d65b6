namespace Gateway.Host.Radio
{
    /// <summary>Settings of a <see cref="UnixSocketRadio"/> (docs/external-radio.md).</summary>
    public sealed class UnixSocketRadioOptions
    {
        /// <summary>
        /// Address reported for every advertisement heard: the socket protocol carries none
        /// (reference/bluez-peer.md §"Socket protocol"), so all of them come from "the peer".
        /// </summary>
        public ulong PeerAddress { get; set; }

        /// <summary>RSSI reported for every advertisement heard; −20 is what bluetooth-meshd reports.</summary>
        public int Rssi { get; set; } = -20;

        /// <summary>
        /// Also accept datagrams in our own outgoing form, <c>[0x01][AD type][data…]</c>, so two
        /// of these radios (or a rig that echoes our format) can talk to each other. Off for
        /// meshd, whose datagrams never carry the marker. A datagram starting with 0x01 is then
        /// always read as marked, so the Flags AD type (0x01) cannot arrive unmarked.
        /// </summary>
        public bool AcceptMarker { get; set; }
    }
}
