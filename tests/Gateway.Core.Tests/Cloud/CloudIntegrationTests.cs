using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.Registry;
using Gateway.Cloud.Service;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Xunit;
using static Gateway.Core.Tests.Cloud.Support.EmulatorRig;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>
    /// The gateway's CloudLink over MqttNetLink (real TCP) against the emulator's embedded MQTTnet
    /// broker on 127.0.0.1. Generous timeouts; no timing asserts.
    /// </summary>
    [Trait("Category", "Integration")]
    public class CloudIntegrationTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        private static CloudRegistry Registry()
        {
            CloudRegistry registry = CloudRegistry.LoadFile(System.IO.Path.Combine(AppContext.BaseDirectory, "registry.example.json"));
            return registry;
        }

        private static CloudLink StartableGateway(LoopScheduler loop, CloudEmulatorService service, string secret, TestLog log, out MqttNetLink link)
        {
            link = new MqttNetLink(loop, new MqttNetLinkOptions(service.Host, service.Port, useTls: false));
            var settings = new CloudLinkSettings { SecureMode = LinkKitSecureMode.TcpDirect, RequestTimeoutMilliseconds = 5_000 };
            return new CloudLink(link, loop, new SeededRandom(1), new TestStorage(), new JsonDom(), log, new LinkKitSignIn(new DeviceCredentials(GatewayPk, GatewayDn, secret), new DotNetHmacSha256()), settings);
        }

        [Fact]
        public async Task ZeroConfigFlowOverTheEmbeddedBroker()
        {
            var emulator = new CloudEmulator(Registry());
            await using CloudEmulatorService service = await CloudEmulatorService.StartEmbeddedAsync(emulator);
            Assert.Equal("127.0.0.1", service.Host);
            Assert.True(service.Port > 0);
            using var loop = new LoopScheduler();
            var log = new TestLog();
            CloudLink gateway = StartableGateway(loop, service, GatewaySecret, log, out MqttNetLink link);
            using (link)
            {
                var checkins = new List<AlinkRequest>();
                loop.Invoke(() =>
                {
                    gateway.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r =>
                    {
                        checkins.Add(r);
                        gateway.Reply(r, AlinkCodes.Success, null);
                    });
                    gateway.Start();
                    return 0;
                });
                Assert.True(loop.WaitFor(() => gateway.State == CloudLinkState.Connected, Patience), "gateway connects");

                byte[] random = Random(0x42);
                CloudRequestResult found = null;
                loop.Invoke(() => gateway.Request(AlinkMethods.EnrolleeFound, FoundParams(LampRecord(random)), r => found = r));
                Assert.True(loop.WaitFor(() => found != null && checkins.Count == 1, Patience), "found replied and checkin received");
                Assert.Single((ArrayList)found.Reply.Data);

                CloudRequestResult cipher = null;
                loop.Invoke(() => gateway.Request(AlinkMethods.CipherGet, CipherParams(random), r => cipher = r));
                Assert.True(loop.WaitFor(() => cipher != null, Patience), "cipher replied");
                byte[] expected = SHA256.HashData(Encoding.ASCII.GetBytes(LampProductSecret + ",").Concat(random).ToArray()).Take(16).ToArray();
                Assert.Equal(expected, Hex.Decode((string)cipher.Reply.DataObject["secret"]));

                Assert.True(loop.WaitFor(() => emulator.FindEnrollee("a1LampPk001.lamp-01")?.State == global::Gateway.Cloud.ZeroConfig.EnrolleeState.KeyIssued, Patience));
                Assert.Null(loop.Failure);
                log.AssertNeverContains(GatewaySecret);
                loop.Invoke(() =>
                {
                    gateway.Stop();
                    return 0;
                });
            }
        }

        [Fact]
        public async Task WrongSecretIsRefusedByTheBrokersValidator()
        {
            var emulator = new CloudEmulator(Registry());
            await using CloudEmulatorService service = await CloudEmulatorService.StartEmbeddedAsync(emulator);
            using var loop = new LoopScheduler();
            CloudLink gateway = StartableGateway(loop, service, "WrongSecret0123456789abcdefXYZ12", new TestLog(), out MqttNetLink link);
            using (link)
            {
                loop.Invoke(() =>
                {
                    gateway.Start();
                    return 0;
                });
                Assert.True(loop.WaitFor(() => gateway.ConnectAttempts >= 1 && gateway.State == CloudLinkState.WaitingToReconnect, Patience));
                Assert.Equal(MqttConnectStatus.BadUserNameOrPassword, loop.Invoke(() => gateway.LastConnectStatus));
                Assert.Contains(emulator.Events, e => e.Kind == CloudEventKind.SignInRefused);
                loop.Invoke(() =>
                {
                    gateway.Stop();
                    return 0;
                });
            }
        }

        [Fact]
        public async Task ReconnectsAndResendsAfterTheBrokerDropsEveryone()
        {
            var emulator = new CloudEmulator(Registry(), new CloudEmulatorOptions { Policy = ApprovalPolicy.Manual });
            await using CloudEmulatorService service = await CloudEmulatorService.StartEmbeddedAsync(emulator);
            using var loop = new LoopScheduler();
            CloudLink gateway = StartableGateway(loop, service, GatewaySecret, new TestLog(), out MqttNetLink link);
            using (link)
            {
                var checkins = new List<AlinkRequest>();
                loop.Invoke(() =>
                {
                    gateway.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, r =>
                    {
                        checkins.Add(r);
                        gateway.Reply(r, AlinkCodes.Success, null);
                    });
                    gateway.Start();
                    return 0;
                });
                Assert.True(loop.WaitFor(() => gateway.State == CloudLinkState.Connected, Patience));
                int attemptsBefore = loop.Invoke(() => gateway.ConnectAttempts);

                await service.DisconnectAllClientsAsync();
                Assert.True(loop.WaitFor(() => gateway.ConnectAttempts > attemptsBefore && gateway.State == CloudLinkState.Connected, Patience), "reconnected");

                CloudRequestResult found = null;
                loop.Invoke(() => gateway.Request(AlinkMethods.EnrolleeFound, FoundParams(LampRecord(Random(0x51))), r => found = r));
                Assert.True(loop.WaitFor(() => found != null, Patience));
                Assert.Single(emulator.Pending);
                Assert.True(emulator.Approve("a1LampPk001.lamp-01"));
                Assert.True(loop.WaitFor(() => checkins.Count == 1, Patience), "checkin after re-subscription");
                loop.Invoke(() =>
                {
                    gateway.Stop();
                    return 0;
                });
            }
        }
    }
}
