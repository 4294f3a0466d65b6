namespace Gateway.Core.Runtime
{
    /// <summary>Why a GATT link ended or could not be made. Numeric values are stable.</summary>
    public enum GattLinkStatus
    {
        Success = 0,
        ConnectFailed = 1,
        ServiceNotFound = 2,
        Disconnected = 3,
        Timeout = 4,
        LocalClose = 5,
    }

    /// <summary>The core's side of one GATT link; the adapter calls these on the scheduler's thread.</summary>
    public interface IGattClientHandler
    {
        /// <summary>Connected, service and characteristics found, notifications of Data Out enabled.</summary>
        void OnConnected(IGattConnection connection);

        /// <summary>A notification from Data Out. The buffer is reused after the call returns.</summary>
        void OnNotification(byte[] data, int offset, int length);

        /// <summary>The link is gone (or never came up); no more calls follow.</summary>
        void OnDisconnected(GattLinkStatus status);
    }

    /// <summary>An open GATT link to one peripheral.</summary>
    public interface IGattConnection
    {
        /// <summary>ATT_MTU of the link; a write may carry at most Mtu - 3 octets (20 with the default 23).</summary>
        int Mtu { get; }

        /// <summary>Write Without Response to the Data In characteristic (the radio copies the data).</summary>
        void Write(byte[] data, int offset, int length);

        /// <summary>Closes the link; OnDisconnected(LocalClose) follows.</summary>
        void Disconnect();
    }

    /// <summary>
    /// GATT central port (DESIGN.md §3): connect to a peripheral, find a 16-bit service with a
    /// Data In characteristic (write without response) and a Data Out characteristic
    /// (notifications, CCCD enabled by the adapter). Mesh uses 0x1827 (0x2ADB/0x2ADC) for PB-GATT
    /// and 0x1828 (0x2ADD/0x2ADE) for the GATT Proxy. Device: nanoFramework BluetoothLEDevice on a
    /// worker thread; host: the virtual air.
    /// </summary>
    public interface IGattCentral
    {
        /// <summary>Maximum simultaneous links (3 on ESP32 NimBLE).</summary>
        int MaxConnections { get; }

        void Connect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler);
    }
}
