using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>GATT central stand-in: records Connect; the test decides when (and whether) the link comes up.</summary>
    internal sealed class FakeGattCentral : IGattCentral
    {
        public int MaxConnections => 3;

        public List<(ulong Address, ushort Service, ushort DataIn, ushort DataOut, IGattClientHandler Handler)> Connects { get; } = new();

        public void Connect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler)
        {
            Connects.Add((address, serviceUuid, dataInUuid, dataOutUuid, handler));
        }
    }

    /// <summary>The central's end of a GATT link: records writes; Disconnect reports LocalClose like a real port.</summary>
    internal sealed class FakeGattConnection : IGattConnection
    {
        private readonly IGattClientHandler _handler;

        public FakeGattConnection(IGattClientHandler handler, int mtu = 23)
        {
            _handler = handler;
            Mtu = mtu;
        }

        public int Mtu { get; }

        public List<byte[]> Writes { get; } = new();

        public int DisconnectCalls { get; private set; }

        /// <summary>Where writes go besides the log (a server in an end-to-end test).</summary>
        public Action<byte[]> OnWrite { get; set; }

        public void Write(byte[] data, int offset, int length)
        {
            if (length > Mtu - 3)
            {
                throw new InvalidOperationException("write longer than ATT_MTU - 3");
            }

            var copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            Writes.Add(copy);
            OnWrite?.Invoke(copy);
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            _handler.OnDisconnected(GattLinkStatus.LocalClose);
        }
    }

    /// <summary>GATT peripheral stand-in: records the service and its advertising data.</summary>
    internal sealed class FakeGattPeripheral : IGattPeripheral
    {
        public int StartCalls { get; private set; }

        public int StopCalls { get; private set; }

        public ushort ServiceUuid { get; private set; }

        public ushort DataInUuid { get; private set; }

        public ushort DataOutUuid { get; private set; }

        public byte[] AdvertisingData { get; private set; }

        public IGattServerHandler Handler { get; private set; }

        public void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler)
        {
            StartCalls++;
            ServiceUuid = serviceUuid;
            DataInUuid = dataInUuid;
            DataOutUuid = dataOutUuid;
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

    /// <summary>The peripheral's end of a GATT link: records notifications.</summary>
    internal sealed class FakeServerConnection : IGattServerConnection
    {
        private readonly FakeGattPeripheral _peripheral;

        public FakeServerConnection(FakeGattPeripheral peripheral, int mtu = 23)
        {
            _peripheral = peripheral;
            Mtu = mtu;
        }

        public int Mtu { get; }

        public List<byte[]> Notifications { get; } = new();

        public int DisconnectCalls { get; private set; }

        public Action<byte[]> OnNotify { get; set; }

        public void Notify(byte[] data, int offset, int length)
        {
            if (length > Mtu - 3)
            {
                throw new InvalidOperationException("notification longer than ATT_MTU - 3");
            }

            var copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            Notifications.Add(copy);
            OnNotify?.Invoke(copy);
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            _peripheral.Handler?.OnDisconnected(this);
        }
    }
}
