using System.Collections.Generic;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// The provisioned node: its network stack with the provisioning data (NetKey, key index, IV
/// Index, unicast address, element count, DeviceKey), a Configuration Server with the composition
/// of <see cref="MeshNodeOptions.Composition"/>, its own storage, and its bearer: the advertising
/// bearer on the radio for PB-ADV nodes, the GATT Proxy server advertising Node Identity for
/// PB-GATT nodes (MshPRT §7.2.2.2.3, ble-mesh.md §3.3: after provisioning over PB-GATT the node
/// advertises Node Identity so the provisioner finds it). Config Node Reset returns the node to
/// an unprovisioned device that beacons again.
/// </summary>
public sealed partial class SimulatedMeshNode
{
    private static readonly IAes128 Aes = new ManagedAes128();
    private readonly Dictionary<int, int> _accepted = new();
    private MeshKeyStore _keys;
    private int _proxyTimer;

    /// <summary>The node's network stack while it is provisioned, else null.</summary>
    public MeshNetwork Network { get; private set; }

    /// <summary>The node's Configuration Server while it is provisioned, else null.</summary>
    public ConfigServer ConfigServer { get; private set; }

    /// <summary>The node's storage (SEQ, replay list) for the current provisioning.</summary>
    public MemoryStorage Storage { get; private set; }

    /// <summary>Advertising bearer of a provisioned PB-ADV node.</summary>
    public AdvertisingNetworkBearer AdvertisingBearer { get; private set; }

    /// <summary>GATT Proxy server of a provisioned PB-GATT node (once the provisioning link has closed).</summary>
    public ProxyServerBearer Proxy { get; private set; }

    /// <summary>The composition the node answers with.</summary>
    public CompositionData Composition { get; private set; }

    /// <summary>Primary element address while provisioned, else 0.</summary>
    public int UnicastAddress => Network?.PrimaryAddress ?? 0;

    /// <summary>Every primary address the node was given, in order (a reset node may get another).</summary>
    public List<int> AddressHistory { get; } = new();

    /// <summary>Config Node Reset messages obeyed.</summary>
    public int ResetCount { get; private set; }

    /// <summary>
    /// Configuration requests the node's network accepted (passed the replay list, opened with
    /// the device key, addressed to the primary element), by access opcode, over every provisioning.
    /// A retried request counts again: the test compares this with what the node ends up holding.
    /// </summary>
    public int AcceptedRequests(int opcode) => _accepted.TryGetValue(opcode, out int n) ? n : 0;

    private void JoinNetwork(DeviceSession session, IProvisioningBearer link)
    {
        ProvisioningData data = session.Data;
        int elements = _options.Capabilities.NumberOfElements;
        AddressHistory.Add(data.UnicastAddress);
        bool gatt = _options.Bearer == ProvisioningBearerType.PbGatt;
        Composition = _options.Composition ?? MeshNodeOptions.DefaultComposition(elements, gatt);
        var crypto = new MeshCrypto(Aes);
        _keys = new MeshKeyStore();
        _keys.AddNetworkKey(new NetworkKeyMaterial(crypto, Aes, data.KeyIndex, data.NetKey));
        _keys.AddDeviceKey(new DeviceKeyMaterial(Aes, data.UnicastAddress, session.DeviceKey), elements);
        Storage = new MemoryStorage();
        var options = new MeshNetworkOptions { PrimaryNetKeyIndex = data.KeyIndex };
        Network = new MeshNetwork(_scheduler, _random, Aes, Storage, NullLog.Instance, _keys, data.UnicastAddress, elements, options);
        Network.Start(data.IvIndex);
        ConfigServer = new ConfigServer(Network, _keys, crypto, Aes, Composition);
        ConfigServer.NodeResetRequested += OnNodeResetRequested;
        Network.AccessMessageReceived += CountRequest;
        if (!gatt)
        {
            AdvertisingBearer = new AdvertisingNetworkBearer(Station.Radio, 3, 20);
            Network.AddBearer(AdvertisingBearer);
            return;
        }

        // The PB-GATT link still holds the peripheral until the provisioner disconnects.
        MeshNetwork network = Network;
        WhenLinkClosed(link, network, () => StartProxy(network, data));
    }

    private void WhenLinkClosed(IProvisioningBearer link, MeshNetwork network, System.Action then)
    {
        _proxyTimer = 0;
        if (!ReferenceEquals(network, Network))
        {
            return;
        }

        if (link.State == ProvisioningLinkState.Closed || link.State == ProvisioningLinkState.Idle)
        {
            then();
            return;
        }

        _proxyTimer = _scheduler.Schedule(100, () => WhenLinkClosed(link, network, then));
    }

    private void StartProxy(MeshNetwork network, ProvisioningData data)
    {
        // Node Identity: fast for at most 60 s (MshPRT §4.2.12; Zephyr CONFIG_BT_MESH_NODE_ID_TIMEOUT),
        // then at the slow interval Zephyr's Network ID advertising uses (MeshNodeOptions.FastAdvertisingMs).
        Station.Peripheral.AdvertisingIntervalMs = _options.ConnectableAdvertisingIntervalMs;
        if (_options.FastAdvertisingMs > 0)
        {
            VirtualGattPeripheral peripheral = Station.Peripheral;
            _scheduler.Schedule(_options.FastAdvertisingMs, () => peripheral.AdvertisingIntervalMs = _options.SlowConnectableAdvertisingIntervalMs);
        }

        Proxy = new ProxyServerBearer(Station.Peripheral, network) { Keys = _keys, IvIndex = data.IvIndex };
        network.AddBearer(Proxy);

        // Flags, Complete List of 16-bit Service UUIDs {0x1828}, Service Data Node Identity (MshPRT §7.2.2.2.3).
        byte[] advert = new byte[7 + 21];
        Hex.Decode("02010603032818").CopyTo(advert, 0);
        byte[] random = new byte[8];
        _random.NextBytes(random, 0, 8);
        new MeshProxyServiceData().WriteNodeIdentity(_keys.FindNetworkKey(data.KeyIndex), data.UnicastAddress, random, 0, advert, 7);
        Proxy.Start(advert);
    }

    private void CountRequest(ReceivedAccessMessage m)
    {
        if (m.IsDeviceKey && Network != null && m.Destination == Network.PrimaryAddress)
        {
            _accepted[m.Opcode] = AcceptedRequests(m.Opcode) + 1;
        }
    }

    private void OnNodeResetRequested()
    {
        MeshNetwork network = Network;
        _scheduler.Schedule(_options.ResetDelayMs, () =>
        {
            if (ReferenceEquals(network, Network))
            {
                ForgetNetwork();
            }
        });
    }

    /// <summary>MshPRT §4.4.1.2.16 (Config Node Reset): the node forgets every key and becomes an unprovisioned device.</summary>
    private void ForgetNetwork()
    {
        ResetCount++;
        Network.AccessMessageReceived -= CountRequest;
        Network.CancelTransmissions();
        if (AdvertisingBearer != null)
        {
            Network.RemoveBearer(AdvertisingBearer);
        }

        if (Proxy != null)
        {
            Network.RemoveBearer(Proxy);
            Station.Peripheral.StopService();
        }

        if (_proxyTimer != 0)
        {
            _scheduler.Cancel(_proxyTimer);
            _proxyTimer = 0;
        }

        Network = null;
        ConfigServer = null;
        AdvertisingBearer = null;
        Proxy = null;
        _keys = null;
        Storage = null;
        StartSession();
        if (_options.Bearer == ProvisioningBearerType.PbAdv)
        {
            SendBeacon();
        }
    }
}
