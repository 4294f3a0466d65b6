namespace Gateway.Simulation;

/// <summary>One finished job of a <see cref="SimulatedCpu"/>, for timelines: waiting = Started − Queued.</summary>
public readonly record struct CpuJobRecord(string Cpu, string Label, long QueuedMs, long StartedMs, long FinishedMs)
{
    public override string ToString()
    {
        return $"{Cpu} {Label}: queued {QueuedMs}, ran {StartedMs}..{FinishedMs}";
    }
}
