using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Gateway.Core.Runtime;

namespace Gateway.Host.Runtime
{
    /// <summary>
    /// <see cref="IScheduler"/> for the host: one dedicated thread runs all posted work and all
    /// timers, one at a time, so the core needs no locks (the IScheduler contract). The clock is
    /// <see cref="Stopwatch"/> (monotonic), counted from construction.
    /// <para>
    /// Order: posted work runs in the order posted; timers due at the same instant run in the
    /// order scheduled. As in <see cref="VirtualTimeScheduler"/>, posted work goes before due
    /// timers, so work a callback posts runs before the next timer. Each round runs the work
    /// present when it began, then at most one due timer; a due timer yields to newly posted work
    /// for one round only, so work that keeps posting itself cannot starve the timers.
    /// </para>
    /// <para>
    /// Post, Schedule and Cancel may be called from any thread. An exception thrown by a callback
    /// is reported to the error handler (or the log, or standard error) and the loop goes on.
    /// Dispose stops the loop, drops work not yet started and joins the thread; afterwards
    /// Post and Schedule throw <see cref="ObjectDisposedException"/>.
    /// </para>
    /// </summary>
    public sealed class RealTimeScheduler : IScheduler, IDisposable
    {
        private const string Component = "scheduler";

        private readonly object _sync = new object();
        private readonly Queue<Action> _posted = new Queue<Action>();
        private readonly SortedSet<TimerEntry> _timers = new SortedSet<TimerEntry>(TimerEntry.DueOrder);
        private readonly Dictionary<int, TimerEntry> _timersById = new Dictionary<int, TimerEntry>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Action<Exception> _onError;
        private readonly ILog _log;
        private readonly Thread _thread;
        private long _sequence;
        private long _earliestDue = long.MaxValue;
        private long _lastNow;
        private int _nextId;
        private int _errorCount;
        private bool _disposed;

        /// <param name="log">Receives callback exceptions when <paramref name="onError"/> is null; may be null.</param>
        /// <param name="onError">Called on the scheduler thread with each exception a callback throws; may be null.</param>
        /// <param name="threadName">Name of the loop thread, for debuggers and dumps.</param>
        /// <param name="holdForTimers">
        /// For a simulated world run faster than real time: the clock never passes a timer that has
        /// not run yet. When the host falls behind, time waits for the work instead of timers firing
        /// late in a bunch (which a simulated radio takes for packets on top of each other): the
        /// run slows down and its simulated timeline stays what virtual time would give.
        /// </param>
        public RealTimeScheduler(ILog log = null, Action<Exception> onError = null, string threadName = "gateway-scheduler", double speed = 1.0, bool holdForTimers = false)
        {
            _log = log;
            HoldsForTimers = holdForTimers;
            Speed = speed > 0 ? speed : throw new ArgumentOutOfRangeException(nameof(speed));
            _onError = onError;
            _thread = new Thread(Loop) { IsBackground = true, Name = threadName };
            _thread.Start();
        }

        public long NowMilliseconds
        {
            get
            {
                long now = (long)(_clock.Elapsed.TotalMilliseconds * Speed);
                if (HoldsForTimers)
                {
                    long earliest = Interlocked.Read(ref _earliestDue);
                    if (earliest < now)
                    {
                        now = earliest;
                    }

                    // Monotonic: a timer scheduled from another thread never takes the clock back.
                    long last = Interlocked.Read(ref _lastNow);
                    while (now > last)
                    {
                        long seen = Interlocked.CompareExchange(ref _lastNow, now, last);
                        if (seen == last)
                        {
                            return now;
                        }

                        last = seen;
                    }

                    return last;
                }

                return now;
            }
        }

        /// <summary>See the constructor's holdForTimers.</summary>
        public bool HoldsForTimers { get; }

        /// <summary>
        /// How fast the clock runs against the wall clock (1 = real time). The demo runs a simulated
        /// home at 10× so minutes of protocol time take seconds, while real TCP to a broker still works.
        /// </summary>
        public double Speed { get; private set; } = 1.0;

        /// <summary>Managed thread id of the loop thread.</summary>
        public int ThreadId => _thread.ManagedThreadId;

        /// <summary>False once <see cref="Dispose"/> has stopped the loop thread.</summary>
        public bool IsRunning => _thread.IsAlive;

        /// <summary>True when called from a callback of this scheduler.</summary>
        public bool IsOnSchedulerThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

        /// <summary>Exceptions thrown by callbacks so far (reported, then the loop went on).</summary>
        public int ErrorCount => Volatile.Read(ref _errorCount);

        public void Post(Action work)
        {
            ArgumentNullException.ThrowIfNull(work);
            lock (_sync)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _posted.Enqueue(work);
                Monitor.Pulse(_sync);
            }
        }

