namespace Gateway.Simulation;

/// <summary>
/// Parameters of the <see cref="VirtualAir"/>. Defaults describe a quiet BLE home: no loss, no
/// duplication, no extra latency, the ESP32 NimBLE limits. Fault injection is opt-in. The air
/// reads this object on every draw, so a scenario may change a value mid-run (e.g. raise the
/// loss for a minute) and the change applies from the next transmission on.
/// </summary>
public sealed class AirSettings
{
    // ---- Advertising (Core Spec Vol 6 Part B §4.4.2.2) ----

    /// <summary>
    /// Interval between the transmissions of one repeated <c>Send</c> when the caller passes 0
    /// (advInterval; 20 ms is the minimum for ADV_NONCONN_IND and what mesh stacks use).
    /// </summary>
    public int AdvertisingIntervalMs { get; set; } = 20;

    /// <summary>
    /// advDelay: a pseudo-random 0–10 ms the controller adds to every advertising event so that
    /// two advertisers never stay in lock-step (Core Spec Vol 6 Part B §4.4.2.2.1).
    /// </summary>
    public int AdvDelayMaxMs { get; set; } = 10;

    /// <summary>
    /// Interval of a peripheral's connectable advertising. NimBLE picks 30–60 ms for connectable
    /// advertising when the interval is left at 0, which is what nanoFramework does
    /// (reference/nanoframework.md §1.3).
    /// </summary>
    public int ConnectableAdvertisingIntervalMs { get; set; } = 40;

    /// <summary>Largest advertising payload (legacy advertising PDU, AdvData ≤ 31 octets).</summary>
    public int MaxAdvertisingDataLength { get; set; } = 31;

    // ---- Faults on advertising ----

    /// <summary>Probability that one receiver misses one transmission (collisions, scan window, fading).</summary>
    public double LossProbability { get; set; }

    /// <summary>Probability that a receiver reports a transmission twice (a second copy, its own latency).</summary>
    public double DuplicationProbability { get; set; }

    /// <summary>Smallest extra delivery latency; a uniform draw in [min, max] per delivery reorders frames.</summary>
    public int ExtraLatencyMinMs { get; set; }

    /// <summary>Largest extra delivery latency (inclusive).</summary>
    public int ExtraLatencyMaxMs { get; set; }

    // ---- Radio propagation: log-distance path loss ----

    /// <summary>Default transmit power of a new station (ESP32 and nRF52 default to about 0 dBm).</summary>
    public double TxPowerDbm { get; set; } = 0.0;

    /// <summary>Path loss at the reference distance of 1 m (free space at 2.4 GHz: 40 dB).</summary>
    public double PathLossAt1mDb { get; set; } = 40.0;

    /// <summary>Path-loss exponent n (2 free space, about 3 indoors through a wall or two).</summary>
    public double PathLossExponent { get; set; } = 3.0;

    /// <summary>Standard deviation of Gaussian shadowing added to every received RSSI (0 = exact).</summary>
    public double RssiNoiseSigmaDb { get; set; }

    /// <summary>Receive sensitivity: a frame heard below this level is not heard at all (ESP32 about −97 dBm).</summary>
    public int SensitivityDbm { get; set; } = -95;

    // ---- GATT (Core Spec Vol 6 Part B §4.5, Vol 3 Part F) ----

    /// <summary>Default ATT_MTU of a new station: 23 is the nanoFramework central, which never exchanges MTU.</summary>
    public int DefaultMtu { get; set; } = 23;

    /// <summary>Default number of simultaneous links of a new central (BT_NIMBLE_MAX_CONNECTIONS = 3).</summary>
    public int CentralMaxConnections { get; set; } = 3;

    /// <summary>Default number of centrals a peripheral accepts; while full it stops connectable advertising.</summary>
    public int PeripheralMaxConnections { get; set; } = 1;

    /// <summary>Shortest time from Connect to the link layer's connection (scan for the advert, CONNECT_IND).</summary>
    public int ConnectDelayMinMs { get; set; } = 30;

    /// <summary>Longest time from Connect to the link layer's connection.</summary>
    public int ConnectDelayMaxMs { get; set; } = 100;

    /// <summary>Service and characteristic discovery plus the CCCD write, after the link is up.</summary>
    public int DiscoveryDelayMs { get; set; } = 120;

    /// <summary>How long the central keeps trying to reach an absent peripheral (native ble_gap_connect: 7000 ms).</summary>
    public int ConnectTimeoutMs { get; set; } = 7000;

    /// <summary>How often a pending connect looks again for a peripheral that is not reachable yet.</summary>
    public int ConnectRetryMs { get; set; } = 100;

    /// <summary>Probability that a connect to a reachable peripheral still fails (ends as ConnectFailed).</summary>
    public double ConnectFailureProbability { get; set; }

    /// <summary>connInterval: writes and notifications move only at connection events this far apart.</summary>
    public int ConnectionIntervalMs { get; set; } = 30;

    /// <summary>Data packets per direction per connection event (more wait for the next event).</summary>
    public int PacketsPerConnectionEvent { get; set; } = 4;

    /// <summary>Probability that a connection event is the one at which the link is lost for good.</summary>
    public double LinkLossProbabilityPerEvent { get; set; }

    /// <summary>
    /// connSupervisionTimeout: after the last good event, both sides learn of a lost link this much
    /// later (Core Spec Vol 6 Part B §4.5.2).
    /// </summary>
    public int SupervisionTimeoutMs { get; set; } = 4000;

    /// <summary>Largest ATT_MTU a station may ask for (ATT maximum attribute value 512 + 5).</summary>
    public const int MaxMtu = 517;

    /// <summary>A copy, so one scenario can derive settings from another without sharing them.</summary>
    public AirSettings Clone()
    {
        return (AirSettings)MemberwiseClone();
    }
}
