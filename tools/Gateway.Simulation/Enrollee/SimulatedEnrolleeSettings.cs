namespace Gateway.Simulation.Enrollee;

/// <summary>Timings of a <see cref="SimulatedEnrollee"/>; defaults are the SDK's (reference/alibaba-provisioning.md §0, §0.1).</summary>
public sealed class SimulatedEnrolleeSettings
{
    /// <summary>§0 "Channel scan": 1, 6, 11, then 1..13.</summary>
    public static readonly int[] ScanOrder = [1, 6, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

    /// <summary>HAL_Awss_Get_Channelscan_Interval_Ms (reference 250 ms).</summary>
    public int ChannelDwellMs { get; set; } = 250;

    /// <summary>
    /// awss_config_press: provisioning data is acted on only inside this window (the reference HAL
    /// recommends 10 min; the SDK's minimum is 60 s).
    /// </summary>
    public long ConfigPressWindowMs { get; set; } = 600_000;

    /// <summary>Whether the user presses the button when the device starts.</summary>
    public bool PressAtStart { get; set; } = true;

    /// <summary>3 per-product key (what the SDK sends), 4 per-device key.</summary>
    public byte Security { get; set; } = 3;

    /// <summary>§0.1: the match report is resent every 3 s …</summary>
    public int MatchRetryMs { get; set; } = 3000;

    /// <summary>… at most 3 sends.</summary>
    public int MatchMaxSends { get; set; } = 3;

    /// <summary>§0.1: the LAN notice is sent up to 30 times …</summary>
    public int NotifyCount { get; set; } = 30;

    /// <summary>… the gap growing by 100 ms each round.</summary>
    public int NotifyStepMs { get; set; } = 100;

    /// <summary>§0.1 token lifetime, reported as remainTime.</summary>
    public int TokenLifetimeMs { get; set; } = 45_000;
}
