using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// A whole home in virtual time: the air, the gateway and its mesh nodes, from one seed. Nodes are
/// placed on a ring 3–12 m around the gateway. Build it, <see cref="Run"/> it, read the records.
/// </summary>
public sealed class SimulatedMeshHome
{
    private readonly SeededRandom _random;
    private int _nodeCount;

    public SimulatedMeshHome(long seed, AirSettings airSettings = null, MeshGatewayOptions gatewayOptions = null, IScheduler scheduler = null)
        : this(seed, airSettings, gatewayOptions, scheduler, null, null)
    {
    }

    /// <summary>
    /// A home whose gateway is the whole mesh gateway built from <paramref name="gatewayStorage"/>
    /// (its flash: keep it to reboot the gateway with <see cref="RestartGateway"/>), with the
    /// provisioning workflow when <paramref name="cloud"/> is given.
    /// </summary>
    public SimulatedMeshHome(long seed, AirSettings airSettings, MeshGatewayOptions gatewayOptions, IScheduler scheduler, IStorage gatewayStorage, MeshGatewayCloud cloud)
    {
        Seed = seed;
        _random = new SeededRandom(seed);
        Clock = scheduler ?? new VirtualTimeScheduler();
        Air = new VirtualAir(Clock, seed, airSettings ?? new AirSettings());
        var gatewayOptionsOrDefault = gatewayOptions ?? new MeshGatewayOptions();
        if (gatewayOptionsOrDefault.PbAdvOptions == null)
        {
            gatewayOptionsOrDefault.PbAdvOptions = new PbAdvOptions { MaxLinks = System.Math.Max(4, gatewayOptionsOrDefault.MaxPbAdvSessions) };
        }

        GatewayStation = Air.AddStation("gateway", 0xC0FFEE000000, 0, 0);
        GatewayOptions = gatewayOptionsOrDefault;
        GatewayStorage = gatewayStorage;
        GatewayCloud = cloud;
        Gateway = new SimulatedMeshGateway(GatewayStation, Clock, seed ^ 0x5A5A, gatewayOptionsOrDefault, gatewayStorage, cloud);
    }

    public MeshGatewayOptions GatewayOptions { get; }

    /// <summary>The gateway's flash (null for a provisioning-only gateway).</summary>
    public IStorage GatewayStorage { get; }

    public MeshGatewayCloud GatewayCloud { get; }

    /// <summary>Boots of the gateway after the first.</summary>
    public int GatewayRestarts { get; private set; }

    /// <summary>
    /// Boots the gateway again from its storage: the old gateway's software is killed (if it was
    /// not already by <see cref="SimulatedMeshGateway.PowerFail"/>), a <see cref="MemoryStorage"/>
    /// whose power was cut gets it back, and a new gateway is built from what the storage holds.
    /// The old object stays readable; it never acts again.
    /// </summary>
    public SimulatedMeshGateway RestartGateway()
    {
        Gateway.PowerFail();
        (GatewayStorage as MemoryStorage)?.RestorePower();
        GatewayStation.PowerOn();
        GatewayRestarts++;
        Gateway = new SimulatedMeshGateway(GatewayStation, Clock, (Seed ^ 0x5A5A) + (7919L * GatewayRestarts), GatewayOptions, GatewayStorage, GatewayCloud);
        foreach (SimulatedMeshNode node in Nodes)
        {
            Gateway.Know(node);
        }

        return Gateway;
    }

    public long Seed { get; }

    /// <summary>The home's clock: virtual time in tests, a scaled real-time clock in the demo.</summary>
    public IScheduler Clock { get; }

    /// <summary>The virtual-time scheduler in tests; null when the home runs on a real-time clock.</summary>
    public VirtualTimeScheduler Scheduler => Clock as VirtualTimeScheduler;

    private VirtualTimeScheduler Virtual => Scheduler ?? throw new System.InvalidOperationException("Run needs a VirtualTimeScheduler");

    public VirtualAir Air { get; }

    public AirStation GatewayStation { get; }

    public SimulatedMeshGateway Gateway { get; private set; }

    public List<SimulatedMeshNode> Nodes { get; } = new();

    /// <summary>Adds a node (UUID derived from the seed and its number) and starts it.</summary>
    public SimulatedMeshNode AddNode(ProvisioningBearerType bearer, System.Action<MeshNodeOptions> configure = null, byte[] uuid = null)
    {
        _nodeCount++;
        if (uuid == null)
        {
            uuid = new byte[16];
            _random.NextBytes(uuid, 0, 16);
        }
        else
        {
            _random.NextBytes(new byte[16], 0, 16); // keep the seed's sequence the same either way
        }
        var options = new MeshNodeOptions(uuid) { Bearer = bearer };
        configure?.Invoke(options);
        double angle = _random.NextDouble() * 2 * System.Math.PI;
        double distance = 3 + (_random.NextDouble() * 9);
        var station = Air.AddStation("node" + _nodeCount, 0xD0000000000UL + (ulong)_nodeCount, distance * System.Math.Cos(angle), distance * System.Math.Sin(angle));
        var node = new SimulatedMeshNode(station, Clock, Seed * 1000 + _nodeCount, options);
        Nodes.Add(node);
        Gateway.Know(node);
        node.Start();
        return node;
    }

    /// <summary>True when every node has a final record at the gateway.</summary>
    public bool AllEnded => Nodes.All(n =>
    {
        var r = Gateway.Find(n.Uuid);
        return r != null && r.Outcome != ProvisioningOutcome.Pending && !Gateway.Provisioner.IsBusyWith(n.Uuid);
    });

    public bool AllProvisioned => Nodes.All(n => n.IsProvisioned && Gateway.Find(n.Uuid)?.Outcome == ProvisioningOutcome.Success);

    /// <summary>Runs until every node is provisioned or <paramref name="limitMs"/> of virtual time pass.</summary>
    public bool Run(long limitMs) => Virtual.RunUntil(() => AllProvisioned, limitMs);

    /// <summary>Runs until every node has ended its (last) attempt or the limit passes.</summary>
    public bool RunUntilAllEnded(long limitMs) => Virtual.RunUntil(() => AllEnded, limitMs);
}
