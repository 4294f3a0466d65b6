namespace Gateway.Core.Runtime
{
    /// <summary>The peripheral's side of one GATT link.</summary>
    public interface IGattServerHandler
    {
        /// <summary>A central enabled notifications on Data Out (for PB-GATT this opens the provisioning link).</summary>
        void OnSubscribed(IGattServerConnection connection);

        /// <summary>A write to Data In. The buffer is reused after the call returns.</summary>
        void OnWrite(IGattServerConnection connection, byte[] data, int offset, int length);

        void OnDisconnected(IGattServerConnection connection);
    }

    /// <summary>One central connected to our service.</summary>
    public interface IGattServerConnection
    {
        int Mtu { get; }

        /// <summary>Notifies Data Out (the radio copies the data).</summary>
        void Notify(byte[] data, int offset, int length);

        void Disconnect();
    }

    /// <summary>
    /// GATT peripheral port: one primary 16-bit service with Data In / Data Out, advertised
    /// connectably with the given AD structures. Used by simulated mesh nodes and by the
    /// gateway's own onboarding (ble-config). Device: BluetoothLEServer / GattServiceProvider.
    /// </summary>
    public interface IGattPeripheral
    {
        /// <summary>Starts advertising <paramref name="advertisingData"/> and serving the service.</summary>
        void StartService(ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, byte[] advertisingData, IGattServerHandler handler);

        /// <summary>Replaces the advertising data of the running service (e.g. Node Identity after provisioning).</summary>
        void UpdateAdvertisingData(byte[] advertisingData);

        void StopService();
    }
}
