using System;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>
    /// What one advertisement says about an unprovisioned device: the parse result of
    /// <see cref="UnprovisionedDeviceBeacon"/> and <see cref="ProvisioningServiceData"/>.
    /// One instance is reused for every advertisement (the UUID buffer is allocated once).
    /// </summary>
    public sealed class UnprovisionedDeviceAdvert
    {
        private readonly byte[] _uuid = new byte[16];

        /// <summary>Which kind of advertisement this was (exactly one flag).</summary>
        public UnprovisionedDeviceBearers Bearer { get; internal set; }

        /// <summary>Device UUID (16 octets, reused buffer).</summary>
        public byte[] Uuid
        {
            get { return _uuid; }
        }

        /// <summary>OOB Information as read: big-endian from a beacon; from service data in the table's chosen order.</summary>
        public ushort OobInformation { get; internal set; }

        /// <summary>
        /// The two OOB octets exactly as they appear on the air, first octet in the high byte, so
        /// the other byte order can still be tried (service data: reference/ble-mesh.md §3.3).
        /// </summary>
        public ushort OobRaw { get; internal set; }

        public bool HasUriHash { get; internal set; }

        /// <summary>URI Hash (first 4 octets of s1(URI), big-endian), when <see cref="HasUriHash"/>.</summary>
        public uint UriHash { get; internal set; }

        internal void CopyUuid(byte[] data, int offset)
        {
            Array.Copy(data, offset, _uuid, 0, 16);
        }
    }
}
