using System;
using System.Collections;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Deterministic scheduler for tests and simulation: time moves only when the caller
    /// advances it, and callbacks due at the same instant run in the order they were scheduled.
    /// Same inputs and seed, same run, on any machine.
    /// </summary>
    public sealed class VirtualTimeScheduler : IScheduler
    {
        private readonly ArrayList _timers = new ArrayList(); // sorted by (Due, Sequence)
        private readonly Queue _posted = new Queue();

        // Entries of timers that ran or were cancelled, reused by Schedule: a long simulation (a
        // whole home's provisioning) schedules timers all the time and should not allocate for each.
        private readonly ArrayList _free = new ArrayList();
        private long _now;
        private long _sequence;
        private int _nextId;

        public VirtualTimeScheduler()
            : this(0)
        {
        }

        public VirtualTimeScheduler(long startMilliseconds)
        {
            _now = startMilliseconds;
        }

        public long NowMilliseconds
        {
            get { return _now; }
        }

        /// <summary>Timers not yet run or cancelled.</summary>
        public int PendingTimerCount
        {
            get { return _timers.Count; }
        }

        /// <summary>Callbacks executed so far (posted work and timers).</summary>
        public long ExecutedCount { get; private set; }

        public void Post(Action work)
        {
            if (work == null)
            {
                throw new ArgumentNullException("work");
            }

            _posted.Enqueue(work);
        }

        public int Schedule(long delayMilliseconds, Action callback)
        {
            if (callback == null)
            {
                throw new ArgumentNullException("callback");
            }

            if (delayMilliseconds < 0)
            {
                delayMilliseconds = 0;
            }

            _nextId++;
            if (_nextId <= 0)
            {
                _nextId = 1;
            }

            TimerEntry entry;
            if (_free.Count > 0)
            {
                entry = (TimerEntry)_free[_free.Count - 1];
                _free.RemoveAt(_free.Count - 1);
            }
            else
            {
                entry = new TimerEntry();
            }

            entry.Id = _nextId;
            entry.Due = SaturatingAdd(_now, delayMilliseconds);
            entry.Sequence = _sequence++;
            entry.Callback = callback;
            Insert(entry);
            return entry.Id;
        }

        public bool Cancel(int timerId)
        {
            for (int i = 0; i < _timers.Count; i++)
            {
                TimerEntry entry = (TimerEntry)_timers[i];
                if (entry.Id == timerId)
                {
                    _timers.RemoveAt(i);
                    Release(entry);
                    return true;
                }
            }

            return false;
        }

        /// <summary>Runs all posted work at the current instant, including work that it posts.</summary>
        public void RunPending()
        {
            while (_posted.Count > 0)
            {
                Action work = (Action)_posted.Dequeue();
                ExecutedCount++;
                work();
            }
        }

        /// <summary>Advances time by <paramref name="milliseconds"/>, running everything due on the way.</summary>
        public void Advance(long milliseconds)
        {
            RunUntil(SaturatingAdd(_now, milliseconds));
        }

        /// <summary>Runs everything due up to <paramref name="time"/>, then sets the clock to it.</summary>
        public void RunUntil(long time)
        {
            RunPending();
            while (_timers.Count > 0)
            {
                TimerEntry next = (TimerEntry)_timers[0];
                if (next.Due > time)
                {
                    break;
                }

                _timers.RemoveAt(0);
                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                ExecutedCount++;
                Action callback = next.Callback;
                Release(next);
                callback();
                RunPending();
            }

            if (time > _now)
            {
                _now = time;
            }
        }

        /// <summary>
        /// Runs until <paramref name="condition"/> holds or <paramref name="limitMilliseconds"/> of
        /// virtual time pass or nothing is left to run. Returns whether the condition holds.
        /// </summary>
        public bool RunUntil(Condition condition, long limitMilliseconds)
        {
            long deadline = SaturatingAdd(_now, limitMilliseconds);
            RunPending();
            while (!condition())
            {
                if (_timers.Count == 0)
                {
                    return false;
                }

                TimerEntry next = (TimerEntry)_timers[0];
                if (next.Due > deadline)
                {
                    if (deadline > _now)
                    {
                        _now = deadline;
                    }

                    return false;
                }

                _timers.RemoveAt(0);
                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                ExecutedCount++;
                Action callback = next.Callback;
                Release(next);
                callback();
                RunPending();
            }

            return true;
        }

        /// <summary>Runs every timer until none is left or <paramref name="limitMilliseconds"/> pass.</summary>
        public void RunAll(long limitMilliseconds)
        {
            RunUntil(SaturatingAdd(_now, limitMilliseconds));
        }

        /// <summary>
        /// now + delta without wrapping: long.MaxValue is the natural "no limit" argument, and a
        /// wrapped sum would fire a far timer at once or move the clock backwards.
        /// </summary>
        private static long SaturatingAdd(long now, long delta)
        {
            if (delta > 0 && now > long.MaxValue - delta)
            {
                return long.MaxValue;
            }

            if (delta < 0 && now < long.MinValue - delta)
            {
                return long.MinValue;
            }

            return now + delta;
        }

        private void Insert(TimerEntry entry)
        {
            // Binary search for the first timer that is strictly later; ties keep insertion order.
            int lo = 0;
            int hi = _timers.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                TimerEntry other = (TimerEntry)_timers[mid];
                if (other.Due < entry.Due || (other.Due == entry.Due && other.Sequence < entry.Sequence))
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            _timers.Insert(lo, entry);
        }

        private void Release(TimerEntry entry)
        {
            entry.Callback = null;
            _free.Add(entry);
        }

        private sealed class TimerEntry
        {
            public int Id;

            public long Due;

            public long Sequence;

            public Action Callback;
        }
    }

    /// <summary>A condition polled by <see cref="VirtualTimeScheduler.RunUntil(Condition, long)"/>.</summary>
    public delegate bool Condition();
}
