using System;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// One GATT client link of <see cref="NanoGattCentral"/>. Library calls run on the Bluetooth
    /// worker thread; the core's handler is only ever called on the scheduler's thread, and
    /// OnDisconnected exactly once.
    /// </summary>
    internal sealed class GattClientLink : IGattConnection
    {
        private const string Component = "gatt";

        private readonly NanoGattCentral _central;
        private readonly ulong _address;
        private readonly IGattClientHandler _handler;
        private BluetoothLEDevice _device;
        private GattCharacteristic _dataIn;
        private GattCharacteristic _dataOut;
        private bool _ended;

        public GattClientLink(NanoGattCentral central, ulong address, IGattClientHandler handler)
        {
            _central = central;
            _address = address;
            _handler = handler;
        }

        public int Mtu
        {
            get { return NanoGattCentral.Mtu; }
        }

        /// <summary>Connect, discover, subscribe (Bluetooth worker thread).</summary>
        public void Open(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid)
        {
            if (!_central.Modes.RequestMode(BluetoothMode.Client))
            {
                Fail(GattLinkStatus.ConnectFailed, "client mode unavailable");
                return;
            }

            // nanoFramework README: stop the watcher before connecting; scanning resumes once connected.
            bool resume = _central.Scanner.IsScanning;
            _central.Scanner.Stop();
            try
            {
                _device = BluetoothLEDevice.FromBluetoothAddress(_address, _central.Scanner.AddressTypeOf(_address));
                _central.Opened(this);
                GattDeviceServicesResult services = _device.GetGattServicesForUuid(Utilities.CreateUuidFromShortCode(serviceUuid));
                if (services.Status != GattCommunicationStatus.Success)
                {
                    Fail(services.Status == GattCommunicationStatus.Unreachable ? GattLinkStatus.ConnectFailed : GattLinkStatus.ServiceNotFound, "service discovery status " + (int)services.Status);
                    return;
                }

                if (services.Services.Length == 0)
                {
                    Fail(GattLinkStatus.ServiceNotFound, "no service 0x" + ((int)serviceUuid).ToString("X4"));
                    return;
                }

                GattDeviceService service = services.Services[0];
                _dataIn = FindCharacteristic(service, dataInUuid);
                _dataOut = FindCharacteristic(service, dataOutUuid);
                if (_dataIn == null || _dataOut == null)
                {
                    Fail(GattLinkStatus.ServiceNotFound, "characteristics missing");
                    return;
                }

                _dataOut.ValueChanged += OnValueChanged;
                _device.ConnectionStatusChanged += OnConnectionStatusChanged;

                // A CCCD is written with a Write Request (the library defaults to write-without-response).
                GattWriteResult cccd = _dataOut.WriteClientCharacteristicConfigurationDescriptorWithResult(
                    GattClientCharacteristicConfigurationDescriptorValue.Notify, GattWriteOption.WriteWithResponse);
                if (cccd.Status != GattCommunicationStatus.Success)
                {
                    Fail(GattLinkStatus.ConnectFailed, "enabling notifications: status " + (int)cccd.Status);
                    return;
                }

                _central.Log.Write(LogLevel.Information, Component, "link up to " + Address());
                _central.Scheduler.Post(() =>
                {
                    if (!_ended)
                    {
                        _handler.OnConnected(this);
                    }
                });
            }
            catch (Exception e)
            {
                Fail(GattLinkStatus.ConnectFailed, ((object)e).GetType().Name);
            }
            finally
            {
                if (resume)
                {
                    _central.Scanner.Start();
                }
            }
        }

        public void Write(byte[] data, int offset, int length)
        {
            if (_ended)
            {
                return;
            }

            if (data == null || offset < 0 || length < 0 || offset > data.Length - length || length > Mtu - 3)
            {
                throw new ArgumentOutOfRangeException("length", "a write carries at most " + (Mtu - 3) + " octets");
            }

            Buffer buffer = BleBytes.Copy(data, offset, length);
            _central.Worker.Enqueue(() =>
            {
                GattCharacteristic dataIn = _dataIn;
                if (_device == null || dataIn == null)
                {
                    return;
                }

                GattWriteResult result = dataIn.WriteValueWithResult(buffer, GattWriteOption.WriteWithoutResponse);
                if (result.Status != GattCommunicationStatus.Success)
                {
                    _central.Log.Write(LogLevel.Warning, Component, "write to " + Address() + " failed, status " + (int)result.Status);
                }
            });
        }

        public void Disconnect()
        {
            if (_ended)
            {
                return;
            }

            _central.Worker.Enqueue(() =>
            {
                Release();
                Report(GattLinkStatus.LocalClose);
            });
        }

        /// <summary>Client mode ends under the link (Bluetooth worker thread).</summary>
        public void CloseFromStack()
        {
            Release();
            Report(GattLinkStatus.Disconnected);
        }

        private static GattCharacteristic FindCharacteristic(GattDeviceService service, ushort uuid)
        {
            GattCharacteristicsResult result = service.GetCharacteristicsForUuid(Utilities.CreateUuidFromShortCode(uuid));
            if (result.Status != GattCommunicationStatus.Success || result.Characteristics.Length == 0)
            {
                return null;
            }

            return result.Characteristics[0];
        }

        private void OnValueChanged(GattCharacteristic sender, GattValueChangedEventArgs args)
        {
            byte[] value = BleBytes.ToArray(args.CharacteristicValue);
            _central.Scheduler.Post(() =>
            {
                if (!_ended)
                {
                    _handler.OnNotification(value, 0, value.Length);
                }
            });
        }

        private void OnConnectionStatusChanged(object sender, EventArgs e)
        {
            BluetoothLEDevice device = _device;
            if (device != null && device.ConnectionStatus == BluetoothConnectionStatus.Disconnected)
            {
                _central.Worker.Enqueue(() =>
                {
                    Release();
                    Report(GattLinkStatus.Disconnected);
                });
            }
        }

        private void Fail(GattLinkStatus status, string why)
        {
            _central.Log.Write(LogLevel.Warning, Component, "link to " + Address() + " failed: " + why);
            Release();
            Report(status);
        }

        /// <summary>Closes and disposes the device (Bluetooth worker thread); the last one may stop the stack.</summary>
        private void Release()
        {
            BluetoothLEDevice device = _device;
            if (device == null)
            {
                return;
            }

            _device = null;
            _central.Closed(this);
            try
            {
                if (_dataOut != null)
                {
                    _dataOut.ValueChanged -= OnValueChanged;
                }

                device.ConnectionStatusChanged -= OnConnectionStatusChanged;
                device.Close();
                device.Dispose();
            }
            catch (Exception e)
            {
                _central.Log.Write(LogLevel.Debug, Component, "close threw " + ((object)e).GetType().Name);
            }
        }

        private void Report(GattLinkStatus status)
        {
            _central.Scheduler.Post(() =>
            {
                if (_ended)
                {
                    return;
                }

                _ended = true;
                _central.Released();
                _handler.OnDisconnected(status);
            });
        }

        private string Address()
        {
            return _address.ToString("X12");
        }
    }
}
