using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>
/// One CPU that expensive jobs queue for in virtual time, so a simulation pays for concurrency:
/// three provisioning sessions that each need a 1,000 ms managed P-256 scalar multiplication on
/// the gateway finish at 1, 2 and 3 s, not all at 1 s. Jobs run one at a time in FIFO order;
/// each completion runs on the scheduler when its job ends, never inside <see cref="Run"/>.
/// </summary>
public sealed class SimulatedCpu
{
    private readonly IScheduler _scheduler;
    private readonly Queue<Job> _waiting = new Queue<Job>();
    private Job _running;

    public SimulatedCpu(IScheduler scheduler, string name = "cpu")
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Name = name;
    }

    public string Name { get; }

    /// <summary>Total virtual milliseconds spent on completed jobs.</summary>
    public long BusyMilliseconds { get; private set; }

    /// <summary>Jobs waiting, not counting the one running.</summary>
    public int QueueLength => _waiting.Count;

    /// <summary>The longest the waiting queue has been.</summary>
    public int MaxQueueLength { get; private set; }

    /// <summary>The longest any job waited before it started.</summary>
    public long MaxWaitMilliseconds { get; private set; }

    public long JobsCompleted { get; private set; }

    public bool IsBusy => _running != null;

    /// <summary>Label of the running job, or null.</summary>
    public string CurrentJob => _running?.Label;

    /// <summary>Timeline hook: label, queued, started and finished time of every job.</summary>
    public event Action<CpuJobRecord> JobCompleted;

    /// <summary>
    /// Queues a job of <paramref name="durationMs"/> virtual milliseconds; <paramref name="completion"/>
    /// runs on the scheduler when it is done.
    /// </summary>
    public void Run(string label, long durationMs, Action completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentOutOfRangeException.ThrowIfNegative(durationMs);
        var job = new Job(label ?? string.Empty, durationMs, completion, _scheduler.NowMilliseconds);
        if (_running == null)
        {
            Start(job);
            return;
        }

        _waiting.Enqueue(job);
        MaxQueueLength = Math.Max(MaxQueueLength, _waiting.Count);
    }

    private void Start(Job job)
    {
        _running = job;
        job.Started = _scheduler.NowMilliseconds;
        MaxWaitMilliseconds = Math.Max(MaxWaitMilliseconds, job.Started - job.Queued);
        _scheduler.Schedule(job.Duration, Finish);
    }

    private void Finish()
    {
        Job job = _running;
        long now = _scheduler.NowMilliseconds;
        BusyMilliseconds += job.Duration;
        JobsCompleted++;

        // The next job starts at this same instant; a job the completion queues goes behind it.
        if (_waiting.Count > 0)
        {
            Start(_waiting.Dequeue());
        }
        else
        {
            _running = null;
        }

        JobCompleted?.Invoke(new CpuJobRecord(Name, job.Label, job.Queued, job.Started, now));
        job.Completion();
    }

    private sealed class Job
    {
        public Job(string label, long duration, Action completion, long queued)
        {
            Label = label;
            Duration = duration;
            Completion = completion;
            Queued = queued;
        }

        public string Label { get; }

        public long Duration { get; }

        public Action Completion { get; }

        public long Queued { get; }

        public long Started { get; set; }
    }
}
