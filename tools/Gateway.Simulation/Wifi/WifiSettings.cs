namespace Gateway.Simulation.Wifi;

/// <summary>
/// Parameters of the <see cref="WifiMedium"/>: 2.4 GHz channels 1–13, loss, RSSI and timing.
/// Read on every draw, so a scenario may change a value mid-run.
/// </summary>
public sealed class WifiSettings
{
    public const int MinChannel = 1;

    /// <summary>Channels 1–13 (ETSI / China, where the SDK scans 1..13).</summary>
    public const int MaxChannel = 13;

    /// <summary>Probability that one receiver misses one frame (collisions, the receiver busy).</summary>
    public double LossProbability { get; set; }

    /// <summary>RSSI of a path when neither radio has a fixed value nor the pair a pinned one.</summary>
    public int DefaultRssiDbm { get; set; } = -55;

    /// <summary>Standard deviation of Gaussian noise on each received RSSI (0 = exact).</summary>
    public double RssiNoiseSigmaDb { get; set; }

    /// <summary>Frames heard below this are not heard at all.</summary>
    public int SensitivityDbm { get; set; } = -92;

    /// <summary>Smallest delivery latency of a frame, ms.</summary>
    public int LatencyMinMs { get; set; } = 1;

    /// <summary>Largest delivery latency of a frame, ms (uniform draw per receiver).</summary>
    public int LatencyMaxMs { get; set; } = 2;

    /// <summary>Association, 4-way handshake and DHCP of a joining station, ms.</summary>
    public int JoinDelayMs { get; set; } = 1500;

    /// <summary>Largest vendor element a probe request may carry (id + length + 255).</summary>
    public const int MaxElementLength = 257;
}
