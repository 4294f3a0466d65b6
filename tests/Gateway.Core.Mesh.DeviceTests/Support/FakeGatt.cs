using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>A write or notification on its way to the other end of a fake GATT link.</summary>
    internal delegate void GattDataHandler(byte[] data);

    /// <summary>GATT central port that records Connect calls; the test completes them by hand.</summary>
    internal sealed class FakeGattCentral : IGattCentral
    {
        public FakeGattCentral()
        {
            Connects = 0;
        }

        public int MaxConnections
        {
            get { return 3; }
        }

        public int Connects { get; private set; }

        public ulong Address { get; private set; }

        public ushort Service { get; private set; }

        public ushort DataIn { get; private set; }

        public ushort DataOut { get; private set; }

        public void Connect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler)
        {
            Connects++;
            Address = address;
            Service = serviceUuid;
            DataIn = dataInUuid;
            DataOut = dataOutUuid;
        }
    }

    /// <summary>The client's end of a GATT connection: records writes (at most ATT_MTU - 3 octets each), forwards them if told to.</summary>
    internal sealed class FakeGattConnection : IGattConnection
    {
        private readonly IGattClientHandler _handler;
        private readonly int _mtu;

        public FakeGattConnection(IGattClientHandler handler, int mtu)
        {
            _handler = handler;
            _mtu = mtu;
            Writes = new ArrayList();
        }

        public int Mtu
        {
            get { return _mtu; }
        }

        /// <summary>Every write, as hex.</summary>
        public ArrayList Writes { get; private set; }

        public int DisconnectCalls { get; private set; }

        public GattDataHandler OnWrite { get; set; }

        /// <summary>Called after a local Disconnect (to tell the other end).</summary>
        public Action OnDisconnect { get; set; }

        public void Write(byte[] data, int offset, int length)
        {
            if (length > _mtu - 3)
            {
                throw new InvalidOperationException("write longer than ATT_MTU - 3");
            }

            byte[] copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            Writes.Add(Hex.Encode(copy));
            if (OnWrite != null)
            {
                OnWrite(copy);
            }
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            _handler.OnDisconnected(GattLinkStatus.LocalClose);
            if (OnDisconnect != null)
            {
                OnDisconnect();
            }
        }
    }

    /// <summary>GATT peripheral port that records the service it was asked to run.</summary>
    internal sealed class FakeGattPeripheral : IGattPeripheral
    {
        public int StartCalls { get; private set; }

        public int StopCalls { get; private set; }

        public ushort ServiceUuid { get; private set; }

        public byte[] AdvertisingData { get; private set; }

        public IGattServerHandler Handler { get; private set; }

        public void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler)
        {
            StartCalls++;
            ServiceUuid = serviceUuid;
            AdvertisingData = advertisingData;
            Handler = handler;
        }

        public void UpdateAdvertisingData(byte[] advertisingData)
        {
            AdvertisingData = advertisingData;
        }

        public void StopService()
        {
            StopCalls++;
        }
    }

    /// <summary>The server's end of a GATT connection: records notifications, forwards them if told to.</summary>
    internal sealed class FakeServerConnection : IGattServerConnection
    {
        private readonly FakeGattPeripheral _peripheral;

        public FakeServerConnection(FakeGattPeripheral peripheral)
        {
            _peripheral = peripheral;
            Notifications = new ArrayList();
        }

        public int Mtu
        {
            get { return 23; }
        }

        /// <summary>Every notification, as hex.</summary>
        public ArrayList Notifications { get; private set; }

        public int DisconnectCalls { get; private set; }

        public GattDataHandler OnNotify { get; set; }

        public void Notify(byte[] data, int offset, int length)
        {
            if (length > 20)
            {
                throw new InvalidOperationException("notification longer than ATT_MTU - 3");
            }

            byte[] copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            Notifications.Add(Hex.Encode(copy));
            if (OnNotify != null)
            {
                OnNotify(copy);
            }
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            if (_peripheral.Handler != null)
            {
                _peripheral.Handler.OnDisconnected(this);
            }
        }
    }
}
