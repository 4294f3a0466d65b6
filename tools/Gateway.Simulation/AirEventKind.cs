namespace Gateway.Simulation;

/// <summary>What a <see cref="AirTraceEvent"/> records.</summary>
public enum AirEventKind
{
    /// <summary>A station transmitted an advertisement (To is null: broadcast).</summary>
    AdvertisingSent,

    /// <summary>A receiver got an advertisement.</summary>
    AdvertisingDelivered,

    /// <summary>A receiver missed a transmission (loss).</summary>
    AdvertisingLost,

    /// <summary>A receiver will get a second copy of a transmission.</summary>
    AdvertisingDuplicated,

    /// <summary>A transmission reached a receiver below its sensitivity.</summary>
    AdvertisingBelowSensitivity,

    /// <summary>A central started a connect.</summary>
    GattConnectStarted,

    /// <summary>Link up, service found, notifications enabled.</summary>
    GattConnected,

    /// <summary>A connect ended without a link (ConnectFailed or ServiceNotFound).</summary>
    GattConnectFailed,

    /// <summary>A write (central → peripheral) was delivered.</summary>
    GattWrite,

    /// <summary>A notification (peripheral → central) was delivered.</summary>
    GattNotification,

    /// <summary>A link was closed by one side (From is the side that closed it).</summary>
    GattDisconnected,

    /// <summary>A link ended by supervision timeout.</summary>
    GattLinkLost,

    /// <summary>A station lost power.</summary>
    PowerOff,

    /// <summary>A station got power back.</summary>
    PowerOn,

    /// <summary>
    /// A receiver heard none of an event's packets because each one it was tuned to overlapped
    /// another packet on the same channel (both are lost; no capture effect).
    /// </summary>
    AdvertisingCollided,

    /// <summary>A receiver missed an advertising event because its one radio was transmitting (half duplex).</summary>
    AdvertisingMissedWhileTransmitting,

    /// <summary>A receiver missed an advertising event: scanning another channel, or outside its scan window.</summary>
    AdvertisingMissedOffChannel,
}
