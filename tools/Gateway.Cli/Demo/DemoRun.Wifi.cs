using System.Collections.Generic;
using Gateway.Cloud.Registry;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Gateway.Simulation.Lan;
using Gateway.Simulation.Wifi;

namespace Gateway.Cli.Demo;

/// <summary>The zero-config Wi-Fi half of the demo: the home AP, the gateway's registrar, and lamps that join.</summary>
internal sealed partial class DemoRun
{
    private const string LampProductKey = "a1LampDemo1";
    private const string LampProductSecret = "LampDemoSecret16";
    private const string HomeSsid = "DemoHome";
    private static readonly byte[] HomeBssid = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

    private readonly Dictionary<DemoDevice, SimulatedEnrollee> _enrollees = new();

    /// <summary>The registrar's last event per enrollee ("pk/dn"): how far the gateway's side got.</summary>
    private readonly Dictionary<string, RegistrarEventKind> _registrarEvents = new();
    private readonly HashSet<string> _online = new();
    private Registrar _registrar;

    private void AddWifiDevices(CloudRegistry registry)
    {
        int count = _options.ExternalCloud ? (_options.WifiLamps?.Count ?? 0) : _options.WifiDevices;
        if (count == 0)
        {
            return;
        }

        // The home's Wi-Fi password is a secret of the demo: random each run (from the seed in a
        // deterministic run), never printed.
        string homePassword = System.Convert.ToBase64String(SecretBytes(12));
        if (!_options.ExternalCloud)
        {
            registry.AddProduct(LampProductKey, LampProductSecret);
        }

        var medium = new WifiMedium(_scheduler, _options.Seed, new WifiSettings { LossProbability = _options.Loss });
        var lan = new VirtualLan(_scheduler);
        VirtualAccessPoint ap = medium.AddAccessPoint(HomeSsid, HomeBssid, homePassword, 6, lan);
        VirtualWifiRadio radio = medium.AddRadio("gateway", 0x240AC4000001UL, 6);
        VirtualWifiStation station = ap.ConnectStation("gateway", radio);
        _registrar = new Registrar(radio, station, new WifiCredentials(HomeSsid, homePassword, HomeBssid), new HostAes128(), _scheduler,
            CreateStorage("zeroconf"), new SystemTextJsonDom(), _log, new RegistrarSettings { SniffIdleDuty = 0 });
        _registrar.EnrolleeEvent += (kind, pk, dn) =>
        {
            string id = pk + "/" + dn;
            _registrarEvents[id] = kind;
            if (kind == RegistrarEventKind.Online)
            {
                _online.Add(id);
            }
        };
        station.Lan.Listen(DeviceInfoNotice.CoapPort, (from, port, buffer, offset, count) => _registrar.OnLanNotice(buffer, offset, count));
        new ZeroConfigWorkflow(_cloudLink, _registrar, _log).Start();

        for (int i = 1; i <= count; i++)
        {
            WifiLampConfig lamp = _options.ExternalCloud
                ? _options.WifiLamps[i - 1]
                : new WifiLampConfig(LampProductKey, "lamp-" + i.ToString("00"), System.Convert.ToHexString(SecretBytes(16)), LampProductSecret);
            string name = lamp.DeviceName;
            if (!_options.ExternalCloud)
            {
                registry.AddDevice(lamp.ProductKey, name, lamp.DeviceSecret);
            }

            VirtualWifiRadio lampRadio = medium.AddRadio(name, 0xC0FFEE000000UL + (ulong)i, 1);
            var enrollee = new SimulatedEnrollee(lamp.ProductKey, name, lamp.DeviceSecret, lamp.ProductSecret, lampRadio, CreateLink(), _scheduler, new SeededRandom((_options.Seed * 1000) + i), _log, new SimulatedEnrolleeSettings());
            var device = new DemoDevice("wifi-" + i, "wifi zero-config", enrollee.Id) { Method = "0xAB vendor IE, AES-CFB" };
            _devices.Add(device);
            _enrollees[device] = enrollee;
            enrollee.Start();
        }
    }

    private void RefreshWifi()
    {
        foreach ((DemoDevice device, SimulatedEnrollee enrollee) in _enrollees)
        {
            bool heard = _registrarEvents.TryGetValue(enrollee.Id, out RegistrarEventKind last);
            if (heard && device.StartedAtMs < 0)
            {
                device.StartedAtMs = _scheduler.NowMilliseconds;
            }

            switch (enrollee.Phase)
            {
                case EnrolleePhase.Off:
                case EnrolleePhase.Scanning:
                    if (!heard)
                    {
                        Set(device, DemoDeviceStatus.NeverHeard, "scanning, not heard", "", -1);
                    }
                    else if (last == RegistrarEventKind.Heard || last == RegistrarEventKind.Reported || last == RegistrarEventKind.NotAccepted
                        || last == RegistrarEventKind.Evicted || last == RegistrarEventKind.TimedOut || last == RegistrarEventKind.Refused)
                    {
                        Set(device, DemoDeviceStatus.WaitingForApproval, "heard by the registrar (" + Words(last) + "), waiting for approval", "", -1);
                    }
                    else
                    {
                        Set(device, DemoDeviceStatus.Running, "approved, credentials on the air", "", -1);
                    }

                    break;
                case EnrolleePhase.Failed:
                    Set(device, DemoDeviceStatus.Failed, "failed", "match report not acknowledged", -1);
                    break;
                default:
                    if (enrollee.MatchAcknowledged && _online.Contains(enrollee.Id))
                    {
                        Set(device, DemoDeviceStatus.Provisioned, "done", "joined " + HomeSsid + ", token reported", -1);
                    }
                    else
                    {
                        Set(device, DemoDeviceStatus.Running, enrollee.Phase.ToString().ToLowerInvariant(), "", -1);
                    }

                    break;
            }
        }
    }

    private static string Words(RegistrarEventKind kind) => kind switch
    {
        RegistrarEventKind.Heard => "heard",
        RegistrarEventKind.Reported => "reported",
        RegistrarEventKind.NotAccepted => "not accepted",
        RegistrarEventKind.Evicted => "report expired",
        RegistrarEventKind.TimedOut => "checkin timed out",
        RegistrarEventKind.Refused => "key refused",
        _ => kind.ToString(),
    };
}
