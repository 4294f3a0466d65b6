using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
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

    /// <summary>
    /// Unprovisioned Device beacon interval: 5 s in Zephyr (CONFIG_BT_MESH_UNPROV_BEACON_INT,
    /// default 5, range 1–10 s) and in ESP-BLE-MESH (UNPROVISIONED_INTERVAL, 3 s only with its
    /// fast-provisioning option). The stacks' timer has no jitter.
    /// </summary>
    public long BeaconIntervalMs { get; set; } = 5000;

    /// <summary>Transmissions of each Unprovisioned Device beacon: 3 (Zephyr and ESP-BLE-MESH UNPROV_XMIT).</summary>
    public int BeaconTransmitCount { get; set; } = 3;

    /// <summary>Interval between a beacon's transmissions: 20 ms (UNPROV_XMIT).</summary>
    public int BeaconTransmitIntervalMs { get; set; } = 20;

    /// <summary>
    /// The first beacon goes out after a uniform 0..this delay from <see cref="SimulatedMeshNode.Start"/>:
    /// devices switched on together (a home after a power cut, a test adding nodes at one instant)
    /// finish booting at slightly different moments. The spread is an assumption (boot and stack
    /// start-up differ by device and firmware), not a measured value; 0 makes nodes started
    /// together beacon in lock-step, which the 5 s timer then keeps.
    /// </summary>
    public long StartSpreadMs { get; set; } = 1000;

    /// <summary>
    /// advInterval of the node's connectable advertising (PB-GATT, then GATT Proxy): Zephyr's mesh
    /// uses ADV_FAST_INT, BT_GAP_ADV_FAST_INT_MIN_2..MAX_2 = 100–150 ms; the controller takes the minimum.
    /// </summary>
    public int ConnectableAdvertisingIntervalMs { get; set; } = 100;

    /// <summary>
    /// How long a PB-GATT node advertises at <see cref="ConnectableAdvertisingIntervalMs"/> before it
    /// slows to <see cref="SlowConnectableAdvertisingIntervalMs"/>; 0 stays fast. Unprovisioned:
    /// Zephyr pb_gatt_srv.c, FAST_ADV_TIME 60 s, then ADV_SLOW_INT (BT_GAP_ADV_SLOW_INT_MIN..MAX,
    /// 1–1.2 s). Provisioned: Node Identity for at most 60 s (MshPRT §4.2.12, Zephyr
    /// CONFIG_BT_MESH_NODE_ID_TIMEOUT), then Zephyr advertises Network ID at ADV_SLOW_INT. The
    /// simulated node keeps its Node Identity content at the slow interval: the air time is
    /// Zephyr's, but a gateway that reaches the node only after 60 s still recognises it (a real
    /// one would connect by Network ID and ask for Node Identity; not modelled).
    /// </summary>
    public long FastAdvertisingMs { get; set; } = 60_000;

    public int SlowConnectableAdvertisingIntervalMs { get; set; } = 1000;

    /// <summary>How long a person takes to read or type an OOB value.</summary>
    public long PersonDelayMs { get; set; } = 3000;

    /// <summary>Beacons stop (the node still answers on an open link).</summary>
    public bool Mute { get; set; }

    public bool RetryAfterFailure { get; set; } = true;

    public PbAdvOptions PbAdvOptions { get; set; }

    /// <summary>The node's provisioning timers (null: the core's defaults, 120 s for a device).</summary>
    public ProvisioningSettings Settings { get; set; }

    /// <summary>
    /// Composition Data Page 0 the node's Configuration Server answers with; null: <see cref="DefaultComposition"/>
    /// for the capabilities' element count. Its element count must match the capabilities.
    /// </summary>
    public CompositionData Composition { get; set; }

    /// <summary>Delay between a Config Node Reset Status and the node forgetting the network (the status must get out first).</summary>
    public long ResetDelayMs { get; set; } = 500;

    /// <summary>Company ID of the default composition (0x05F1, the Linux Foundation, as Zephyr's samples use).</summary>
    public const int DefaultCompanyId = 0x05F1;

    /// <summary>Vendor model of the default composition's primary element (Company ID ‖ model 0x0001).</summary>
    public const uint DefaultVendorModel = ((uint)DefaultCompanyId << 16) | 0x0001;

    /// <summary>
    /// A plausible light: element 0 with the Configuration Server (0x0000), Health Server (0x0002),
    /// Generic OnOff Server (0x1000) and one vendor model; further elements with a Generic OnOff
    /// Server each. PB-GATT nodes announce the Proxy feature (they are reached through it).
    /// </summary>
    public static CompositionData DefaultComposition(int elements, bool proxy)
    {
        var list = new CompositionElement[System.Math.Max(1, elements)];
        list[0] = new CompositionElement(0x0100, new[] { 0x0000, 0x0002, 0x1000 }, new[] { DefaultVendorModel });
        for (int i = 1; i < list.Length; i++)
        {
            list[i] = new CompositionElement(0x0100 + i, new[] { 0x1000 }, null);
        }

        return new CompositionData(DefaultCompanyId, 0x0001, 0x0001, 32, proxy ? CompositionData.FeatureProxy : 0, list);
    }
}
