using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.InMemory;
using Gateway.Cloud.Mesh;
using Gateway.Cloud.Registry;
using Gateway.Cloud.Service;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;
using Gateway.Host.Radio;
using Gateway.Host.Runtime;
using Gateway.Simulation;
using Gateway.Simulation.Mesh;

namespace Gateway.Cli.Demo;

/// <summary>
/// `gw demo`: the cloud emulator on an MQTT broker, the gateway core with host adapters, and a
/// simulated home on the virtual air, all on one clock. By default the broker is an embedded
/// MQTTnet one over real TCP and the clock runs 10× faster than the wall clock (1× with
/// --real-time); with --deterministic the broker is in-process, the clock is virtual and every
/// secret comes from the seed, so the same seed replays the same timeline.
/// </summary>
internal sealed partial class DemoRun : IAsyncDisposable
{
    private const string GatewayProductKey = "a1GwDemo001";
    private const string GatewayDeviceName = "gateway-demo";

    /// <summary>Simulated time per step of a deterministic run (the timeline's resolution).</summary>
    private const long VirtualStepMs = 100;

    /// <summary>No change for this long with work pending: the run is stalled (a session that never ends).</summary>
    private const long WatchdogMs = 180_000;

    /// <summary>Wall time per step of a real-time run.</summary>
    private const int WallStepMs = 100;

    private readonly DemoOptions _options;
    private readonly List<DemoDevice> _devices = new();
    private readonly Dictionary<DemoDevice, byte[]> _meshNodes = new();
    private readonly List<DemoDevice> _justFinished = new();
    private readonly CapturingLog _log = new();
    private readonly string _stateFolder;
    private readonly SeededRandom _secrets;
    private IScheduler _scheduler;
    private RealTimeScheduler _realTime;
    private VirtualTimeScheduler _virtual;
    private InMemoryMqttBroker _broker;
    private CloudEmulatorService _cloudService;
    private CloudEmulator _emulator;
    private CloudLink _cloudLink;
    private SimulatedMeshHome _home;
    private SimulatedMeshGateway _gateway;
    private UnixSocketRadio _externalRadio;
    private MeshProvisioningWorkflow _workflow;
    private DeviceCredentials _identity;
    private string _brokerHost;
    private int _brokerPort;
    private long _changes;

    public DemoRun(DemoOptions options)
    {
        _options = options;
        _secrets = new SeededRandom(options.Seed ^ 0x5EC2E75L);
        _stateFolder = options.Deterministic ? null : Path.Combine(Path.GetTempPath(), "gw-demo-" + Environment.ProcessId + "-" + options.Seed);
        Progress = new DemoProgress(65_000, WatchdogMs, options.LimitMs);
    }

    public IReadOnlyList<DemoDevice> Devices => _devices;

    public CloudEmulator Emulator => _emulator;

    public long NowMs => _scheduler?.NowMilliseconds ?? 0;

    public string BrokerDescription { get; private set; }

    /// <summary>Whether the run has come to an end, and why; updated by <see cref="StepAsync"/>.</summary>
    public DemoProgress Progress { get; private set; }

    /// <summary>The mesh gateway (null before <see cref="StartAsync"/>).</summary>
    public SimulatedMeshGateway Gateway => _gateway;

    /// <summary>The P-256 cost the gateway was given, ms per scalar multiplication.</summary>
    public long GatewayScalarMultiplicationMs => _gateway?.Options.ScalarMultiplicationMs ?? 0;

    /// <summary>Starts the cloud and the gateway and populates the home.</summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        var registry = new CloudRegistry();
        if (_options.Deterministic)
        {
            _virtual = new VirtualTimeScheduler();
            _scheduler = _virtual;
        }
        else
        {
            _realTime = new RealTimeScheduler(_log, e => _log.Write(LogLevel.Error, "demo", "callback failed: " + e.Message), "demo-clock", _options.Speed, holdForTimers: _options.Speed > 1);
            _scheduler = _realTime;
        }

