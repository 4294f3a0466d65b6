// Stand-ins (compile check only): nanoFramework.Device.Bluetooth 1.1.123, the members the firmware
// uses, with the signatures of shared/reference/nanoframework-api/nanoFramework.Device.Bluetooth.txt
// (typos included: GattCharacteristicVlaueChangedEventHandler). Types without a public constructor
// there get an internal one here, so C# adds no public default constructor.
namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    using System;
    using Buffer = nanoFramework.Device.Bluetooth.Buffer;
    using nanoFramework.Device.Bluetooth.Advertisement;

    public enum GattCommunicationStatus
    {
        Success = 0,
        Unreachable = 1,
    }

    public enum GattWriteOption
    {
        WriteWithResponse = 0,
        WriteWithoutResponse = 1,
    }

    public enum GattClientCharacteristicConfigurationDescriptorValue
    {
        Notify = 1,
    }

    [Flags]
    public enum GattCharacteristicProperties : uint
    {
        WriteWithoutResponse = 4,
        Write = 8,
        Notify = 16,
    }

    public class GattDeviceServicesResult
    {
        internal GattDeviceServicesResult(int standIn)
        {
        }

        public GattCommunicationStatus Status
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattDeviceService[] Services
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattDeviceService
    {
        internal GattDeviceService(int standIn)
        {
        }

        public GattCharacteristicsResult GetCharacteristicsForUuid(Guid characteristicUuid)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattCharacteristicsResult
    {
        internal GattCharacteristicsResult(int standIn)
        {
        }

        public GattCommunicationStatus Status
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattCharacteristic[] Characteristics
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattCharacteristic
    {
        public delegate void GattCharacteristicVlaueChangedEventHandler(GattCharacteristic sender, GattValueChangedEventArgs valueChangedEventArgs);

        internal GattCharacteristic(int standIn)
        {
        }

        public event GattCharacteristicVlaueChangedEventHandler ValueChanged
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public GattWriteResult WriteValueWithResult(Buffer value, GattWriteOption writeOption = GattWriteOption.WriteWithoutResponse)
        {
            throw new NotImplementedException("stand-in");
        }

        public GattWriteResult WriteClientCharacteristicConfigurationDescriptorWithResult(GattClientCharacteristicConfigurationDescriptorValue clientCharacteristicConfigurationDescriptorValue, GattWriteOption gattWriteOption = GattWriteOption.WriteWithoutResponse)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattWriteResult
    {
        internal GattWriteResult(int standIn)
        {
        }

        public GattCommunicationStatus Status
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattValueChangedEventArgs
    {
        internal GattValueChangedEventArgs(int standIn)
        {
        }

        public Buffer CharacteristicValue
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattServiceProvider
    {
        internal GattServiceProvider(int standIn)
        {
        }

        public static GattServiceProviderResult Create(Guid serviceUuid)
        {
            throw new NotImplementedException("stand-in");
        }

        public GattLocalService Service
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters)
        {
            throw new NotImplementedException("stand-in");
        }

        public void StopAdvertising()
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattServiceProviderResult
    {
        internal GattServiceProviderResult(int standIn)
        {
        }

        public BluetoothError Error
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattServiceProvider ServiceProvider
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattServiceProviderAdvertisingParameters
    {
        public GattServiceProviderAdvertisingParameters()
        {
            throw new NotImplementedException("stand-in");
        }

        public bool IsDiscoverable
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public bool IsConnectable
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public bool CustomAdvertisement
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public BluetoothLEAdvertisement Advertisement
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattLocalService
    {
        internal GattLocalService(int standIn)
        {
        }

        public GattLocalCharacteristicResult CreateCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattLocalCharacteristicParameters
    {
        public GattLocalCharacteristicParameters()
        {
            throw new NotImplementedException("stand-in");
        }

        public GattCharacteristicProperties CharacteristicProperties
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public string UserDescription
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattLocalCharacteristicResult
    {
        internal GattLocalCharacteristicResult(int standIn)
        {
        }

        public BluetoothError Error
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattLocalCharacteristic Characteristic
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattLocalCharacteristic
    {
        public delegate void GattLocalCharacteristicWriteEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs WriteRequestEventArgs);

        public delegate void GattLocalCharacteristicClientsChangedEventHandler(GattLocalCharacteristic sender, object args);

        internal GattLocalCharacteristic(int standIn)
        {
        }

        public event GattLocalCharacteristicWriteEventHandler WriteRequested
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public event GattLocalCharacteristicClientsChangedEventHandler SubscribedClientsChanged
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public GattSubscribedClient[] SubscribedClients
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattClientNotificationResult NotifyValue(Buffer value, GattSubscribedClient subscribedClient)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattClientNotificationResult
    {
        internal GattClientNotificationResult(int standIn)
        {
        }
    }

    public class GattWriteRequestedEventArgs
    {
        internal GattWriteRequestedEventArgs(int standIn)
        {
        }

        public GattWriteRequest GetRequest()
        {
            throw new NotImplementedException("stand-in");
        }

        public GattSession Session
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattWriteRequest
    {
        internal GattWriteRequest(int standIn)
        {
        }

        public Buffer Value
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public GattWriteOption Option
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public void Respond()
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class GattSession
    {
        internal GattSession(int standIn)
        {
        }

        public BluetoothDeviceId DeviceId
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public ushort MaxMtuSize
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class GattSubscribedClient
    {
        internal GattSubscribedClient(int standIn)
        {
        }

        public GattSession Session
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }
}
