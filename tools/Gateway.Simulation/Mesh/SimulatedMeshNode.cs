using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// A Bluetooth Mesh node on the virtual air. Unprovisioned, it advertises Unprovisioned Device
/// beacons (PB-ADV) or the Mesh Provisioning Service (PB-GATT) and runs the core's
/// <see cref="DeviceSession"/> (the reference device role) with its own CPU cost for ECDH.
/// Provisioned, it joins the network (<c>SimulatedMeshNode.Network.cs</c>): a
/// <see cref="MeshNetwork"/> and a <see cref="ConfigServer"/>, reached over the advertising bearer
/// (PB-ADV nodes) or its GATT Proxy (PB-GATT nodes). Behaviours of real nodes can be switched on:
/// silence after a point, a wrong static OOB value.
/// </summary>
public sealed partial class SimulatedMeshNode : IDeviceProvisioningEvents
{
    private readonly IScheduler _scheduler;
    private readonly ProvisioningContext _context;
    private readonly PbAdvBearer _pbAdv;
    private readonly MeshNodeOptions _options;
    private readonly SeededRandom _random;
    private readonly SeededRandom _startRandom;
    private DeviceSession _session;
    private IProvisioningBearer _link;
    private int _beaconTimer;

    public SimulatedMeshNode(AirStation station, IScheduler scheduler, long seed, MeshNodeOptions options)
    {
        Station = station;
        _scheduler = scheduler;
        _options = options;
        Uuid = options.Uuid;
        var random = new SeededRandom(seed);
        _random = new SeededRandom(seed ^ 0x6E6F6465);
        _startRandom = new SeededRandom(seed ^ 0x626F6F74);
        Cpu = new SimulatedCpu(scheduler, station.Name + ".cpu");
        var keys = new SimulatedKeyAgreementWorker(new ManagedKeyAgreement(), random, Cpu, options.EcdhCostMs, precompute: false);
        _context = new ProvisioningContext(scheduler, random, keys, new ManagedAes128(), NullLog.Instance, options.Settings ?? new ProvisioningSettings());
        station.Peripheral.AdvertisingIntervalMs = options.ConnectableAdvertisingIntervalMs;
        if (options.Bearer == ProvisioningBearerType.PbAdv)
        {
            _pbAdv = new PbAdvBearer(station.Radio, scheduler, random, options.PbAdvOptions);
            station.Radio.SetReceiver(OnAdvertisement);
        }
    }

    public AirStation Station { get; }

    public byte[] Uuid { get; }

    public SimulatedCpu Cpu { get; }

    /// <summary>The current (or last) provisioning session.</summary>
    public DeviceSession Session => _session;

    public bool IsProvisioned => _session != null && _session.Outcome == ProvisioningOutcome.Success;

    public ProvisioningBearerType Bearer => _options.Bearer;

    public int Attempts { get; private set; }

    /// <summary>What the node shows for Output OOB (the test reads it like a person would).</summary>
    public string ShownOutputOob { get; private set; }

    /// <summary>Input OOB: returns what the person types on the node (null, or a null answer = nothing to type yet).</summary>
    public System.Func<string> TypeInputOob { get; set; }

    /// <summary>
    /// Starts accepting a provisioner; a PB-ADV node sends its first Unprovisioned Device beacon
    /// after a drawn 0..<see cref="MeshNodeOptions.StartSpreadMs"/> and then every beacon interval.
    /// </summary>
    public void Start()
    {
        StartSession();
        if (_options.Bearer == ProvisioningBearerType.PbAdv)
        {
            long spread = _options.StartSpreadMs > 0 ? _startRandom.NextInt((int)_options.StartSpreadMs + 1) : 0;
            _beaconTimer = _scheduler.Schedule(spread, SendBeacon);
        }
        else if (_options.FastAdvertisingMs > 0)
        {
            // Zephyr's PB-GATT server advertises fast for its first 60 s, then slowly
            // (pb_gatt_srv.c FAST_ADV_TIME, ADV_SLOW_INT = 1–1.2 s).
            Station.Peripheral.AdvertisingIntervalMs = _options.ConnectableAdvertisingIntervalMs;
            _scheduler.Schedule(_options.FastAdvertisingMs, () =>
            {
                if (!IsProvisioned)
                {
                    Station.Peripheral.AdvertisingIntervalMs = _options.SlowConnectableAdvertisingIntervalMs;
                }
            });
        }
    }