        if (_options.ExternalCloud)
        {
            // `gw gateway`: our identity, somebody else's cloud (e.g. `gw cloud`) on the given broker.
            _identity = _options.GatewayIdentity;
            if (!Uri.TryCreate(_options.Broker ?? string.Empty, UriKind.Absolute, out Uri broker))
            {
                throw new CliException("the gateway needs a broker URL such as mqtt://127.0.0.1:1883");
            }

            MqttNetLinkOptions endpoint = MqttNetLinkOptions.FromUri(broker);
            _brokerHost = endpoint.Host;
            _brokerPort = endpoint.Port;
            BrokerDescription = "cloud on mqtt://" + _brokerHost + ":" + _brokerPort;
        }
        else
        {
            _identity = new DeviceCredentials(GatewayProductKey, GatewayDeviceName, Convert.ToHexString(SecretBytes(16)));
            registry.AddProduct(GatewayProductKey, "DemoGwProdSecret");
            registry.AddDevice(GatewayProductKey, GatewayDeviceName, _identity.DeviceSecret);
            var emulatorOptions = new CloudEmulatorOptions { Policy = ApprovalPolicy.Auto, NonceSource = _options.Deterministic ? SecretBytes : null };
            _emulator = new CloudEmulator(registry, emulatorOptions, () => _scheduler.NowMilliseconds);
            if (_options.Deterministic)
            {
                _broker = new InMemoryMqttBroker(_virtual);
                _emulator.AttachTo(_broker);
                BrokerDescription = "in-process broker";
            }
            else
            {
                _cloudService = await CloudCommand.StartAsync(_emulator, _options.Broker, 0, cancellation);
                _brokerHost = _cloudService.Host;
                _brokerPort = _cloudService.Port;
                BrokerDescription = (_cloudService.IsEmbedded ? "embedded MQTTnet broker" : "external broker") + " mqtt://" + _brokerHost + ":" + _brokerPort;
            }
        }

        if (_stateFolder != null)
        {
            Directory.CreateDirectory(_stateFolder);
        }

        await OnClockAsync(() => BuildHome(registry));

