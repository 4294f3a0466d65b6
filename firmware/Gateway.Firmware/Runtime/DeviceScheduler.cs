using System;
using System.Collections;
using System.Threading;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Runtime
{
    /// <summary>
    /// The device's <see cref="IScheduler"/> (DESIGN.md §3): one dedicated thread runs all posted
    /// work and all timers, one at a time, so the core needs no locks. Posted work waits in a
    /// queue; timers wait in a list ordered by due time, and one <see cref="Timer"/> is armed for
    /// the earliest of them to wake the thread. The clock is <c>Environment.TickCount64</c>
    /// (nanoFramework.Runtime.Native: milliseconds since boot, monotonic; DateTime.UtcNow jumps
    /// when SNTP sets the time).
    /// <para>
    /// Order as in the host's RealTimeScheduler and VirtualTimeScheduler: posted work in posting
    /// order and before due timers, but a due timer runs after at most
    /// <see cref="MaxPostedBeforeTimer"/> posted items, so work that keeps posting cannot starve
    /// the timers. Post, Schedule and Cancel may be called from any thread (the adapters' worker
    /// and event threads post their results here). A callback that throws is logged and the loop
    /// goes on.
    /// </para>
    /// </summary>
    public sealed class DeviceScheduler : IScheduler
    {
        /// <summary>Posted items run in a row before a due timer gets its turn.</summary>
        public const int MaxPostedBeforeTimer = 8;

        private const string Component = "scheduler";

        private readonly object _sync = new object();
        private readonly Queue _posted = new Queue();
        private readonly ArrayList _timers = new ArrayList(); // TimerEntry, by due time then sequence
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ILog _log;
        private readonly Timer _alarm;
        private Thread _thread;
        private long _sequence;
        private int _nextId;
        private int _postedInARow;

        public DeviceScheduler(ILog log)
        {
            _log = log;
            _alarm = new Timer(OnAlarm, null, Timeout.Infinite, Timeout.Infinite);
        }

        public long NowMilliseconds
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>Callbacks that threw so far.</summary>
        public int ErrorCount { get; private set; }

        /// <summary>Starts the scheduler's thread.</summary>
        public void Start()
        {
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Loop);
            _thread.Start();
        }

        public void Post(Action work)
        {
            if (work == null)
            {
                throw new ArgumentNullException("work");
            }

            lock (_sync)
            {
                _posted.Enqueue(work);
            }

            _wake.Set();
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

            lock (_sync)
            {
                long now = NowMilliseconds;
                long due = delayMilliseconds > long.MaxValue - now ? long.MaxValue : now + delayMilliseconds;
                int id = NextId();
                TimerEntry entry = new TimerEntry(id, due, _sequence++, callback);
                int index = 0;
                while (index < _timers.Count && !entry.Before((TimerEntry)_timers[index]))
                {
                    index++;
                }

                _timers.Insert(index, entry);
                if (index == 0)
                {
                    Arm(due - now);
                }

                return id;
            }
        }

        public bool Cancel(int timerId)
        {
            lock (_sync)
            {
                for (int i = 0; i < _timers.Count; i++)
                {
                    if (((TimerEntry)_timers[i]).Id == timerId)
                    {
                        _timers.RemoveAt(i);
                        return true;
                    }
                }
            }

            return false;
        }

        private void Loop()
        {
            while (true)
            {
                Action work = Next();
                if (work == null)
                {
                    _wake.WaitOne();
                    continue;
                }

                try
                {
                    work();
                }
                catch (Exception e)
                {
                    ErrorCount++;
                    _log.Write(LogLevel.Error, Component, "callback threw " + ((object)e).GetType().Name);
                }
            }
        }

        /// <summary>The next thing to run, or null (then the alarm is armed for the earliest timer).</summary>
        private Action Next()
        {
            lock (_sync)
            {
                long now = NowMilliseconds;
                bool timerDue = _timers.Count > 0 && ((TimerEntry)_timers[0]).Due <= now;
                if (_posted.Count > 0 && !(timerDue && _postedInARow >= MaxPostedBeforeTimer))
                {
                    _postedInARow++;
                    return (Action)_posted.Dequeue();
                }

                if (timerDue)
                {
                    _postedInARow = 0;
                    TimerEntry entry = (TimerEntry)_timers[0];
                    _timers.RemoveAt(0);
                    return entry.Callback;
                }

                _postedInARow = 0;
                if (_timers.Count > 0)
                {
                    Arm(((TimerEntry)_timers[0]).Due - now);
                }

                return null;
            }
        }

        private void Arm(long inMilliseconds)
        {
            // Timer.Change takes int milliseconds; a longer wait simply wakes early and re-arms.
            int due = inMilliseconds <= 0 ? 0 : (inMilliseconds > int.MaxValue ? int.MaxValue : (int)inMilliseconds);
            _alarm.Change(due, Timeout.Infinite);
        }

        private void OnAlarm(object state)
        {
            _wake.Set();
        }

        private int NextId()
        {
            // Ids are never 0 (the IScheduler contract) and skip ids still pending after a wrap.
            while (true)
            {
                _nextId = _nextId == int.MaxValue ? 1 : _nextId + 1;
                bool used = false;
                for (int i = 0; i < _timers.Count; i++)
                {
                    if (((TimerEntry)_timers[i]).Id == _nextId)
                    {
                        used = true;
                        break;
                    }
                }

                if (!used)
                {
                    return _nextId;
                }
            }
        }

        private sealed class TimerEntry
        {
            public TimerEntry(int id, long due, long sequence, Action callback)
            {
                Id = id;
                Due = due;
                Sequence = sequence;
                Callback = callback;
            }

            public int Id { get; }

            public long Due { get; }

            public long Sequence { get; }

            public Action Callback { get; }

            public bool Before(TimerEntry other)
            {
                return Due < other.Due || (Due == other.Due && Sequence < other.Sequence);
            }
        }
    }
}
