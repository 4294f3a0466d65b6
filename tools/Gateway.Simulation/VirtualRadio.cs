using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// A station's advertising radio (the core's <see cref="IAdvertisingRadio"/> port). One
/// advertiser: queued advertisements go out one after another, each
/// <c>transmitCount</c> times; consecutive advertising events are interval + advDelay apart
/// (Core Spec Vol 6 Part B §4.4.2.2), and the advertiser takes the next advertisement one
/// interval after the last event of the previous one. Every event sends the packet on each
/// channel of <see cref="AdvertisingChannelMap"/>. Connectable adverts of the station's
/// <see cref="VirtualGattPeripheral"/> run beside it as a second advertising set. The passive
/// scanner listens <see cref="ScanWindowUs"/> at the start of every <see cref="ScanIntervalUs"/>
/// and moves to the next channel (37 → 38 → 39) every interval (§4.4.3).
/// </summary>
public sealed class VirtualRadio : IAdvertisingRadio
{
    private readonly AirStation _station;
    private readonly Queue<PendingAdvert> _queue = new Queue<PendingAdvert>();
    private AdvertisementReceivedHandler _receiver;
    private byte[] _receiveBuffer = new byte[31];
    private PendingAdvert _current;
    private int _remaining;
    private int _timerId;
    private long _freeAt;
    private int _channelMap = 7;

    internal VirtualRadio(AirStation station)
    {
        _station = station;
        SetScanParameters(station.Air.Settings.ScanIntervalMs, station.Air.Settings.ScanWindowMs);
    }

    /// <summary>
    /// Advertising channels used by this station's events: bit 0 = 37, bit 1 = 38, bit 2 = 39
    /// (Advertising_Channel_Map of HCI LE Set Advertising Parameters; default all three).
    /// </summary>
    public int AdvertisingChannelMap
    {
        get => _channelMap;
        set
        {
            if (value < 1 || value > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "the channel map needs 1..3 of bits 0..2");
            }

            _channelMap = value;
        }
    }

    /// <summary>scanInterval in µs: the scanner changes channel this often.</summary>
    public long ScanIntervalUs { get; private set; }

    /// <summary>scanWindow in µs: the scanner listens at the start of each interval for this long.</summary>
    public long ScanWindowUs { get; private set; }

    /// <summary>
    /// Where the scanner's channel cycle started (µs): interval k after it listens on channel
    /// 37 + (k mod 3). Drawn from the seed when the station is added; a test may pin it.
    /// </summary>
    public long ScanPhaseUs { get; set; }

    /// <summary>Sets scanInterval and scanWindow (window ≤ interval; window = interval scans all the time).</summary>
    public void SetScanParameters(int intervalMs, int windowMs)
    {
        if (intervalMs < 1 || windowMs < 1 || windowMs > intervalMs)
        {
            throw new ArgumentOutOfRangeException(nameof(windowMs), "need 1 ≤ window ≤ interval");
        }

        ScanIntervalUs = intervalMs * 1000L;
        ScanWindowUs = windowMs * 1000L;
    }

    /// <summary>The channel the scanner listens on at <paramref name="timeUs"/>, or 0 outside its window.</summary>
    public int ScanChannelAt(long timeUs)
    {
        long since = timeUs - ScanPhaseUs;
        long index = Math.DivRem(since, ScanIntervalUs, out long position);
        if (position < 0)
        {
            position += ScanIntervalUs;
            index--;
        }

        if (position >= ScanWindowUs)
        {
            return 0;
        }

        return 37 + (int)(((index % 3) + 3) % 3);
    }

    /// <summary>Whether the scanner is on <paramref name="channel"/> for the whole of [start, end).</summary>
    internal bool IsScanning(int channel, long start, long end)
    {
        if (ScanChannelAt(start) != channel)
        {
            return false;
        }

        // Still in the same window at the packet's last microsecond.
        long since = start - ScanPhaseUs;
        long position = ((since % ScanIntervalUs) + ScanIntervalUs) % ScanIntervalUs;
        return position + (end - start) <= ScanWindowUs;
    }

    /// <summary>Whether a receiver is set (the station is scanning).</summary>
    public bool IsListening => _receiver != null;

    /// <summary>Advertisements waiting for the advertiser, not counting the one going out.</summary>
    public int QueuedAdvertisements => _queue.Count;

    /// <summary>Whether the advertiser is busy with an advertisement.</summary>
    public bool IsTransmitting => _current != null;

    public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || length < 0 || offset > data.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        int max = _station.Air.Settings.MaxAdvertisingDataLength;
        if (length == 0 || length > max)
        {
            // A legacy advertising PDU carries at most 31 octets of AdvData; a real controller refuses more.
            throw new ArgumentException($"advertising data must be 1..{max} octets, not {length}", nameof(length));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(transmitCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(intervalMilliseconds);
        if (!_station.IsPowered)
        {
            return;
        }

        byte[] frame = new byte[length];
        Array.Copy(data, offset, frame, 0, length);
        _queue.Enqueue(new PendingAdvert(frame, transmitCount, intervalMilliseconds));
        if (_current == null)
        {
            StartNext();
        }
    }

    public void SetReceiver(AdvertisementReceivedHandler handler)
    {
        _receiver = handler;
    }

    internal void Deliver(ulong from, int rssi, byte[] frame, int length)
    {
        if (_receiveBuffer.Length < length)
        {
            _receiveBuffer = new byte[length];
        }

        // The port's contract: the buffer belongs to the radio and is reused after the call.
        Array.Copy(frame, 0, _receiveBuffer, 0, length);
        _receiver(from, rssi, _receiveBuffer, 0, length);
    }

    internal void OnPowerOff()
    {
        _queue.Clear();
        if (_timerId != 0)
        {
            _station.Air.Scheduler.Cancel(_timerId);
            _timerId = 0;
        }

        _current = null;
        _freeAt = 0;
    }

    private void StartNext()
    {
        if (_queue.Count == 0)
        {
            _current = null;
            return;
        }

        VirtualAir air = _station.Air;
        _current = _queue.Dequeue();
        _remaining = _current.TransmitCount;
        long now = air.Scheduler.NowMilliseconds;
        long start = Math.Max(now, _freeAt);
        _timerId = air.Scheduler.Schedule(start - now + air.UniformInclusive(0, air.Settings.AdvDelayMaxMs), Transmit);
    }

    private void Transmit()
    {
        _timerId = 0;
        VirtualAir air = _station.Air;
        PendingAdvert advert = _current;
        if (advert == null || !_station.IsPowered)
        {
            return;
        }

        air.TransmitEvent(_station, advert.Frame, advert.Frame.Length, false, _channelMap);
        _remaining--;
        int interval = advert.IntervalMilliseconds > 0 ? advert.IntervalMilliseconds : air.Settings.AdvertisingIntervalMs;
        if (_remaining > 0)
        {
            _timerId = air.Scheduler.Schedule(interval + air.UniformInclusive(0, air.Settings.AdvDelayMaxMs), Transmit);
            return;
        }

        _freeAt = air.Scheduler.NowMilliseconds + interval;
        StartNext();
    }

    private sealed record PendingAdvert(byte[] Frame, int TransmitCount, int IntervalMilliseconds);
}
