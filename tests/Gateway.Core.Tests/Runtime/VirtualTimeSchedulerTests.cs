using System.Collections.Generic;
using System.Text;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class VirtualTimeSchedulerTests
    {
        [Fact]
        public void SameInstantTimersRunInTheOrderTheyWereScheduled()
        {
            var s = new VirtualTimeScheduler();
            var order = new List<string>();
            s.Schedule(10, () => order.Add("a"));
            s.Schedule(5, () => order.Add("early"));
            s.Schedule(10, () => order.Add("b"));
            s.Schedule(10, () => order.Add("c"));
            s.Advance(10);
            Assert.Equal(new[] { "early", "a", "b", "c" }, order);
            Assert.Equal(0, s.PendingTimerCount);
        }

        [Fact]
        public void ClockReadsEachTimersDueInstantWhileItRuns()
        {
            var s = new VirtualTimeScheduler(1000);
            var seen = new List<long>();
            s.Schedule(30, () => seen.Add(s.NowMilliseconds));
            s.Schedule(10, () => seen.Add(s.NowMilliseconds));
            s.Advance(100);
            Assert.Equal(new long[] { 1010, 1030 }, seen);
            Assert.Equal(1100, s.NowMilliseconds);
        }

        [Fact]
        public void TimerNotYetDueStaysPending()
        {
            var s = new VirtualTimeScheduler();
            bool ran = false;
            s.Schedule(100, () => ran = true);
            s.Advance(99);
            Assert.False(ran);
            s.Advance(1);
            Assert.True(ran);
        }

        [Fact]
        public void CancelledTimerNeverRuns()
        {
            var s = new VirtualTimeScheduler();
            bool ran = false;
            int id = s.Schedule(10, () => ran = true);
            Assert.True(s.Cancel(id));
            Assert.False(s.Cancel(id));
            s.Advance(1000);
            Assert.False(ran);
            Assert.Equal(0, s.ExecutedCount);
        }

        [Fact]
        public void CancelAfterTheTimerRanReturnsFalse()
        {
            var s = new VirtualTimeScheduler();
            int id = s.Schedule(1, () => { });
            s.Advance(1);
            Assert.False(s.Cancel(id));
        }

        [Fact]
        public void TimerCancelledByAnEarlierSameInstantTimerDoesNotRun()
        {
            var s = new VirtualTimeScheduler();
            var order = new List<string>();
            int second = 0;
            s.Schedule(10, () => { order.Add("first"); Assert.True(s.Cancel(second)); });
            second = s.Schedule(10, () => order.Add("second"));
            s.Advance(10);
            Assert.Equal(new[] { "first" }, order);
        }

        [Fact]
        public void TimerIdsAreNeverZeroAndDistinct()
        {
            var s = new VirtualTimeScheduler();
            var ids = new HashSet<int>();
            for (int i = 0; i < 1000; i++)
            {
                int id = s.Schedule(i, () => { });
                Assert.NotEqual(0, id);
                Assert.True(ids.Add(id));
            }
        }

        [Fact]
        public void WorkPostedFromACallbackRunsAtTheSameInstantBeforeTheNextTimer()
        {
            var s = new VirtualTimeScheduler();
            var trace = new List<string>();
            s.Schedule(10, () =>
            {
                trace.Add("t1@" + s.NowMilliseconds);
                s.Post(() =>
                {
                    trace.Add("p1@" + s.NowMilliseconds);
                    s.Post(() => trace.Add("p2@" + s.NowMilliseconds));
                });
            });
            s.Schedule(10, () => trace.Add("t2@" + s.NowMilliseconds));
            s.Advance(10);
            Assert.Equal(new[] { "t1@10", "p1@10", "p2@10", "t2@10" }, trace);
        }

        [Fact]
        public void ZeroDelayTimerFromACallbackRunsAfterTimersAlreadyDueThen()
        {
            var s = new VirtualTimeScheduler();
            var trace = new List<string>();
            s.Schedule(5, () =>
            {
                trace.Add("a");
                s.Schedule(0, () => trace.Add("a-child"));
            });
            s.Schedule(5, () => trace.Add("b"));
            s.Advance(5);
            Assert.Equal(new[] { "a", "b", "a-child" }, trace);
        }

        [Fact]
        public void PostedWorkRunsInPostOrder()
        {
            var s = new VirtualTimeScheduler();
            var trace = new List<int>();
            for (int i = 0; i < 5; i++)
            {
                int k = i;
                s.Post(() => trace.Add(k));
            }

            s.RunPending();
            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, trace);
            Assert.Equal(5, s.ExecutedCount);
        }

        [Fact]
        public void NegativeDelayRunsAtTheCurrentInstant()
        {
            var s = new VirtualTimeScheduler(50);
            long seen = -1;
            s.Schedule(-20, () => seen = s.NowMilliseconds);
            s.Advance(0);
            Assert.Equal(50, seen);
        }

        [Fact]
        public void RunUntilConditionStopsAtTheInstantItBecomesTrue()
        {
            var s = new VirtualTimeScheduler();
            int ticks = 0;
            for (int i = 1; i <= 10; i++)
            {
                s.Schedule(i * 100, () => ticks++);
            }

            Assert.True(s.RunUntil(() => ticks == 3, 10_000));
            Assert.Equal(300, s.NowMilliseconds);
            Assert.Equal(7, s.PendingTimerCount);
        }

        [Fact]
        public void RunUntilConditionAlreadyTrueRunsOnlyPostedWork()
        {
            var s = new VirtualTimeScheduler();
            bool posted = false;
            bool timer = false;
            s.Post(() => posted = true);
            s.Schedule(1, () => timer = true);
            Assert.True(s.RunUntil(() => true, 100));
            Assert.True(posted);
            Assert.False(timer);
            Assert.Equal(0, s.NowMilliseconds);
        }

        [Fact]
        public void RunUntilConditionGivesUpAtTheLimitAndKeepsLaterTimers()
        {
            var s = new VirtualTimeScheduler();
            bool late = false;
            s.Schedule(50, () => { });
            s.Schedule(500, () => late = true);
            Assert.False(s.RunUntil(() => late, 200));
            Assert.Equal(200, s.NowMilliseconds);
            Assert.Equal(1, s.PendingTimerCount);
        }

        [Fact]
        public void RunUntilConditionReturnsFalseWhenNothingIsLeftToRun()
        {
            var s = new VirtualTimeScheduler();
            s.Schedule(20, () => { });
            Assert.False(s.RunUntil(() => false, 1000));
            Assert.Equal(20, s.NowMilliseconds);
        }

        // Stops long.MaxValue ("no limit") from wrapping now+limit to a negative deadline, which
        // moved the clock backwards before the saturating add.
        [Fact]
        public void RunUntilConditionWithNoLimitNeverMovesTheClockBackwards()
        {
            var s = new VirtualTimeScheduler(5);
            bool ran = false;
            s.Schedule(10, () => ran = true);
            Assert.False(s.RunUntil(() => false, long.MaxValue));
            Assert.True(ran);
            Assert.Equal(15, s.NowMilliseconds);
        }

        // Stops a "never" timer (delay long.MaxValue) from wrapping into the past and firing at once.
        [Fact]
        public void FarFutureTimerDoesNotWrapIntoThePast()
        {
            var s = new VirtualTimeScheduler(1000);
            bool ran = false;
            s.Schedule(long.MaxValue, () => ran = true);
            s.Advance(1_000_000);
            Assert.False(ran);
            Assert.Equal(1, s.PendingTimerCount);
            s.Advance(long.MaxValue);
            Assert.Equal(long.MaxValue, s.NowMilliseconds);
            Assert.True(ran);
        }

        [Fact]
        public void SameSeedAndScriptGiveIdenticalTraces()
        {
            string a = RunScript(20240611);
            string b = RunScript(20240611);
            string c = RunScript(20240612);
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.True(a.Length > 1000, "the script should do real work");
        }

        /// <summary>
        /// A small "network" of actors that post, schedule and cancel at random, driven only by
        /// the seed: the trace records every callback with the virtual time it ran at.
        /// </summary>
        private static string RunScript(long seed)
        {
            var s = new VirtualTimeScheduler();
            var random = new SeededRandom(seed);
            var trace = new StringBuilder();
            var live = new List<int>();
            int budget = 2000;

            void Act(int actor)
            {
                trace.Append(actor).Append('@').Append(s.NowMilliseconds).Append(' ');
                if (--budget <= 0)
                {
                    return;
                }

                switch (random.NextInt(4))
                {
                    case 0:
                        int next = random.NextInt(8);
                        s.Post(() => Act(next));
                        break;
                    case 1:
                    case 2:
                        int target = random.NextInt(8);
                        live.Add(s.Schedule(random.NextInt(50), () => Act(target)));
                        break;
                    default:
                        if (live.Count > 0)
                        {
                            int victim = random.NextInt(live.Count);
                            trace.Append(s.Cancel(live[victim]) ? "x " : "- ");
                            live.RemoveAt(victim);
                        }

                        live.Add(s.Schedule(random.NextInt(50), () => Act(actor)));
                        live.Add(s.Schedule(random.NextInt(50), () => Act(actor + 1)));
                        break;
                }
            }

            for (int i = 0; i < 8; i++)
            {
                int actor = i;
                s.Schedule(random.NextInt(10), () => Act(actor));
            }

            s.RunAll(1_000_000);
            trace.Append("end@").Append(s.NowMilliseconds).Append(" executed=").Append(s.ExecutedCount);
            return trace.ToString();
        }
    }
}
