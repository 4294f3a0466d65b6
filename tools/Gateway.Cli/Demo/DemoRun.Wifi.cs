using System.Collections.Generic;
using Gateway.Cloud.Registry;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Gateway.Host.Runtime;
using Gateway.Simulation.Enrollee;
using Gateway.Simulation.Lan;
using Gateway.Simulation.Wifi;
using System.IO;

namespace Gateway.Cli.Demo;

/// <summary>The zero-config Wi-Fi half of the demo: the home AP, the gateway's registrar, and lamps that join.</summary>
internal sealed partial class DemoRun
{
    private const string LampProductKey = "a1LampDemo1";
    private const string LampProductSecret = "LampDemoSecret16";
    private const string HomeSsid = "DemoHome";
    private static readonly byte[] HomeBssid = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

    private readonly Dictionary<DemoDevice, SimulatedEnrollee> _enrollees = new();
    private readonly HashSet<string> _online = new();
    private Registrar _registrar;

    private void AddWifiDevices(CloudRegistry registry)
    {
        int count = _options.ExternalCloud ? (_options.WifiLamps?.Count ?? 0) : _options.WifiDevices;
        if (count == 0)
        {
            return;
        }

        // The home's Wi-Fi password is a secret of the demo: random each run, never printed.
        string homePassword = System.Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
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
            new FileStorage(Path.Combine(_stateFolder, "zeroconf")), new SystemTextJsonDom(), _log, new RegistrarSettings { SniffIdleDuty = 0 });
        _registrar.EnrolleeEvent += (kind, pk, dn) =>
        {
            if (kind == RegistrarEventKind.Online)
            {
                _online.Add(pk + "/" + dn);
            }
        };
        station.Lan.Listen(DeviceInfoNotice.CoapPort, (from, port, buffer, offset, count) => _registrar.OnLanNotice(buffer, offset, count));
        new ZeroConfigWorkflow(_cloudLink, _registrar, _log).Start();

        for (int i = 1; i <= count; i++)
        {
            WifiLampConfig lamp = _options.ExternalCloud
                ? _options.WifiLamps[i - 1]
                : new WifiLampConfig(LampProductKey, "lamp-" + i.ToString("00"), System.Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), LampProductSecret);
            string name = lamp.DeviceName;
            if (!_options.ExternalCloud)
            {
                registry.AddDevice(lamp.ProductKey, name, lamp.DeviceSecret);
            }

            VirtualWifiRadio lampRadio = medium.AddRadio(name, 0xC0FFEE000000UL + (ulong)i, 1);
            var link = new MqttNetLink(_scheduler, new MqttNetLinkOptions(_brokerHost, _brokerPort, false));
            var enrollee = new SimulatedEnrollee(lamp.ProductKey, name, lamp.DeviceSecret, lamp.ProductSecret, lampRadio, link, _scheduler, new SeededRandom((_options.Seed * 1000) + i), _log, new SimulatedEnrolleeSettings());
            var device = new DemoDevice("wifi-" + i, "wifi zero-config", enrollee.Id) { Method = "0xAB vendor IE, AES-CFB", StartedAtMs = _scheduler.NowMilliseconds };
            _devices.Add(device);
            _enrollees[device] = enrollee;
            enrollee.Start();
        }
    }

    private void RefreshWifi()
    {
        foreach ((DemoDevice device, SimulatedEnrollee enrollee) in _enrollees)
        {
            device.Stage = enrollee.Phase.ToString().ToLowerInvariant();
            if (!device.Finished && enrollee.MatchAcknowledged && _online.Contains(enrollee.Id))
            {
                device.Finished = true;
                device.Succeeded = true;
                device.EndedAtMs = _scheduler.NowMilliseconds;
                device.Detail = "joined " + HomeSsid + ", token reported";
            }
        }
    }
}
