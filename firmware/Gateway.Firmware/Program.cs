using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Gateway.Firmware.Bluetooth;
using Gateway.Firmware.Cloud;
using Gateway.Firmware.Crypto;
using Gateway.Firmware.Native;
using Gateway.Firmware.Net;
using Gateway.Firmware.Runtime;
using Gateway.Firmware.Storage;
using nanoFramework.Runtime.Native;

namespace Gateway.Firmware
{
    /// <summary>
    /// The composition root of the ESP32 firmware (DESIGN.md §2, §3): reads the configuration from
    /// drive I:, builds the device adapters for every port and the core objects on top of them,
    /// hands them to <see cref="Composition"/>, starts the scheduler's thread, and parks the main
    /// thread. Threads: the scheduler (all core code), the Bluetooth worker (every blocking BLE
    /// call), the MQTT worker (Connect), the P-256 worker, the Wi-Fi link thread, plus the
    /// library's own event threads, which only copy data and post to the scheduler.
    /// </summary>
    public static class Program
    {
        /// <summary>Folder of gateway.json and the broker CA (deployed with nanoff --filedeployment).</summary>
        public const string ConfigFolder = "I:";

        /// <summary>Folder of the core's blobs (IStorage).</summary>
        public const string DataFolder = "I:\\data";

        /// <summary>Advertisements waiting for the scheduler (each slot 62 octets, pre-allocated).</summary>
        public const int AdvertisementSlots = 32;

        private const string Component = "boot";

