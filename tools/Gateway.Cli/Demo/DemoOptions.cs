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

    /// <summary>
    /// Virtual time, the in-process broker and cloud emulator, every secret from the seed: the same
    /// seed gives the same timeline byte for byte, as fast as the host can run it.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// The stock-firmware path: no native radio add-on, so no PB-ADV and no advertising bearer
    /// (PB-GATT and the GATT Proxy only), and managed P-256 (1,000 ms per scalar multiplication).
    /// </summary>
    public bool Stock { get; init; }

    /// <summary>Virtual milliseconds per real millisecond (1 with --real-time, and with an external radio: its peers run in real time).</summary>
    public double Speed => RealTime || ExternalRadio ? 1.0 : 10.0;

    /// <summary>
    /// `gw gateway`: the gateway's own identity and an external cloud (no emulator is started);
    /// null for the demo, which invents a gateway and runs the emulator itself.
    /// </summary>
    public Gateway.Core.Cloud.DeviceCredentials GatewayIdentity { get; init; }

    /// <summary>`gw gateway`: the zero-config lamps of the simulated home, as the cloud's registry knows them.</summary>
    public System.Collections.Generic.IReadOnlyList<WifiLampConfig> WifiLamps { get; init; }

    public bool ExternalCloud => GatewayIdentity != null;

    /// <summary>
    /// `gw gateway`: the gateway's advertising radio is an external one on a Unix datagram socket
    /// (docs/external-radio.md) bound at this path instead of the virtual air; null: the virtual air.
    /// </summary>
    public string RadioSocket { get; init; }

    /// <summary>The external radio's peers (e.g. bluetooth-meshd `--io unit:` sockets).</summary>
    public System.Collections.Generic.IReadOnlyList<string> RadioPeers { get; init; }

    /// <summary>With the external radio: how many mesh devices --until-done waits for.</summary>
    public int ExpectedRadioDevices { get; init; }

    public bool ExternalRadio => RadioSocket != null;

    /// <summary>Give up after this much simulated time.</summary>
    public long LimitMs { get; init; } = 15 * 60 * 1000;
}

/// <summary>A zero-config lamp the external cloud knows (its triple and its product's secret).</summary>
internal sealed record WifiLampConfig(string ProductKey, string DeviceName, string DeviceSecret, string ProductSecret);
