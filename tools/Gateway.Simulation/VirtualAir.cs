using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// One seeded broadcast medium in virtual time (DESIGN.md §7, docs/SIMULATION.md): advertising
/// events go out on channels 37, 38 and 39 with their real air time; a station hears a packet
/// only when its scanner is on that channel for the whole packet, its own radio is not
/// transmitting, no other packet overlaps it on that channel, it is strong enough, and the
/// optional loss draw spares it. GATT links between stations run at connection events. All
/// randomness comes from one <see cref="SeededRandom"/> and is drawn in scheduler order, so the
/// same seed and the same scenario give the same trace on any machine.
/// </summary>
public sealed class VirtualAir
{
    private readonly List<AirStation> _stations = new List<AirStation>();
    private readonly Dictionary<ulong, AirStation> _byAddress = new Dictionary<ulong, AirStation>();
    private readonly Dictionary<(ulong, ulong), int> _pathRssi = new Dictionary<(ulong, ulong), int>();
    private readonly List<AdvertisingEvent> _recentEvents = new List<AdvertisingEvent>();
    private readonly SeededRandom _random;

    /// <summary>
    /// How long an advertising event is kept for collision and half-duplex checks after it ended.
    /// An event is resolved at most about 2 ms after it started, so 20 ms is ample.
    /// </summary>
    private const long RecentEventHorizonUs = 20_000;

    public VirtualAir(IScheduler scheduler, long seed, AirSettings settings = null)
    {
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Seed = seed;
        Settings = settings ?? new AirSettings();
        _random = new SeededRandom(seed);
    }

    /// <summary>The scheduler every delivery and timer of the air runs on.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>The seed of the air's random source; print it when a scenario fails.</summary>
    public long Seed { get; }

    /// <summary>Live parameters (read on every draw).</summary>
    public AirSettings Settings { get; }

    /// <summary>Global counters (sum over all stations).</summary>
    public AirStatistics Statistics { get; } = new AirStatistics();

    /// <summary>Stations in creation order (which is also the order deliveries are drawn in).</summary>
    public IReadOnlyList<AirStation> Stations => _stations;

    /// <summary>Timeline hook: every transmission, delivery, loss and link event. Null-cheap when unused.</summary>
    public event Action<AirTraceEvent> Traced;

    /// <summary>Adds a station at (<paramref name="x"/>, <paramref name="y"/>) metres; its RSSI follows the path-loss model.</summary>
    public AirStation AddStation(string name, ulong address, double x, double y)
    {
        return Add(new AirStation(this, name, address, x, y, null));
    }

    /// <summary>Adds a station every other station hears at <paramref name="fixedRssi"/> dBm (and which hears them so).</summary>
    public AirStation AddStation(string name, ulong address, int fixedRssi)
    {
        return Add(new AirStation(this, name, address, 0, 0, fixedRssi));
    }

    /// <summary>
    /// Air time of one legacy advertising packet at LE 1M: (preamble 1 + access address 4 +
    /// header 2 + AdvA 6 + AdvData + CRC 3) octets × 8 µs, 376 µs for 31 octets of AdvData.
    /// </summary>
    public static int AdvertisingPacketMicroseconds(int advDataLength)
    {
        return AdvertisingEvent.PacketMicroseconds(advDataLength);
    }

    /// <summary>The station with this 48-bit address, or null.</summary>
    public AirStation FindStation(ulong address)
    {
        return _byAddress.TryGetValue(address, out AirStation station) ? station : null;
    }

    /// <summary>Pins the RSSI between two stations (both directions), e.g. a wall or a device in another room.</summary>
    public void SetPathRssi(AirStation a, AirStation b, int rssi)
    {
        _pathRssi[Key(a, b)] = rssi;
    }

    /// <summary>Returns the pair to the normal model.</summary>
    public void ClearPathRssi(AirStation a, AirStation b)
    {
        _pathRssi.Remove(Key(a, b));
    }