        public int Schedule(long delayMilliseconds, Action callback)
        {
            ArgumentNullException.ThrowIfNull(callback);
            if (delayMilliseconds < 0)
            {
                delayMilliseconds = 0;
            }

            lock (_sync)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                long now = NowMilliseconds;
                long due = delayMilliseconds > long.MaxValue - now ? long.MaxValue : now + delayMilliseconds;
                int id = NextId();
                var entry = new TimerEntry(id, due, _sequence++, callback);
                _timers.Add(entry);
                _timersById.Add(id, entry);
                UpdateEarliestDue();

                // Wake the loop only if this timer is now the earliest: it must shorten its wait.
                if (ReferenceEquals(_timers.Min, entry))
                {
                    Monitor.Pulse(_sync);
                }

                return id;
            }
        }

        public bool Cancel(int timerId)
        {
            lock (_sync)
            {
                if (!_timersById.Remove(timerId, out TimerEntry entry))
                {
                    return false;
                }

                _timers.Remove(entry);
                UpdateEarliestDue();
                return true;
            }
        }

        /// <summary>Stops the loop after the running callback, drops pending work and timers, and joins the thread.</summary>
        public void Dispose()
        {
            lock (_sync)
            {
                _disposed = true;
                _posted.Clear();
                _timers.Clear();
                _timersById.Clear();
                UpdateEarliestDue();
                Monitor.Pulse(_sync);
            }

            // A callback disposing its own scheduler cannot wait for itself; the loop exits after it
            // returns, and a later Dispose from another thread joins it.
            if (!IsOnSchedulerThread)
            {
                _thread.Join();
            }
        }

        private int NextId()
        {
            // Ids are never 0 (the IScheduler contract) and never one still pending after a wrap.
            do
            {
                _nextId = _nextId == int.MaxValue ? 1 : _nextId + 1;
            }
            while (_timersById.ContainsKey(_nextId));

            return _nextId;
        }

        private void Loop()
        {
            var batch = new List<Action>();
            bool timerDeferred = false;
            while (true)
            {
                lock (_sync)
                {
                    while (!_disposed && _posted.Count == 0 && !TimerDue())
                    {
                        if (_timers.Count > 0)
                        {
                            long wait = (long)Math.Ceiling((_timers.Min.Due - NowMilliseconds) / Speed);
                            Monitor.Wait(_sync, (int)Math.Min(wait, int.MaxValue));
                        }
                        else
                        {
                            Monitor.Wait(_sync);
                        }
                    }

                    if (_disposed)
                    {
                        return;
                    }

                    while (_posted.Count > 0)
                    {
                        batch.Add(_posted.Dequeue());
                    }
                }

                for (int i = 0; i < batch.Count && !Volatile.Read(ref _disposed); i++)
                {
                    Run(batch[i]);
                }

                batch.Clear();

                // At most one due timer per round, chosen after the batch ran so a Cancel in that
                // work still counts. Work posted meanwhile goes first, as in VirtualTimeScheduler,
                // but only for one round: a flood of posted work cannot starve the timers.
                Action timerCallback = null;
                lock (_sync)
                {
                    if (!_disposed && TimerDue() && (_posted.Count == 0 || timerDeferred))
                    {
                        timerDeferred = false;
                        TimerEntry next = _timers.Min;
                        _timers.Remove(next);
                        _timersById.Remove(next.Id);
                        UpdateEarliestDue();
                        timerCallback = next.Callback;
                    }
                    else
                    {
                        timerDeferred = TimerDue();
                    }
                }

                if (timerCallback != null)
                {
                    Run(timerCallback);
                }
            }
        }

        /// <summary>Under the lock: the due time of the earliest pending timer, for <see cref="NowMilliseconds"/>.</summary>
        private void UpdateEarliestDue()
        {
            Interlocked.Exchange(ref _earliestDue, _timers.Count > 0 ? _timers.Min.Due : long.MaxValue);
        }

        private bool TimerDue()
        {
            return _timers.Count > 0 && _timers.Min.Due <= NowMilliseconds;
        }

        private void Run(Action callback)
        {
            try
            {
                callback();
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _errorCount);
                Report(e);
            }
        }

        private void Report(Exception e)
        {
            try
            {
                if (_onError != null)
                {
                    _onError(e);
                }
                else if (_log != null)
                {
                    _log.Write(LogLevel.Error, Component, "callback failed: " + e);
                }
                else
                {
                    Console.Error.WriteLine("scheduler: callback failed: " + e);
                }
            }
            catch (Exception reportFailure)
            {
                // The loop must survive a broken handler too.
                Console.Error.WriteLine("scheduler: error handler failed: " + reportFailure.GetType().Name);
            }
        }

        private sealed class TimerEntry
        {
            public static readonly IComparer<TimerEntry> DueOrder = Comparer<TimerEntry>.Create(
                (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence));

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
        }
    }
}