        public static void Main()
        {
            ConsoleLog log = new ConsoleLog(LogLevel.Information);
            log.Write(LogLevel.Information, Component, "Gateway firmware on " + SystemInfo.TargetName + ", managed heap free " + nanoFramework.Runtime.Native.GC.Run(false) + " bytes");
            try
            {
                GatewayParts parts = Build(log);
                if (parts != null)
                {
                    Composition.Compose(parts);
                    parts.Scheduler.Start();
                    Composition.Start(parts);
                    log.Write(LogLevel.Information, Component, "running, managed heap free " + nanoFramework.Runtime.Native.GC.Run(false) + " bytes");
                }
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, Component, "start-up failed: " + ((object)e).GetType().Name);
            }

            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>Builds every part, or returns null (logged) when the configuration is missing or invalid.</summary>
        public static GatewayParts Build(ConsoleLog log)
        {
            GatewayParts parts = new GatewayParts();
            parts.Log = log;
            parts.Json = new JsonDom();
            parts.Config = LoadConfig(parts.Json, log);
            if (parts.Config == null)
            {
                return null;
            }

            log.Write(LogLevel.Information, Component, "configuration: " + parts.Config.ToString());

            // Runtime ports.
            DeviceScheduler scheduler = new DeviceScheduler(log);
            parts.Scheduler = scheduler;
            parts.Random = new HardwareRandom();
            AtomicFileStorage storage = new AtomicFileStorage(new LittleFsFileSystem(DataFolder));
            if (storage.RecoveredCount > 0)
            {
                log.Write(LogLevel.Warning, Component, "storage recovered " + storage.RecoveredCount + " interrupted writes");
            }

            parts.Storage = storage;
            parts.Aes = new NativeAes128();
            parts.KeyAgreement = new ThreadedKeyAgreementWorker(new ManagedKeyAgreement(), parts.Random, scheduler, log);
            parts.NativeRadioCapabilities = NativeRadioProbe.Probe(log);

            // Network and cloud.
            parts.Wifi = new WifiStation(scheduler, parts.Random, log);
            GatewayConfig config = parts.Config;
            parts.Mqtt = new M2MqttLink(config.BrokerHost, config.BrokerPort, config.BrokerTls, LoadCaCertificate(config, log), scheduler, log);
            CloudLinkSettings cloudSettings = new CloudLinkSettings();
            cloudSettings.SecureMode = config.BrokerTls ? LinkKitSecureMode.TlsDirect : LinkKitSecureMode.TcpDirect;
            parts.Cloud = new CloudLink(parts.Mqtt, scheduler, parts.Random, storage, parts.Json, log, new LinkKitSignIn(config.Device, new NativeHmacSha256()), cloudSettings);

            // Bluetooth: one worker thread for every blocking call, one mode controller.
            parts.BluetoothWorker = new WorkQueueThread("ble", log);
            AdvertisementRing ring = new AdvertisementRing(AdvertisementSlots, scheduler);
            parts.Scanner = new AdvertisementScanner(ring, log);
            BluetoothStack stack = new BluetoothStack(parts.Scanner, log);
            parts.BluetoothModes = new BluetoothModeController(stack, log);
            parts.GattCentral = new NanoGattCentral(parts.BluetoothWorker, parts.BluetoothModes, parts.Scanner, scheduler, log);
            parts.GattPeripheral = new NanoGattPeripheral(parts.BluetoothWorker, parts.BluetoothModes, scheduler, log);
            stack.Central = parts.GattCentral;
            stack.Peripheral = parts.GattPeripheral;
            parts.BluetoothWorker.Start();

            // Mesh: discovery from the stock scanner; PB-ADV only with the native add-on.
            parts.UnprovisionedDevices = new UnprovisionedDeviceTable(scheduler);
            ProvisioningContext context = new ProvisioningContext(scheduler, parts.Random, parts.KeyAgreement, parts.Aes, log, new ProvisioningSettings());
            if ((parts.NativeRadioCapabilities & NativeRadio.CapabilityAdvertising) != 0)
            {
                AdvertisementRing nativeRing = new AdvertisementRing(AdvertisementSlots, scheduler);
                NativeAdvertisingRadio radio = new NativeAdvertisingRadio(nativeRing, log);
                parts.AdvertisingRadio = radio;
                parts.PbAdv = new PbAdvBearer(radio, scheduler, parts.Random);
                UnprovisionedDeviceTable devices = parts.UnprovisionedDevices;
                PbAdvBearer pbAdv = parts.PbAdv;
                radio.SetReceiver((address, rssi, data, offset, length) =>
                {
                    devices.OnAdvertisement(address, rssi, data, offset, length);
                    pbAdv.OnAdvertisement(address, rssi, data, offset, length);
                });
            }

            // The stock scanner feeds discovery in every image: it finds PB-GATT and Proxy devices.
            ring.SetReceiver(parts.UnprovisionedDevices.OnAdvertisement);
            parts.Provisioner = new MeshProvisioner(context, parts.PbAdv, parts.GattCentral, new PbGattOptions());
            return parts;
        }

        private static GatewayConfig LoadConfig(IJsonDom json, ILog log)
        {
            string path = ConfigFolder + "\\" + GatewayConfig.FileName;
            try
            {
                if (!File.Exists(path))
                {
                    log.Write(LogLevel.Error, Component, path + " is missing: deploy it with nanoff --filedeployment (hardware/README.md)");
                    return null;
                }

                return GatewayConfig.Parse(json, File.ReadAllBytes(path));
            }
            catch (JsonFormatException e)
            {
                // The message names the field, never its value.
                log.Write(LogLevel.Error, Component, path + ": " + e.Message);
                return null;
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, Component, path + " unreadable (" + ((object)e).GetType().Name + ")");
                return null;
            }
        }

        /// <summary>The broker's CA from the configured PEM file, or null to use the one stored in the device.</summary>
        private static X509Certificate LoadCaCertificate(GatewayConfig config, ILog log)
        {
            if (!config.BrokerTls || config.CaCertificateFile == null)
            {
                return null;
            }

            string path = ConfigFolder + "\\" + config.CaCertificateFile;
            if (!File.Exists(path))
            {
                log.Write(LogLevel.Warning, Component, path + " is missing: using the CA stored in the device");
                return null;
            }

            // nanoFramework's X509Certificate(string) takes PEM text, not a path (nanoframework.md §3).
            return new X509Certificate(File.ReadAllText(path));
        }
    }
}
