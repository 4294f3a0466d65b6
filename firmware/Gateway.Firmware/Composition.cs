using Gateway.Core.Cloud;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Gateway.Firmware.Bluetooth;

namespace Gateway.Firmware
{
    /// <summary>
    /// The composition point of the gateway's behaviour: which core object listens to which, and
    /// what runs when the network, the cloud link and Bluetooth come up. Today it starts the radio
    /// work and the cloud link and reports discovered mesh devices in the log; the per-device
    /// provisioning workflow (found → cloud → authorize → MeshProvisioner.Enqueue → result) and
    /// the onboarding servers (ble-config over <see cref="GatewayParts.GattPeripheral"/>, dev-ap
    /// over the soft AP) are wired here by later issues, from the core's Gateway/ and Onboarding/
    /// layers. Runs on the scheduler's thread except where it says otherwise.
    /// </summary>
    public static class Composition
    {
        private const string Component = "gateway";

        /// <summary>Joins the parts. Called once, before <see cref="Start"/>.</summary>
        public static void Compose(GatewayParts parts)
        {
            ILog log = parts.Log;

            // Discovery: the stock scanner and, with the add-on, the native receiver feed the same table.
            parts.UnprovisionedDevices.DeviceFound += (device, change) =>
            {
                if ((change & UnprovisionedDeviceChange.New) != 0)
                {
                    log.Write(LogLevel.Information, Component, "unprovisioned device " + device.Address.ToString("X12") + " rssi " + device.Rssi);
                }

                // Later: report thing.mesh.device.found through parts.Cloud and enqueue the
                // authorized job on parts.Provisioner (docs/cloud-protocol.md).
            };

            parts.Cloud.StateChanged += state =>
            {
                log.Write(LogLevel.Information, Component, "cloud link state " + (int)state);
            };

            // The cloud link starts once the station has an address; CloudLink reconnects by itself after that.
            bool cloudStarted = false;
            parts.Wifi.LinkChanged += (connected, address) =>
            {
                if (connected && !cloudStarted)
                {
                    cloudStarted = true;
                    parts.Cloud.Start();
                }
            };
        }

        /// <summary>Starts the work: Bluetooth in gateway (Client) mode and the Wi-Fi station.</summary>
        public static void Start(GatewayParts parts)
        {
            BluetoothModeController modes = parts.BluetoothModes;
            AdvertisementScanner scanner = parts.Scanner;
            parts.BluetoothWorker.Enqueue(() =>
            {
                // Bluetooth worker thread: gateway mode = Client (scanning, PB-GATT, Proxy).
                if (!modes.RequestMode(BluetoothMode.Client))
                {
                    parts.Log.Write(LogLevel.Error, Component, "Bluetooth client mode failed to start");
                }
            });

            if (parts.Config.HasWifiCredentials)
            {
                parts.Wifi.Start(parts.Config.WifiSsid, parts.Config.WifiPassword);
            }
            else
            {
                // Onboarding (dev-ap / ble-config) is wired by a later issue; until then the
                // credentials stored by an earlier ConnectDhcp are used.
                parts.Log.Write(LogLevel.Warning, Component, "no Wi-Fi in the configuration: using the credentials stored in the device");
                parts.Wifi.Start(null, null);
            }
        }
    }
}
