using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using nanoFramework.Device.Bluetooth;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// The core's <see cref="IBluetoothModeDriver"/> on nanoFramework.Device.Bluetooth: what each
    /// role owns and how it is torn down (nanoframework.md §1.1). Client = the watcher and the GATT
    /// client links; Server = the onboarding GATT service, its advertising and
    /// <c>BluetoothLEServer</c>. Every call runs on the Bluetooth worker thread, through
    /// <see cref="BluetoothModeController"/>, which never starts one role while the other runs.
    /// </summary>
    public sealed class BluetoothStack : IBluetoothModeDriver
    {
        private const string Component = "ble";

        private readonly AdvertisementScanner _scanner;
        private readonly ILog _log;

        public BluetoothStack(AdvertisementScanner scanner, ILog log)
        {
            _scanner = scanner;
            _log = log;
        }

        /// <summary>The central whose links close when Client mode ends (set during composition).</summary>
        public NanoGattCentral Central { get; set; }

        /// <summary>The peripheral whose service starts with Server mode (set during composition).</summary>
        public NanoGattPeripheral Peripheral { get; set; }

        public void StopClient()
        {
            _scanner.Stop();
            if (Central != null)
            {
                Central.CloseAllLinks();
            }
        }

        public void StopServer()
        {
            if (Peripheral != null)
            {
                Peripheral.StopAdvertisingAndClients();
            }

            BluetoothLEServer.Instance.Stop();
        }

        public void StartClient()
        {
            _scanner.Start();
        }

        public void StartServer()
        {
            // Services must exist before the server starts: StartAdvertising starts it (Server mode).
            if (Peripheral != null && Peripheral.HasService)
            {
                Peripheral.CreateServiceAndAdvertise();
                return;
            }

            _log.Write(LogLevel.Information, Component, "server mode without a service");
            BluetoothLEServer.Instance.Start();
        }
    }
}