    private void StartSession()
    {
        Attempts++;
        _session = new DeviceSession(_context, _options.Capabilities, _options.StaticOob, this);
        _link = _options.Bearer == ProvisioningBearerType.PbAdv
            ? _pbAdv.CreateDeviceLink(Uuid, _session)
            : new PbGattServerLink(Station.Peripheral, ProvisioningServiceData.BuildAdvertisingData(Uuid, _options.OobInformation, false), Uuid, _scheduler, _session, new PbGattOptions());
        _session.Start(_link);
    }

    private void SendBeacon()
    {
        _beaconTimer = 0;
        if (IsProvisioned)
        {
            return;
        }

        // MshPRT §3.9.2 / ble-mesh.md §3.3: Mesh Beacon AD (0x2B) with beacon type 0x00.
        var ad = new byte[2 + UnprovisionedDeviceBeacon.LengthWithoutUriHash];
        var w = new ByteWriter(ad, 0, ad.Length);
        UnprovisionedDeviceBeacon.Write(w, Uuid, _options.OobInformation, false, 0);
        if (Station.IsPowered && !_options.Mute)
        {
            // Zephyr / ESP-BLE-MESH UNPROV_XMIT: three transmissions 20 ms apart.
            Station.Radio.Send(ad, 0, ad.Length, _options.BeaconTransmitCount, _options.BeaconTransmitIntervalMs);
        }

        _beaconTimer = _scheduler.Schedule(_options.BeaconIntervalMs, SendBeacon);
    }

    void IDeviceProvisioningEvents.OnAttention(int seconds)
    {
    }

    void IDeviceProvisioningEvents.OnOutputOobShow(OutputOobAction action, string value) => ShownOutputOob = value;

    void IDeviceProvisioningEvents.OnInputOobRequested(InputOobAction action, int size)
    {
        // The node asks as soon as it has sent its public key; the gateway only shows the value once
        // that key has arrived. The person looks at the gateway's display after PersonDelayMs and
        // types what is shown, or waits a little longer while nothing is shown yet.
        DeviceSession session = _session;
        _scheduler.Schedule(_options.PersonDelayMs, () => TypeWhenShown(session));
    }

    private void TypeWhenShown(DeviceSession session)
    {
        if (!ReferenceEquals(session, _session) || session.IsEnded)
        {
            return;
        }

        string typed = TypeInputOob?.Invoke();
        if (typed != null)
        {
            session.SupplyInputOob(typed);
            return;
        }

        _scheduler.Schedule(500, () => TypeWhenShown(session));
    }

    /// <summary>One radio, two listeners: PB-ADV (0x29) and, once provisioned, the network bearer (0x2A/0x2B).</summary>
    private void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
    {
        _pbAdv.OnAdvertisement(address, rssi, data, offset, length);
        AdvertisingBearer?.OnAdvertisement(address, rssi, data, offset, length);
    }

    void IDeviceProvisioningEvents.OnEnded(DeviceSession session)
    {
        if (session.Outcome == ProvisioningOutcome.Success && ReferenceEquals(session, _session))
        {
            JoinNetwork(session, _link);
            return;
        }

        if (session.Outcome != ProvisioningOutcome.Success && _options.RetryAfterFailure)
        {
            // A real node goes back to advertising and accepts the next attempt.
            _scheduler.Schedule(1000, () =>
            {
                if (!IsProvisioned && ReferenceEquals(session, _session))
                {
                    StartSession();
                }
            });
        }
    }
}
