using System;
using Gateway.Core.Runtime;
using Gateway.Firmware.Bluetooth;
using nanoFramework.Runtime.Events;

namespace Gateway.Firmware.Native
{
    /// <summary>
    /// The <see cref="IAdvertisingRadio"/> port on the native radio add-on (only when
    /// <see cref="NativeRadioProbe"/> found it with <see cref="NativeRadio.CapabilityAdvertising"/>).
    /// Send copies into the native queue at once (non-blocking). Reception: the native side queues
    /// packets and raises a NativeEventDispatcher event; its handler drains the queue into an
    /// <see cref="AdvertisementRing"/>, which delivers on the scheduler's thread without allocating.
    /// </summary>
    public sealed class NativeAdvertisingRadio : IAdvertisingRadio
    {
        private const string Component = "native-radio";

        private readonly AdvertisementRing _ring;
        private readonly ILog _log;
        private readonly byte[] _readBuffer = new byte[AdvertisementRing.SlotSize];
        private NativeEventDispatcher _events;

        public NativeAdvertisingRadio(AdvertisementRing ring, ILog log)
        {
            if (ring == null || log == null)
            {
                throw new ArgumentNullException("ring");
            }

            _ring = ring;
            _log = log;
        }

        /// <summary>Sends that the native queue refused.</summary>
        public int SendFailures { get; private set; }

        public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
        {
            if (data == null || offset < 0 || length < 0 || length > 31 || offset > data.Length - length)
            {
                throw new ArgumentOutOfRangeException("length", "an advertisement carries at most 31 octets");
            }

            int result = NativeRadio.SendAdvertisement(data, offset, length, transmitCount, intervalMilliseconds);
            if (result < 0)
            {
                SendFailures++;
                _log.Write(LogLevel.Warning, Component, "advertisement not queued, error " + result);
            }
        }

        public void SetReceiver(AdvertisementReceivedHandler handler)
        {
            _ring.SetReceiver(handler);
            if (handler == null)
            {
                NativeRadio.StopScan();
                return;
            }

            if (_events == null)
            {
                _events = new NativeEventDispatcher(NativeRadio.DriverName, 0);
                _events.OnInterrupt += OnNativeEvent;
            }

            int result = NativeRadio.StartScan();
            if (result < 0)
            {
                _log.Write(LogLevel.Error, Component, "scan not started, error " + result);
            }
        }

        private void OnNativeEvent(uint data1, uint data2, DateTime time)
        {
            if (data1 != NativeRadio.EventAdvertisement)
            {
                return;
            }

            while (true)
            {
                ulong address;
                int rssi;
                int length = NativeRadio.ReadAdvertisement(_readBuffer, out address, out rssi);
                if (length <= 0)
                {
                    return;
                }

                _ring.Offer(address, rssi, _readBuffer, 0, length);
            }
        }
    }
}
