using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Gateway.Cloud.Service
{
    /// <summary>
    /// The emulator as a service. Embedded mode: an MQTTnet broker on 127.0.0.1 (a free port by
    /// default) whose connection validator is the Link Kit sign-in check and whose publish and
    /// subscription interceptors apply the topic rule and feed the emulator. External mode: the
    /// emulator is an ordinary MQTT client of another broker (mosquitto, EMQX), subscribed to
    /// <c>/sys/+/+/thing/#</c>; that broker authenticates the devices, so sign-in and topic rules
    /// are the broker's business there and the sender is taken from the topic.
    /// </summary>
    public sealed class CloudEmulatorService : IAsyncDisposable
    {
        /// <summary>Sender id of the emulator's own messages inside the embedded broker.</summary>
        public const string EmulatorClientId = "gateway-cloud-emulator";

        private readonly CloudEmulator _emulator;
        private MqttServer _server;
        private IMqttClient _client;

        private CloudEmulatorService(CloudEmulator emulator)
        {
            _emulator = emulator;
        }

        public string Host { get; private set; }

        public int Port { get; private set; }

        /// <summary>True for the embedded broker (sign-in and topic rule enforced here).</summary>
        public bool IsEmbedded => _server != null;

        /// <summary>Starts an embedded broker on <paramref name="address"/> (127.0.0.1 by default) and <paramref name="port"/> (0: a free one).</summary>
        public static async Task<CloudEmulatorService> StartEmbeddedAsync(CloudEmulator emulator, IPAddress address = null, int port = 0)
        {
            address ??= IPAddress.Loopback;
            if (port == 0)
            {
                port = FreePort(address);
            }

            var service = new CloudEmulatorService(emulator) { Host = address.ToString(), Port = port };
            MqttServerOptions options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(address)
                .WithDefaultEndpointPort(port)
                .Build();
            MqttServer server = new MqttServerFactory().CreateMqttServer(options);
            server.ValidatingConnectionAsync += service.OnValidatingAsync;
            server.InterceptingPublishAsync += service.OnPublishAsync;
            server.InterceptingSubscriptionAsync += service.OnSubscribeAsync;
            server.ClientDisconnectedAsync += e =>
            {
                emulator.OnClientDisconnected(e.ClientId);
                return Task.CompletedTask;
            };
            service._server = server;
            emulator.Attach(new ServerTransport(server));
            await server.StartAsync().ConfigureAwait(false);
            return service;
        }

        /// <summary>Connects to an external broker (mqtt://host:port) as an MQTT client and serves the platform topics there.</summary>
        public static async Task<CloudEmulatorService> StartExternalAsync(CloudEmulator emulator, Uri broker, string userName = null, string password = null, CancellationToken cancellation = default)
        {
            var endpoint = Gateway.Host.Cloud.MqttNetLinkOptions.FromUri(broker);
            var service = new CloudEmulatorService(emulator) { Host = endpoint.Host, Port = endpoint.Port };
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                emulator.OnPublish(null, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(endpoint.Host, endpoint.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(EmulatorClientId)
                .WithCleanSession(true);
            if (userName != null)
            {
                builder = builder.WithCredentials(userName, password);
            }

            if (endpoint.UseTls)
            {
                builder = builder.WithTlsOptions(t => t.UseTls(true).WithTargetHost(endpoint.Host));
            }

            MqttClientConnectResult result = await client.ConnectAsync(builder.Build(), cancellation).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                throw new InvalidOperationException("the external broker refused the emulator: " + result.ResultCode);
            }

            await client.SubscribeAsync("/sys/+/+/thing/#", MqttQualityOfServiceLevel.AtLeastOnce, cancellation).ConfigureAwait(false);
            service._client = client;
            emulator.Attach(new ClientTransport(client));
            return service;
        }

        public async ValueTask DisposeAsync()
        {
            if (_server != null)
            {
                await _server.StopAsync(new MqttServerStopOptionsBuilder().Build()).ConfigureAwait(false);
                _server.Dispose();
                _server = null;
            }

            if (_client != null)
            {
                try
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The broker may already be gone.
                }

                _client.Dispose();
                _client = null;
            }
        }

        /// <summary>Drops every client connection (a broker restart as devices see it); the broker keeps listening.</summary>
        public async Task DisconnectAllClientsAsync()
        {
            if (_server == null)
            {
                return;
            }

            foreach (MqttClientStatus status in await _server.GetClientsAsync().ConfigureAwait(false))
            {
                await status.DisconnectAsync(new MqttServerClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
            }
        }

        private Task OnValidatingAsync(ValidatingConnectionEventArgs e)
        {
            SignInResult result = _emulator.VerifySignIn(e.ClientId, e.UserName, e.Password);
            e.ReasonCode = result.Status switch
            {
                Core.Runtime.MqttConnectStatus.Accepted => MqttConnectReasonCode.Success,
                Core.Runtime.MqttConnectStatus.IdentifierRejected => MqttConnectReasonCode.ClientIdentifierNotValid,
                Core.Runtime.MqttConnectStatus.NotAuthorized => MqttConnectReasonCode.NotAuthorized,
                _ => MqttConnectReasonCode.BadUserNameOrPassword,
            };
            return Task.CompletedTask;
        }

        private Task OnPublishAsync(InterceptingPublishEventArgs e)
        {
            if (e.ClientId == EmulatorClientId)
            {
                return Task.CompletedTask; // our own down messages
            }

            string topic = e.ApplicationMessage.Topic;
            if (!_emulator.AuthorizePublish(e.ClientId, topic))
            {
                e.ProcessPublish = false;
                return Task.CompletedTask;
            }

            _emulator.OnPublish(e.ClientId, topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        }

        private Task OnSubscribeAsync(InterceptingSubscriptionEventArgs e)
        {
            if (!_emulator.AuthorizeSubscribe(e.ClientId, e.TopicFilter.Topic))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }

            return Task.CompletedTask;
        }

        private static int FreePort(IPAddress address)
        {
            var listener = new TcpListener(address, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private sealed class ServerTransport : ICloudTransport
        {
            private readonly MqttServer _server;

            public ServerTransport(MqttServer server)
            {
                _server = server;
            }

            public void Publish(string topic, byte[] payload)
            {
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                _ = _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = EmulatorClientId }, CancellationToken.None);
            }
        }

        private sealed class ClientTransport : ICloudTransport
        {
            private readonly IMqttClient _client;

            public ClientTransport(IMqttClient client)
            {
                _client = client;
            }

            public void Publish(string topic, byte[] payload)
            {
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                _ = _client.PublishAsync(message, CancellationToken.None);
            }
        }
    }
}
