using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Core.Runtime;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Gateway.Host.Cloud
{
    /// <summary>
    /// Host <see cref="IMqttLink"/> over an MQTTnet 5 client (MQTT 3.1.1). MQTTnet works on the
    /// thread pool; every callback and event is posted to the core's scheduler, in the order
    /// MQTTnet produced them. It never reconnects by itself: CloudLink does.
    /// </summary>
    public sealed class MqttNetLink : IMqttLink, IDisposable
    {
        private readonly IScheduler _scheduler;
        private readonly MqttNetLinkOptions _endpoint;
        private readonly IMqttClient _client;
        private readonly object _gate = new object();
        private int _connection; // increments per Connect; an explicit Disconnect marks it closed
        private bool _closedByUs;
        private volatile bool _connected;

        public MqttNetLink(IScheduler scheduler, MqttNetLinkOptions endpoint)
        {
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            _client.DisconnectedAsync += OnDisconnectedAsync;
        }

        public event MqttLinkEventHandler Connected;

        public event MqttLinkEventHandler ConnectionLost;

        public event MqttMessageHandler MessageReceived;

        public bool IsConnected => _connected;

        public void Connect(MqttConnectOptions options, MqttConnectCallback callback)
        {
            if (options == null || callback == null)
            {
                throw new ArgumentNullException(options == null ? nameof(options) : nameof(callback));
            }

            lock (_gate)
            {
                _connection++;
                _closedByUs = false;
            }

            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_endpoint.Host, _endpoint.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(options.ClientId)
                .WithCredentials(options.UserName, options.Password)
                .WithCleanSession(options.CleanSession)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
                .WithTimeout(_endpoint.ConnectTimeout);
            if (_endpoint.UseTls)
            {
                builder = builder.WithTlsOptions(tls => tls
                    .UseTls(true)
                    .WithTargetHost(_endpoint.Host)
                    .WithAllowUntrustedCertificates(_endpoint.AllowUntrustedCertificates)
                    .WithIgnoreCertificateChainErrors(_endpoint.AllowUntrustedCertificates));
            }

            MqttClientOptions clientOptions = builder.Build();
            _ = Task.Run(async () =>
            {
                MqttConnectStatus status;
                try
                {
                    using var timeout = new CancellationTokenSource(_endpoint.ConnectTimeout);
                    MqttClientConnectResult result = await _client.ConnectAsync(clientOptions, timeout.Token).ConfigureAwait(false);
                    status = Map(result.ResultCode);
                }
                catch (OperationCanceledException)
                {
                    status = MqttConnectStatus.Timeout;
                }
                catch (Exception)
                {
                    status = MqttConnectStatus.TransportFailed;
                }

                if (status == MqttConnectStatus.Accepted)
                {
                    _connected = true;
                }

                _scheduler.Post(() =>
                {
                    callback(status);
                    if (status == MqttConnectStatus.Accepted)
                    {
                        Connected?.Invoke();
                    }
                });
            });
        }

        public void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback)
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload((byte[])payload.Clone())
                .WithQualityOfServiceLevel(qos == MqttQos.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
                .Build();
            _ = Task.Run(async () =>
            {
                bool delivered;
                try
                {
                    MqttClientPublishResult result = await _client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
                    delivered = result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;
                }
                catch (Exception)
                {
                    delivered = false;
                }

                if (callback != null)
                {
                    _scheduler.Post(() => callback(delivered));
                }
            });
        }

        public void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback)
        {
            MqttClientSubscribeOptionsBuilder builder = new MqttClientSubscribeOptionsBuilder();
            MqttQualityOfServiceLevel level = qos == MqttQos.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
            foreach (string filter in topicFilters)
            {
                builder = builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(level));
            }

            MqttClientSubscribeOptions options = builder.Build();
            _ = Task.Run(async () =>
            {
                bool granted;
                try
                {
                    MqttClientSubscribeResult result = await _client.SubscribeAsync(options, CancellationToken.None).ConfigureAwait(false);
                    granted = true;
                    foreach (MqttClientSubscribeResultItem item in result.Items)
                    {
                        if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
                        {
                            granted = false;
                        }
                    }
                }
                catch (Exception)
                {
                    granted = false;
                }

                if (callback != null)
                {
                    _scheduler.Post(() => callback(granted));
                }
            });
        }

        public void Disconnect()
        {
            lock (_gate)
            {
                _closedByUs = true;
            }

            _connected = false;
            _ = Task.Run(async () =>
            {
                try
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Already gone: nothing to close.
                }
            });
        }

        public void Dispose()
        {
            Disconnect();
            _client.Dispose();
        }

        private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            string topic = e.ApplicationMessage.Topic;
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            _scheduler.Post(() => MessageReceived?.Invoke(topic, payload));
            return Task.CompletedTask;
        }

        private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
        {
            bool report;
            lock (_gate)
            {
                report = e.ClientWasConnected && !_closedByUs;
            }

            _connected = false;
            if (report)
            {
                _scheduler.Post(() => ConnectionLost?.Invoke());
            }

            return Task.CompletedTask;
        }

        private static MqttConnectStatus Map(MqttClientConnectResultCode code)
        {
            switch (code)
            {
                case MqttClientConnectResultCode.Success: return MqttConnectStatus.Accepted;
                case MqttClientConnectResultCode.UnsupportedProtocolVersion: return MqttConnectStatus.UnacceptableProtocolVersion;
                case MqttClientConnectResultCode.ClientIdentifierNotValid: return MqttConnectStatus.IdentifierRejected;
                case MqttClientConnectResultCode.ServerUnavailable: return MqttConnectStatus.ServerUnavailable;
                case MqttClientConnectResultCode.BadUserNameOrPassword: return MqttConnectStatus.BadUserNameOrPassword;
                case MqttClientConnectResultCode.NotAuthorized: return MqttConnectStatus.NotAuthorized;
                default: return MqttConnectStatus.Refused;
            }
        }
    }
}
