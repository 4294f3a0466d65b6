using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.Service;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Tests.ZeroConfig.Support;
using Gateway.Core.ZeroConfig;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// Zero-config over a real mosquitto (a child process per test class, tools/ci/install-deps.sh
    /// installs it): the gateway's CloudLink over MqttNetLink, the emulator in external-broker
    /// mode, simulated enrollees signing in as themselves. Real time; generous limits, no timing asserts.
    /// </summary>
    [Trait("Category", "Integration")]
    public class RegistrarMosquittoTests : IClassFixture<MosquittoBroker>
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
        private readonly MosquittoBroker _broker;
        private readonly ITestOutputHelper _output;

        public RegistrarMosquittoTests(MosquittoBroker broker, ITestOutputHelper output)
        {
            _broker = broker;
            _output = output;
        }

        [SkippableFact]
        public async Task ZeroConfigFlowOverMosquitto_ThreeEnrolleesAndNoPasswordInAnyPayload()
        {
            _broker.RequireInstalled();
            var emulator = new CloudEmulator(ZeroConfigRig.CreateRegistry(3));
            var uri = new Uri("mqtt://" + _broker.Host + ":" + _broker.Port);
            await using CloudEmulatorService service = await CloudEmulatorService.StartExternalAsync(emulator, uri);
            Assert.False(service.IsEmbedded);
            using IMqttClient sniffer = await Sniff(uri);
            using var home = new RealTimeHome(_broker.Host, _broker.Port, 3);
            home.Start();

            bool done = home.WaitAllOnline(Patience);
            Assert.True(done, home.Describe() + "\nmosquitto log:\n" + _broker.ReadLog());
            Assert.All(home.Enrollees, e => Assert.Equal(1, e.Joins));
            Assert.All(emulator.Enrollees, e => Assert.Equal(EnrolleeState.Matched, e.State));
            Assert.Null(home.Loop.Failure);

            // Every payload mosquitto carried (a wildcard subscriber saw them all) is free of the password.
            Assert.True(Payloads.Count > 10, "the sniffer saw the flow");
            Assert.Contains(Payloads, p => p.Contains("thing.cipher.get"));
            byte[] password = Encoding.UTF8.GetBytes(ZeroConfigRig.HomePassword);
            var scan = new SecretScan();
            foreach (string payload in Payloads)
            {
                scan.AddText("mosquitto", payload);
            }

            scan.AddText("log", home.Log.AllText());
            Assert.Empty(scan.Find(password));
        }

        [SkippableFact]
        public async Task MosquittoKilledMidFlow_EveryEnrolleeIsProvisionedExactlyOnce()
        {
            _broker.RequireInstalled();
            var emulator = new CloudEmulator(ZeroConfigRig.CreateRegistry(4));
            var uri = new Uri("mqtt://" + _broker.Host + ":" + _broker.Port);
            CloudEmulatorService service = await CloudEmulatorService.StartExternalAsync(emulator, uri);
            try
            {
                using var home = new RealTimeHome(_broker.Host, _broker.Port, 4);
                home.Start();
                Assert.True(home.Loop.WaitFor(() => home.Events.Any(e => e.Kind == RegistrarEventKind.CheckedIn), Patience), home.Describe());

                // Kill the broker (by its PID) in the middle of the flow, bring it back on the same port.
                int pid = _broker.ProcessId;
                _broker.Kill();
                await Task.Delay(1_500);
                _broker.Start();
                Assert.NotEqual(pid, _broker.ProcessId);
                await service.DisposeAsync();
                service = await CloudEmulatorService.StartExternalAsync(emulator, uri); // the cloud reconnects too

                bool done = home.WaitAllOnline(Patience);
                Assert.True(done, home.Describe() + "\nmosquitto log:\n" + _broker.ReadLog());
                _output.WriteLine("gateway connect attempts: " + home.Read(() => home.Cloud.ConnectAttempts));
                Assert.True(home.Read(() => home.Cloud.ConnectAttempts) >= 2, "the gateway reconnected");
                Assert.All(home.Enrollees, e => Assert.Equal(1, e.Joins));
                Assert.All(home.Enrollees, e => Assert.Equal(1, home.AccessPoint.Joined.Count(n => n == e.Id)));
                Assert.All(emulator.Enrollees, e => Assert.Equal(EnrolleeState.Matched, e.State));
                Assert.Equal(0, home.Read(() => home.Cloud.PendingCount));
                Assert.Null(home.Loop.Failure);
            }
            finally
            {
                await service.DisposeAsync();
            }
        }

        private ConcurrentQueue<string> Payloads { get; } = new ConcurrentQueue<string>();

        private async Task<IMqttClient> Sniff(Uri uri)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                Payloads.Enqueue(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(uri.Host, uri.Port).WithProtocolVersion(MqttProtocolVersion.V311).WithClientId("test-sniffer").Build());
            await client.SubscribeAsync("#", MqttQualityOfServiceLevel.AtMostOnce);
            return client;
        }
    }

    /// <summary>The same flow over the emulator's embedded MQTTnet broker, where the Link Kit sign-in of every device is verified.</summary>
    [Trait("Category", "Integration")]
    public class RegistrarEmbeddedBrokerTests
    {
        [Fact]
        public async Task ZeroConfigFlowOverTheEmbeddedBroker_EveryDeviceSignsInAsItself()
        {
            var emulator = new CloudEmulator(ZeroConfigRig.CreateRegistry(3));
            await using CloudEmulatorService service = await CloudEmulatorService.StartEmbeddedAsync(emulator);
            Assert.True(service.IsEmbedded);
            using var home = new RealTimeHome(service.Host, service.Port, 3);
            home.Start();

            bool done = home.WaitAllOnline(TimeSpan.FromSeconds(90));
            Assert.True(done, home.Describe());
            Assert.All(home.Enrollees, e => Assert.Equal(1, e.Joins));
            Assert.All(emulator.Enrollees, e => Assert.Equal(EnrolleeState.Matched, e.State));
            Assert.Equal(4, emulator.Events.Where(e => e.Kind == CloudEventKind.SignInAccepted).Select(e => e.Subject).Distinct().Count());
            Assert.DoesNotContain(emulator.Events, e => e.Kind == CloudEventKind.SignInRefused || e.Kind == CloudEventKind.PublishRefused);
            Assert.Null(home.Loop.Failure);
        }
    }
}
