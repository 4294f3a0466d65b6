using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Provisioning;

namespace Gateway.Simulation.Mesh;

/// <summary>Costs and limits of the simulated gateway (issue defaults: ESP32 with managed P-256).</summary>
public sealed class MeshGatewayOptions
{
    /// <summary>Gateway P-256 scalar multiplication: 1,000 ms managed on an ESP32, 100 ms native add-on.</summary>
    public long ScalarMultiplicationMs { get; set; } = 1000;

    public bool PrecomputeKeyPair { get; set; } = true;

    /// <summary>
    /// Ceiling of the PB-ADV congestion window (MeshProvisioner.PbAdvWindow). 16 on the PSRAM board:
    /// with 8 a 100-node home waited on the window, with 12–16 on the advertiser's air time
    /// (docs/BENCHMARKS.md, "Whole homes"); each session allocates under 8 KB.
    /// </summary>
    public int MaxPbAdvSessions { get; set; } = 16;

    public int MaxGattConnections { get; set; } = 3;

    public bool PreferPbAdv { get; set; } = true;

    /// <summary>Network PDUs, PB-ADV and beacons take turns at the advertiser through the core's <see cref="Gateway.Core.Mesh.Bearers.AdvertisingScheduler"/> (false: straight to the radio).</summary>
    public bool FairAdvertiser { get; set; } = true;

    public int DiscoveryCapacity { get; set; } = 128;

    public long PersonDelayMs { get; set; } = 3000;

    public bool RetryFailed { get; set; }

    public int MaxAttempts { get; set; } = 3;

    public ProvisioningSettings Settings { get; set; } = new ProvisioningSettings();

    public PbAdvOptions PbAdvOptions { get; set; }

    // ---- The mesh gateway (with storage) ----

    /// <summary>The gateway's provisioner UUID in a new network (and the one it keeps on import); null: derived from the seed.</summary>
    public byte[] ProvisionerUuid { get; set; }

    public string MeshName { get; set; } = "Simulated home";

    /// <summary>IV Index of a new network (or of an imported one: the CDB does not carry it).</summary>
    public uint InitialIvIndex { get; set; }

    /// <summary>
    /// Sources the gateway's replay protection list holds (MshPRT §3.9.8: a full list refuses
    /// messages from new sources, so it must cover every node the gateway talks to; the core's
    /// default was 64 and stalled every configuration past the 64th node; it is 256 now, the
    /// simulation keeps room for its 200-node homes and their group senders).
    /// </summary>
    public int ReplayListCapacity { get; set; } = 512;

    /// <summary>
    /// Transmissions of each Network PDU the gateway originates on the advertising bearer, and their
    /// spacing (the gateway's Network Transmit state, MshPRT §4.2.20). Zephyr's default is 3; the
    /// gateway's own traffic is unicast configuration that the lower transport (segment
    /// acknowledgments) and the configuration client (retries) already recover, so 2 spends a
    /// third less of the one advertiser: 100-node homes finished 6–10 % sooner on three seeds.
    /// </summary>
    public int NetworkTransmitCount { get; set; } = 2;

    public int NetworkTransmitIntervalMs { get; set; } = 20;

    /// <summary>
    /// Largest mesh database blob the gateway commits. The simulated gateway is the PSRAM board
    /// (hardware/boards/esp32-devkitc-ve-wrover.json): 256 KB holds about 270 typical nodes
    /// (docs/mesh-database.md, "Limits"); the core's default of 64 KB suits a board without PSRAM
    /// and stopped a 200-node home at its 115th node.
    /// </summary>
    public int MaxDatabaseBytes { get; set; } = 4 * Gateway.Core.Mesh.Database.MeshDatabaseStore.DefaultMaxBlobBytes;

    /// <summary>Configuration client timeouts and retries (null: the core's defaults).</summary>
    public ConfigClientOptions ConfigClient { get; set; }

    /// <summary>How long the proxy connector looks for a node's Node Identity and connects.</summary>
    public int ProxyConnectTimeoutMs { get; set; } = 20000;

    /// <summary>Whether the gateway has the advertising bearer (the native radio add-on); false: every node through its proxy.</summary>
    public bool AdvertisingBearer { get; set; } = true;
}
