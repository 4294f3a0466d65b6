using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Provisioner side of PB-GATT: a GATT central link to the device's Mesh Provisioning Service
    /// (0x1827; Data In 0x2ADB written without response, Data Out 0x2ADC notified). Open connects;
    /// the link is open once the port reports the CCCD of Data Out enabled (MshPRT §5.2.2).
    /// </summary>
    public sealed class PbGattClientLink : PbGattLink, IGattClientHandler
    {
        private readonly IGattCentral _central;
        private readonly ulong _address;
        private IGattConnection _connection;

        /// <param name="address">Address of the connectable 0x1827 advertiser (from discovery).</param>
        public PbGattClientLink(IGattCentral central, ulong address, byte[] deviceUuid, IScheduler scheduler, IProvisioningLinkHandler handler, PbGattOptions options)
            : base(scheduler, options, ProvisioningRole.Provisioner, deviceUuid, handler)
        {
            if (central == null)
            {
                throw new ArgumentNullException("central");
            }

            _central = central;
            _address = address;
        }

        public ulong Address
        {
            get { return _address; }
        }

        public void OnConnected(IGattConnection connection)
        {
            if (connection == null)
            {
                return;
            }

            if (State != ProvisioningLinkState.Opening)
            {
                // We gave up (timeout or Close) before the port finished connecting.
                connection.Disconnect();
                return;
            }

            _connection = connection;
            TransportUp(connection.Mtu);
        }

        public void OnNotification(byte[] data, int offset, int length)
        {
            TransportData(data, offset, length);
        }

        public void OnDisconnected(GattLinkStatus status)
        {
            _connection = null;
            TransportDown();
        }

        protected override void StartTransport()
        {
            _central.Connect(_address, ServiceUuid, DataInUuid, DataOutUuid, this);
        }

        protected override void StopTransport()
        {
            IGattConnection connection = _connection;
            _connection = null;
            if (connection != null)
            {
                connection.Disconnect();
            }
        }

        protected override void WriteSegment(byte[] data, int offset, int count)
        {
            if (_connection != null)
            {
                _connection.Write(data, offset, count);
            }
        }
    }
}
