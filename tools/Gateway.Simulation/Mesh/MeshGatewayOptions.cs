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

    public int MaxPbAdvSessions { get; set; } = 8;

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
    /// default of 64 stalled every configuration past the 64th node).
    /// </summary>
    public int ReplayListCapacity { get; set; } = 512;

    /// <summary>Configuration client timeouts and retries (null: the core's defaults).</summary>
    public ConfigClientOptions ConfigClient { get; set; }

    /// <summary>How long the proxy connector looks for a node's Node Identity and connects.</summary>
    public int ProxyConnectTimeoutMs { get; set; } = 20000;

    /// <summary>Whether the gateway has the advertising bearer (the native radio add-on); false: every node through its proxy.</summary>
    public bool AdvertisingBearer { get; set; } = true;
}
