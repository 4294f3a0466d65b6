using System;
using Gateway.Core.Runtime;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>One central subscribed to <see cref="NanoGattPeripheral"/>'s Data Out.</summary>
    internal sealed class GattServerClient : IGattServerConnection
    {
        private readonly NanoGattPeripheral _owner;
        private readonly GattSubscribedClient _client;
        private bool _closed;

        public GattServerClient(NanoGattPeripheral owner, GattSubscribedClient client)
        {
            _owner = owner;
            _client = client;
            Id = client.Session.DeviceId.Id;
        }

        public int Id { get; }

        /// <summary>The ATT_MTU the central negotiated (23 until it exchanges one; NimBLE prefers 256).</summary>
        public int Mtu
        {
            get
            {
                int mtu = _client.Session.MaxMtuSize;
                return mtu < 23 ? 23 : mtu;
            }
        }

        public void Notify(byte[] data, int offset, int length)
        {
            if (_closed)
            {
                return;
            }

            if (data == null || offset < 0 || length < 0 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            Buffer value = BleBytes.Copy(data, offset, length);
            _owner.Worker.Enqueue(() =>
            {
                GattLocalCharacteristic dataOut = _owner.DataOut;
                if (!_closed && dataOut != null)
                {
                    dataOut.NotifyValue(value, _client);
                }
            });
        }

        public void Disconnect()
        {
            if (!_closed)
            {
                _owner.DropAll();
            }
        }

        internal void Close()
        {
            _closed = true;
        }
    }
}
