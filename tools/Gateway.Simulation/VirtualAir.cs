using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// One seeded broadcast medium in virtual time (DESIGN.md §7): every advertising transmission of
/// a station reaches every other listening station unless it is lost, too weak, or the receiver
/// is switched off; GATT links between stations run at connection events. All randomness comes
/// from one <see cref="SeededRandom"/> and is drawn in scheduler order, so the same seed and the
/// same scenario give the same trace on any machine.
/// </summary>
public sealed class VirtualAir
{
    private readonly List<AirStation> _stations = new List<AirStation>();
    private readonly Dictionary<ulong, AirStation> _byAddress = new Dictionary<ulong, AirStation>();
    private readonly Dictionary<(ulong, ulong), int> _pathRssi = new Dictionary<(ulong, ulong), int>();
    private readonly SeededRandom _random;

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
    /// One advertising transmission of <paramref name="frame"/> (never modified afterwards: the
    /// deliveries share it). Every draw for every receiver happens now, in station order.
    /// </summary>
    internal void Transmit(AirStation from, byte[] frame, int length)
    {
        long now = Scheduler.NowMilliseconds;
        from.Statistics.AdvertsSent++;
        Statistics.AdvertsSent++;
        Trace(now, from, null, AirEventKind.AdvertisingSent, length, 0);

        for (int i = 0; i < _stations.Count; i++)
        {
            AirStation to = _stations[i];
            if (to == from || !to.IsPowered || !to.Radio.IsListening)
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

            if (Chance(EffectiveLoss(from, to)))
            {
                to.Statistics.AdvertsLost++;
                Statistics.AdvertsLost++;
                Trace(now, from, to, AirEventKind.AdvertisingLost, length, rssi);
                continue;
            }

            ScheduleDelivery(from, to, frame, length, rssi);
            if (Chance(Settings.DuplicationProbability))
            {
                to.Statistics.AdvertsDuplicated++;
                Statistics.AdvertsDuplicated++;
                Trace(now, from, to, AirEventKind.AdvertisingDuplicated, length, rssi);
                ScheduleDelivery(from, to, frame, length, rssi);
            }
        }
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
