using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Cloud;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Gateway.Simulation.Lan;
using Gateway.Simulation.Wifi;

namespace Gateway.Core.Tests.ZeroConfig.Support
{
    /// <summary>
    /// The zero-config home of <see cref="ZeroConfigRig"/> in real time over real MQTT (MqttNetLink,
    /// TCP to 127.0.0.1): the gateway's CloudLink, ZeroConfigWorkflow and Registrar and every simulated enrollee run on
    /// one <see cref="LoopScheduler"/> thread, each device with its own MQTTnet connection.
    /// </summary>
    public sealed class RealTimeHome : IDisposable
    {
        private readonly List<MqttNetLink> _links = new List<MqttNetLink>();
        private readonly string _host;
        private readonly int _port;

        public RealTimeHome(string host, int port, int enrollees)
        {
            _host = host;
            _port = port;
            Loop.Invoke(() =>
            {
                Medium = new WifiMedium(Loop, 7, new WifiSettings { JoinDelayMs = 200 });
                Lan = new VirtualLan(Loop);
                VirtualAccessPoint ap = Medium.AddAccessPoint(ZeroConfigRig.HomeSsid, ZeroConfigRig.HomeBssid, ZeroConfigRig.HomePassword, ZeroConfigRig.HomeChannel, Lan);
                AccessPoint = ap;
                VirtualWifiRadio radio = Medium.AddRadio("gateway", 0x240AC4000001UL, ZeroConfigRig.HomeChannel);
                VirtualWifiStation station = ap.ConnectStation("gateway", radio);
                var settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect, RequestTimeoutMilliseconds = 5_000, BackoffMaxMilliseconds = 4_000 };
                Cloud = new CloudLink(NewLink(), Loop, new SeededRandom(1), Storage, new JsonDom(), Log, new LinkKitSignIn(new DeviceCredentials(ZeroConfigRig.GatewayPk, ZeroConfigRig.GatewayDn, ZeroConfigRig.GatewaySecret), new DotNetHmacSha256()), settings);
                Registrar = new Registrar(radio, station, new WifiCredentials(ZeroConfigRig.HomeSsid, ZeroConfigRig.HomePassword, ZeroConfigRig.HomeBssid), new HostAes128(), Loop, Storage, new JsonDom(), Log, new RegistrarSettings { SniffIdleDuty = 0, MaxEnrollees = 20 });
                Workflow = new ZeroConfigWorkflow(Cloud, Registrar, Log);
                Registrar.EnrolleeEvent += (kind, pk, dn) => Events.Add((kind, pk + "/" + dn));
                station.Lan.Listen(DeviceInfoNotice.CoapPort, (from, port, buffer, offset, count) => Registrar.OnLanNotice(buffer, offset, count));
                for (int i = 1; i <= enrollees; i++)
                {
                    VirtualWifiRadio lampRadio = Medium.AddRadio(ZeroConfigRig.DeviceName(i), 0xC0FFEE000000UL + (ulong)i, 1);
                    Enrollees.Add(new SimulatedEnrollee(ZeroConfigRig.LampPk, ZeroConfigRig.DeviceName(i), ZeroConfigRig.DeviceSecret(i), ZeroConfigRig.LampProductSecret, lampRadio, NewLink(), Loop, new SeededRandom(100 + i), Log, new SimulatedEnrolleeSettings { NotifyCount = 5 }));
                }

                return 0;
            });
        }

        public LoopScheduler Loop { get; } = new LoopScheduler();

        public CapturingLog Log { get; } = new CapturingLog();

        public MemoryStorage Storage { get; } = new MemoryStorage();

        public WifiMedium Medium { get; private set; }

        public VirtualLan Lan { get; private set; }

        public VirtualAccessPoint AccessPoint { get; private set; }

        public CloudLink Cloud { get; private set; }

        public Registrar Registrar { get; private set; }

        public ZeroConfigWorkflow Workflow { get; private set; }

        public List<SimulatedEnrollee> Enrollees { get; } = new List<SimulatedEnrollee>();

        public List<(RegistrarEventKind Kind, string Device)> Events { get; } = new List<(RegistrarEventKind, string)>();

        public void Start()
        {
            Loop.Invoke(() =>
            {
                Workflow.Start();
                Cloud.Start();
                foreach (SimulatedEnrollee enrollee in Enrollees)
                {
                    enrollee.Start();
                }

                return 0;
            });
        }

        /// <summary>Every enrollee's match was acknowledged and the registrar saw each online (pushing stopped).</summary>
        public bool WaitAllOnline(TimeSpan patience)
        {
            return Loop.WaitFor(() => Enrollees.All(e => e.MatchAcknowledged && Events.Contains((RegistrarEventKind.Online, e.Id))), patience);
        }

        public T Read<T>(Func<T> read) => Loop.Invoke(read);

        public string Describe()
        {
            return Loop.Invoke(() => string.Join(", ", Enrollees.Select(e => e.DeviceName + ":" + e.Phase)) + " | cloud " + Cloud.State + "\n" + string.Join("\n", Log.ToArray().TakeLast(30)));
        }

        public void Dispose()
        {
            Loop.Invoke(() =>
            {
                Workflow.Stop();
                Cloud.Stop();
                foreach (SimulatedEnrollee enrollee in Enrollees)
                {
                    enrollee.PowerOff();
                }

                return 0;
            });
            foreach (MqttNetLink link in _links)
            {
                link.Dispose();
            }

            Loop.Dispose();
        }

        private MqttNetLink NewLink()
        {
            var link = new MqttNetLink(Loop, new MqttNetLinkOptions(_host, _port, useTls: false));
            _links.Add(link);
            return link;
        }
    }
}