    /// <summary>
    /// RSSI <paramref name="to"/> hears from <paramref name="from"/> before noise: a pinned pair
    /// value, else the sender's fixed RSSI, else the receiver's, else the log-distance model
    /// RSSI = TxPower − (PL(1 m) + 10·n·log10(d)).
    /// </summary>
    public double MeanRssi(AirStation from, AirStation to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (_pathRssi.TryGetValue(Key(from, to), out int pinned))
        {
            return pinned;
        }

        if (from.FixedRssi.HasValue)
        {
            return from.FixedRssi.Value;
        }

        if (to.FixedRssi.HasValue)
        {
            return to.FixedRssi.Value;
        }

        double dx = from.X - to.X;
        double dy = from.Y - to.Y;
        double distance = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), 0.1);
        return from.TxPowerDbm - (Settings.PathLossAt1mDb + (10.0 * Settings.PathLossExponent * Math.Log10(distance)));
    }

    /// <summary>Whether the mean RSSI reaches the sensitivity in both directions (a link could be made).</summary>
    public bool InRange(AirStation a, AirStation b)
    {
        return MeanRssi(a, b) >= Settings.SensitivityDbm && MeanRssi(b, a) >= Settings.SensitivityDbm;
    }

    /// <summary>
    /// One advertising event of <paramref name="frame"/> (never modified afterwards: the
    /// deliveries share it): one packet per channel of <paramref name="channelMap"/> (bit 0 = 37,
    /// bit 1 = 38, bit 2 = 39). The event starts at a drawn position inside the current ms, after
    /// the sender's previous event if that one is still on the air (one radio: its advertising
    /// sets take turns). What every receiver made of it is decided once every packet that could
    /// overlap it is known, in the first tick after its last packet ends.
    /// </summary>
    internal AdvertisingEvent TransmitEvent(AirStation from, byte[] frame, int length, bool connectable, int channelMap)
    {
        long now = Scheduler.NowMilliseconds;
        long startUs = (now * 1000) + (Settings.EventStartJitterUs > 1 ? _random.NextInt(Settings.EventStartJitterUs) : 0);
        if (startUs < from.TransmitFreeAtUs)
        {
            startUs = from.TransmitFreeAtUs + Settings.AdvertisingChannelGapUs;
        }

        var advertisingEvent = new AdvertisingEvent(from, frame, length, connectable, startUs, channelMap, Math.Max(0, Settings.AdvertisingChannelGapUs));
        from.TransmitFreeAtUs = advertisingEvent.EndUs;
        from.Statistics.AdvertsSent++;
        Statistics.AdvertsSent++;
        Trace(now, from, null, AirEventKind.AdvertisingSent, length, 0);

        PruneRecentEvents(now * 1000);
        _recentEvents.Add(advertisingEvent);
        long resolveAt = (advertisingEvent.EndUs / 1000) + 1;
        Scheduler.Schedule(resolveAt - now, () => Resolve(advertisingEvent));
        return advertisingEvent;
    }

    /// <summary>
    /// Every receiver, in station order: RSSI (one noise draw), sensitivity, then for each packet
    /// whether the receiver's scanner was on that channel for the whole packet (§4.4.3), whether
    /// its own radio was transmitting (half duplex), whether another packet overlapped it on that
    /// channel (collision: both lost, no capture effect). A packet that survives still meets the
    /// loss draw, then latency and duplication draws.
    /// </summary>
    private void Resolve(AdvertisingEvent advertisingEvent)
    {
        AirStation from = advertisingEvent.From;
        long now = Scheduler.NowMilliseconds;
        int length = advertisingEvent.Length;
        for (int i = 0; i < _stations.Count; i++)
        {
            AirStation to = _stations[i];
            bool initiating = advertisingEvent.Connectable && to.Central.IsInitiatingTo(from.Address);
            if (to == from || !to.IsPowered || !(to.Radio.IsListening || initiating))
            {
                continue;
            }

            int rssi = (int)Math.Round(MeanRssi(from, to) + Gaussian(Settings.RssiNoiseSigmaDb));
            if (rssi < Settings.SensitivityDbm)
            {
                to.Statistics.AdvertsBelowSensitivity++;
                Statistics.AdvertsBelowSensitivity++;
                Trace(now, from, to, AirEventKind.AdvertisingBelowSensitivity, length, rssi);
                continue;
            }

            int heard = 0;
            AirEventKind miss = AirEventKind.AdvertisingMissedOffChannel;
            for (int p = 0; p < advertisingEvent.Channels.Length; p++)
            {
                int channel = advertisingEvent.Channels[p];
                long start = advertisingEvent.Starts[p];
                long end = start + advertisingEvent.PacketUs;
                if (!to.Radio.IsScanning(channel, start, end))
                {
                    continue;
                }

                if (IsTransmitting(to, start, end))
                {
                    if (miss == AirEventKind.AdvertisingMissedOffChannel)
                    {
                        miss = AirEventKind.AdvertisingMissedWhileTransmitting;
                    }

                    continue;
                }

                if (Collides(advertisingEvent, to, channel, start, end))
                {
                    miss = AirEventKind.AdvertisingCollided;
                    continue;
                }

                heard++;
            }

            if (heard == 0)
            {
                CountMiss(to, miss);
                Trace(now, from, to, miss, length, rssi);
                continue;
            }

            for (int copy = 0; copy < heard; copy++)
            {
                if (Chance(EffectiveLoss(from, to)))
                {
                    to.Statistics.AdvertsLost++;
                    Statistics.AdvertsLost++;
                    Trace(now, from, to, AirEventKind.AdvertisingLost, length, rssi);
                    continue;
                }

                if (initiating)
                {
                    to.Central.OnConnectableAdvertHeard(from);
                    initiating = false;
                }

                if (!to.Radio.IsListening)
                {
                    continue;
                }

                ScheduleDelivery(from, to, advertisingEvent.Frame, length, rssi);
                if (Chance(Settings.DuplicationProbability))
                {
                    to.Statistics.AdvertsDuplicated++;
                    Statistics.AdvertsDuplicated++;
                    Trace(now, from, to, AirEventKind.AdvertisingDuplicated, length, rssi);
                    ScheduleDelivery(from, to, advertisingEvent.Frame, length, rssi);
                }
            }
        }
    }

    /// <summary>Half duplex: the station's one radio is sending an advertising event or is in a connection event.</summary>
    private bool IsTransmitting(AirStation station, long start, long end)
    {
        for (int i = 0; i < _recentEvents.Count; i++)
        {
            AdvertisingEvent own = _recentEvents[i];
            if (own.From == station && own.StartUs < end && own.EndUs > start)
            {
                return true;
            }
        }

        return station.Central.IsRadioBusy(start, end) || station.Peripheral.IsRadioBusy(start, end);
    }

    /// <summary>
    /// Whether a packet of another sender the receiver can hear (mean RSSI at or above the
    /// sensitivity) overlaps [start, end) on the same channel. Both packets are lost: the model
    /// has no capture effect, which is the conservative choice.
    /// </summary>
    private bool Collides(AdvertisingEvent advertisingEvent, AirStation to, int channel, long start, long end)
    {
        for (int i = 0; i < _recentEvents.Count; i++)
        {
            AdvertisingEvent other = _recentEvents[i];
            if (other == advertisingEvent || other.From == to || other.From == advertisingEvent.From)
            {
                continue;
            }

            if (other.Overlaps(channel, start, end) && MeanRssi(other.From, to) >= Settings.SensitivityDbm)
            {
                return true;
            }
        }

        return false;
    }

    private void CountMiss(AirStation to, AirEventKind miss)
    {
        switch (miss)
        {
            case AirEventKind.AdvertisingCollided:
                to.Statistics.AdvertsCollided++;
                Statistics.AdvertsCollided++;
                break;
            case AirEventKind.AdvertisingMissedWhileTransmitting:
                to.Statistics.AdvertsMissedWhileTransmitting++;
                Statistics.AdvertsMissedWhileTransmitting++;
                break;
            default:
                to.Statistics.AdvertsMissedOffChannel++;
                Statistics.AdvertsMissedOffChannel++;
                break;
        }
    }

    /// <summary>Forgets events that ended long enough ago that nothing still to be resolved can overlap them.</summary>
    private void PruneRecentEvents(long nowUs)
    {
        long horizon = nowUs - RecentEventHorizonUs;
        int kept = 0;
        for (int i = 0; i < _recentEvents.Count; i++)
        {
            if (_recentEvents[i].EndUs >= horizon)
            {
                _recentEvents[kept++] = _recentEvents[i];
            }
        }

        _recentEvents.RemoveRange(kept, _recentEvents.Count - kept);
    }

    /// <summary>A uniform integer in [0, maxExclusive) from the air's random source.</summary>
    internal int NextInt(int maxExclusive)
    {
        return maxExclusive <= 1 ? 0 : _random.NextInt(maxExclusive);
    }

    internal bool Chance(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        if (probability >= 1)
        {
            return true;
        }

        return _random.NextDouble() < probability;
    }

    /// <summary>A uniform integer in [min, max]; no draw when the range is a single value.</summary>
    internal int UniformInclusive(int min, int max)
    {
        if (max <= min)
        {
            return Math.Max(min, 0);
        }

        return min + _random.NextInt(max - min + 1);
    }

    internal double NextDouble()
    {
        return _random.NextDouble();
    }

    internal void Trace(long time, AirStation from, AirStation to, AirEventKind kind, int length, int detail)
    {
        Traced?.Invoke(new AirTraceEvent(time, from, to, kind, length, detail));
    }

    private AirStation Add(AirStation station)
    {
        if (_byAddress.ContainsKey(station.Address))
        {
            throw new ArgumentException($"address {AirStation.FormatAddress(station.Address)} is already on the air", nameof(station));
        }

        // Where the new station's scanner is in its channel cycle: drawn once, in creation order.
        station.Radio.ScanPhaseUs = NextInt(Math.Max(1, Settings.ScanIntervalMs) * 3000);
        _stations.Add(station);
        _byAddress.Add(station.Address, station);
        return station;
    }

    private void ScheduleDelivery(AirStation from, AirStation to, byte[] frame, int length, int rssi)
    {
        int latency = UniformInclusive(Settings.ExtraLatencyMinMs, Settings.ExtraLatencyMaxMs);
        Scheduler.Schedule(latency, () => Deliver(from, to, frame, length, rssi));
    }

    private void Deliver(AirStation from, AirStation to, byte[] frame, int length, int rssi)
    {
        // The receiver may have been switched off or stopped scanning while the frame was in flight.
        if (!to.IsPowered || !to.Radio.IsListening)
        {
            return;
        }

        to.Statistics.AdvertsDelivered++;
        Statistics.AdvertsDelivered++;
        Trace(Scheduler.NowMilliseconds, from, to, AirEventKind.AdvertisingDelivered, length, rssi);
        to.Radio.Deliver(from.Address, rssi, frame, length);
    }

    private double EffectiveLoss(AirStation from, AirStation to)
    {
        // A per-station override replaces the global value for everything the station sends or
        // hears; when both ends override, the worse one wins.
        if (from.LossProbability.HasValue || to.LossProbability.HasValue)
        {
            return Math.Max(from.LossProbability ?? 0.0, to.LossProbability ?? 0.0);
        }

        return Settings.LossProbability;
    }

    private double Gaussian(double sigma)
    {
        if (sigma <= 0)
        {
            return 0;
        }

        // Box–Muller; 1 − u keeps the logarithm finite.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static (ulong, ulong) Key(AirStation a, AirStation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Address < b.Address ? (a.Address, b.Address) : (b.Address, a.Address);
    }
}
