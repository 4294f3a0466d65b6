using System;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>
    /// One row of the <see cref="UnprovisionedDeviceTable"/>. Pre-allocated per slot and updated
    /// in place, so repeated adverts of a known device cost no allocation; the object is reused
    /// for another device after eviction (compare <see cref="Uuid"/>, copy what you keep).
    /// </summary>
    public sealed class UnprovisionedDevice
    {
        private readonly byte[] _uuid = new byte[16];

        internal UnprovisionedDevice()
        {
        }

        /// <summary>Device UUID (16 octets; the table's buffer, do not modify).</summary>
        public byte[] Uuid
        {
            get { return _uuid; }
        }

        /// <summary>Advertiser address of the latest advert of either kind.</summary>
        public ulong Address { get; internal set; }

        /// <summary>Address of the latest connectable 0x1827 advert: the one to connect to for PB-GATT.</summary>
        public ulong GattAddress { get; internal set; }

        /// <summary>OOB Information (MshPRT Table 3.54); from the beacon when one was seen (its byte order is defined).</summary>
        public ushort OobInformation { get; internal set; }

        /// <summary>True once <see cref="OobInformation"/> came from an Unprovisioned Device beacon.</summary>
        public bool OobFromBeacon { get; internal set; }

        public bool HasUriHash { get; internal set; }

        public uint UriHash { get; internal set; }

        /// <summary>Every bearer the device was seen offering while in the table.</summary>
        public UnprovisionedDeviceBearers Bearers { get; internal set; }

        /// <summary>RSSI of the latest advert (dBm).</summary>
        public int Rssi { get; internal set; }

        /// <summary>Scheduler time of the first advert (this sighting).</summary>
        public long FirstSeenMilliseconds { get; internal set; }

        /// <summary>Scheduler time of the latest advert.</summary>
        public long LastSeenMilliseconds { get; internal set; }

        internal bool InUse { get; set; }

        internal bool UuidEquals(byte[] uuid, int offset)
        {
            for (int i = 0; i < 16; i++)
            {
                if (_uuid[i] != uuid[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        internal void Initialize(UnprovisionedDeviceAdvert advert, ulong address, int rssi, long now)
        {
            Array.Copy(advert.Uuid, _uuid, 16);
            InUse = true;
            Address = address;
            GattAddress = 0;
            Bearers = UnprovisionedDeviceBearers.None;
            OobInformation = advert.OobInformation;
            OobFromBeacon = false;
            HasUriHash = false;
            UriHash = 0;
            Rssi = rssi;
            FirstSeenMilliseconds = now;
            LastSeenMilliseconds = now;
        }
    }
}
