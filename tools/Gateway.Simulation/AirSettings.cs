namespace Gateway.Simulation;

/// <summary>
/// Parameters of the <see cref="VirtualAir"/>. Defaults describe real BLE air as an ESP32 with
/// NimBLE and Zephyr / ESP-BLE-MESH nodes meet it (docs/SIMULATION.md lists every source):
/// advertising events on channels 37, 38 and 39 with their real air time, scanners that hop
/// channel every scan interval, one half-duplex radio per station, collisions without capture.
/// Loss, duplication and extra latency are fault injection on top and are off by default. The air
/// reads this object on every draw, so a scenario may change a value mid-run (e.g. raise the loss
/// for a minute) and the change applies from the next transmission on.
/// </summary>
public sealed class AirSettings
{
    // ---- Advertising (Core Spec Vol 6 Part B §4.4.2) ----

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
    /// Interval of a peripheral's connectable advertising unless the peripheral sets its own
    /// (<see cref="VirtualGattPeripheral.AdvertisingIntervalMs"/>). NimBLE picks 30–60 ms for
    /// connectable advertising when the interval is left at 0, which is what nanoFramework does
    /// (reference/nanoframework.md §1.3).
    /// </summary>
    public int ConnectableAdvertisingIntervalMs { get; set; } = 40;

    /// <summary>Largest advertising payload (legacy advertising PDU, AdvData ≤ 31 octets, Core Spec Vol 6 Part B §2.3.1).</summary>
    public int MaxAdvertisingDataLength { get; set; } = 31;

    /// <summary>
    /// Gap between the end of one packet of an advertising event and the start of the next one on
    /// the next channel (the radio retunes; implementation-defined, a few hundred µs on real
    /// controllers).
    /// </summary>
    public int AdvertisingChannelGapUs { get; set; } = 150;

    /// <summary>
    /// The scheduler ticks in ms; an advertising event starts at a position inside its tick drawn
    /// uniformly from 0..(this − 1) µs. 0 puts every event on the tick (tests that need two
    /// transmissions to overlap exactly).
    /// </summary>
    public int EventStartJitterUs { get; set; } = 1000;

    // ---- Scanning (Core Spec Vol 6 Part B §4.4.3) ----

    /// <summary>
    /// scanInterval of a new station's passive scanner: every interval it moves to the next
    /// advertising channel (37 → 38 → 39). NimBLE's default when nanoFramework's watcher passes 0
    /// is 30 ms; Zephyr's mesh scanner also uses 30 ms.
    /// </summary>
    public int ScanIntervalMs { get; set; } = 30;

    /// <summary>scanWindow: the scanner listens for this long at the start of every interval (30 ms: always).</summary>
    public int ScanWindowMs { get; set; } = 30;

    // ---- Faults on advertising ----

    /// <summary>
    /// Probability that one receiver misses one transmission it would otherwise hear (fading,
    /// interference from outside the simulation). Collisions, scan windows and half duplex are
    /// modelled by the air itself.
    /// </summary>
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

    /// <summary>
    /// Default number of simultaneous links of a new central: BT_NIMBLE_MAX_CONNECTIONS defaults
    /// to 3 in ESP-IDF's NimBLE Kconfig and nanoFramework's sdkconfig does not raise it
    /// (reference/nanoframework.md §1.5).
    /// </summary>
    public int CentralMaxConnections { get; set; } = 3;

    /// <summary>Default number of centrals a peripheral accepts; while full it stops connectable advertising.</summary>
    public int PeripheralMaxConnections { get; set; } = 1;

    /// <summary>
    /// Shortest time from the connectable advert the initiator answered (CONNECT_IND) to the
    /// link layer's first connection event: transmitWindowDelay 1.25 ms plus transmitWindowOffset
    /// (Core Spec Vol 6 Part B §2.3.3.1, §4.5.3), rounded up.
    /// </summary>
    public int ConnectDelayMinMs { get; set; } = 2;

    /// <summary>Longest time from CONNECT_IND to the first connection event (offset up to one connection interval).</summary>
    public int ConnectDelayMaxMs { get; set; } = 32;

    /// <summary>Service and characteristic discovery plus the CCCD write, after the link is up.</summary>
    public int DiscoveryDelayMs { get; set; } = 120;

    /// <summary>How long the central keeps initiating without hearing the peripheral's connectable advert (native ble_gap_connect: 7000 ms).</summary>
    public int ConnectTimeoutMs { get; set; } = 7000;

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

    /// <summary>
    /// Air time of a connection event with nothing to send: an empty LL PDU each way and T_IFS
    /// between them (80 + 150 + 80 µs, Core Spec Vol 6 Part B §2.4, §4.1.1). Both ends' radios
    /// are busy for that long at every event; events that carry data take their packets' time.
    /// </summary>
    public int EmptyConnectionEventUs { get; set; } = 310;

    /// <summary>Largest ATT_MTU a station may ask for (ATT maximum attribute value 512 + 5).</summary>
    public const int MaxMtu = 517;

    /// <summary>A copy, so one scenario can derive settings from another without sharing them.</summary>
    public AirSettings Clone()
    {
        return (AirSettings)MemberwiseClone();
    }
}
