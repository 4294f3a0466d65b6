using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// A station's GATT central role (the core's <see cref="IGattCentral"/> port). Connect waits a
/// connection delay, then needs the peripheral powered, advertising connectably and in range;
/// until then it looks again every ConnectRetryMs and gives up with ConnectFailed after
/// ConnectTimeoutMs. Once connected, discovery and the CCCD write take DiscoveryDelayMs; a
/// wrong service ends in ServiceNotFound. Every outcome reaches the handler on the scheduler,
/// never inside Connect.
/// </summary>
public sealed class VirtualGattCentral : IGattCentral
{
    private readonly AirStation _station;
    private readonly List<GattLink> _links = new List<GattLink>();
    private readonly List<PendingConnect> _pending = new List<PendingConnect>();
    private int _maxConnections;

    internal VirtualGattCentral(AirStation station)
    {
        _station = station;
        _maxConnections = station.Air.Settings.CentralMaxConnections;
    }

    /// <summary>Simultaneous links, pending connects included (3 on ESP32 NimBLE).</summary>
    public int MaxConnections
    {
        get => _maxConnections;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConnections = value;
        }
    }

    /// <summary>Links in use: connects in progress and links this side has not closed.</summary>
    public int ConnectionsInUse => _links.Count + _pending.Count;

    public void Connect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        VirtualAir air = _station.Air;
        long now = air.Scheduler.NowMilliseconds;
        air.Trace(now, _station, air.FindStation(address), AirEventKind.GattConnectStarted, 0, serviceUuid);
        if (!_station.IsPowered || ConnectionsInUse >= _maxConnections)
        {
            // NimBLE answers BLE_HS_ENOMEM when every connection slot is taken; the adapter reports a failed connect.
            air.Scheduler.Post(() => Fail(address, handler));
            return;
        }

        var attempt = new PendingConnect(address, serviceUuid, dataInUuid, dataOutUuid, handler, now + air.Settings.ConnectTimeoutMs);
        _pending.Add(attempt);
        int delay = air.UniformInclusive(air.Settings.ConnectDelayMinMs, air.Settings.ConnectDelayMaxMs);
        attempt.TimerId = air.Scheduler.Schedule(delay, () => TryEstablish(attempt));
    }

    internal void Release(GattLink link)
    {
        _links.Remove(link);
    }

    internal void OnPowerOff()
    {
        VirtualAir air = _station.Air;
        foreach (PendingConnect attempt in _pending)
        {
            air.Scheduler.Cancel(attempt.TimerId);
        }

        _pending.Clear();
        foreach (GattLink link in _links.ToArray())
        {
            link.Lose(silenceCentral: true, silencePeripheral: false);
        }
    }

    internal void OnMoved()
    {
        foreach (GattLink link in _links.ToArray())
        {
            if (!_station.Air.InRange(link.Central, link.Peripheral))
            {
                link.Lose(silenceCentral: false, silencePeripheral: false);
            }
        }
    }

    private void TryEstablish(PendingConnect attempt)
    {
        VirtualAir air = _station.Air;
        if (!_pending.Contains(attempt))
        {
            return;
        }

        long now = air.Scheduler.NowMilliseconds;
        AirStation target = air.FindStation(attempt.Address);
        bool reachable = target != null && target != _station && target.IsPowered
            && target.Peripheral.IsAdvertising && air.InRange(_station, target);
        if (reachable)
        {
            _pending.Remove(attempt);
            if (air.Chance(air.Settings.ConnectFailureProbability))
            {
                Fail(attempt.Address, attempt.Handler);
                return;
            }

            var link = new GattLink(_station, target, attempt.ServiceUuid, attempt.DataInUuid, attempt.DataOutUuid, attempt.Handler);
            _links.Add(link);
            target.Peripheral.Accept(link);
            link.Start();
            return;
        }

        if (now >= attempt.Deadline)
        {
            _pending.Remove(attempt);
            Fail(attempt.Address, attempt.Handler);
            return;
        }

        long wait = Math.Min(Math.Max(1, air.Settings.ConnectRetryMs), attempt.Deadline - now);
        attempt.TimerId = air.Scheduler.Schedule(wait, () => TryEstablish(attempt));
    }

    private void Fail(ulong address, IGattClientHandler handler)
    {
        VirtualAir air = _station.Air;
        _station.Statistics.ConnectionsFailed++;
        air.Statistics.ConnectionsFailed++;
        air.Trace(air.Scheduler.NowMilliseconds, _station, air.FindStation(address), AirEventKind.GattConnectFailed, 0, (int)GattLinkStatus.ConnectFailed);
        handler.OnDisconnected(GattLinkStatus.ConnectFailed);
    }

    private sealed class PendingConnect
    {
        public PendingConnect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler, long deadline)
        {
            Address = address;
            ServiceUuid = serviceUuid;
            DataInUuid = dataInUuid;
            DataOutUuid = dataOutUuid;
            Handler = handler;
            Deadline = deadline;
        }

        public ulong Address { get; }

        public ushort ServiceUuid { get; }

        public ushort DataInUuid { get; }

        public ushort DataOutUuid { get; }

        public IGattClientHandler Handler { get; }

        public long Deadline { get; }

        public int TimerId { get; set; }
    }
}
