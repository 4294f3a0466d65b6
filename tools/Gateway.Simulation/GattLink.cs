using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// One GATT link between a central and a peripheral station. Data moves only at connection
/// events (anchor + k·connInterval, Core Spec Vol 6 Part B §4.5.1), in order, at most
/// PacketsPerConnectionEvent per direction per event, central first. A terminate travels behind
/// the data its side queued before closing (LL_TERMINATE_IND). A lost link delivers nothing from
/// the loss on, and both surviving sides learn of it a supervision timeout later (§4.5.2).
/// </summary>
internal sealed partial class GattLink
{
    private readonly VirtualAir _air;
    private readonly VirtualGattCentral _centralRole;
    private readonly VirtualGattPeripheral _peripheralRole;
    private readonly ushort _serviceUuid;
    private readonly ushort _dataInUuid;
    private readonly ushort _dataOutUuid;
    private readonly Queue<Packet> _toPeripheral = new Queue<Packet>();
    private readonly Queue<Packet> _toCentral = new Queue<Packet>();
    private LinkState _state;
    private readonly Dictionary<long, int> _eventAirtime = new Dictionary<long, int>();
    private long _anchor;
    private long _anchorUs;
    private int _interval;
    private long _lostAt = long.MaxValue;
    private int _eventTimer;
    private int _supervisionTimer;

    public GattLink(AirStation central, AirStation peripheral, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler clientHandler)
    {
        _air = central.Air;
        Central = central;
        Peripheral = peripheral;
        _centralRole = central.Central;
        _peripheralRole = peripheral.Peripheral;
        _serviceUuid = serviceUuid;
        _dataInUuid = dataInUuid;
        _dataOutUuid = dataOutUuid;
        ClientHandler = clientHandler;
        Mtu = Math.Min(central.Mtu, peripheral.Mtu);
        CentralEnd = new VirtualGattConnection(this);
        PeripheralEnd = new VirtualGattServerConnection(this);
    }

    private enum LinkState
    {
        Setup,
        Open,
        Closed,
    }

    public AirStation Central { get; }

    public AirStation Peripheral { get; }

    public int Mtu { get; }

    public IGattClientHandler ClientHandler { get; }

    public IGattServerHandler ServerHandler { get; private set; }

    public VirtualGattConnection CentralEnd { get; }

    public VirtualGattServerConnection PeripheralEnd { get; }

    /// <summary>The central's stack has given (or must never give) its last callback for this link.</summary>
    public bool CentralDone { get; private set; }

    /// <summary>The peripheral's stack has given (or must never give) its last callback for this link.</summary>
    public bool PeripheralDone { get; private set; }

    public bool IsOpen => _state == LinkState.Open;

    /// <summary>Link layer connected: discovery and the CCCD write follow, then both sides hear of it.</summary>
    public void Start()
    {
        _anchor = _air.Scheduler.NowMilliseconds;
        _anchorUs = (_anchor * 1000) + _air.NextInt(1000);
        _interval = Math.Max(1, _air.Settings.ConnectionIntervalMs);
        _air.Scheduler.Schedule(_air.Settings.DiscoveryDelayMs, CompleteSetup);
    }

    /// <summary>A side closes the link on purpose: its own handler hears LocalClose soon, the peer at a coming event.</summary>
    public void Disconnect(bool byCentral)
    {
        if (_state != LinkState.Open || (byCentral ? CentralDone : PeripheralDone))
        {
            return;
        }

        (byCentral ? _toPeripheral : _toCentral).Enqueue(Packet.Terminate);
        AirStation closer = byCentral ? Central : Peripheral;
        closer.Statistics.Disconnections++;
        _air.Statistics.Disconnections++;
        _air.Trace(_air.Scheduler.NowMilliseconds, closer, byCentral ? Peripheral : Central, AirEventKind.GattDisconnected, 0, (int)GattLinkStatus.LocalClose);
        if (byCentral)
        {
            MarkCentralDone();
            IGattClientHandler handler = ClientHandler;
            _air.Scheduler.Post(() => handler.OnDisconnected(GattLinkStatus.LocalClose));
        }
        else
        {
            MarkPeripheralDone();
            IGattServerHandler handler = ServerHandler;
            VirtualGattServerConnection end = PeripheralEnd;
            _air.Scheduler.Post(() => handler.OnDisconnected(end));
        }

        if (CentralDone && PeripheralDone)
        {
            Close();
            return;
        }

        EnsureEvent();
    }

    /// <summary>The peripheral stopped serving: a set-up link fails, an open link is closed from its side.</summary>
    public void StopFromPeripheral()
    {
        if (_state == LinkState.Setup)
        {
            MarkPeripheralDone();
        }
        else
        {
            Disconnect(false);
        }
    }

    /// <summary>
    /// The radio link is gone now (power cut or out of range). A side whose station lost power is
    /// silenced: its software is gone and hears nothing more.
    /// </summary>
    public void Lose(bool silenceCentral, bool silencePeripheral)
    {
        if (_state == LinkState.Closed)
        {
            return;
        }

        if (silenceCentral)
        {
            MarkCentralDone();
        }

        if (silencePeripheral)
        {
            MarkPeripheralDone();
        }

        if (CentralDone && PeripheralDone)
        {
            Close();
            return;
        }

        long now = _air.Scheduler.NowMilliseconds;
        if (now < _lostAt)
        {
            _lostAt = now;
            if (_state == LinkState.Open)
            {
                ScheduleSupervisionTimeout();
            }
        }
    }

