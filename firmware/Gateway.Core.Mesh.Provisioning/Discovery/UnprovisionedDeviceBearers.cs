using System;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>How an unprovisioned device showed itself. Flags; numeric values are stable.</summary>
    [Flags]
    public enum UnprovisionedDeviceBearers
    {
        None = 0,

        /// <summary>Unprovisioned Device beacon (AD 0x2B, beacon type 0x00): reachable over PB-ADV.</summary>
        PbAdv = 1,

        /// <summary>Connectable Mesh Provisioning Service advertising (service data 0x1827): reachable over PB-GATT.</summary>
        PbGatt = 2,
    }
}
