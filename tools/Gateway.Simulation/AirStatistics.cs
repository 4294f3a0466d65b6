namespace Gateway.Simulation;

/// <summary>
/// Counters of the air, kept once globally (<see cref="VirtualAir.Statistics"/>) and once per
/// station (<see cref="AirStation.Statistics"/>). Per station, "sent" counts what the station
/// transmitted and every other counter counts what happened on the way to it.
/// </summary>
public sealed class AirStatistics
{
    /// <summary>
    /// Advertising events (every repetition of a Send, every connectable advert); each event is one
    /// packet on each advertising channel of the sender's channel map.
    /// </summary>
    public long AdvertsSent { get; internal set; }

    /// <summary>
    /// Advertisements handed to a receiver (duplicates included; an event heard on two channels,
    /// across the scanner's channel change, is handed over twice as a real scanner reports it).
    /// </summary>
    public long AdvertsDelivered { get; internal set; }

    /// <summary>Transmissions a listening receiver in range missed by the loss probability (on top of the air's own misses).</summary>
    public long AdvertsLost { get; internal set; }

    /// <summary>Extra copies delivered (duplication probability).</summary>
    public long AdvertsDuplicated { get; internal set; }

    /// <summary>Transmissions that reached a listening receiver below its sensitivity.</summary>
    public long AdvertsBelowSensitivity { get; internal set; }

    /// <summary>
    /// Advertising events a listening receiver in range lost to collisions: every packet of the
    /// event it was tuned to overlapped another packet on the same channel.
    /// </summary>
    public long AdvertsCollided { get; internal set; }

    /// <summary>Advertising events a receiver missed because it was transmitting itself (advertising or a connection event).</summary>
    public long AdvertsMissedWhileTransmitting { get; internal set; }

    /// <summary>Advertising events a receiver missed because it scanned another channel or was outside its scan window.</summary>
    public long AdvertsMissedOffChannel { get; internal set; }

    /// <summary>GATT writes and notifications queued.</summary>
    public long GattPacketsSent { get; internal set; }

    /// <summary>GATT writes and notifications handed to the other side.</summary>
    public long GattPacketsDelivered { get; internal set; }

    /// <summary>Links that reached OnConnected / OnSubscribed.</summary>
    public long ConnectionsOpened { get; internal set; }

    /// <summary>Connects that ended in ConnectFailed or ServiceNotFound (central side).</summary>
    public long ConnectionsFailed { get; internal set; }

    /// <summary>Links that ended by supervision timeout (link loss, power cut, out of range).</summary>
    public long ConnectionsLost { get; internal set; }

    /// <summary>Links closed on purpose by either side.</summary>
    public long Disconnections { get; internal set; }

    public override string ToString()
    {
        return $"adv sent={AdvertsSent} delivered={AdvertsDelivered} lost={AdvertsLost} dup={AdvertsDuplicated} " +
            $"weak={AdvertsBelowSensitivity} collided={AdvertsCollided} tx-busy={AdvertsMissedWhileTransmitting} " +
            $"off-channel={AdvertsMissedOffChannel}; gatt sent={GattPacketsSent} delivered={GattPacketsDelivered}; " +
            $"links opened={ConnectionsOpened} failed={ConnectionsFailed} lost={ConnectionsLost} closed={Disconnections}";
    }
}
