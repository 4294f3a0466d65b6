using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// A station's GATT peripheral role (the core's <see cref="IGattPeripheral"/> port): one 16-bit
/// service with Data In / Data Out, advertised connectably (ADV_IND on channels 37, 38, 39) every
/// <see cref="AdvertisingIntervalMs"/> + advDelay. Scanners receive those adverts like any other,
/// and a central connects only when its initiator hears one. While <see cref="MaxConnections"/>
/// centrals are connected the peripheral stops advertising (as NimBLE does after a connection)
/// and resumes when a link ends.
/// </summary>
public sealed class VirtualGattPeripheral : IGattPeripheral
{
    private readonly AirStation _station;
    private readonly List<GattLink> _links = new List<GattLink>();
    private byte[] _advertisingData;
    private int _advertisingTimer;
    private int _maxConnections;
    private int? _advertisingInterval;

    internal VirtualGattPeripheral(AirStation station)
    {
        _station = station;
        _maxConnections = station.Air.Settings.PeripheralMaxConnections;
    }

    /// <summary>Centrals served at once; connectable advertising pauses while they are all taken.</summary>
    public int MaxConnections
    {
        get => _maxConnections;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConnections = value;
            RefreshAdvertising();
        }
    }

    /// <summary>
    /// advInterval of the connectable advertising; unset, the air's
    /// <see cref="AirSettings.ConnectableAdvertisingIntervalMs"/> (NimBLE's default). A device
    /// model sets its stack's value (e.g. Zephyr's mesh PB-GATT / Proxy: 100 ms).
    /// </summary>
    public int AdvertisingIntervalMs
    {
        get => _advertisingInterval ?? _station.Air.Settings.ConnectableAdvertisingIntervalMs;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 20);
            _advertisingInterval = value;
        }
    }

    public bool IsServing { get; private set; }

    /// <summary>Serving, powered and a connection slot free: connectable adverts are going out.</summary>
    public bool IsAdvertising => _advertisingTimer != 0;

    public ushort ServiceUuid { get; private set; }

    public ushort DataInUuid { get; private set; }

    public ushort DataOutUuid { get; private set; }

    /// <summary>Centrals connected or connecting.</summary>
    public int ConnectionCount => _links.Count;

    internal IGattServerHandler Handler { get; private set; }

    public void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        byte[] copy = CopyAdvertisingData(advertisingData);
        if (IsServing)
        {
            StopService();
        }

        ServiceUuid = serviceUuid;
        DataInUuid = dataInUuid;
        DataOutUuid = dataOutUuid;
        Handler = handler;
        _advertisingData = copy;
        IsServing = true;
        RefreshAdvertising();
    }

    public void UpdateAdvertisingData(byte[] advertisingData)
    {
        if (!IsServing)
        {
            throw new InvalidOperationException("no service is running");
        }

        // A fresh array: transmissions already in flight keep the frame they were sent with.
        _advertisingData = CopyAdvertisingData(advertisingData);
    }

    public void StopService()
    {
        if (!IsServing)
        {
            return;
        }

        IsServing = false;
        RefreshAdvertising();
        foreach (GattLink link in _links.ToArray())
        {
            link.StopFromPeripheral();
        }
    }

    internal void Accept(GattLink link)
    {
        _links.Add(link);
        RefreshAdvertising();
    }

    internal void Release(GattLink link)
    {
        if (_links.Remove(link))
        {
            RefreshAdvertising();
        }
    }

    /// <summary>Whether a connection event of one of this peripheral's links occupies its radio in [start, end) µs.</summary>
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

    internal void OnPowerOff()
    {
        RefreshAdvertising();
        foreach (GattLink link in _links.ToArray())
        {
            link.Lose(silenceCentral: false, silencePeripheral: true);
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

    /// <summary>Starts or stops the connectable advertising timer to match the state.</summary>
    internal void RefreshAdvertising()
    {
        VirtualAir air = _station.Air;
        bool should = IsServing && _station.IsPowered && _links.Count < _maxConnections;
        if (should && _advertisingTimer == 0)
        {
            _advertisingTimer = air.Scheduler.Schedule(air.UniformInclusive(0, air.Settings.AdvDelayMaxMs), Advertise);
        }
        else if (!should && _advertisingTimer != 0)
        {
            air.Scheduler.Cancel(_advertisingTimer);
            _advertisingTimer = 0;
        }
    }

    private void Advertise()
    {
        VirtualAir air = _station.Air;
        _advertisingTimer = 0;
        air.TransmitEvent(_station, _advertisingData, _advertisingData.Length, true, 7);
        int next = Math.Max(1, AdvertisingIntervalMs) + air.UniformInclusive(0, air.Settings.AdvDelayMaxMs);
        _advertisingTimer = air.Scheduler.Schedule(next, Advertise);
    }

    private byte[] CopyAdvertisingData(byte[] advertisingData)
    {
        ArgumentNullException.ThrowIfNull(advertisingData);
        int max = _station.Air.Settings.MaxAdvertisingDataLength;
        if (advertisingData.Length == 0 || advertisingData.Length > max)
        {
            throw new ArgumentException($"advertising data must be 1..{max} octets", nameof(advertisingData));
        }

        return (byte[])advertisingData.Clone();
    }
}
