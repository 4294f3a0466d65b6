namespace Gateway.Core.Platform
{
    /// <summary>
    /// What <see cref="BluetoothModeController"/> asks of the platform's Bluetooth stack. On the
    /// device every call may block for seconds (NimBLE start waits up to 10 s for host sync) and
    /// runs on the adapter's Bluetooth worker thread, never on the scheduler's.
    /// </summary>
    public interface IBluetoothModeDriver
    {
        /// <summary>Leaves Client mode: stop the scanner, close and dispose every GATT client link.</summary>
        void StopClient();

        /// <summary>Leaves Server mode: stop advertising and the GATT server.</summary>
        void StopServer();

        /// <summary>Enters Client mode (the stack must be NotRunning; a running Server makes this throw).</summary>
        void StartClient();

        /// <summary>Enters Server mode (the stack must be NotRunning; a running Client makes this throw).</summary>
        void StartServer();
    }
}
