using System;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Orchestration;
using Gateway.Core.Runtime;
using Gateway.Simulation.Process;

namespace Gateway.Simulation.Mesh;

/// <summary>
/// The mesh gateway as the firmware composes it, built from what its storage holds (so a reboot
/// is: kill the process, build again from the same storage): the mesh database (a new network on
/// the first boot), the network stack at the gateway's own address with its SEQ and replay list
/// on the same storage, the advertising bearer on the gateway radio (fed by the fan-out) and the
/// GATT Proxy client on its central, the Configuration client, <see cref="MeshNodeConfigurator"/>
/// and <see cref="MeshDatabaseRegistry"/>, and with a cloud the CloudLink (outbox on the same
/// storage) and <see cref="MeshProvisioningWorkflow"/>, resumed at once. The central's three
/// connections are shared: PB-GATT provisioning gets all but one, the proxy connector that one.
/// </summary>
public sealed partial class SimulatedMeshGateway
{
    private static readonly DateTime Epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public IStorage Storage { get; private set; }

    public MeshDatabaseStore DatabaseStore { get; private set; }

    public MeshKeyStore Keys { get; private set; }

    public MeshNetwork Network { get; private set; }

    public AdvertisingNetworkBearer NetworkBearer { get; private set; }

    public GattProxyClient ProxyClient { get; private set; }

    public GattProxyConnector ProxyConnector { get; private set; }

    public ConfigClient ConfigClient { get; private set; }

    public MeshNodeConfigurator Configurator { get; private set; }

    public MeshDatabaseRegistry Registry { get; private set; }

    public CloudLink Cloud { get; private set; }

    public MeshProvisioningWorkflow Workflow { get; private set; }

    /// <summary>The gateway's unicast address (from its node in the database).</summary>
    public int Address => Network?.PrimaryAddress ?? 0;

    /// <summary>Power cut: the software dies at once, the radio goes quiet and its GATT links drop.</summary>
    public void PowerFail()
    {
        Process.Kill();
        Station?.PowerOff();
    }

    /// <summary>The provisioner UUID the gateway uses: the configured one, else one derived from the seed.</summary>
    public static byte[] ProvisionerUuidOf(MeshGatewayOptions options, long seed)
    {
        if (options.ProvisionerUuid != null)
        {
            return options.ProvisionerUuid;
        }

        var uuid = new byte[16];
        new SeededRandom(seed ^ 0x50524F56).NextBytes(uuid, 0, 16);
        return uuid;
    }

    private void BuildMeshStack(IStorage storage, MeshGatewayCloud cloud, SeededRandom random, long seed)
    {
        IAes128 aes = new ManagedAes128();
        Storage = storage;
        DatabaseStore = new MeshDatabaseStore(storage, Options.MaxDatabaseBytes);
        if (!DatabaseStore.Open())
        {
            DatabaseStore.Create(MeshDatabaseRegistry.CreateNetwork(random, Options.MeshName, ProvisionerUuidOf(Options, seed), "Gateway"), Timestamp());
        }

        MeshDatabase db = DatabaseStore.Current;
        Keys = new MeshKeyStore();
        var networkOptions = new MeshNetworkOptions { PrimaryNetKeyIndex = ((MeshNetKey)db.NetKeys[0]).Index, ReplayListCapacity = Options.ReplayListCapacity };
        Network = new MeshNetwork(_scheduler, random, aes, storage, Log, Keys, db.GatewayAddress, db.GatewayNode.ElementCount, networkOptions);
        Network.Start(Options.InitialIvIndex);
        Registry = new MeshDatabaseRegistry(DatabaseStore, Keys, Network, aes, Log) { Clock = Timestamp };
        if (Options.AdvertisingBearer)
        {
            NetworkBearer = Advertiser == null
                ? new AdvertisingNetworkBearer(Radio, Options.NetworkTransmitCount, Options.NetworkTransmitIntervalMs)
                : new AdvertisingNetworkBearer(Advertiser.GetLane(NetworkLane), Advertiser.GetLane(BeaconLane), Options.NetworkTransmitCount, Options.NetworkTransmitIntervalMs);
            Network.AddBearer(NetworkBearer);
        }

        if (Central != null)
        {
            ProxyClient = new GattProxyClient(Central, _scheduler, Network, Log);
            ProxyClient.SetFilterAddresses(new[] { Network.PrimaryAddress });
            Network.AddBearer(ProxyClient);
            ProxyConnector = new GattProxyConnector(ProxyClient, Keys, _scheduler, Log) { ConnectTimeoutMilliseconds = Options.ProxyConnectTimeoutMs };

            // One central connection stays free for the proxy; PB-GATT provisioning gets the others.
            Provisioner.MaxPbGattSessions = Math.Max(1, Options.MaxGattConnections - 1);
        }
        ConfigClient = new ConfigClient(Network, _scheduler, Options.ConfigClient);
        Configurator = new MeshNodeConfigurator(ConfigClient, DatabaseStore, ProxyConnector, Options.AdvertisingBearer, _scheduler, Log);
        if (cloud == null)
        {
            return;
        }

        AutoAuthorize = false;
        var settings = cloud.Settings ?? new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect };
        Cloud = new CloudLink(new ProcessMqttLink(cloud.CreateLink(), Process), _scheduler, random, storage, new JsonDom(), Log, new LinkKitSignIn(cloud.Credentials, cloud.Hmac), settings);
        Workflow = new MeshProvisioningWorkflow(Cloud, Discovery, Provisioner, Registry, Configurator,
            new SecretEnvelope(aes, random, cloud.Credentials.DeviceSecret), _scheduler, Log);
        Cloud.Start();
        Workflow.Resume();
    }

    private string Timestamp()
    {
        return Epoch.AddMilliseconds(_scheduler.NowMilliseconds).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
    }
}