        // Quiet long enough for the workflow's re-report of a device the cloud has not answered.
        Progress = new DemoProgress((_workflow?.FoundReportIntervalMs ?? 60_000) + 5_000, WatchdogMs, _options.LimitMs);
    }

    /// <summary>
    /// The gateway's costs and radio: the native add-on path (PB-ADV and the advertising bearer,
    /// P-256 in native mbedTLS, 100 ms on an ESP32) or the stock-firmware path (PB-GATT and the
    /// GATT Proxy only, managed P-256, 1,000 ms). docs/cli.md "P-256 cost".
    /// </summary>
    public static MeshGatewayOptions GatewayOptionsFor(DemoOptions options)
    {
        return options.Stock
            ? new MeshGatewayOptions { ScalarMultiplicationMs = 1000, AdvertisingBearer = false, MaxPbAdvSessions = 0, RetryFailed = false }
            : new MeshGatewayOptions { ScalarMultiplicationMs = 100, RetryFailed = false };
    }

    /// <summary>Secret bytes: from the seed in a deterministic run, else from the system's generator.</summary>
    private byte[] SecretBytes(int count)
    {
        if (!_options.Deterministic)
        {
            return RandomNumberGenerator.GetBytes(count);
        }

        var bytes = new byte[count];
        _secrets.NextBytes(bytes, 0, count);
        return bytes;
    }

    private IMqttLink CreateLink()
    {
        return _broker != null ? _broker.CreateLink() : new MqttNetLink(_scheduler, new MqttNetLinkOptions(_brokerHost, _brokerPort, false));
    }

    private IStorage CreateStorage(string name)
    {
        return _stateFolder == null ? new MemoryStorage() : new FileStorage(Path.Combine(_stateFolder, name));
    }

    private void BuildHome(CloudRegistry registry)
    {
        var air = new AirSettings { LossProbability = _options.Loss, DuplicationProbability = _options.Loss > 0 ? 0.05 : 0 };
        var cloud = new MeshGatewayCloud(CreateLink, _identity, new DotNetHmacSha256())
        {
            Settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect, BackoffInitialMilliseconds = 500 },
        };
        IStorage gatewayStorage = CreateStorage("gateway");
        if (_options.ExternalRadio)
        {
            // The mesh gateway's radio is external (meshd nodes, a HIL rig); the home's air keeps
            // only the simulated Wi-Fi side. No GATT central: PB-ADV and the advertising bearer.
            _externalRadio = new UnixSocketRadio(_scheduler, _options.RadioSocket, _options.RadioPeers.ToArray(), new UnixSocketRadioOptions { PeerAddress = 0xE0000000001 });
            _gateway = new SimulatedMeshGateway("gateway", _externalRadio, null, _scheduler, _options.Seed ^ 0x5A5A, new MeshGatewayOptions { ScalarMultiplicationMs = 0 }, gatewayStorage, cloud);
        }
        else
        {
            _home = new SimulatedMeshHome(_options.Seed, air, GatewayOptionsFor(_options), _scheduler, gatewayStorage, cloud);
            _gateway = _home.Gateway;
        }

        _cloudLink = _gateway.Cloud;
        _workflow = _gateway.Workflow;

        for (int i = 0; i < _options.MeshDevices; i++)
        {
            AddMeshDevice(i);
        }

        AddWifiDevices(registry);
    }

    private void AddMeshDevice(int index)
    {
        ProvisioningBearerType bearer = index % 2 == 0 ? ProvisioningBearerType.PbAdv : ProvisioningBearerType.PbGatt;
        SimulatedMeshNode node;
        string method;
        if (index % 3 == 2 && _emulator != null)
        {
            // A Tmall Genie-style product: the platform knows its static OOB value.
            var mac = new byte[] { 0x28, 0xfa, 0x7a, 0x00, (byte)(index >> 8), (byte)index };
            var genie = new GenieMeshDevice((uint)(0x1000 + index), mac, SecretBytes(16), "lamp " + index);
            _emulator.AddMeshDevice(genie);
            node = _home.AddNode(bearer, o =>
            {
                o.Capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100030001000000000000"), 0, 11);
                o.StaticOob = genie.StaticOob();
            }, genie.Uuid());
            method = "static OOB";
        }
        else
        {
            node = _home.AddNode(bearer);
            method = "no OOB";
        }

        var device = new DemoDevice("mesh-" + (index + 1), bearer == ProvisioningBearerType.PbAdv ? "mesh PB-ADV" : "mesh PB-GATT", Hex.Encode(node.Uuid)) { Method = method };
        _devices.Add(device);
        _meshNodes[device] = node.Uuid;
    }

    /// <summary>With the external radio, every device the workflow knows becomes a row as it is found.</summary>
    private void AddExternalDevices()
    {
        foreach (MeshDeviceState state in _workflow.Devices().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string id = Hex.Encode(state.Uuid);
            if (!_meshNodes.Keys.Any(d => d.Id == id))
            {
                var device = new DemoDevice("radio-" + (_meshNodes.Count + 1), "mesh PB-ADV (external radio)", id) { Method = "from the cloud" };
                _devices.Add(device);
                _meshNodes[device] = state.Uuid;
            }
        }
    }

    /// <summary>Copies the live state into the device rows (runs on the clock's thread).</summary>
    private void Refresh()
    {
        if (_externalRadio != null)
        {
            AddExternalDevices();
        }

        foreach ((DemoDevice device, byte[] uuid) in _meshNodes)
        {
            MeshDeviceState state = _workflow.Find(uuid);
            if (state == null)
            {
                continue;
            }

            if (device.StartedAtMs < 0)
            {
                device.StartedAtMs = _scheduler.NowMilliseconds;
            }

            // A result counts once the cloud has it (the checker's view), not when the gateway decided.
            MeshDeviceRecord record = _emulator?.FindMeshDevice(device.Id);
            bool resultArrived = _emulator == null || (record != null && record.Results > 0);
            switch (state.Stage)
            {
                case MeshDeviceStage.Seen:
                    Set(device, DemoDeviceStatus.WaitingForApproval, "found", "", -1);
                    break;
                case MeshDeviceStage.Reported:
                    Set(device, DemoDeviceStatus.WaitingForApproval, "reported, waiting for approval", "", -1);
                    break;
                case MeshDeviceStage.Authorized:
                    Set(device, DemoDeviceStatus.Queued, "authorized", "", -1);
                    break;
                case MeshDeviceStage.Provisioning:
                    Set(device, DemoDeviceStatus.Running, "provisioning", "", -1);
                    break;
                case MeshDeviceStage.Configuring:
                    Set(device, DemoDeviceStatus.Running, "configuring", "", -1);
                    break;
                case MeshDeviceStage.Done:
                    if (resultArrived)
                    {
                        Set(device, DemoDeviceStatus.Provisioned, "done", "address " + state.UnicastAddress.ToString("X4"), state.EndedAtMs);
                    }
                    else
                    {
                        Set(device, DemoDeviceStatus.Running, "reporting success", "", -1);
                    }

                    break;
                default:
                    if (resultArrived)
                    {
                        Set(device, DemoDeviceStatus.Failed, "failed", state.FailureReason ?? "unknown", state.EndedAtMs);
                    }
                    else
                    {
                        Set(device, DemoDeviceStatus.Running, "reporting failure", "", -1);
                    }

                    break;
            }
        }

        RefreshWifi();
    }

    /// <summary>Sets a row's status; a change is stamped (the live view's "changed last") and a finish is queued for the plain output.</summary>
    private void Set(DemoDevice device, DemoDeviceStatus status, string stage, string detail, long endedAtMs)
    {
        if (device.Status == status && device.Stage == stage && device.Detail == detail)
        {
            return;
        }

        device.Status = status;
        device.Stage = stage;
        device.Detail = detail;
        device.ChangedAtMs = _scheduler.NowMilliseconds;
        device.ChangeSequence = ++_changes;
        if (device.Finished)
        {
            device.EndedAtMs = endedAtMs > 0 ? Math.Min(endedAtMs, _scheduler.NowMilliseconds) : _scheduler.NowMilliseconds;
            _justFinished.Add(device);
        }
        else
        {
            device.EndedAtMs = -1;
        }
    }

    /// <summary>Devices that finished (provisioned or failed) since the last call, in the order they did.</summary>
    public IReadOnlyList<DemoDevice> TakeFinished()
    {
        DemoDevice[] taken = _justFinished.OrderBy(d => d.EndedAtMs).ThenBy(d => d.ChangeSequence).ToArray();
        _justFinished.Clear();
        return taken;
    }

    /// <summary>The provisioner's sessions: running and waiting for a slot.</summary>
    private GatewayWork Work()
    {
        MeshProvisioner provisioner = _gateway?.Provisioner;
        return provisioner == null ? default : new GatewayWork(provisioner.ActiveCount, provisioner.QueuedCount);
    }

    /// <summary>
    /// Lets the home run one step (100 ms of simulated time as fast as the host can in a
    /// deterministic run, 100 ms of wall time otherwise), then takes a consistent snapshot of the
    /// rows and decides whether the run goes on.
    /// </summary>
    public async Task<DemoVerdict> StepAsync(CancellationToken cancellation = default)
    {
        if (_virtual != null)
        {
            _virtual.RunUntil(_virtual.NowMilliseconds + VirtualStepMs);
        }
        else
        {
            await Task.Delay(WallStepMs, cancellation);
        }

        DemoVerdict verdict = DemoVerdict.Running;
        await OnClockAsync(() =>
        {
            Refresh();
            verdict = Progress.Observe(_scheduler.NowMilliseconds, _devices, Work());
        });
        return verdict;
    }

    /// <summary>A consistent snapshot of the rows, taken on the clock's thread; true when every device finished.</summary>
    public async Task<bool> PollAsync()
    {
        bool done = false;
        await OnClockAsync(() =>
        {
            Refresh();
            done = _devices.All(d => d.Finished) && (!_options.ExternalRadio || _meshNodes.Count >= Math.Max(1, _options.ExpectedRadioDevices));
        });
        return done;
    }

    /// <summary>The provisioner's counts now (for the live view).</summary>
    public GatewayWork CurrentWork => Progress.Work;

    private Task OnClockAsync(Action action)
    {
        if (_virtual != null)
        {
            // One thread: the virtual clock only moves inside StepAsync.
            action();
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _scheduler.Post(() =>
        {
            try
            {
                action();
                completion.SetResult();
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cloudLink != null)
        {
            await OnClockAsync(() => _cloudLink.Stop());
        }

        _realTime?.Dispose();
        _externalRadio?.Dispose();
        if (_cloudService != null)
        {
            await _cloudService.DisposeAsync();
        }

        if (_stateFolder != null)
        {
            try
            {
                Directory.Delete(_stateFolder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
