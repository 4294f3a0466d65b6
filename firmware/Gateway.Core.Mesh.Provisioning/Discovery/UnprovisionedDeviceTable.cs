using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>
    /// The unprovisioned devices in radio range, from Unprovisioned Device beacons (PB-ADV) and
    /// Mesh Provisioning Service adverts (PB-GATT), keyed by Device UUID (MshPRT §3.10.2,
    /// §7.1.2.2.1). Bounded and pre-allocated: a device not heard for
    /// <see cref="DiscoveryOptions.MaxAgeMilliseconds"/> ages out, a finished one is removed by its
    /// owner (<see cref="Remove"/>), and when every slot is live the device that entered first
    /// makes room, so a new device is reported at its first beacon heard even with far more
    /// devices in range than slots. <see cref="DeviceFound"/> fires once per new device
    /// and once more per bearer it adds; repeated adverts of a known device only refresh its row
    /// and allocate nothing.
    /// </summary>
    public sealed class UnprovisionedDeviceTable
    {
        private const ushort RfuOobBits = 0x0600; // bits 9–10 (MshPRT Table 3.54)

        private readonly IScheduler _scheduler;
        private readonly DiscoveryOptions _options;
        private readonly UnprovisionedDevice[] _devices;
        private readonly UnprovisionedDeviceAdvert _advert = new UnprovisionedDeviceAdvert();

        public UnprovisionedDeviceTable(IScheduler scheduler)
            : this(scheduler, null)
        {
        }

        /// <param name="options">Settings (validated and kept), or null for the defaults.</param>
        public UnprovisionedDeviceTable(IScheduler scheduler, DiscoveryOptions options)
        {
            if (scheduler == null)
            {
                throw new ArgumentNullException("scheduler");
            }

            _options = options == null ? new DiscoveryOptions() : options;
            _options.Validate();
            _scheduler = scheduler;
            _devices = new UnprovisionedDevice[_options.Capacity];
            for (int i = 0; i < _devices.Length; i++)
            {
                _devices[i] = new UnprovisionedDevice();
            }
        }

        /// <summary>A device is new, or a known device showed a further bearer.</summary>
        public event UnprovisionedDeviceFoundHandler DeviceFound;

        public int Capacity
        {
            get { return _devices.Length; }
        }

        /// <summary>Devices currently remembered and not aged out.</summary>
        public int Count
        {
            get
            {
                long now = _scheduler.NowMilliseconds;
                int count = 0;
                for (int i = 0; i < _devices.Length; i++)
                {
                    if (IsLive(_devices[i], now))
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        public long AdvertisementsReceived { get; private set; }

        /// <summary>Advertisements with neither an Unprovisioned Device beacon nor 0x1827 service data.</summary>
        public long IgnoredCount { get; private set; }

        /// <summary>Live devices pushed out to make room for a new one.</summary>
        public long EvictedCount { get; private set; }

        /// <summary>
        /// Receive path (signature of <see cref="AdvertisementReceivedHandler"/>). Never throws for
        /// any advertisement content; the buffer is not kept.
        /// </summary>
        public void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
        {
            AdvertisementsReceived++;
            bool matched = false;
            int valueOffset;
            int valueLength;
            if (AdStructures.TryFind(data, offset, length, UnprovisionedDeviceBeacon.AdType, out valueOffset, out valueLength)
                && UnprovisionedDeviceBeacon.TryParse(data, valueOffset, valueLength, _advert))
            {
                Observe(address, rssi);
                matched = true;
            }

            int from = offset;
            while (AdStructures.TryFindFrom(data, offset, length, ProvisioningServiceData.ServiceDataAdType, from, out valueOffset, out valueLength))
            {
                if (ProvisioningServiceData.TryParse(data, valueOffset, valueLength, _options.ServiceDataOobLittleEndian, _advert))
                {
                    Observe(address, rssi);
                    matched = true;
                    break;
                }

                from = valueOffset + valueLength;
            }

            if (!matched)
            {
                IgnoredCount++;
            }
        }

        /// <summary>The live row for <paramref name="uuid"/>, or null.</summary>
        public UnprovisionedDevice Find(byte[] uuid)
        {
            CheckUuid(uuid);
            long now = _scheduler.NowMilliseconds;
            for (int i = 0; i < _devices.Length; i++)
            {
                UnprovisionedDevice device = _devices[i];
                if (IsLive(device, now) && device.UuidEquals(uuid, 0))
                {
                    return device;
                }
            }

            return null;
        }

        /// <summary>The live row in slot <paramref name="slot"/> (0 … Capacity−1), or null; for listing the table.</summary>
        public UnprovisionedDevice GetAt(int slot)
        {
            if (slot < 0 || slot >= _devices.Length)
            {
                throw new ArgumentOutOfRangeException("slot");
            }

            UnprovisionedDevice device = _devices[slot];
            return IsLive(device, _scheduler.NowMilliseconds) ? device : null;
        }

        /// <summary>Forgets a device (e.g. once provisioning starts). Returns whether it was there.</summary>
        public bool Remove(byte[] uuid)
        {
            CheckUuid(uuid);
            for (int i = 0; i < _devices.Length; i++)
            {
                UnprovisionedDevice device = _devices[i];
                if (device.InUse && device.UuidEquals(uuid, 0))
                {
                    device.InUse = false;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Frees the rows of aged-out devices; returns how many. Optional: aged rows are reused anyway.</summary>
        public int RemoveExpired()
        {
            long now = _scheduler.NowMilliseconds;
            int removed = 0;
            for (int i = 0; i < _devices.Length; i++)
            {
                UnprovisionedDevice device = _devices[i];
                if (device.InUse && !IsLive(device, now))
                {
                    device.InUse = false;
                    removed++;
                }
            }

            return removed;
        }

        public void Clear()
        {
            for (int i = 0; i < _devices.Length; i++)
            {
                _devices[i].InUse = false;
            }
        }

        private void Observe(ulong address, int rssi)
        {
            long now = _scheduler.NowMilliseconds;
            UnprovisionedDeviceAdvert advert = _advert;
            UnprovisionedDeviceChange change = UnprovisionedDeviceChange.None;
            UnprovisionedDevice device = Lookup(advert.Uuid, now);
            if (device == null)
            {
                device = TakeSlot(advert.Uuid, now);
                device.Initialize(advert, address, rssi, now);
                change = UnprovisionedDeviceChange.New;
            }

            device.Address = address;
            device.Rssi = rssi;
            device.LastSeenMilliseconds = now;
            if ((device.Bearers & advert.Bearer) == 0)
            {
                device.Bearers |= advert.Bearer;
                if (change == UnprovisionedDeviceChange.None)
                {
                    change = UnprovisionedDeviceChange.BearerAdded;
                }
            }

            if (advert.Bearer == UnprovisionedDeviceBearers.PbAdv)
            {
                // The beacon's OOB field is big-endian beyond dispute (MshPRT §3.10.2), so it wins.
                device.OobInformation = advert.OobInformation;
                device.OobFromBeacon = true;
                device.HasUriHash = advert.HasUriHash;
                device.UriHash = advert.UriHash;
            }
            else
            {
                device.GattAddress = address;
                if (!device.OobFromBeacon)
                {
                    device.OobInformation = ServiceDataOob(advert.OobInformation);
                }
            }

            UnprovisionedDeviceFoundHandler handler = DeviceFound;
            if (change != UnprovisionedDeviceChange.None && handler != null)
            {
                handler(device, change);
            }
        }

        /// <summary>
        /// Service-data OOB in the configured order, unless only the other order avoids the RFU
        /// bits 9–10: the two orders in the field (reference/ble-mesh.md §3.3) are both accepted.
        /// </summary>
        private static ushort ServiceDataOob(ushort configured)
        {
            ushort swapped = (ushort)(((configured & 0xFF) << 8) | (configured >> 8));
            if ((configured & RfuOobBits) != 0 && (swapped & RfuOobBits) == 0)
            {
                return swapped;
            }

            return configured;
        }

        private UnprovisionedDevice Lookup(byte[] uuid, long now)
        {
            for (int i = 0; i < _devices.Length; i++)
            {
                UnprovisionedDevice device = _devices[i];
                if (IsLive(device, now) && device.UuidEquals(uuid, 0))
                {
                    return device;
                }
            }

            return null;
        }

        /// <summary>
        /// A row for a device not live in the table: its own aged row, a free one, an aged one,
        /// else the one that entered the table first. The table is only a cache of sightings (the
        /// workflow keeps what it decided), and every row's device was reported when it entered,
        /// so with more devices in range than rows they rotate first-in first-out: a device never
        /// seen gets a row, and is reported, at its first beacon heard (Observe fires DeviceFound
        /// for it), whatever the table holds. Evicting the least recently heard instead would keep
        /// whichever devices beacon most often and starve the rest.
        /// </summary>
        private UnprovisionedDevice TakeSlot(byte[] uuid, long now)
        {
            UnprovisionedDevice free = null;
            UnprovisionedDevice aged = null;
            UnprovisionedDevice oldest = null;
            for (int i = 0; i < _devices.Length; i++)
            {
                UnprovisionedDevice device = _devices[i];
                if (!device.InUse)
                {
                    if (free == null)
                    {
                        free = device;
                    }

                    continue;
                }

                if (!IsLive(device, now))
                {
                    if (device.UuidEquals(uuid, 0))
                    {
                        return device;
                    }

                    if (aged == null)
                    {
                        aged = device;
                    }

                    continue;
                }

                if (oldest == null || device.FirstSeenMilliseconds < oldest.FirstSeenMilliseconds)
                {
                    oldest = device;
                }
            }

            if (free != null)
            {
                return free;
            }

            if (aged != null)
            {
                return aged;
            }

            EvictedCount++;
            return oldest;
        }

        private bool IsLive(UnprovisionedDevice device, long now)
        {
            return device.InUse && now - device.LastSeenMilliseconds <= _options.MaxAgeMilliseconds;
        }

        private static void CheckUuid(byte[] uuid)
        {
            if (uuid == null || uuid.Length != 16)
            {
                throw new ArgumentException("Device UUID must be 16 octets", "uuid");
            }
        }
    }
}
