using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Scheduler and monotonic clock port (DESIGN.md §3). The core never blocks, never starts a
    /// thread and never reads a clock of its own: all work and all time go through this port.
    /// Implementations run every callback on one logical thread, one at a time, so the core
    /// needs no locks. Device: a thread with a queue and <c>Timer</c>; host: a real-time loop;
    /// tests and simulation: <see cref="VirtualTimeScheduler"/>.
    /// </summary>
    public interface IScheduler
    {
        /// <summary>Milliseconds since an arbitrary origin; never goes backwards.</summary>
        long NowMilliseconds { get; }

        /// <summary>Runs <paramref name="work"/> soon, after work already posted.</summary>
        void Post(Action work);

        /// <summary>
        /// Runs <paramref name="callback"/> once after <paramref name="delayMilliseconds"/>.
        /// Returns a timer id (never 0) for <see cref="Cancel"/>.
        /// </summary>
        int Schedule(long delayMilliseconds, Action callback);

        /// <summary>Cancels a pending timer. Returns false when it already ran or was cancelled.</summary>
        bool Cancel(int timerId);
    }
}
