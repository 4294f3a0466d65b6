using System.Collections.Generic;

namespace Gateway.Cli.Bench;

/// <summary>The result of one deterministic home of the scale benchmark.</summary>
internal sealed class ScaleRun
{
    public int Mesh { get; init; }

    public int Wifi { get; init; }

    public double Loss { get; init; }

    public long Seed { get; init; }

    public int Devices { get; init; }

    public int Provisioned { get; init; }

    public bool AllDone => Provisioned == Devices;

    /// <summary>Simulated time when the last provisioned device finished, ms.</summary>
    public long LastDeviceMs { get; init; }

    /// <summary>Per mesh device, heard to provisioned and configured (nearest rank), ms.</summary>
    public long MeshP50Ms { get; init; }

    public long MeshP95Ms { get; init; }

    /// <summary>Provisioned devices per minute of simulated time up to the last one.</summary>
    public double DevicesPerMinute => LastDeviceMs <= 0 ? 0 : Provisioned * 60_000.0 / LastDeviceMs;

    /// <summary>Failures by reason, e.g. "bind-timeout ×3"; empty when none.</summary>
    public string Failures { get; init; } = string.Empty;

    /// <summary>The run's last line (its verdict).</summary>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Peak live managed heap of the whole process during the run (sampled after a full GC), bytes.</summary>
    public long PeakHeapBytes { get; init; }

    /// <summary>Live heap right after the home was built, before its clock ran, bytes.</summary>
    public long BaselineHeapBytes { get; init; }

    /// <summary>Host wall time of the run (building and running the home), ms.</summary>
    public long WallMs { get; init; }

    /// <summary>Devices done at each second of simulated time (index = second).</summary>
    public IReadOnlyList<int> DoneBySecond { get; init; } = new List<int>();
}
