using System;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>Why <see cref="UnprovisionedDeviceTable.DeviceFound"/> fired. Flags; numeric values are stable.</summary>
    [Flags]
    public enum UnprovisionedDeviceChange
    {
        None = 0,

        /// <summary>First sighting (or first after the entry aged out).</summary>
        New = 1,

        /// <summary>A known device appeared on a further bearer (e.g. its PB-GATT advert after its beacon).</summary>
        BearerAdded = 2,
    }

    /// <summary>
    /// Raised on the scheduler's thread when a device is new or adds a bearer. The entry object
    /// belongs to the table and is reused for another device after eviction: identify devices by
    /// UUID and copy what you keep.
    /// </summary>
    public delegate void UnprovisionedDeviceFoundHandler(UnprovisionedDevice device, UnprovisionedDeviceChange change);
}
