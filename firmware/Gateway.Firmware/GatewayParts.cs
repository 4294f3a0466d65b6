using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Gateway.Firmware.Bluetooth;
using Gateway.Firmware.Net;
using Gateway.Firmware.Runtime;

namespace Gateway.Firmware
{
    /// <summary>
    /// Everything <see cref="Program"/> builds: the device adapters for the ports of DESIGN.md §3
    /// and the core objects on top of them. <see cref="Composition"/> joins them; later issues add
    /// the provisioning workflow there.
    /// </summary>
    public sealed class GatewayParts
    {
        public GatewayConfig Config { get; set; }

        public ILog Log { get; set; }

        public DeviceScheduler Scheduler { get; set; }

        public IRandom Random { get; set; }

        public IStorage Storage { get; set; }

        public IJsonDom Json { get; set; }

        public IAes128 Aes { get; set; }

        public IKeyAgreementWorker KeyAgreement { get; set; }

        /// <summary>Capability bits of the native radio add-on; 0 with a stock image.</summary>
        public int NativeRadioCapabilities { get; set; }

        public WifiStation Wifi { get; set; }

        public IMqttLink Mqtt { get; set; }

        public CloudLink Cloud { get; set; }

        public WorkQueueThread BluetoothWorker { get; set; }

        public BluetoothModeController BluetoothModes { get; set; }

        public AdvertisementScanner Scanner { get; set; }

        public NanoGattCentral GattCentral { get; set; }

        public NanoGattPeripheral GattPeripheral { get; set; }

        /// <summary>Null without the native add-on: then the provisioner uses PB-GATT only.</summary>
        public IAdvertisingRadio AdvertisingRadio { get; set; }

        public PbAdvBearer PbAdv { get; set; }

        public UnprovisionedDeviceTable UnprovisionedDevices { get; set; }

        public MeshProvisioner Provisioner { get; set; }
    }
}
