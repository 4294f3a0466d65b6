using System.Collections.Generic;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// The gateway's mesh provisioning path on the virtual air, as the firmware composes it: one radio
/// receiver feeding the PB-ADV bearer and the discovery table, a <see cref="MeshProvisioner"/> with
/// its slot limits, and one CPU that every P-256 operation queues for. The authorization that
/// normally comes from the cloud is a policy here (auto by default), so provisioning can be
/// measured on its own.
/// </summary>
public sealed partial class SimulatedMeshGateway : IProvisionerEvents
{
    private readonly IScheduler _scheduler;
    private readonly Dictionary<string, MeshProvisioningRecord> _records = new();
    private readonly Dictionary<string, SimulatedMeshNode> _nodes = new();
    private int _nextAddress = 0x0100;

    /// <summary>Provisioning only: devices are authorized by <see cref="AutoAuthorize"/> or <see cref="Authorize(byte[])"/>.</summary>
    public SimulatedMeshGateway(AirStation station, IScheduler scheduler, long seed, MeshGatewayOptions options)
        : this(station, scheduler, seed, options, null, null)
    {
    }

    /// <summary>
    /// With <paramref name="storage"/>: the whole mesh gateway (<c>SimulatedMeshGateway.Network.cs</c>)
    /// built from what the storage holds; with <paramref name="cloud"/> as well, the provisioning
    /// workflow with the cloud decides instead of <see cref="AutoAuthorize"/>.
    /// </summary>
    public SimulatedMeshGateway(AirStation station, IScheduler scheduler, long seed, MeshGatewayOptions options, IStorage storage, MeshGatewayCloud cloud)
        : this(station.Name, station.Radio, ConfigureCentral(station, options), scheduler, seed, options, storage, cloud)
    {
        Station = station;
    }

    /// <summary>
    /// The same gateway on any advertising radio, e.g. an external one on a Unix datagram socket
    /// (Gateway.Host's UnixSocketRadio, where bluetooth-meshd nodes live), and an optional GATT
    /// central: without one, provisioning is PB-ADV only and every node is reached over the
    /// advertising bearer (<see cref="MeshGatewayOptions.AdvertisingBearer"/> must then be set).
    /// </summary>
    public SimulatedMeshGateway(string name, IAdvertisingRadio radio, IGattCentral central, IScheduler scheduler, long seed, MeshGatewayOptions options, IStorage storage, MeshGatewayCloud cloud)
    {
        if (radio == null)
        {
            throw new System.ArgumentNullException(nameof(radio));
        }

        if (central == null && !options.AdvertisingBearer)
        {
            throw new System.ArgumentException("without a GATT central the gateway needs the advertising bearer", nameof(options));
        }

        Name = name;
        Radio = radio;
        Central = central;
        Options = options;
        Process = new Process.SimulatedProcess(scheduler, name);
        scheduler = Process.Scheduler;
        _scheduler = scheduler;
        var random = new SeededRandom(seed);
        Cpu = new SimulatedCpu(scheduler, name + ".cpu");
        KeyWorker = new SimulatedKeyAgreementWorker(new ManagedKeyAgreement(), random, Cpu, options.ScalarMultiplicationMs, options.PrecomputeKeyPair);
        Log = new CapturingLog();
        Context = new ProvisioningContext(scheduler, random, KeyWorker, new ManagedAes128(), Log, options.Settings);
        if (options.FairAdvertiser)
        {
            // One advertiser, three classes taking turns: Network PDUs, PB-ADV, beacons.
            Advertiser = new AdvertisingScheduler(radio, scheduler, new[] { 16, 16, 2 });
        }

        PbAdv = new PbAdvBearer(Advertiser == null ? radio : Advertiser.GetLane(PbAdvLane), scheduler, random, options.PbAdvOptions);
        PbAdv.Pacer = Advertiser;
        Discovery = new UnprovisionedDeviceTable(scheduler, new DiscoveryOptions { Capacity = options.DiscoveryCapacity });
        radio.SetReceiver(OnAdvertisement);
        Provisioner = new MeshProvisioner(Context, PbAdv, central, null) { MaxPbAdvSessions = options.MaxPbAdvSessions };
        Discovery.DeviceFound += OnDeviceFound;
        if (storage != null)
        {
            // Booting is firmware too: a power cut during one of its writes ends it (Process.Run).
            Process.Run(() => BuildMeshStack(storage, cloud, random, seed));
        }
    }

    /// <summary>Lanes of <see cref="Advertiser"/>.</summary>
    public const int NetworkLane = 0;
    public const int PbAdvLane = 1;
    public const int BeaconLane = 2;

    /// <summary>The fair queue in front of the radio (null when <see cref="MeshGatewayOptions.FairAdvertiser"/> is off).</summary>
    public AdvertisingScheduler Advertiser { get; }

    /// <summary>The gateway's software; <see cref="PowerFail"/> kills it.</summary>
    public Process.SimulatedProcess Process { get; }

    /// <summary>Its station on the virtual air; null on an external radio.</summary>
    public AirStation Station { get; }

    public string Name { get; }

    public IAdvertisingRadio Radio { get; }

    /// <summary>The GATT central for PB-GATT and the proxy; null when the gateway has none.</summary>
    public IGattCentral Central { get; }

    public MeshGatewayOptions Options { get; }

    public SimulatedCpu Cpu { get; }

    public SimulatedKeyAgreementWorker KeyWorker { get; }

    public CapturingLog Log { get; }

    public ProvisioningContext Context { get; }

    public PbAdvBearer PbAdv { get; }

    public UnprovisionedDeviceTable Discovery { get; }

