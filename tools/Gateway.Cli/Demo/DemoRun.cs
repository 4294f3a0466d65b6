using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cloud;
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
/// `gw demo`: the cloud emulator on an MQTT broker (embedded MQTTnet by default), the gateway core
/// with host adapters talking real MQTT over TCP to it, and a simulated home on the virtual air,
/// all on one clock that runs 10× faster than the wall clock (1× with --real-time).
/// </summary>
internal sealed partial class DemoRun : IAsyncDisposable
{
    private const string GatewayProductKey = "a1GwDemo001";
    private const string GatewayDeviceName = "gateway-demo";

    private readonly DemoOptions _options;
    private readonly List<DemoDevice> _devices = new();
    private readonly CapturingLog _log = new();
    private readonly string _stateFolder;
    private RealTimeScheduler _scheduler;
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
    private FileStorage _gatewayStorage;

    public DemoRun(DemoOptions options)
    {
        _options = options;
        _stateFolder = Path.Combine(Path.GetTempPath(), "gw-demo-" + Environment.ProcessId + "-" + options.Seed);
    }

    public IReadOnlyList<DemoDevice> Devices => _devices;

    public CloudEmulator Emulator => _emulator;

    public long NowMs => _scheduler?.NowMilliseconds ?? 0;

    public string BrokerDescription { get; private set; }

    /// <summary>Starts the cloud and the gateway and populates the home.</summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        _scheduler = new RealTimeScheduler(_log, e => _log.Write(LogLevel.Error, "demo", "callback failed: " + e.Message), "demo-clock", _options.Speed);
        var registry = new CloudRegistry();
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
            _identity = new DeviceCredentials(GatewayProductKey, GatewayDeviceName, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            registry.AddProduct(GatewayProductKey, "DemoGwProdSecret");
            registry.AddDevice(GatewayProductKey, GatewayDeviceName, _identity.DeviceSecret);
            _emulator = new CloudEmulator(registry, new CloudEmulatorOptions { Policy = ApprovalPolicy.Auto }, () => _scheduler.NowMilliseconds);
            _cloudService = await CloudCommand.StartAsync(_emulator, _options.Broker, 0, cancellation);
            _brokerHost = _cloudService.Host;
            _brokerPort = _cloudService.Port;
            BrokerDescription = (_cloudService.IsEmbedded ? "embedded MQTTnet broker" : "external broker") + " mqtt://" + _brokerHost + ":" + _brokerPort;
        }

        Directory.CreateDirectory(_stateFolder);
        await OnClockAsync(() => BuildHome(registry));
    }

    private void BuildHome(CloudRegistry registry)
    {
        var random = new SeededRandom(_options.Seed);
        var air = new AirSettings { LossProbability = _options.Loss, DuplicationProbability = _options.Loss > 0 ? 0.05 : 0 };
        var cloud = new MeshGatewayCloud(
            () => new MqttNetLink(_scheduler, new MqttNetLinkOptions(_brokerHost, _brokerPort, false)),
            _identity,
            new DotNetHmacSha256())
        {
            Settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect, BackoffInitialMilliseconds = 500 },
        };
        _gatewayStorage = new FileStorage(Path.Combine(_stateFolder, "gateway"));
        if (_options.ExternalRadio)
        {
            // The mesh gateway's radio is external (meshd nodes, a HIL rig); the home's air keeps
            // only the simulated Wi-Fi side. No GATT central: PB-ADV and the advertising bearer.
            _externalRadio = new UnixSocketRadio(_scheduler, _options.RadioSocket, _options.RadioPeers.ToArray(), new UnixSocketRadioOptions { PeerAddress = 0xE0000000001 });
            _gateway = new SimulatedMeshGateway("gateway", _externalRadio, null, _scheduler, _options.Seed ^ 0x5A5A, new MeshGatewayOptions { ScalarMultiplicationMs = 0 }, _gatewayStorage, cloud);
        }
        else
        {
            _home = new SimulatedMeshHome(_options.Seed, air, new MeshGatewayOptions { ScalarMultiplicationMs = 1000, RetryFailed = false }, _scheduler, _gatewayStorage, cloud);
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
            var mac = new byte[] { 0x28, 0xfa, 0x7a, 0x00, 0x00, (byte)index };
            var genie = new GenieMeshDevice((uint)(0x1000 + index), mac, RandomNumberGenerator.GetBytes(16), "lamp " + index);
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

    private readonly Dictionary<DemoDevice, byte[]> _meshNodes = new();

    /// <summary>With the external radio, every device the workflow knows becomes a row as it is found.</summary>
    private void AddExternalDevices()
    {
        foreach (MeshDeviceState state in _workflow.Devices())
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
            MeshDeviceRecord record = _emulator?.FindMeshDevice(device.Id);
            if (state == null)
            {
                continue;
            }

            if (device.StartedAtMs < 0)
            {
                device.StartedAtMs = _scheduler.NowMilliseconds;
            }

            device.Stage = state.Stage switch
            {
                MeshDeviceStage.Seen => "found",
                MeshDeviceStage.Reported => "reported to the cloud",
                MeshDeviceStage.Authorized => "authorized",
                MeshDeviceStage.Provisioning => "provisioning",
                MeshDeviceStage.Configuring => "configuring",
                MeshDeviceStage.Done => "done",
                _ => "failed",
            };
            if ((state.Stage == MeshDeviceStage.Done || state.Stage == MeshDeviceStage.Failed) && (_emulator == null || (record != null && record.Results > 0)) && !device.Finished)
            {
                device.Finished = true;
                device.Succeeded = state.Stage == MeshDeviceStage.Done;
                device.EndedAtMs = _scheduler.NowMilliseconds;
                device.Detail = device.Succeeded ? "address " + state.UnicastAddress.ToString("X4") : state.FailureReason;
            }
        }

        RefreshWifi();
    }

    /// <summary>A consistent snapshot of the rows, taken on the clock's thread.</summary>
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

    private Task OnClockAsync(Action action)
    {
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

        _scheduler?.Dispose();
        _externalRadio?.Dispose();
        if (_cloudService != null)
        {
            await _cloudService.DisposeAsync();
        }

        try
        {
            Directory.Delete(_stateFolder, true);
        }
        catch (IOException)
        {
        }
    }
}
