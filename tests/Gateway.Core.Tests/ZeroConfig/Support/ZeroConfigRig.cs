using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Cloud;
using Gateway.Cloud.InMemory;
using Gateway.Cloud.Registry;
using Gateway.Core.Cloud;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Gateway.Simulation.Lan;
using Gateway.Simulation.Wifi;

namespace Gateway.Core.Tests.ZeroConfig.Support
{
    /// <summary>
    /// A home in virtual time: the in-process cloud (InMemoryMqttBroker + CloudEmulator), the Wi-Fi
    /// medium with the home AP and its LAN, the gateway (CloudLink + ZeroConfigWorkflow + Registrar on MemoryStorage) and
    /// any number of simulated enrollees. Everything the scenario puts on the air, through the
    /// broker, on the LAN, in the log and on the gateway's storage is captured for the secret scan.
    /// </summary>
    public sealed class ZeroConfigRig
    {
        public const string GatewayPk = "a1GwPk00001";
        public const string GatewayDn = "gateway-01";
        public const string GatewaySecret = "GwDeviceSecret0123456789abcdefXY";
        public const string LampPk = "a1LampPk001";
        public const string LampProductSecret = "LampProdSecret16";
        public const string HomeSsid = "HomeNet";
        public const string HomePassword = "Tr0ub4dor&3-home-passphrase";
        public const int HomeChannel = 6;
        public static readonly byte[] HomeBssid = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

        private readonly long _seed;

        public ZeroConfigRig(int devices = 1, ApprovalPolicy policy = ApprovalPolicy.Auto, RegistrarSettings settings = null, long seed = 1, WifiSettings wifi = null)
        {
            _seed = seed;
            Settings = settings ?? new RegistrarSettings();
            Registry = CreateRegistry(devices);

            Emulator = new CloudEmulator(Registry, new CloudEmulatorOptions { Policy = policy }, () => Scheduler.NowMilliseconds);
            Broker = new InMemoryMqttBroker(Scheduler);
            Emulator.AttachTo(Broker);
            Action<string, string, byte[]> observer = Broker.PublishObserver;
            Broker.PublishObserver = (client, topic, payload) =>
            {
                if (Intercept == null || !Intercept(client, topic, payload))
                {
                    observer(client, topic, payload);
                }
            };

            Medium = new WifiMedium(Scheduler, seed, wifi);
            Medium.Traced += e =>
            {
                if (e.Kind == WifiEventKind.ProbeRequestSent)
                {
                    AirSent.Add(e);
                }
            };
            Lan = new VirtualLan(Scheduler);
            AccessPoint = Medium.AddAccessPoint(HomeSsid, HomeBssid, HomePassword, HomeChannel, Lan);
            GatewayRadio = Medium.AddRadio("gateway", 0x240AC4000001UL, HomeChannel);
            GatewayStation = AccessPoint.ConnectStation("gateway", GatewayRadio);
            GatewayStation.Lan.Listen(DeviceInfoNotice.CoapPort, (from, port, buffer, offset, count) => Registrar.OnLanNotice(buffer, offset, count));
            Home = new WifiCredentials(HomeSsid, HomePassword, HomeBssid);
            CreateGateway(GatewayStorage);
        }

        public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

        public CloudRegistry Registry { get; }

        public CloudEmulator Emulator { get; }

        public InMemoryMqttBroker Broker { get; }

        public CapturingLog Log { get; } = new CapturingLog();

        public IJsonDom Json { get; } = new JsonDom();

        public WifiMedium Medium { get; }

        public VirtualLan Lan { get; }

        public VirtualAccessPoint AccessPoint { get; }

        public VirtualWifiRadio GatewayRadio { get; }

        public VirtualWifiStation GatewayStation { get; }

        public WifiCredentials Home { get; }

        public RegistrarSettings Settings { get; }

        /// <summary>The gateway's flash; a reboot continues from a snapshot of it.</summary>
        public MemoryStorage GatewayStorage { get; private set; } = new MemoryStorage();

        public CloudLink Cloud { get; private set; }

        public Registrar Registrar { get; private set; }

        /// <summary>Joins <see cref="Registrar"/> to <see cref="Cloud"/>.</summary>
        public ZeroConfigWorkflow Workflow { get; private set; }

        public int Boots { get; private set; }

        /// <summary>Sees every device publish before the cloud does; returning true hides it from the cloud (a tampering or lossy path).</summary>
        public Func<string, string, byte[], bool> Intercept { get; set; }

        /// <summary>The gateway's topics.</summary>
        public TopicBuilder GatewayTopics { get; } = new TopicBuilder(GatewayPk, GatewayDn);

