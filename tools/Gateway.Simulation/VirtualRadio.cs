using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// A station's advertising radio (the core's <see cref="IAdvertisingRadio"/> port). One
/// advertiser: queued advertisements go out one after another, each
/// <c>transmitCount</c> times; consecutive advertising events are interval + advDelay apart
/// (Core Spec Vol 6 Part B §4.4.2.2), and the advertiser takes the next advertisement one
/// interval after the last event of the previous one. Connectable adverts of the station's
/// <see cref="VirtualGattPeripheral"/> run beside it as a second advertising set.
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

    internal VirtualRadio(AirStation station)
    {
        _station = station;
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

        air.Transmit(_station, advert.Frame, advert.Frame.Length);
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
