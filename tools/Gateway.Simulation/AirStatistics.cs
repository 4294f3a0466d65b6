namespace Gateway.Simulation;

/// <summary>
/// Counters of the air, kept once globally (<see cref="VirtualAir.Statistics"/>) and once per
/// station (<see cref="AirStation.Statistics"/>). Per station, "sent" counts what the station
/// transmitted and every other counter counts what happened on the way to it.
/// </summary>
public sealed class AirStatistics
{
    /// <summary>Advertising transmissions (every repetition of a Send, every connectable advert).</summary>
    public long AdvertsSent { get; internal set; }

    /// <summary>Advertisements handed to a receiver (duplicates included).</summary>
    public long AdvertsDelivered { get; internal set; }

    /// <summary>Transmissions a listening receiver in range missed (loss probability).</summary>
    public long AdvertsLost { get; internal set; }

    /// <summary>Extra copies delivered (duplication probability).</summary>
    public long AdvertsDuplicated { get; internal set; }

    /// <summary>Transmissions that reached a listening receiver below its sensitivity.</summary>
    public long AdvertsBelowSensitivity { get; internal set; }

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
            $"weak={AdvertsBelowSensitivity}; gatt sent={GattPacketsSent} delivered={GattPacketsDelivered}; " +
            $"links opened={ConnectionsOpened} failed={ConnectionsFailed} lost={ConnectionsLost} closed={Disconnections}";
    }
}
