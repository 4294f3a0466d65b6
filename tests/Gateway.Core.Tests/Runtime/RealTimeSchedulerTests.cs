using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Core.Runtime;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    /// <summary>
    /// Real threads and a real clock: every wait is "eventually, within 5 s"; nothing asserts how
    /// fast anything happens. Orderings are made deterministic by holding the loop on a gate
    /// while the test sets things up.
    /// </summary>
    public class RealTimeSchedulerTests
    {
        private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(5);

        /// <summary>
        /// holdForTimers (the demo's simulated world at 10×): while the loop is held up, the clock
        /// does not pass timers that have not run, so each fires at its own due time, in order,
        /// instead of all late at one instant; without it they read one late clock.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void HeldClock_FiresEveryTimerAtItsDueTime_WhenTheLoopFallsBehind(bool hold)
        {
            using var s = new RealTimeScheduler(speed: 1000, holdForTimers: hold);
            using var gate = new ManualResetEventSlim();
            using var done = new ManualResetEventSlim();
            var seen = new ConcurrentQueue<long>();
            long start = -1;
            s.Post(() =>
            {
                start = s.NowMilliseconds;
                for (int i = 1; i <= 5; i++)
                {
                    s.Schedule(i * 10, () => seen.Enqueue(s.NowMilliseconds));
                }

                s.Schedule(60, done.Set);
                gate.Wait(Eventually); // the host falls behind: 100 ms of wall time is 100 s of this clock
            });
            Thread.Sleep(100);
            gate.Set();
            Assert.True(done.Wait(Eventually));
            long[] now = seen.ToArray();
            Assert.Equal(5, now.Length);
            if (hold)
            {
                // Each at its own due time: 10 ms apart, as scheduled, though they ran in a burst.
                for (int i = 1; i < now.Length; i++)
                {
                    Assert.Equal(10, now[i] - now[i - 1]);
                }

                Assert.True(now[0] - start < 50_000, "the clock waited for the first timer");
            }
            else
            {
                Assert.All(now, t => Assert.True(t - start >= 50_000, "without the hold the timers read the late clock"));
            }
        }

        [Fact]
        public void PostedWorkRunsInOrderOnTheSchedulerThread()
        {
            using var s = new RealTimeScheduler();
            var order = new List<int>();
            var threads = new HashSet<int>();
            using var done = new ManualResetEventSlim();
            for (int i = 0; i < 1000; i++)
            {
                int k = i;
                s.Post(() =>
                {
                    order.Add(k);
                    threads.Add(Environment.CurrentManagedThreadId);
                    Assert.True(s.IsOnSchedulerThread);
                });
            }

            s.Post(done.Set);
            Assert.True(done.Wait(Eventually));
            Assert.Equal(Range(1000), order);
            Assert.Equal(new[] { s.ThreadId }, threads);
            Assert.NotEqual(Environment.CurrentManagedThreadId, s.ThreadId);
            Assert.Equal(0, s.ErrorCount);
        }

        [Fact]
        public void WorkPostedFromManyThreadsRunsOneAtATimeInEachPostersOrder()
        {
            using var s = new RealTimeScheduler();
            var perPoster = new List<int>[4];
            int running = 0;
            int overlaps = 0;
            for (int t = 0; t < 4; t++)
            {
                perPoster[t] = new List<int>();
            }

            Parallel.For(0, 4, t =>
            {
                for (int i = 0; i < 500; i++)
                {
                    int k = i;
                    s.Post(() =>
                    {
                        if (Interlocked.Increment(ref running) != 1)
                        {
                            Interlocked.Increment(ref overlaps);
                        }

                        perPoster[t].Add(k);
                        Interlocked.Decrement(ref running);
                    });
                }
            });
            using var done = new ManualResetEventSlim();
            s.Post(done.Set);
            Assert.True(done.Wait(Eventually));
            Assert.Equal(0, overlaps);
            foreach (var list in perPoster)
            {
                Assert.Equal(Range(500), list);
            }
        }

        [Fact]
        public void TimerFiresNoEarlierThanItsDelay()
        {
            using var s = new RealTimeScheduler();
            using var fired = new ManualResetEventSlim();
            long scheduledAt = s.NowMilliseconds;
            long firedAt = -1;
            int id = s.Schedule(50, () =>
            {
                firedAt = s.NowMilliseconds;
                fired.Set();
            });
            Assert.NotEqual(0, id);
            Assert.True(fired.Wait(Eventually));
            Assert.True(firedAt >= scheduledAt + 50, "fired at " + firedAt + ", scheduled at " + scheduledAt);
            Assert.False(s.Cancel(id));
        }

        [Fact]
        public void SameInstantTimersRunInScheduleOrderAndLaterTimersWait()
        {
            using var s = new RealTimeScheduler();
            using var gate = new ManualResetEventSlim();
            using var done = new ManualResetEventSlim();
            var order = new List<string>();
            s.Post(() => gate.Wait(Eventually));

            // With the loop held, zero-delay timers are due in call order (the clock never goes
            // back; ties keep their sequence), so the order below is exact.
            s.Schedule(0, () => order.Add("a"));
            s.Schedule(0, () => order.Add("b"));
            s.Schedule(1_000_000, () => order.Add("never"));
            s.Schedule(0, () => order.Add("c"));
            s.Schedule(0, done.Set);
            gate.Set();
            Assert.True(done.Wait(Eventually));
            Assert.Equal(new[] { "a", "b", "c" }, order);
        }

        [Fact]
        public void WorkAndTimersPostedFromCallbacksRun()
        {
            using var s = new RealTimeScheduler();
            using var done = new ManualResetEventSlim();
            var trace = new ConcurrentQueue<string>();
            s.Post(() =>
            {
                trace.Enqueue("post");
                s.Schedule(10, () =>
                {
                    trace.Enqueue("timer");
                    s.Post(() =>
                    {
                        trace.Enqueue("post-from-timer");
                        done.Set();
                    });
                });
            });
            Assert.True(done.Wait(Eventually));
            Assert.Equal(new[] { "post", "timer", "post-from-timer" }, trace);
        }

        [Fact]
        public void WorkPostedByACallbackRunsBeforeATimerItMadeDue()
        {
            using var s = new RealTimeScheduler();
            using var done = new ManualResetEventSlim();
            var trace = new ConcurrentQueue<string>();
            s.Post(() =>
            {
                s.Schedule(0, () =>
                {
                    trace.Enqueue("timer");
                    done.Set();
                });
                s.Post(() => trace.Enqueue("posted"));
            });
            Assert.True(done.Wait(Eventually));
            Assert.Equal(new[] { "posted", "timer" }, trace);
        }

        [Fact]
        public void WorkThatKeepsPostingItselfDoesNotStarveTimers()
        {
            using var s = new RealTimeScheduler();
            using var fired = new ManualResetEventSlim();
            long spins = 0;
            void Spin()
            {
                spins++;
                if (!fired.IsSet)
                {
                    s.Post(Spin);
                }
            }

            s.Post(Spin);
            s.Schedule(20, fired.Set);
            Assert.True(fired.Wait(Eventually));
            Assert.True(Interlocked.Read(ref spins) > 0);
        }

        [Fact]
        public void CancelledTimerNeverRuns()
        {
            using var s = new RealTimeScheduler();
            using var gate = new ManualResetEventSlim();
            using var done = new ManualResetEventSlim();
            bool cancelledRan = false;
            s.Post(() => gate.Wait(Eventually));
            int id = s.Schedule(0, () => cancelledRan = true);
            Assert.True(s.Cancel(id));
            Assert.False(s.Cancel(id));
            s.Schedule(0, done.Set);
            gate.Set();
            Assert.True(done.Wait(Eventually));
            Assert.False(cancelledRan);
        }

        [Fact]
        public void CancelFromEarlierWorkStopsADueTimer()
        {
            using var s = new RealTimeScheduler();
            using var gate = new ManualResetEventSlim();
            using var done = new ManualResetEventSlim();
            bool ran = false;
            bool cancelled = false;
            s.Post(() => gate.Wait(Eventually));
            int id = s.Schedule(0, () => ran = true);
            s.Post(() => cancelled = s.Cancel(id));
            s.Schedule(0, done.Set);
            gate.Set();
            Assert.True(done.Wait(Eventually));
            Assert.True(cancelled);
            Assert.False(ran);
        }

        [Fact]
        public void ExceptionInACallbackGoesToTheHandlerAndLaterWorkStillRuns()
        {
            var errors = new ConcurrentQueue<(Exception Error, bool OnLoop)>();
            RealTimeScheduler s = null;
            using (s = new RealTimeScheduler(onError: e => errors.Enqueue((e, s.IsOnSchedulerThread))))
            {
                using var done = new ManualResetEventSlim();
                s.Post(() => throw new InvalidOperationException("boom"));
                s.Schedule(0, () => throw new ProtocolFormatException("bad pdu"));
                s.Schedule(1, done.Set);
                Assert.True(done.Wait(Eventually));
                Assert.Equal(2, s.ErrorCount);
            }

            Assert.Collection(
                errors,
                e => { Assert.IsType<InvalidOperationException>(e.Error); Assert.True(e.OnLoop); },
                e => { Assert.IsType<ProtocolFormatException>(e.Error); Assert.True(e.OnLoop); });
        }

        [Fact]
        public void ExceptionGoesToTheLogWhenThereIsNoHandler()
        {
            var log = new CapturingLog();
            using var s = new RealTimeScheduler(log);
            using var done = new ManualResetEventSlim();
            s.Post(() => throw new InvalidOperationException("boom"));
            s.Post(done.Set);
            Assert.True(done.Wait(Eventually));
            LogEntry line = log.Get(0);
            Assert.Equal(LogLevel.Error, line.Level);
            Assert.Equal("scheduler", line.Component);
            Assert.Contains("InvalidOperationException", line.Message);
        }

        [Fact]
        public void ABrokenErrorHandlerDoesNotStopTheLoop()
        {
            using var s = new RealTimeScheduler(onError: _ => throw new Exception("handler broken"));
            using var done = new ManualResetEventSlim();
            s.Post(() => throw new InvalidOperationException());
            s.Post(done.Set);
            Assert.True(done.Wait(Eventually));
        }

        [Fact]
        public void DisposeWaitsForTheRunningCallbackAndDropsTheRest()
        {
            var s = new RealTimeScheduler();
            using var started = new ManualResetEventSlim();
            bool finished = false;
            bool droppedRan = false;
            s.Post(() =>
            {
                started.Set();
                Thread.Sleep(200);
                finished = true;
            });
            s.Post(() => droppedRan = true);
            s.Schedule(0, () => droppedRan = true);
            Assert.True(started.Wait(Eventually));

            s.Dispose();
            Assert.True(finished, "Dispose returned before the running callback ended");
            Assert.False(s.IsRunning);
            Assert.False(droppedRan);
            Assert.Throws<ObjectDisposedException>(() => s.Post(() => { }));
            Assert.Throws<ObjectDisposedException>(() => s.Schedule(1, () => { }));
            s.Dispose();
        }

        [Fact]
        public void DisposeFromItsOwnCallbackDoesNotDeadlock()
        {
            var s = new RealTimeScheduler();
            using var disposed = new ManualResetEventSlim();
            s.Post(() =>
            {
                s.Dispose();
                disposed.Set();
            });
            Assert.True(disposed.Wait(Eventually));
            s.Dispose();
            Assert.False(s.IsRunning);
        }

        [Fact]
        public void ClockNeverGoesBackwards()
        {
            using var s = new RealTimeScheduler();
            long last = s.NowMilliseconds;
            for (int i = 0; i < 100_000; i++)
            {
                long now = s.NowMilliseconds;
                Assert.True(now >= last);
                last = now;
            }
        }

        private static List<int> Range(int count)
        {
            var list = new List<int>();
            for (int i = 0; i < count; i++)
            {
                list.Add(i);
            }

            return list;
        }
    }
}
