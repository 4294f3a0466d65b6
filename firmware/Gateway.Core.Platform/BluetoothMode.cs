namespace Gateway.Core.Platform
{
    /// <summary>
    /// The run modes of nanoFramework's Bluetooth stack (nanoframework.md §1.1): never Server and
    /// Client at once. Numeric values are stable (enums print as numbers on the device).
    /// </summary>
    public enum BluetoothMode
    {
        /// <summary>NimBLE stopped and de-initialised.</summary>
        NotRunning = 0,

        /// <summary>Peripheral: GATT server and advertising (the gateway's onboarding).</summary>
        Server = 1,

        /// <summary>Central: scanning and GATT client links (the gateway's provisioning work).</summary>
        Client = 2,
    }

    /// <summary>The mode changed (raised on the thread that asked for the switch).</summary>
    public delegate void BluetoothModeChangedHandler(BluetoothMode previous, BluetoothMode current);
}
