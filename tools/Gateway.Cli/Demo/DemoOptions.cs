using System.IO;

namespace Gateway.Cli.Demo;

/// <summary>What `gw demo` runs: a home of mesh nodes and zero-config Wi-Fi devices, on which broker, how fast.</summary>
internal sealed class DemoOptions
{
    public long Seed { get; init; } = 1;

    public int MeshDevices { get; init; } = 6;

    public int WifiDevices { get; init; } = 3;

    public double Loss { get; init; }

    public bool RealTime { get; init; }

    public string Broker { get; init; }

    public FileInfo Report { get; init; }

    /// <summary>Virtual milliseconds per real millisecond (1 with --real-time).</summary>
    public double Speed => RealTime ? 1.0 : 10.0;

    /// <summary>Give up after this much simulated time.</summary>
    public long LimitMs { get; init; } = 15 * 60 * 1000;
}
