using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// The gateway's one advertiser shared fairly by its traffic classes (e.g. Network PDUs,
    /// PB-ADV, beacons). The radio port is fire-and-forget and queues without bound, so a burst
    /// (several PB-ADV links retransmitting, segmented Configuration messages) piles up there:
    /// everything behind it waits, times out and is sent again, and the queue grows further
    /// (congestion collapse). Instead each class sends into its own <see cref="Lane"/>, a small
    /// pre-allocated ring; the scheduler hands the radio one advertisement at a time, round-robin
    /// over the lanes that have one, and only when its estimate of the radio's own queue
    /// (transmissions × (interval + mean advDelay), Core Spec Vol 6 Part B §4.4.2.2.1) is less
    /// than <see cref="LeadMilliseconds"/> ahead: the radio never holds more than about one
    /// advertisement in its queue, and latency stays bounded by the lanes' depths.
    /// An advertisement equal to one still waiting in its lane is dropped (a retransmission of
    /// something not sent yet adds nothing); a full lane drops the new one (its sender retransmits).
    /// Memory is fixed: lanes × depth × 31 octets, allocated here.
    /// </summary>
    public sealed class AdvertisingScheduler
    {
        /// <summary>Largest legacy advertising payload.</summary>
        public const int MaxAdvertisingData = 31;

        private readonly IAdvertisingRadio _radio;
        private readonly IScheduler _scheduler;
        private readonly Lane[] _lanes;
        private readonly Action _onTimer;
        private long _busyUntil;
        private int _next;
        private int _timer;

        /// <param name="laneDepths">Advertisements each lane holds (1–64); one lane per entry.</param>
        public AdvertisingScheduler(IAdvertisingRadio radio, IScheduler scheduler, int[] laneDepths)
        {
            if (radio == null || scheduler == null || laneDepths == null)
            {
                throw new ArgumentNullException(radio == null ? "radio" : scheduler == null ? "scheduler" : "laneDepths");
            }

            if (laneDepths.Length < 1 || laneDepths.Length > 8)
            {
                throw new ArgumentOutOfRangeException("laneDepths");
            }

            _radio = radio;
            _scheduler = scheduler;
            _lanes = new Lane[laneDepths.Length];
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (laneDepths[i] < 1 || laneDepths[i] > 64)
                {
                    throw new ArgumentOutOfRangeException("laneDepths");
                }

                _lanes[i] = new Lane(this, laneDepths[i]);
            }

            _onTimer = OnTimer;
            MinimumIntervalMilliseconds = 20;
            AdvDelayAllowanceMilliseconds = 6;
            LeadMilliseconds = 10;
        }

        /// <summary>The interval a transmission counts with when the sender asks for less (advertising events are at least 20 ms apart).</summary>
        public int MinimumIntervalMilliseconds { get; set; }

        /// <summary>Added to every transmission's estimate: the controller's pseudo-random advDelay (0–10 ms, mean 5) and a little margin.</summary>
        public int AdvDelayAllowanceMilliseconds { get; set; }

        /// <summary>How far ahead of the estimated end of the radio's queue the next advertisement is handed over (keeps the advertiser fed without a gap).</summary>
        public int LeadMilliseconds { get; set; }

        public int LaneCount
        {
            get { return _lanes.Length; }
        }

        /// <summary>Advertisements handed to the radio.</summary>
        public long ReleasedCount { get; private set; }

        /// <summary>Advertisements dropped because an equal one was still waiting in the lane.</summary>
        public long DuplicateDropCount { get; private set; }

        /// <summary>Advertisements dropped because their lane was full.</summary>
        public long OverflowDropCount { get; private set; }

        /// <summary>Advertisements waiting in all lanes.</summary>
        public int QueuedCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _lanes.Length; i++)
                {
                    n += _lanes[i].Count;
                }

                return n;
            }
        }

        /// <summary>Estimated time until the radio has sent everything handed to it (0 when idle).</summary>
        public long BacklogMilliseconds
        {
            get
            {
                long left = _busyUntil - _scheduler.NowMilliseconds;
                return left > 0 ? left : 0;
            }
        }

        /// <summary>
        /// Estimated time until an advertisement handed over now has left the radio: what the
        /// radio still holds plus everything waiting in the lanes. A sender that retransmits after
        /// a silence adds it to its interval, so waiting in this queue is not taken for loss.
        /// </summary>
        public long QueueDelayMilliseconds
        {
            get
            {
                long delay = BacklogMilliseconds;
                for (int i = 0; i < _lanes.Length; i++)
                {
                    delay += _lanes[i].QueuedCost();
                }

                return delay;
            }
        }

        /// <summary>The send side of lane <paramref name="index"/> as a radio (its SetReceiver passes through to the real radio).</summary>
        public IAdvertisingRadio GetLane(int index)
        {
            if (index < 0 || index >= _lanes.Length)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return _lanes[index];
        }

        /// <summary>Estimated air time of one advertisement sent <paramref name="transmitCount"/> times.</summary>
        public long Cost(int transmitCount, int intervalMilliseconds)
        {
            int interval = intervalMilliseconds < MinimumIntervalMilliseconds ? MinimumIntervalMilliseconds : intervalMilliseconds;
            return (long)transmitCount * (interval + AdvDelayAllowanceMilliseconds);
        }

        private void Enqueued()
        {
            if (_timer == 0)
            {
                Release();
            }
        }

        private void OnTimer()
        {
            _timer = 0;
            Release();
        }

        private void Release()
        {
            long now = _scheduler.NowMilliseconds;
            while (_busyUntil - now <= LeadMilliseconds)
            {
                Lane lane = NextLane();
                if (lane == null)
                {
                    return;
                }

                int transmitCount;
                int interval;
                int length = lane.Peek(out transmitCount, out interval);
                if (_busyUntil < now)
                {
                    _busyUntil = now;
                }

                _busyUntil += Cost(transmitCount, interval);
                ReleasedCount++;
                _radio.Send(lane.HeadBuffer, 0, length, transmitCount, interval);
                lane.Dequeue();
            }

            if (_timer == 0 && QueuedCount > 0)
            {
                _timer = _scheduler.Schedule(_busyUntil - LeadMilliseconds - now, _onTimer);
            }
        }

        /// <summary>The next lane with something waiting, round-robin (each class gets its turn at the advertiser).</summary>
        private Lane NextLane()
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                Lane lane = _lanes[(_next + i) % _lanes.Length];
                if (lane.Count > 0)
                {
                    _next = (_next + i + 1) % _lanes.Length;
                    return lane;
                }
            }

            return null;
        }

        /// <summary>One traffic class: a ring of pre-allocated advertisement buffers.</summary>
        private sealed class Lane : IAdvertisingRadio
        {
            private readonly AdvertisingScheduler _owner;
            private readonly byte[][] _data;
            private readonly int[] _length;
            private readonly int[] _count;
            private readonly int[] _interval;
            private int _head;

            public Lane(AdvertisingScheduler owner, int depth)
            {
                _owner = owner;
                _data = new byte[depth][];
                for (int i = 0; i < depth; i++)
                {
                    _data[i] = new byte[MaxAdvertisingData];
                }

                _length = new int[depth];
                _count = new int[depth];
                _interval = new int[depth];
            }

            public int Count { get; private set; }

            public byte[] HeadBuffer
            {
                get { return _data[_head]; }
            }

            public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
            {
                if (data == null || length < 1 || length > MaxAdvertisingData || offset < 0 || offset > data.Length - length)
                {
                    throw new ArgumentOutOfRangeException("length");
                }

                if (transmitCount < 1)
                {
                    throw new ArgumentOutOfRangeException("transmitCount");
                }

                for (int i = 0; i < Count; i++)
                {
                    int slot = (_head + i) % _data.Length;
                    if (_length[slot] == length && Same(_data[slot], data, offset, length))
                    {
                        if (transmitCount > _count[slot])
                        {
                            _count[slot] = transmitCount;
                        }

                        _owner.DuplicateDropCount++;
                        return;
                    }
                }

                if (Count == _data.Length)
                {
                    _owner.OverflowDropCount++;
                    return;
                }

                int tail = (_head + Count) % _data.Length;
                Array.Copy(data, offset, _data[tail], 0, length);
                _length[tail] = length;
                _count[tail] = transmitCount;
                _interval[tail] = intervalMilliseconds;
                Count++;
                _owner.Enqueued();
            }

            public void SetReceiver(AdvertisementReceivedHandler handler)
            {
                _owner._radio.SetReceiver(handler);
            }

            public int Peek(out int transmitCount, out int interval)
            {
                transmitCount = _count[_head];
                interval = _interval[_head];
                return _length[_head];
            }

            public long QueuedCost()
            {
                long cost = 0;
                for (int i = 0; i < Count; i++)
                {
                    int slot = (_head + i) % _data.Length;
                    cost += _owner.Cost(_count[slot], _interval[slot]);
                }

                return cost;
            }

            public void Dequeue()
            {
                _head = (_head + 1) % _data.Length;
                Count--;
            }

            private static bool Same(byte[] a, byte[] b, int offset, int length)
            {
                for (int i = 0; i < length; i++)
                {
                    if (a[i] != b[offset + i])
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
