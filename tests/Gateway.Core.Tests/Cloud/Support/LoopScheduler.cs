using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>
    /// A real-time IScheduler for the integration tests: one loop thread runs every callback in
    /// order; timers post into it. Thread-safe Post, as adapters on worker threads need.
    /// </summary>
    public sealed class LoopScheduler : IScheduler, IDisposable
    {
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();
        private readonly ConcurrentDictionary<int, Timer> _timers = new ConcurrentDictionary<int, Timer>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Thread _thread;
        private int _nextId;

        public LoopScheduler()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "core-loop" };
            _thread.Start();
        }

        public long NowMilliseconds => _clock.ElapsedMilliseconds;

        public Exception Failure { get; private set; }

        public void Post(Action work)
        {
            if (!_queue.IsAddingCompleted)
            {
                _queue.Add(work);
            }
        }

        public int Schedule(long delayMilliseconds, Action callback)
        {
            int id = Interlocked.Increment(ref _nextId);
            var timer = new Timer(_ =>
            {
                if (_timers.TryRemove(id, out Timer t))
                {
                    t.Dispose();
                    Post(callback);
                }
            });
            _timers[id] = timer;
            timer.Change(Math.Max(0, delayMilliseconds), Timeout.Infinite);
            return id;
        }

        public bool Cancel(int timerId)
        {
            if (_timers.TryRemove(timerId, out Timer timer))
            {
                timer.Dispose();
                return true;
            }

            return false;
        }

        /// <summary>Runs <paramref name="work"/> on the loop and waits for it.</summary>
        public T Invoke<T>(Func<T> work)
        {
            T result = default;
            using var done = new ManualResetEventSlim();
            Post(() =>
            {
                result = work();
                done.Set();
            });
            done.Wait(TimeSpan.FromSeconds(30));
            return result;
        }

        /// <summary>Polls <paramref name="condition"/> on the loop until it holds or the time is up.</summary>
        public bool WaitFor(Func<bool> condition, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout)
            {
                if (Invoke(condition))
                {
                    return true;
                }

                Thread.Sleep(20);
            }

            return Invoke(condition);
        }

        public void Dispose()
        {
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _queue.CompleteAdding();
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        private void Run()
        {
            foreach (Action work in _queue.GetConsumingEnumerable())
            {
                try
                {
                    work();
                }
                catch (Exception e)
                {
                    Failure ??= e;
                }
            }
        }
    }
}