        /// <summary>A message to the gateway as the cloud would send it.</summary>
        public void InjectToGateway(string suffixMethodOrTopic, string payload)
        {
            Broker.Inject(suffixMethodOrTopic.StartsWith("/", StringComparison.Ordinal) ? suffixMethodOrTopic : GatewayTopics.ForMethod(suffixMethodOrTopic), Encoding.UTF8.GetBytes(payload));
        }

        /// <summary>Payloads published on <paramref name="topic"/> so far.</summary>
        public List<string> Published(string topic) => Broker.MessageLog.Where(m => m.Topic == topic).Select(m => m.Payload).ToList();

        /// <summary>Every probe request any radio sent, with its element.</summary>
        public List<WifiTraceEvent> AirSent { get; } = new List<WifiTraceEvent>();

        public List<(RegistrarEventKind Kind, string Device)> Events { get; } = new List<(RegistrarEventKind, string)>();

        public List<SimulatedEnrollee> Enrollees { get; } = new List<SimulatedEnrollee>();

        /// <summary>The gateway and lamps 1..<paramref name="devices"/> with their secrets.</summary>
        public static CloudRegistry CreateRegistry(int devices)
        {
            var registry = new CloudRegistry();
            registry.AddProduct(GatewayPk, "GwProductSecret1");
            registry.AddProduct(LampPk, LampProductSecret);
            registry.AddDevice(GatewayPk, GatewayDn, GatewaySecret);
            for (int i = 1; i <= devices; i++)
            {
                registry.AddDevice(LampPk, DeviceName(i), DeviceSecret(i));
            }

            return registry;
        }

        public static string DeviceName(int index) => "lamp-" + index.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        public static string DeviceSecret(int index) => "LampDeviceSecret0123456789abc" + index.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>0xAB elements on the air (sent by anyone).</summary>
        public IEnumerable<byte[]> ResponseElements => AirSent.Where(e => e.Element.Length > 5 && e.Element[5] == 0xAB).Select(e => e.Element);

        public void StartGateway()
        {
            Workflow.Start();
            Cloud.Start();
        }

        /// <summary>A simulated lamp with index <paramref name="index"/>; <paramref name="productSecret"/> other than the real one forges its signature.</summary>
        public SimulatedEnrollee AddEnrollee(int index, string productSecret = LampProductSecret, SimulatedEnrolleeSettings settings = null, int startChannel = 1)
        {
            VirtualWifiRadio radio = Medium.AddRadio(DeviceName(index), 0xC0FFEE000000UL + (ulong)index, startChannel);
            var enrollee = new SimulatedEnrollee(LampPk, DeviceName(index), DeviceSecret(index), productSecret, radio, Broker.CreateLink(), Scheduler, new SeededRandom((_seed * 1000) + index), Log, settings);
            Enrollees.Add(enrollee);
            return enrollee;
        }

        /// <summary>Adds and starts lamps 1..<paramref name="count"/>.</summary>
        public void StartEnrollees(int count)
        {
            for (int i = 1; i <= count; i++)
            {
                AddEnrollee(i).Start();
            }
        }

        /// <summary>Power cut and reboot of the gateway: the old objects die, new ones start from what the flash kept.</summary>
        public void Reboot()
        {
            Workflow.Stop();
            Cloud.Stop();
            GatewayStorage = GatewayStorage.Snapshot();
            CreateGateway(GatewayStorage);
            StartGateway();
        }

        public bool RunUntil(Func<bool> condition, long limitMilliseconds)
        {
            return Scheduler.RunUntil(() => condition(), limitMilliseconds);
        }

        /// <summary>Slots past checkin (CheckinEnabled, CheckinCipher, CheckinOngoing).</summary>
        public int ActiveCheckins() => Events.Count == 0 ? 0 : Enrollees.Count(e => Registrar.GetState(e.ProductKey, e.DeviceName) >= EnrolleeSessionState.CheckinEnabled);

        public bool AllOnline => Enrollees.Count > 0 && Enrollees.All(e => e.MatchAcknowledged);

        public int EventCount(RegistrarEventKind kind, string device = null) => Events.Count(e => e.Kind == kind && (device == null || e.Device == device));

        private void CreateGateway(IStorage storage)
        {
            Boots++;
            var cloudSettings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect };
            Cloud = new CloudLink(Broker.CreateLink(), Scheduler, new SeededRandom(_seed + Boots), storage, Json, Log, new LinkKitSignIn(new DeviceCredentials(GatewayPk, GatewayDn, GatewaySecret), new DotNetHmacSha256()), cloudSettings);
            Registrar = new Registrar(GatewayRadio, GatewayStation, Home, new HostAes128(), Scheduler, storage, Json, Log, Settings);
            Workflow = new ZeroConfigWorkflow(Cloud, Registrar, Log);
            Registrar.EnrolleeEvent += (kind, pk, dn) => Events.Add((kind, pk + "/" + dn));
        }
    }
}
