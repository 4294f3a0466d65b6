using System;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// Hands advertisements from a radio's event thread to the scheduler's thread without
    /// allocating per packet (DESIGN.md §4: no allocation per received advertisement). The event
    /// thread copies each advertisement into a pre-allocated slot; the first packet into an empty
    /// ring posts one pre-built drain action, which delivers up to <see cref="DrainBatch"/>
    /// packets and posts itself again while more wait, so a flood cannot starve the scheduler.
    /// A full ring drops the new packet and counts it: advertisements repeat, a late one is worth
    /// less than a responsive gateway.
    /// </summary>
    /// <remarks>
    /// No nanoFramework API in this file: tests/Gateway.Core.Tests compiles it on the host
    /// (Firmware/FirmwareAdapterLogicTests). Keep it that way.
    /// </remarks>
    public sealed class AdvertisementRing
    {
        /// <summary>Largest advertisement kept (two legacy PDUs' worth; extended advertising is not supported).</summary>
        public const int SlotSize = 62;

        /// <summary>Packets delivered per scheduler callback.</summary>
        public const int DrainBatch = 8;

        private readonly object _sync = new object();
        private readonly IScheduler _scheduler;
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private readonly ulong[] _addresses;
        private readonly int[] _rssi;
        private readonly byte[] _delivery = new byte[SlotSize];
        private readonly Action _drain;
        private AdvertisementReceivedHandler _receiver;
        private int _head;
        private int _count;
        private bool _drainPosted;

        public AdvertisementRing(int capacity, IScheduler scheduler)
        {
            if (capacity < 1 || scheduler == null)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _scheduler = scheduler;
            _slots = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new byte[SlotSize];
            }

            _lengths = new int[capacity];
            _addresses = new ulong[capacity];
            _rssi = new int[capacity];
            _drain = Drain;
        }

        /// <summary>Packets dropped because the ring was full or the packet too long.</summary>
        public long DroppedCount { get; private set; }

        /// <summary>Packets accepted so far.</summary>
        public long AcceptedCount { get; private set; }

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Sets the single receiver, called on the scheduler's thread (null drops packets on delivery).</summary>
        public void SetReceiver(AdvertisementReceivedHandler receiver)
        {
            _receiver = receiver;
        }

        /// <summary>Copies one advertisement in; callable from any thread. False when it was dropped.</summary>
        public bool Offer(ulong address, int rssi, byte[] data, int offset, int length)
        {
            bool post = false;
            lock (_sync)
            {
                if (length < 0 || length > SlotSize || _count == _slots.Length)
                {
                    DroppedCount++;
                    return false;
                }

                int slot = (_head + _count) % _slots.Length;
                Array.Copy(data, offset, _slots[slot], 0, length);
                _lengths[slot] = length;
                _addresses[slot] = address;
                _rssi[slot] = rssi;
                _count++;
                AcceptedCount++;
                if (!_drainPosted)
                {
                    _drainPosted = true;
                    post = true;
                }
            }

            if (post)
            {
                _scheduler.Post(_drain);
            }

            return true;
        }

        private void Drain()
        {
            for (int n = 0; n < DrainBatch; n++)
            {
                ulong address;
                int rssi;
                int length;
                lock (_sync)
                {
                    if (_count == 0)
                    {
                        _drainPosted = false;
                        return;
                    }

                    length = _lengths[_head];
                    address = _addresses[_head];
                    rssi = _rssi[_head];
                    Array.Copy(_slots[_head], 0, _delivery, 0, length);
                    _head = (_head + 1) % _slots.Length;
                    _count--;
                }

                AdvertisementReceivedHandler receiver = _receiver;
                if (receiver != null)
                {
                    receiver(address, rssi, _delivery, 0, length);
                }
            }

            lock (_sync)
            {
                if (_count == 0)
                {
                    _drainPosted = false;
                    return;
                }
            }

            _scheduler.Post(_drain);
        }
    }
}
