// Stand-ins (compile check only): nanoFramework.Device.Bluetooth 1.1.123, the members the firmware
// uses, with the signatures of shared/reference/nanoframework-api/nanoFramework.Device.Bluetooth.txt
// (typos included: GattCharacteristicVlaueChangedEventHandler). Types without a public constructor
// there get an internal one here, so C# adds no public default constructor.
namespace nanoFramework.Device.Bluetooth
{
    using System;
    using nanoFramework.Device.Bluetooth.Advertisement;
    using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

    public enum BluetoothAddressType
    {
        Public = 0,
        Random = 1,
        Unspecified = 2,
    }

    public enum BluetoothConnectionStatus
    {
        Disconnected = 0,
        Connected = 1,
    }

    public enum BluetoothError
    {
        Success = 0,
    }

    public enum BluetoothLEAdvertisementWatcherStatus
    {
        Started = 1,
    }

    public class Buffer
    {
        public Buffer(byte[] array)
        {
            throw new NotImplementedException("stand-in");
        }

        public uint Length
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class DataReader
    {
        internal DataReader(int standIn)
        {
        }

        public static DataReader FromBuffer(Buffer buffer)
        {
            throw new NotImplementedException("stand-in");
        }

        public void ReadBytes(Byte[] value)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class BluetoothDeviceId
    {
        internal BluetoothDeviceId(int standIn)
        {
        }

        public int Id
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public static class Utilities
    {
        public static Guid CreateUuidFromShortCode(ushort uuid16)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class BluetoothLEAdvertisementWatcher
    {
        public delegate void BluetoothLEAdvertisementReceivedHandler(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args);

        public BluetoothLEAdvertisementWatcher()
        {
            throw new NotImplementedException("stand-in");
        }

        public event BluetoothLEAdvertisementReceivedHandler Received
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public BluetoothLEScanningMode ScanningMode
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public BluetoothLEAdvertisementWatcherStatus Status
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public void Start()
        {
            throw new NotImplementedException("stand-in");
        }

        public void Stop()
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class BluetoothLEDevice : IDisposable
    {
        internal BluetoothLEDevice(int standIn)
        {
        }

        public event EventHandler ConnectionStatusChanged
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public BluetoothConnectionStatus ConnectionStatus
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public static BluetoothLEDevice FromBluetoothAddress(ulong bluetoothAddress, BluetoothAddressType bluetoothAddressType)
        {
            throw new NotImplementedException("stand-in");
        }

        public GattDeviceServicesResult GetGattServicesForUuid(Guid serviceUuid)
        {
            throw new NotImplementedException("stand-in");
        }

        public void Close()
        {
            throw new NotImplementedException("stand-in");
        }

        public void Dispose()
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class BluetoothLEServer
    {
        internal BluetoothLEServer(int standIn)
        {
        }

        public static BluetoothLEServer Instance
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public void Start()
        {
            throw new NotImplementedException("stand-in");
        }

        public void Stop()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}
