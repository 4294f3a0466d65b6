using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;

namespace Gateway.Simulation.Mesh;

/// <summary>One device's provisioning as the simulated gateway saw it (for tests and timelines).</summary>
public sealed class MeshProvisioningRecord
{
    public MeshProvisioningRecord(byte[] uuid) => Uuid = uuid;

    public byte[] Uuid { get; }

    public ProvisioningBearerType Bearer { get; set; }

    public int Attempts { get; set; }

    public long FoundAtMs { get; set; }

    public long AuthorizedAtMs { get; set; }

    public long EndedAtMs { get; set; }

    public ProvisioningOutcome Outcome { get; set; }

    public ProvisioningErrorCode ErrorCode { get; set; }

    public string FailureDetail { get; set; }

    public ProvisioningAlgorithm? Algorithm { get; set; }

    public AuthenticationMethod? Method { get; set; }

    public int UnicastAddress { get; set; }

    public int ElementCount { get; set; }

    public byte[] DeviceKey { get; set; }

    public long DurationMs => EndedAtMs - AuthorizedAtMs;
}
