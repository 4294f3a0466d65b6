// Stand-ins (compile check only): nanoFramework.Device.Bluetooth 1.1.123, the members the firmware
// uses, with the signatures of shared/reference/nanoframework-api/nanoFramework.Device.Bluetooth.txt
// (typos included: GattCharacteristicVlaueChangedEventHandler). Types without a public constructor
// there get an internal one here, so C# adds no public default constructor.
namespace nanoFramework.Device.Bluetooth.Advertisement
{
    using System;
    using Buffer = nanoFramework.Device.Bluetooth.Buffer;
    using System.Collections;

    public enum BluetoothLEScanningMode
    {
        Passive = 0,
    }

    public class BluetoothLEAdvertisement
    {
        internal BluetoothLEAdvertisement(int standIn)
        {
        }

        public ArrayList DataSections
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class BluetoothLEAdvertisementDataSection
    {
        public BluetoothLEAdvertisementDataSection(byte dataType, Buffer data)
        {
            throw new NotImplementedException("stand-in");
        }

        public byte DataType
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public Buffer Data
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }
    }

    public class BluetoothLEAdvertisementReceivedEventArgs
    {
        internal BluetoothLEAdvertisementReceivedEventArgs(int standIn)
        {
        }

        public BluetoothLEAdvertisement Advertisement
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public ulong BluetoothAddress
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public BluetoothAddressType BluetoothAddressType
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public short RawSignalStrengthInDBm
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }
}
