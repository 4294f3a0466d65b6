using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Device side of PB-GATT: serves the Mesh Provisioning Service (0x1827) and advertises it
    /// connectably; the first central that enables notifications of Data Out opens the link
    /// (MshPRT §5.2.2). Used by simulated mesh nodes. Closing disconnects and stops the service;
    /// a new link object serves the next attempt.
    /// </summary>
    public sealed class PbGattServerLink : PbGattLink, IGattServerHandler
    {
        private readonly IGattPeripheral _peripheral;
        private readonly byte[] _advertisingData;
        private IGattServerConnection _connection;

        /// <param name="advertisingData">Connectable advertising data with the 0x1827 service data (see the discovery writers).</param>
        public PbGattServerLink(IGattPeripheral peripheral, byte[] advertisingData, byte[] deviceUuid, IScheduler scheduler, IProvisioningLinkHandler handler, PbGattOptions options)
            : base(scheduler, options, ProvisioningRole.Device, deviceUuid, handler)
        {
            if (peripheral == null)
            {
                throw new ArgumentNullException("peripheral");
            }

            if (advertisingData == null)
            {
                throw new ArgumentNullException("advertisingData");
            }

            _peripheral = peripheral;
            _advertisingData = advertisingData;
        }

        public void OnSubscribed(IGattServerConnection connection)
        {
            if (connection == null)
            {
                return;
            }

            if (State != ProvisioningLinkState.Opening)
            {
                // One provisioner at a time; a second central is turned away.
                if (connection != _connection)
                {
                    connection.Disconnect();
                }

                return;
            }

            _connection = connection;
            TransportUp(connection.Mtu);
        }

        public void OnWrite(IGattServerConnection connection, byte[] data, int offset, int length)
        {
            if (connection == _connection)
            {
                TransportData(data, offset, length);
            }
        }

        public void OnDisconnected(IGattServerConnection connection)
        {
            if (connection == _connection && connection != null)
            {
                _connection = null;
                TransportDown();
                if (!IsActive)
                {
                    _peripheral.StopService();
                }
            }
        }

        protected override void StartTransport()
        {
            _peripheral.StartService(ServiceUuid, DataInUuid, DataOutUuid, _advertisingData, this);
        }

        protected override void StopTransport()
        {
            IGattServerConnection connection = _connection;
            _connection = null;
            if (connection != null)
            {
                connection.Disconnect();
            }

            _peripheral.StopService();
        }

        protected override void WriteSegment(byte[] data, int offset, int count)
        {
            if (_connection != null)
            {
                _connection.Notify(data, offset, count);
            }
        }
    }
}
