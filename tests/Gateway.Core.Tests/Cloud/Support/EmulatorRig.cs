using System.Collections;
using System.Collections.Generic;
using Gateway.Cloud;
using Gateway.Cloud.InMemory;
using Gateway.Cloud.Registry;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>Emulator + in-memory broker + gateway CloudLink(s) on one virtual-time scheduler.</summary>
    public sealed class EmulatorRig
    {
        public const string GatewayPk = "a1GwPk00001";
        public const string GatewayDn = "gateway-01";
        public const string GatewaySecret = "GwDeviceSecret0123456789abcdefXY";
        public const string OtherGatewayDn = "gateway-02";
        public const string OtherGatewaySecret = "GwDeviceSecret0123456789abcde002";
        public const string LampPk = "a1LampPk001";
        public const string LampProductSecret = "LampProdSecret16";
        public const string LampDn = "lamp-01";
        public const string LampSecret = "LampDeviceSecret0123456789abcdef";

        public EmulatorRig(ApprovalPolicy policy = ApprovalPolicy.Auto)
        {
            Registry = new CloudRegistry();
            Registry.AddProduct(GatewayPk, "GwProductSecret1");
            Registry.AddProduct(LampPk, LampProductSecret);
            Registry.AddProduct("a1OtherPk01", "OtherProdSecret1");
            Registry.AddDevice(GatewayPk, GatewayDn, GatewaySecret);
            Registry.AddDevice(GatewayPk, OtherGatewayDn, OtherGatewaySecret);
            Registry.AddDevice(LampPk, LampDn, LampSecret);
            Registry.AddDevice(LampPk, "lamp-02", "LampDeviceSecret0123456789abcd02");
            Emulator = new CloudEmulator(Registry, new CloudEmulatorOptions { Policy = policy }, () => Scheduler.NowMilliseconds);
            Broker = new InMemoryMqttBroker(Scheduler);
            Emulator.AttachTo(Broker);
        }

        public VirtualTimeScheduler Scheduler { get; } = new VirtualTimeScheduler();

        public CloudRegistry Registry { get; }

        public CloudEmulator Emulator { get; }

        public InMemoryMqttBroker Broker { get; }

        public TestLog Log { get; } = new TestLog();

        public IJsonDom Json { get; } = new JsonDom();

        public CloudLink CreateLink(string pk, string dn, string secret, long seed = 1)
        {
            var settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect };
            return new CloudLink(Broker.CreateLink(), Scheduler, new SeededRandom(seed), new TestStorage(), Json, Log, new LinkKitSignIn(new DeviceCredentials(pk, dn, secret), new DotNetHmacSha256()), settings);
        }

        /// <summary>A gateway that acknowledges every checkin and records it.</summary>
        public CloudLink StartGateway(List<AlinkRequest> checkins, string dn = GatewayDn, string secret = GatewaySecret)
        {
            CloudLink gateway = CreateLink(GatewayPk, dn, secret);
            gateway.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r =>
            {
                checkins.Add(r);
                gateway.Reply(r, AlinkCodes.Success, null);
            });
            gateway.Start();
            Scheduler.RunPending();
            return gateway;
        }

        public static byte[] Random(byte seed)
        {
            var random = new byte[16];
            for (int i = 0; i < random.Length; i++)
            {
                random[i] = (byte)(seed + (i * 17));
            }

            return random;
        }

        public static Hashtable FoundParams(params byte[][] records)
        {
            var payload = new ArrayList();
            foreach (byte[] record in records)
            {
                payload.Add(System.Convert.ToHexString(record));
            }

            return new Hashtable
            {
                { "awssVer", new Hashtable { { "smartconfig", "2.0" }, { "zconfig", "2.0" }, { "router", "2.0" }, { "ap", "2.0" }, { "softap", "2.0" } } },
                { "type", 0L },
                { "ssid", "HomeNet" },
                { "bssid", "AA:BB:CC:DD:EE:FF" },
                { "rssi", -48L },
                { "payload", payload },
            };
        }

        public static byte[] LampRecord(byte[] random, string signingSecret = LampProductSecret, string pk = LampPk, string dn = LampDn)
        {
            return EnrolleeReport.Build(pk, dn, random, signingSecret);
        }

        public static Hashtable CipherParams(byte[] random, string pk = LampPk, string dn = LampDn, long cipherType = 3) => new Hashtable
        {
            { "awssVer", new Hashtable { { "zconfig", "2.0" } } },
            { "productKey", pk },
            { "deviceName", dn },
            { "cipherType", cipherType },
            { "random", System.Convert.ToHexString(random) },
        };

        /// <summary>Sends a request and runs the scheduler until it ends.</summary>
        public CloudRequestResult Call(CloudLink link, string method, Hashtable parameters)
        {
            CloudRequestResult result = null;
            link.Request(method, parameters, r => result = r);
            Scheduler.RunUntil(() => result != null, 60_000);
            return result;
        }
    }
}
