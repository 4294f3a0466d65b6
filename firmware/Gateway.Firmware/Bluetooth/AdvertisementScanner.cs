using System;
using System.Collections;
using Gateway.Core.Runtime;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// The gateway's scanner on the stock Bluetooth stack: a passive
    /// <c>BluetoothLEAdvertisementWatcher</c> (Client mode) whose Received events arrive on the
    /// library's watcher thread with the payload already split into data sections
    /// (nanoframework.md §1.2). Mesh-related adverts (Mesh Beacon 0x2B, PB-ADV 0x29, Mesh Message
    /// 0x2A, service data of 0x1827 Provisioning / 0x1828 Proxy) are turned back into AD structures
    /// in a reused buffer and offered to an <see cref="AdvertisementRing"/>; everything else is
    /// dropped on the watcher thread. Beware the stock watcher's controller duplicate filter: each
    /// advertiser is reported about once per Start()..Stop(), enough for discovery, not for PB-ADV.
    /// The address type of recent advertisers is remembered for <see cref="NanoGattCentral"/>
    /// (mesh devices often use random static addresses).
    /// </summary>
    public sealed partial class AdvertisementScanner
    {
        private const int AddressCacheSize = 16;

        private readonly AdvertisementRing _ring;
        private readonly ILog _log;
        private readonly byte[] _payload = new byte[AdvertisementRing.SlotSize];
        private readonly byte[][] _sectionScratch = new byte[AdvertisementRing.SlotSize + 1][];
        private readonly ulong[] _cachedAddresses = new ulong[AddressCacheSize];
        private readonly BluetoothAddressType[] _cachedTypes = new BluetoothAddressType[AddressCacheSize];
        private int _cacheNext;
        private BluetoothLEAdvertisementWatcher _watcher;

        public AdvertisementScanner(AdvertisementRing ring, ILog log)
        {
            if (ring == null || log == null)
            {
                throw new ArgumentNullException("ring");
            }

            _ring = ring;
            _log = log;
        }

        /// <summary>Adverts seen by the watcher, relevant or not.</summary>
        public long SeenCount { get; private set; }

        public bool IsScanning
        {
            get { return _watcher != null && _watcher.Status == BluetoothLEAdvertisementWatcherStatus.Started; }
        }

        /// <summary>Starts scanning (switches the stack to Client). Call on the Bluetooth worker thread.</summary>
        public void Start()
        {
            if (_watcher == null)
            {
                _watcher = new BluetoothLEAdvertisementWatcher();
                _watcher.ScanningMode = BluetoothLEScanningMode.Passive;
                _watcher.Received += OnReceived;
            }

            if (!IsScanning)
            {
                _watcher.Start();
            }
        }

        /// <summary>Stops scanning. With no device object left the library stops the whole stack (nanoframework.md §1.1).</summary>
        public void Stop()
        {
            if (IsScanning)
            {
                _watcher.Stop();
            }
        }

        /// <summary>The address type last seen for <paramref name="address"/>; Public when unknown.</summary>
        public BluetoothAddressType AddressTypeOf(ulong address)
        {
            lock (_cachedAddresses)
            {
                for (int i = 0; i < AddressCacheSize; i++)
                {
                    if (_cachedAddresses[i] == address && address != 0)
                    {
                        return _cachedTypes[i];
                    }
                }
            }

            return BluetoothAddressType.Public;
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            SeenCount++;
            int length = Serialize(args.Advertisement.DataSections);
            if (length <= 0 || !IsMeshRelated(_payload, 0, length))
            {
                return;
            }

            Remember(args.BluetoothAddress, args.BluetoothAddressType);
            _ring.Offer(args.BluetoothAddress, args.RawSignalStrengthInDBm, _payload, 0, length);
        }

        /// <summary>Writes the sections back as length/type/value into the reused payload; -1 when they do not fit.</summary>
        private int Serialize(ArrayList sections)
        {
            int n = 0;
            for (int s = 0; s < sections.Count; s++)
            {
                BluetoothLEAdvertisementDataSection section = (BluetoothLEAdvertisementDataSection)sections[s];
                int valueLength = section.Data == null ? 0 : (int)section.Data.Length;
                if (n + 2 + valueLength > _payload.Length)
                {
                    return -1;
                }

                _payload[n] = (byte)(valueLength + 1);
                _payload[n + 1] = section.DataType;
                if (valueLength > 0)
                {
                    // ReadBytes wants an array of exactly the length: keep one per length, reused.
                    byte[] scratch = _sectionScratch[valueLength];
                    if (scratch == null)
                    {
                        scratch = new byte[valueLength];
                        _sectionScratch[valueLength] = scratch;
                    }

                    BleBytes.Read(section.Data, scratch);
                    Array.Copy(scratch, 0, _payload, n + 2, valueLength);
                }

                n += 2 + valueLength;
            }

            return n;
        }

        private void Remember(ulong address, BluetoothAddressType type)
        {
            lock (_cachedAddresses)
            {
                for (int i = 0; i < AddressCacheSize; i++)
                {
                    if (_cachedAddresses[i] == address)
                    {
                        _cachedTypes[i] = type;
                        return;
                    }
                }

                _cachedAddresses[_cacheNext] = address;
                _cachedTypes[_cacheNext] = type;
                _cacheNext = (_cacheNext + 1) % AddressCacheSize;
            }
        }
    }
}
