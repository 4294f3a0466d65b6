using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Wifi;

/// <summary>
/// The 802.11 side of the virtual air (DESIGN.md §7), beside <see cref="VirtualAir"/>'s BLE
/// medium: radios on channels 1–13 exchange probe requests carrying a vendor element. A frame
/// reaches every other powered radio on the sender's channel whose vendor filter has the
/// element's OUI, unless it is lost or too weak. Access points (<see cref="VirtualAccessPoint"/>)
/// let stations join with the right password. All randomness comes from one seeded source,
/// drawn in scheduler order, so a seed and a scenario replay exactly.
/// </summary>
public sealed class WifiMedium
{
    private readonly List<VirtualWifiRadio> _radios = new List<VirtualWifiRadio>();
    private readonly List<VirtualAccessPoint> _accessPoints = new List<VirtualAccessPoint>();
    private readonly Dictionary<(ulong, ulong), int> _pathRssi = new Dictionary<(ulong, ulong), int>();
    private readonly SeededRandom _random;

    public WifiMedium(IScheduler scheduler, long seed, WifiSettings settings = null)
    {
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Seed = seed;
        Settings = settings ?? new WifiSettings();
        _random = new SeededRandom(seed);
    }

    public IScheduler Scheduler { get; }

    /// <summary>Print it when a scenario fails.</summary>
    public long Seed { get; }

    public WifiSettings Settings { get; }

    public IReadOnlyList<VirtualWifiRadio> Radios => _radios;

    public IReadOnlyList<VirtualAccessPoint> AccessPoints => _accessPoints;

    public int FramesSent { get; private set; }

    public int FramesDelivered { get; private set; }

    public int FramesLost { get; private set; }

    /// <summary>Every transmission (with a copy of its element), delivery, loss and join.</summary>
    public event Action<WifiTraceEvent> Traced;

    /// <summary>A radio on <paramref name="channel"/>; <paramref name="fixedRssi"/> makes everyone hear it (and it hear everyone) at that level.</summary>
    public VirtualWifiRadio AddRadio(string name, ulong address, int channel, int? fixedRssi = null)
    {
        if (address > 0xFFFFFFFFFFFFUL)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "a MAC address has 48 bits");
        }

        foreach (VirtualWifiRadio other in _radios)
        {
            if (other.Address == address)
            {
                throw new ArgumentException("address already on the medium", nameof(address));
            }
        }

        var radio = new VirtualWifiRadio(this, name, address, channel, fixedRssi);
        _radios.Add(radio);
        return radio;
    }

    /// <summary>An access point (SSID, BSSID, WPA passphrase) on <paramref name="channel"/>; its stations share <paramref name="lan"/>.</summary>
    public VirtualAccessPoint AddAccessPoint(string ssid, byte[] bssid, string password, int channel, Lan.VirtualLan lan)
    {
        var ap = new VirtualAccessPoint(this, ssid, bssid, password, channel, lan);
        _accessPoints.Add(ap);
        return ap;
    }

    /// <summary>The access point with this BSSID, or null.</summary>
    public VirtualAccessPoint FindAccessPoint(ReadOnlySpan<byte> bssid)
    {
        foreach (VirtualAccessPoint ap in _accessPoints)
        {
            if (bssid.SequenceEqual(ap.Bssid))
            {
                return ap;
            }
        }

        return null;
    }

    /// <summary>Pins the RSSI between two radios, both directions.</summary>
    public void SetPathRssi(VirtualWifiRadio a, VirtualWifiRadio b, int rssi)
    {
        _pathRssi[Key(a, b)] = rssi;
    }

    /// <summary>RSSI before noise: pinned pair, else the sender's fixed value, else the receiver's, else the default.</summary>
    public int MeanRssi(VirtualWifiRadio from, VirtualWifiRadio to)
    {
        if (_pathRssi.TryGetValue(Key(from, to), out int pinned))
        {
            return pinned;
        }

        return from.FixedRssi ?? to.FixedRssi ?? Settings.DefaultRssiDbm;
    }

    internal void Trace(WifiTraceEvent entry)
    {
        Traced?.Invoke(entry);
    }

    /// <summary>One transmission: every draw for every receiver happens now, in radio order.</summary>
    internal void Transmit(VirtualWifiRadio from, ManagementFrameType frameType, byte[] element)
    {
        long now = Scheduler.NowMilliseconds;
        int channel = from.Channel;
        FramesSent++;
        Trace(new WifiTraceEvent(now, from.Name, null, WifiEventKind.ProbeRequestSent, channel, 0, frameType, element));
        int oui = element.Length >= 5 && element[0] == 221 ? (element[2] << 16) | (element[3] << 8) | element[4] : -1;
        foreach (VirtualWifiRadio to in _radios)
        {
            if (to == from || !to.IsPowered || to.Channel != channel || !to.Accepts(oui))
            {
                continue;
            }

            int rssi = (int)Math.Round(MeanRssi(from, to) + Gaussian(Settings.RssiNoiseSigmaDb));
            if (rssi < Settings.SensitivityDbm)
            {
                Trace(new WifiTraceEvent(now, from.Name, to.Name, WifiEventKind.BelowSensitivity, channel, rssi, frameType, null));
                continue;
            }

            double loss = Math.Max(Settings.LossProbability, Math.Max(from.LossProbability ?? 0, to.LossProbability ?? 0));
            if (loss > 0 && _random.NextDouble() < loss)
            {
                FramesLost++;
                Trace(new WifiTraceEvent(now, from.Name, to.Name, WifiEventKind.Lost, channel, rssi, frameType, null));
                continue;
            }

            int latency = Settings.LatencyMaxMs > Settings.LatencyMinMs
                ? Settings.LatencyMinMs + _random.NextInt(Settings.LatencyMaxMs - Settings.LatencyMinMs + 1)
                : Math.Max(0, Settings.LatencyMinMs);
            VirtualWifiRadio receiver = to;
            Scheduler.Schedule(latency, () =>
            {
                // The receiver may have changed channel, stopped filtering or lost power meanwhile.
                if (receiver.IsPowered && receiver.Channel == channel && receiver.Accepts(oui))
                {
                    FramesDelivered++;
                    Trace(new WifiTraceEvent(Scheduler.NowMilliseconds, from.Name, receiver.Name, WifiEventKind.Delivered, channel, rssi, frameType, null));
                    receiver.Deliver(from.Address, channel, rssi, frameType, element);
                }
            });
        }
    }

    private double Gaussian(double sigma)
    {
        if (sigma <= 0)
        {
            return 0;
        }

        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static (ulong, ulong) Key(VirtualWifiRadio a, VirtualWifiRadio b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Address < b.Address ? (a.Address, b.Address) : (b.Address, a.Address);
    }
}
