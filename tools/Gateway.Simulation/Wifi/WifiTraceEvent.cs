using Gateway.Core.Runtime;

namespace Gateway.Simulation.Wifi;

/// <summary>What a <see cref="WifiTraceEvent"/> records.</summary>
public enum WifiEventKind
{
    /// <summary>A radio transmitted a probe request (To is null); <see cref="WifiTraceEvent.Element"/> holds a copy of its element.</summary>
    ProbeRequestSent,

    /// <summary>A receiver's filter got the frame.</summary>
    Delivered,

    /// <summary>A receiver on the channel missed the frame (loss).</summary>
    Lost,

    /// <summary>A receiver on the channel heard it below its sensitivity.</summary>
    BelowSensitivity,

    /// <summary>A station joined an access point (From: the station name).</summary>
    Joined,

    /// <summary>An access point refused a join (wrong SSID or password).</summary>
    JoinRefused,
}

/// <summary>
/// One line of the Wi-Fi medium's timeline: virtual time, sender and receiver names, what
/// happened, the channel and RSSI, and for transmissions a copy of the element (tests scan these
/// for secrets: nothing a radio sent escapes the trace).
/// </summary>
public readonly record struct WifiTraceEvent(long TimeMs, string From, string To, WifiEventKind Kind, int Channel, int Rssi, ManagementFrameType FrameType, byte[] Element)
{
    public override string ToString()
    {
        return $"{TimeMs,8} {From ?? "-"} -> {To ?? "*"} {Kind} ch={Channel} rssi={Rssi} len={Element?.Length ?? 0}";
    }
}
