using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    public class SimulatedCpuTests
    {
        [Fact]
        public void JobsRunOneAtATime_InFifoOrder()
        {
            var scheduler = new VirtualTimeScheduler();
            var cpu = new SimulatedCpu(scheduler, "gateway");
            var done = new List<(string Label, long At)>();
            cpu.Run("P-256 session 1", 1_000, () => done.Add(("s1", scheduler.NowMilliseconds)));
            cpu.Run("ECDH device", 200, () => done.Add(("dev", scheduler.NowMilliseconds)));
            cpu.Run("P-256 session 2", 1_000, () => done.Add(("s2", scheduler.NowMilliseconds)));
            Assert.True(cpu.IsBusy);
            Assert.Equal("P-256 session 1", cpu.CurrentJob);
            Assert.Equal(2, cpu.QueueLength);

            scheduler.RunAll(10_000);
            Assert.Equal(new[] { ("s1", 1_000L), ("dev", 1_200L), ("s2", 2_200L) }, done);
            Assert.Equal(2_200, cpu.BusyMilliseconds);
            Assert.Equal(2, cpu.MaxQueueLength);
            Assert.Equal(1_200, cpu.MaxWaitMilliseconds);
            Assert.Equal(3, cpu.JobsCompleted);
            Assert.False(cpu.IsBusy);
        }

        [Fact]
        public void CompletionRunsOnTheScheduler_NeverInsideRun()
        {
            var scheduler = new VirtualTimeScheduler();
            var cpu = new SimulatedCpu(scheduler);
            bool done = false;
            cpu.Run("nothing", 0, () => done = true);
            Assert.False(done);
            scheduler.RunPending();
            scheduler.Advance(0);
            Assert.True(done);
        }

        [Fact]
        public void AnIdleCpu_StartsAJobWhenItIsQueued()
        {
            var scheduler = new VirtualTimeScheduler();
            var cpu = new SimulatedCpu(scheduler);
            var records = new List<CpuJobRecord>();
            cpu.JobCompleted += records.Add;
            cpu.Run("a", 100, () => { });
            scheduler.Advance(500);
            cpu.Run("b", 100, () => { });
            scheduler.Advance(500);
            Assert.Equal(new CpuJobRecord("cpu", "a", 0, 0, 100), records[0]);
            Assert.Equal(new CpuJobRecord("cpu", "b", 500, 500, 600), records[1]);
            Assert.Equal(200, cpu.BusyMilliseconds);
            Assert.Equal(0, cpu.MaxQueueLength);
        }

        [Fact]
        public void AJobQueuedByACompletion_GoesBehindTheJobsAlreadyWaiting()
        {
            var scheduler = new VirtualTimeScheduler();
            var cpu = new SimulatedCpu(scheduler);
            var order = new List<string>();
            cpu.Run("first", 100, () =>
            {
                order.Add("first");
                cpu.Run("follow-up", 10, () => order.Add("follow-up"));
            });
            cpu.Run("second", 100, () => order.Add("second"));
            scheduler.RunAll(1_000);
            Assert.Equal(new[] { "first", "second", "follow-up" }, order);
            Assert.Equal(210, cpu.BusyMilliseconds);
        }

        [Fact]
        public void NegativeDurationOrMissingCompletion_IsRejected()
        {
            var cpu = new SimulatedCpu(new VirtualTimeScheduler());
            Assert.Throws<ArgumentOutOfRangeException>(() => cpu.Run("x", -1, () => { }));
            Assert.Throws<ArgumentNullException>(() => cpu.Run("x", 1, null));
        }
    }
}