    public MeshProvisioner Provisioner { get; }

    public IReadOnlyCollection<MeshProvisioningRecord> Records => _records.Values;

    /// <summary>Authorize devices as soon as they are found (the cloud's auto-approval).</summary>
    public bool AutoAuthorize { get; set; } = true;

    /// <summary>NetKey pushed to every node (a secret of the simulated home).</summary>
    public byte[] NetKey { get; set; } = Hex.Decode("7dd7364cd842ad18c17c2b820c84c3d6");

    /// <summary>Per-device request settings (static OOB values the cloud knows, policies).</summary>
    public System.Func<byte[], ProvisioningRequest, ProvisioningRequest> ConfigureRequest { get; set; }

    private static IGattCentral ConfigureCentral(AirStation station, MeshGatewayOptions options)
    {
        station.Central.MaxConnections = options.MaxGattConnections;
        return station.Central;
    }

    /// <summary>Lets the gateway read Output OOB from a node like the app user would.</summary>
    public void Know(SimulatedMeshNode node) => _nodes[Hex.Encode(node.Uuid)] = node;

    public MeshProvisioningRecord Find(byte[] uuid) => _records.TryGetValue(Hex.Encode(uuid), out var r) ? r : null;

    /// <summary>Authorizes one discovered device now (manual approval).</summary>
    public bool Authorize(byte[] uuid)
    {
        UnprovisionedDevice device = Discovery.Find(uuid);
        if (device == null)
        {
            return false;
        }

        Authorize(device);
        return true;
    }

    /// <summary>One radio receiver fans out to every listener (as the firmware's scanner does).</summary>
    private void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
    {
        Process.Run(() =>
        {
            PbAdv.OnAdvertisement(address, rssi, data, offset, length);
            Discovery.OnAdvertisement(address, rssi, data, offset, length);
            NetworkBearer?.OnAdvertisement(address, rssi, data, offset, length);
            ProxyConnector?.OnAdvertisement(address, rssi, data, offset, length);
        });
    }

    private void OnDeviceFound(UnprovisionedDevice device, UnprovisionedDeviceChange change)
    {
        if (AutoAuthorize && change == UnprovisionedDeviceChange.New)
        {
            Authorize(device);
        }
    }

    private void Authorize(UnprovisionedDevice device)
    {
        string key = Hex.Encode(device.Uuid);
        if (Provisioner.IsBusyWith(device.Uuid) || (_records.TryGetValue(key, out var existing) && existing.Outcome == ProvisioningOutcome.Success))
        {
            return;
        }

        var request = new ProvisioningRequest(NetKey, 0, 0);
        if (ConfigureRequest != null)
        {
            request = ConfigureRequest(device.Uuid, request);
        }

        ProvisioningBearerType bearer = (device.Bearers & UnprovisionedDeviceBearers.PbAdv) != 0 && Options.PreferPbAdv
            ? ProvisioningBearerType.PbAdv
            : ((device.Bearers & UnprovisionedDeviceBearers.PbGatt) != 0 ? ProvisioningBearerType.PbGatt : ProvisioningBearerType.PbAdv);
        if (!_records.TryGetValue(key, out var record))
        {
            record = new MeshProvisioningRecord(device.Uuid) { FoundAtMs = device.FirstSeenMilliseconds };
            _records[key] = record;
        }

        record.Bearer = bearer;
        record.Attempts++;
        record.AuthorizedAtMs = _scheduler.NowMilliseconds;
        Provisioner.Enqueue(new ProvisioningJob(device.Uuid, bearer, device.GattAddress, request, this));
    }

    bool IProvisionerEvents.TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
    {
        unicastAddress = _nextAddress;
        if (_nextAddress + elementCount - 1 > 0x7FFF)
        {
            return false;
        }

        _nextAddress += elementCount;
        return true;
    }

    void IProvisionerEvents.OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
    {
        // The app user reads the value off the node after a few seconds and types it in.
        if (_nodes.TryGetValue(Hex.Encode(session.DeviceUuid), out var node))
        {
            _scheduler.Schedule(Options.PersonDelayMs, () =>
            {
                if (node.ShownOutputOob != null)
                {
                    session.SupplyOutputOob(node.ShownOutputOob);
                }
            });
        }
    }

    void IProvisionerEvents.OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
    {
        if (_nodes.TryGetValue(Hex.Encode(session.DeviceUuid), out var node))
        {
            node.TypeInputOob = () => value;
        }
    }

    bool IProvisionerEvents.OnSendingProvisioningData(ProvisionerSession session) => true;

    void IProvisionerEvents.OnProvisioned(ProvisionerSession session)
    {
        var record = _records[Hex.Encode(session.DeviceUuid)];
        record.UnicastAddress = session.UnicastAddress;
        record.ElementCount = session.NumberOfElements;
        record.DeviceKey = session.DeviceKey;
    }

    void IProvisionerEvents.OnEnded(ProvisionerSession session)
    {
        var record = _records[Hex.Encode(session.DeviceUuid)];
        record.Outcome = session.Outcome;
        record.ErrorCode = session.ErrorCode;
        record.FailureDetail = session.FailureDetail;
        record.Algorithm = session.StartParameters?.Algorithm;
        record.Method = session.StartParameters?.AuthenticationMethod;
        record.EndedAtMs = _scheduler.NowMilliseconds;
        if (session.Outcome != ProvisioningOutcome.Success && Options.RetryFailed && record.Attempts < Options.MaxAttempts)
        {
            // Let discovery see the device again, then try once more.
            Discovery.Remove(session.DeviceUuid);
        }
    }
}
