using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Process;

/// <summary>
/// The software of one simulated device, so it can die the way firmware dies at a power cut:
/// its scheduler (<see cref="Scheduler"/>) forwards to the shared virtual-time scheduler while the
/// process lives, and <see cref="Kill"/> cancels every timer it still has and turns later posts,
/// timers and guarded callbacks into no-ops. Objects of a killed process can stay referenced
/// (tests read them) but never act again; a reboot builds new objects on a new process.
/// </summary>
public sealed class SimulatedProcess
{
    public SimulatedProcess(IScheduler scheduler, string name)
    {
        Scheduler = new ProcessScheduler(this, scheduler ?? throw new ArgumentNullException(nameof(scheduler)));
        Name = name;
    }

    public string Name { get; }

    /// <summary>Give this to every object of the device.</summary>
    public IScheduler Scheduler { get; }

    public bool IsAlive { get; private set; } = true;

    /// <summary>Raised once when the process is killed (adapters close what they hold).</summary>
    public event Action Killed;

    public void Kill()
    {
        if (!IsAlive)
        {
            return;
        }

        IsAlive = false;
        ((ProcessScheduler)Scheduler).CancelAll();
        Killed?.Invoke();
    }

    /// <summary>
    /// Runs <paramref name="work"/> only while the process lives (for callbacks from the outside
    /// world). A <see cref="PowerCutException"/> from the device's storage ends the process here,
    /// as the power cut ends the firmware: nothing after the cut runs.
    /// </summary>
    public void Run(Action work)
    {
        if (!IsAlive)
        {
            return;
        }

        try
        {
            work();
        }
        catch (PowerCutException)
        {
            Kill();
        }
    }

    private sealed class ProcessScheduler : IScheduler
    {
        private readonly SimulatedProcess _process;
        private readonly IScheduler _inner;
        private readonly HashSet<int> _timers = new HashSet<int>();

        public ProcessScheduler(SimulatedProcess process, IScheduler inner)
        {
            _process = process;
            _inner = inner;
        }

        public long NowMilliseconds => _inner.NowMilliseconds;

        public void Post(Action work)
        {
            ArgumentNullException.ThrowIfNull(work);
            if (_process.IsAlive)
            {
                _inner.Post(() => _process.Run(work));
            }
        }

        public int Schedule(long delayMilliseconds, Action callback)
        {
            ArgumentNullException.ThrowIfNull(callback);
            if (!_process.IsAlive)
            {
                return 0;
            }

            int id = 0;
            id = _inner.Schedule(delayMilliseconds, () =>
            {
                _timers.Remove(id);
                _process.Run(callback);
            });
            _timers.Add(id);
            return id;
        }

        public bool Cancel(int timerId)
        {
            _timers.Remove(timerId);
            return timerId != 0 && _inner.Cancel(timerId);
        }

        public void CancelAll()
        {
            foreach (int id in _timers)
            {
                _inner.Cancel(id);
            }

            _timers.Clear();
        }
    }
}
