using System;
using System.Collections;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Gateway.Firmware.Runtime;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// The <see cref="IGattCentral"/> port on nanoFramework's GATT client (nanoframework.md §1.5),
    /// for PB-GATT (0x1827: 0x2ADB/0x2ADC) and the GATT Proxy (0x1828: 0x2ADD/0x2ADE). Every call
    /// into the library blocks (connect 7–10 s, discovery up to 20 s, one operation per device at a
    /// time), so it all runs on the Bluetooth worker thread, in order; results and notifications are
    /// posted to the scheduler. At most <see cref="MaxLinks"/> links (NimBLE's default
    /// BT_NIMBLE_MAX_CONNECTIONS). The client never starts an MTU exchange, so <see cref="Mtu"/> is
    /// the default 23 and writes carry at most 20 octets: the core's Proxy SAR segments for that.
    /// </summary>
    public sealed class NanoGattCentral : IGattCentral
    {
        /// <summary>Simultaneous links (ESP-IDF BT_NIMBLE_MAX_CONNECTIONS default, not overridden by nanoFramework).</summary>
        public const int MaxLinks = 3;

        /// <summary>ATT_MTU of every link: the default, as nothing exchanges a larger one.</summary>
        public const int Mtu = 23;

        private readonly WorkQueueThread _ble;
        private readonly BluetoothModeController _modes;
        private readonly AdvertisementScanner _scanner;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly ArrayList _links = new ArrayList(); // GattClientLink with an open device, BLE worker only
        private int _active;

        public NanoGattCentral(WorkQueueThread ble, BluetoothModeController modes, AdvertisementScanner scanner, IScheduler scheduler, ILog log)
        {
            if (ble == null || modes == null || scanner == null || scheduler == null || log == null)
            {
                throw new ArgumentNullException("ble");
            }

            _ble = ble;
            _modes = modes;
            _scanner = scanner;
            _scheduler = scheduler;
            _log = log;
        }

        public int MaxConnections
        {
            get { return MaxLinks; }
        }

        /// <summary>Links reserved or open (scheduler thread).</summary>
        public int ActiveLinks
        {
            get { return _active; }
        }

        internal WorkQueueThread Worker
        {
            get { return _ble; }
        }

        internal IScheduler Scheduler
        {
            get { return _scheduler; }
        }

        internal ILog Log
        {
            get { return _log; }
        }

        internal BluetoothModeController Modes
        {
            get { return _modes; }
        }

        internal AdvertisementScanner Scanner
        {
            get { return _scanner; }
        }

        public void Connect(ulong address, ushort serviceUuid, ushort dataInUuid, ushort dataOutUuid, IGattClientHandler handler)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (_active >= MaxLinks)
            {
                _log.Write(LogLevel.Warning, "gatt", "connect refused: " + MaxLinks + " links already in use");
                _scheduler.Post(() => handler.OnDisconnected(GattLinkStatus.ConnectFailed));
                return;
            }

            _active++;
            GattClientLink link = new GattClientLink(this, address, handler);
            _ble.Enqueue(() => link.Open(serviceUuid, dataInUuid, dataOutUuid));
        }

        /// <summary>Client mode is ending: close every open link (Bluetooth worker thread).</summary>
        public void CloseAllLinks()
        {
            object[] links = _links.ToArray();
            for (int i = 0; i < links.Length; i++)
            {
                ((GattClientLink)links[i]).CloseFromStack();
            }
        }

        internal void Opened(GattClientLink link)
        {
            _links.Add(link);
        }

        internal void Closed(GattClientLink link)
        {
            _links.Remove(link);
        }

        /// <summary>A link ended (scheduler thread): its slot is free again.</summary>
        internal void Released()
        {
            _active--;
        }
    }
}
