using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>How a simulated mesh node behaves: bearer, capabilities, OOB values and costs.</summary>
public sealed class MeshNodeOptions
{
    public MeshNodeOptions(byte[] uuid)
    {
        Uuid = uuid;
    }

    public byte[] Uuid { get; }

    public ProvisioningBearerType Bearer { get; set; } = ProvisioningBearerType.PbAdv;

    /// <summary>Default: one element, both algorithms, no OOB (a typical Mesh 1.1 light).</summary>
    public ProvisioningCapabilities Capabilities { get; set; } = ProvisioningCapabilities.Parse(Hex.Decode("0100030000000000000000"), 0, 11);

    public byte[] StaticOob { get; set; }

    public ushort OobInformation { get; set; }

    /// <summary>The node's P-256 scalar multiplication cost (ECDH and key generation), default 200 ms.</summary>
    public long EcdhCostMs { get; set; } = 200;

    /// <summary>Unprovisioned Device beacon interval.</summary>
    public long BeaconIntervalMs { get; set; } = 1000;

    /// <summary>How long a person takes to read or type an OOB value.</summary>
    public long PersonDelayMs { get; set; } = 3000;

    /// <summary>Beacons stop (the node still answers on an open link).</summary>
    public bool Mute { get; set; }

    public bool RetryAfterFailure { get; set; } = true;

    public PbAdvOptions PbAdvOptions { get; set; }

    /// <summary>The node's provisioning timers (null: the core's defaults, 120 s for a device).</summary>
    public ProvisioningSettings Settings { get; set; }
}
