using System;
using System.Collections;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Gateway.Firmware.Runtime;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// The <see cref="IGattPeripheral"/> port on nanoFramework's GATT server (nanoframework.md §1.4),
    /// for the gateway's own onboarding (ble-config). One primary service with Data In (write,
    /// write without response) and Data Out (notify), advertised connectably with the caller's AD
    /// structures (CustomAdvertisement: no flags or name added by the library).
    /// <para>
    /// Server mode excludes the gateway's Client work, so <see cref="StartService"/> asks the
    /// <see cref="BluetoothModeController"/> for Server: scanning and GATT client links stop first.
    /// Services must exist before the server starts, so the service is (re)created each time
    /// Server mode starts (<see cref="CreateServiceAndAdvertise"/>), and new advertising data means
    /// a restart through NotRunning (StopAdvertising itself drops the stack to NotRunning).
    /// Write requests are answered on the library's thread at once (it waits at most 2 s) and
    /// handed to the core on the scheduler's thread. There is no public API to disconnect one
    /// central: <see cref="IGattServerConnection.Disconnect"/> stops the service.
    /// </para>
    /// </summary>
    public sealed class NanoGattPeripheral : IGattPeripheral
    {
        private const string Component = "gatt-server";

        private readonly WorkQueueThread _ble;
        private readonly BluetoothModeController _modes;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly ArrayList _clients = new ArrayList(); // GattServerClient, guarded by itself
        private ushort _serviceUuid;
        private ushort _dataInUuid;
        private ushort _dataOutUuid;
        private byte[] _advertisingData;
        private IGattServerHandler _handler;
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _dataOut;

        public NanoGattPeripheral(WorkQueueThread ble, BluetoothModeController modes, IScheduler scheduler, ILog log)
        {
            if (ble == null || modes == null || scheduler == null || log == null)
            {
                throw new ArgumentNullException("ble");
            }

            _ble = ble;
            _modes = modes;
            _scheduler = scheduler;
            _log = log;
        }

        /// <summary>True while a service is wanted (between StartService and StopService).</summary>
        public bool HasService
        {
            get { return _handler != null; }
        }

        internal WorkQueueThread Worker
        {
            get { return _ble; }
        }

        public void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler)
        {
            if (handler == null || advertisingData == null)
            {
                throw new ArgumentNullException("handler");
            }

            _serviceUuid = serviceUuid;
            _dataInUuid = dataInUuid;
            _dataOutUuid = dataOutUuid;
            _advertisingData = Copy(advertisingData);
            _handler = handler;
            _ble.Enqueue(Restart);
        }

        public void UpdateAdvertisingData(byte[] advertisingData)
        {
            if (advertisingData == null)
            {
                throw new ArgumentNullException("advertisingData");
            }

            _advertisingData = Copy(advertisingData);
            _ble.Enqueue(Restart);
        }

        public void StopService()
        {
            _handler = null;
            _ble.Enqueue(() =>
            {
                if (_modes.Mode == BluetoothMode.Server)
                {
                    _modes.RequestMode(BluetoothMode.NotRunning);
                }
            });
        }

        /// <summary>Creates the service and starts advertising, which starts the server (Bluetooth worker thread, from the mode controller).</summary>
        public void CreateServiceAndAdvertise()
        {
            GattServiceProviderResult created = GattServiceProvider.Create(Utilities.CreateUuidFromShortCode(_serviceUuid));
            if (created.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("GATT service not created, error " + (int)created.Error);
            }

            _provider = created.ServiceProvider;
            GattLocalService service = _provider.Service;

            GattLocalCharacteristicParameters inParameters = new GattLocalCharacteristicParameters();
            inParameters.CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse;
            inParameters.UserDescription = "Data In";
            GattLocalCharacteristicResult dataIn = service.CreateCharacteristic(Utilities.CreateUuidFromShortCode(_dataInUuid), inParameters);

            GattLocalCharacteristicParameters outParameters = new GattLocalCharacteristicParameters();
            outParameters.CharacteristicProperties = GattCharacteristicProperties.Notify;
            outParameters.UserDescription = "Data Out";
            GattLocalCharacteristicResult dataOut = service.CreateCharacteristic(Utilities.CreateUuidFromShortCode(_dataOutUuid), outParameters);
            if (dataIn.Error != BluetoothError.Success || dataOut.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("GATT characteristics not created");
            }

            dataIn.Characteristic.WriteRequested += OnWriteRequested;
            _dataOut = dataOut.Characteristic;
            _dataOut.SubscribedClientsChanged += OnSubscribedClientsChanged;

            GattServiceProviderAdvertisingParameters advertising = new GattServiceProviderAdvertisingParameters();
            advertising.IsConnectable = true;
            advertising.IsDiscoverable = true;
            advertising.CustomAdvertisement = true;
            AddSections(advertising.Advertisement, _advertisingData);
            _provider.StartAdvertising(advertising);
            _log.Write(LogLevel.Information, Component, "service 0x" + ((int)_serviceUuid).ToString("X4") + " advertising");
        }

        /// <summary>Server mode ends: stop advertising and report every client gone (Bluetooth worker thread).</summary>
        public void StopAdvertisingAndClients()
        {
            if (_provider != null)
            {
                try
                {
                    _provider.StopAdvertising();
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Debug, Component, "stop advertising threw " + ((object)e).GetType().Name);
                }

                _provider = null;
                _dataOut = null;
            }

            object[] gone;
            lock (_clients)
            {
                gone = _clients.ToArray();
                _clients.Clear();
            }

            IGattServerHandler handler = _handler;
            for (int i = 0; i < gone.Length; i++)
            {
                GattServerClient client = (GattServerClient)gone[i];
                client.Close();
                if (handler != null)
                {
                    _scheduler.Post(() => handler.OnDisconnected(client));
                }
            }
        }

        internal GattLocalCharacteristic DataOut
        {
            get { return _dataOut; }
        }

        /// <summary>Adds the AD structures (length, type, value ...) as data sections; a malformed length ends the walk.</summary>
        private static void AddSections(BluetoothLEAdvertisement advertisement, byte[] data)
        {
            int i = 0;
            while (i < data.Length)
            {
                int length = data[i];
                if (length == 0 || i + 1 + length > data.Length)
                {
                    return;
                }

                advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(data[i + 1], BleBytes.Copy(data, i + 2, length - 1)));
                i += 1 + length;
            }
        }

        private static byte[] Copy(byte[] data)
        {
            byte[] copy = new byte[data.Length];
            Array.Copy(data, 0, copy, 0, data.Length);
            return copy;
        }

        private void Restart()
        {
            if (_modes.Mode == BluetoothMode.Server)
            {
                _modes.RequestMode(BluetoothMode.NotRunning);
            }

            if (_handler != null && !_modes.RequestMode(BluetoothMode.Server))
            {
                _log.Write(LogLevel.Error, Component, "onboarding service not started");
            }
        }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            // The library waits at most 2 s for the answer (nanoframework.md §1.4): answer first.
            GattWriteRequest request = args.GetRequest();
            byte[] value = BleBytes.ToArray(request.Value);
            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            GattServerClient client = Find(args.Session.DeviceId.Id);
            IGattServerHandler handler = _handler;
            if (client != null && handler != null)
            {
                _scheduler.Post(() => handler.OnWrite(client, value, 0, value.Length));
            }
        }

        private void OnSubscribedClientsChanged(GattLocalCharacteristic sender, object args)
        {
            GattSubscribedClient[] now = sender.SubscribedClients;
            IGattServerHandler handler = _handler;
            ArrayList added = new ArrayList();
            ArrayList removed = new ArrayList();
            lock (_clients)
            {
                for (int i = 0; i < now.Length; i++)
                {
                    if (FindLocked(now[i].Session.DeviceId.Id) == null)
                    {
                        GattServerClient client = new GattServerClient(this, now[i]);
                        _clients.Add(client);
                        added.Add(client);
                    }
                }

                for (int c = _clients.Count - 1; c >= 0; c--)
                {
                    GattServerClient client = (GattServerClient)_clients[c];
                    bool present = false;
                    for (int i = 0; i < now.Length; i++)
                    {
                        present = present || now[i].Session.DeviceId.Id == client.Id;
                    }

                    if (!present)
                    {
                        _clients.RemoveAt(c);
                        removed.Add(client);
                    }
                }
            }

            if (handler == null)
            {
                return;
            }

            foreach (GattServerClient client in removed)
            {
                client.Close();
                _scheduler.Post(() => handler.OnDisconnected(client));
            }

            foreach (GattServerClient client in added)
            {
                _scheduler.Post(() => handler.OnSubscribed(client));
            }
        }

        private GattServerClient Find(int id)
        {
            lock (_clients)
            {
                return FindLocked(id);
            }
        }

        private GattServerClient FindLocked(int id)
        {
            for (int i = 0; i < _clients.Count; i++)
            {
                GattServerClient client = (GattServerClient)_clients[i];
                if (client.Id == id)
                {
                    return client;
                }
            }

            return null;
        }

        /// <summary>Called by a client's Disconnect: no per-central disconnect exists, so the service restarts.</summary>
        internal void DropAll()
        {
            _log.Write(LogLevel.Information, Component, "disconnect requested: restarting the service");
            _ble.Enqueue(Restart);
        }
    }
}
