namespace Gateway.Simulation;

/// <summary>
/// One line of the air's timeline (<see cref="VirtualAir.Traced"/>): virtual time, sender,
/// receiver (null for a broadcast transmission or a station-wide event), what happened and how
/// many octets were involved. Detail carries the RSSI of adverts and the status of link events.
/// </summary>
public readonly record struct AirTraceEvent(long TimeMs, AirStation From, AirStation To, AirEventKind Kind, int Length, int Detail)
{
    public override string ToString()
    {
        string to = To is null ? "*" : To.Name;
        return $"{TimeMs,8} {From?.Name ?? "-"} -> {to} {Kind} len={Length} detail={Detail}";
    }
}
