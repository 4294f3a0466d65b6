using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// A station's GATT central role (the core's <see cref="IGattCentral"/> port). Connect starts the
/// initiator: it scans with the station's scanner (channel hopping, half duplex and collisions
/// as for any reception) until it hears a connectable advert of the peripheral, answers with
/// CONNECT_IND, and the link layer is connected ConnectDelayMin..MaxMs later if the peripheral
/// is still powered, advertising and in range both ways. Without such an advert it gives up with
/// ConnectFailed after ConnectTimeoutMs. Once connected, discovery and the CCCD write take
/// DiscoveryDelayMs; a wrong service ends in ServiceNotFound. Every outcome reaches the handler
/// on the scheduler, never inside Connect.
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

        var attempt = new PendingConnect(address, serviceUuid, dataInUuid, dataOutUuid, handler);
        _pending.Add(attempt);
        attempt.TimerId = air.Scheduler.Schedule(air.Settings.ConnectTimeoutMs, () => TimeOut(attempt));
    }

    /// <summary>Whether the initiator is looking for this peripheral's connectable adverts.</summary>
    internal bool IsInitiatingTo(ulong address)
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Address == address && !_pending[i].Answered)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The initiator heard a connectable advert of <paramref name="peripheral"/>: CONNECT_IND goes out.</summary>
    internal void OnConnectableAdvertHeard(AirStation peripheral)
    {
        VirtualAir air = _station.Air;
        for (int i = 0; i < _pending.Count; i++)
        {
            PendingConnect attempt = _pending[i];
            if (attempt.Address == peripheral.Address && !attempt.Answered)
            {
                attempt.Answered = true;
                int delay = air.UniformInclusive(air.Settings.ConnectDelayMinMs, air.Settings.ConnectDelayMaxMs);
                attempt.EstablishTimerId = air.Scheduler.Schedule(delay, () => TryEstablish(attempt));
                return;
            }
        }
    }

    /// <summary>Whether a connection event of one of this central's links occupies its radio in [start, end) µs.</summary>
    internal bool IsRadioBusy(long start, long end)
    {
        for (int i = 0; i < _links.Count; i++)
        {
            if (_links[i].IsRadioBusy(start, end))
            {
                return true;
            }
        }

        return false;
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
            if (attempt.EstablishTimerId != 0)
            {
                air.Scheduler.Cancel(attempt.EstablishTimerId);
            }
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
        attempt.EstablishTimerId = 0;
        if (!_pending.Contains(attempt))
        {
            return;
        }

        AirStation target = air.FindStation(attempt.Address);
        bool reachable = target != null && target != _station && target.IsPowered
            && target.Peripheral.IsAdvertising && air.InRange(_station, target);
        if (!reachable)
        {
            // The peripheral went away (or took another central) between its advert and the
            // first connection event: the initiator keeps looking until the connect times out.
            attempt.Answered = false;
            return;
        }

        _pending.Remove(attempt);
        air.Scheduler.Cancel(attempt.TimerId);
        if (air.Chance(air.Settings.ConnectFailureProbability))
        {
            Fail(attempt.Address, attempt.Handler);
            return;
        }

        var link = new GattLink(_station, target, attempt.ServiceUuid, attempt.DataInUuid, attempt.DataOutUuid, attempt.Handler);
        _links.Add(link);
        target.Peripheral.Accept(link);
        link.Start();
    }

    private void TimeOut(PendingConnect attempt)
    {
        if (!_pending.Remove(attempt))
        {
            return;
        }

        if (attempt.EstablishTimerId != 0)
        {
            _station.Air.Scheduler.Cancel(attempt.EstablishTimerId);
        }

        Fail(attempt.Address, attempt.Handler);
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
        public PendingConnect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler)
        {
            Address = address;
            ServiceUuid = serviceUuid;
            DataInUuid = dataInUuid;
            DataOutUuid = dataOutUuid;
            Handler = handler;
        }

        public ulong Address { get; }

        public ushort ServiceUuid { get; }

        public ushort DataInUuid { get; }

        public ushort DataOutUuid { get; }

        public IGattClientHandler Handler { get; }

        /// <summary>The connect timeout.</summary>
        public int TimerId { get; set; }

        /// <summary>CONNECT_IND sent; waiting for the first connection event.</summary>
        public bool Answered { get; set; }

        public int EstablishTimerId { get; set; }
    }
}