    private void CompleteSetup()
    {
        if (_state != LinkState.Setup)
        {
            return;
        }

        long now = _air.Scheduler.NowMilliseconds;
        VirtualGattPeripheral server = _peripheralRole;
        if (CentralDone)
        {
            Close();
            return;
        }

        if (PeripheralDone || _lostAt <= now || !server.IsServing)
        {
            FailSetup(GattLinkStatus.ConnectFailed);
            return;
        }

        if (server.ServiceUuid != _serviceUuid || server.DataInUuid != _dataInUuid || server.DataOutUuid != _dataOutUuid)
        {
            // Primary service / characteristic discovery found nothing: the central's adapter gives up.
            FailSetup(GattLinkStatus.ServiceNotFound);
            return;
        }

        _state = LinkState.Open;
        ServerHandler = server.Handler;
        DrawLinkLoss(now);
        Central.Statistics.ConnectionsOpened++;
        Peripheral.Statistics.ConnectionsOpened++;
        _air.Statistics.ConnectionsOpened++;
        _air.Trace(now, Central, Peripheral, AirEventKind.GattConnected, 0, Mtu);

        // The CCCD write reaches the peripheral first; its response completes the central's setup.
        ServerHandler.OnSubscribed(PeripheralEnd);
        if (_state != LinkState.Closed && !CentralDone)
        {
            ClientHandler.OnConnected(CentralEnd);
        }
    }

    private void FailSetup(GattLinkStatus status)
    {
        Central.Statistics.ConnectionsFailed++;
        _air.Statistics.ConnectionsFailed++;
        _air.Trace(_air.Scheduler.NowMilliseconds, Central, Peripheral, AirEventKind.GattConnectFailed, 0, (int)status);
        Close();
        ClientHandler.OnDisconnected(status);
    }

    private void DrawLinkLoss(long now)
    {
        double p = _air.Settings.LinkLossProbabilityPerEvent;
        if (p <= 0)
        {
            return;
        }

        // Geometric number of good events before the fatal one: one draw instead of one per event.
        double good = p >= 1 ? 0 : Math.Floor(Math.Log(1.0 - _air.NextDouble()) / Math.Log(1.0 - p));
        if (good > 1e9)
        {
            return;
        }

        _lostAt = _anchor + (((long)good + 1) * _interval);
        ScheduleSupervisionTimeout();
    }

    /// <summary>
    /// Whether a connection event of this link occupies both ends' radios somewhere in
    /// [start, end) µs. Every event takes at least an empty exchange (EmptyConnectionEventUs);
    /// events that moved data take their packets' air time.
    /// </summary>
    public bool IsRadioBusy(long start, long end)
    {
        if (_state == LinkState.Closed || _interval == 0)
        {
            return false;
        }

        long intervalUs = _interval * 1000L;
        long k0 = (start - _anchorUs) >= 0 ? (start - _anchorUs) / intervalUs : -1;
        for (long k = Math.Max(0, k0); k <= k0 + 1; k++)
        {
            long eventStart = _anchorUs + (k * intervalUs);
            if (_lostAt != long.MaxValue && eventStart >= _lostAt * 1000)
            {
                break;
            }

            int airtime = _eventAirtime.TryGetValue(k, out int recorded) ? recorded : _air.Settings.EmptyConnectionEventUs;
            if (eventStart < end && eventStart + airtime > start)
            {
                return true;
            }
        }

        return false;
    }

    private void ScheduleSupervisionTimeout()
    {
        if (_supervisionTimer != 0)
        {
            _air.Scheduler.Cancel(_supervisionTimer);
        }

        long due = _lostAt + _air.Settings.SupervisionTimeoutMs;
        _supervisionTimer = _air.Scheduler.Schedule(due - _air.Scheduler.NowMilliseconds, OnSupervisionTimeout);
    }

    private void OnSupervisionTimeout()
    {
        _supervisionTimer = 0;
        if (_state == LinkState.Closed)
        {
            return;
        }

        long now = _air.Scheduler.NowMilliseconds;
        Central.Statistics.ConnectionsLost++;
        Peripheral.Statistics.ConnectionsLost++;
        _air.Statistics.ConnectionsLost++;
        _air.Trace(now, Central, Peripheral, AirEventKind.GattLinkLost, 0, (int)GattLinkStatus.Timeout);
        bool notifyCentral = !CentralDone;
        bool notifyPeripheral = !PeripheralDone;
        IGattServerHandler serverHandler = ServerHandler;
        Close();
        if (notifyPeripheral)
        {
            serverHandler.OnDisconnected(PeripheralEnd);
        }

        if (notifyCentral)
        {
            ClientHandler.OnDisconnected(GattLinkStatus.Timeout);
        }
    }

    private void MarkCentralDone()
    {
        if (!CentralDone)
        {
            CentralDone = true;
            _centralRole.Release(this);
        }
    }

    private void MarkPeripheralDone()
    {
        if (!PeripheralDone)
        {
            PeripheralDone = true;
            _peripheralRole.Release(this);
        }
    }

    private void Close()
    {
        _state = LinkState.Closed;
        if (_eventTimer != 0)
        {
            _air.Scheduler.Cancel(_eventTimer);
            _eventTimer = 0;
        }

        if (_supervisionTimer != 0)
        {
            _air.Scheduler.Cancel(_supervisionTimer);
            _supervisionTimer = 0;
        }

        _toPeripheral.Clear();
        _toCentral.Clear();
        MarkCentralDone();
        MarkPeripheralDone();
    }
}
