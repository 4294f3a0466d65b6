using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Runtime;
using Gateway.Firmware.Runtime;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Gateway.Firmware.Cloud
{
    /// <summary>
    /// The <see cref="IMqttLink"/> port over nanoFramework.M2Mqtt (nanoframework.md §3), MQTT 3.1.1
    /// over TLS 1.2 with the broker's CA, driven by the core's CloudLink (which owns reconnection:
    /// this adapter never reconnects by itself).
    /// <para>
    /// Threads: <c>MqttClient.Connect</c> is synchronous (socket, TLS handshake, CONNACK: up to
    /// 30 s) and runs on the adapter's worker thread; a fresh client is made for every connect so
    /// no state of a broken session leaks into the next. Publish and Subscribe only queue a packet
    /// and return its id, so they run on the caller's (the scheduler's) thread. M2Mqtt raises its
    /// events on its own threads: MqttMsgPublishReceived → <see cref="MessageReceived"/>,
    /// MqttMsgPublished (QoS 1 PUBACK, or IsPublished=false on failure) → the publish callback,
    /// MqttMsgSubscribed → the subscribe callback, ConnectionClosed → <see cref="ConnectionLost"/>;
    /// every one is posted to the scheduler. A QoS 0 publish is reported delivered once queued
    /// (M2Mqtt raises nothing for QoS 0).
    /// </para>
    /// Never logs the password or payloads.
    /// </summary>
    public sealed partial class M2MqttLink : IMqttLink
    {
        private const string Component = "mqtt";

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly X509Certificate _caCertificate;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly WorkQueueThread _worker;
        private readonly Hashtable _pendingPublishes = new Hashtable();   // message id → MqttPublishCallback
        private readonly Hashtable _pendingSubscribes = new Hashtable();  // message id → MqttSubscribeCallback
        private MqttClient _client;
        private bool _connected;
        private int _generation;

        /// <param name="caCertificate">The broker's CA (PEM); null uses the CA stored in the device (nanoff --networkdeployment).</param>
        public M2MqttLink(string host, int port, bool tls, X509Certificate caCertificate, IScheduler scheduler, ILog log)
        {
            if (host == null || scheduler == null || log == null)
            {
                throw new ArgumentNullException("host");
            }

            _host = host;
            _port = port;
            _tls = tls;
            _caCertificate = caCertificate;
            _scheduler = scheduler;
            _log = log;
            _worker = new WorkQueueThread(Component, log);
            _worker.Start();
        }

        public event MqttLinkEventHandler Connected;

        public event MqttLinkEventHandler ConnectionLost;

        public event MqttMessageHandler MessageReceived;

        public bool IsConnected
        {
            get { return _connected; }
        }

        public void Connect(MqttConnectOptions options, MqttConnectCallback callback)
        {
            if (options == null || callback == null)
            {
                throw new ArgumentNullException("options");
            }

            int generation = ++_generation;
            MqttClient previous = _client;
            _client = null;
            _connected = false;
            _worker.Enqueue(() => RunConnect(generation, previous, options, callback));
        }

        public void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback)
        {
            MqttClient client = _client;
            if (!_connected || client == null)
            {
                Report(callback, false);
                return;
            }

            try
            {
                lock (_pendingPublishes)
                {
                    // Under the lock: MqttMsgPublished for this id may fire before we record it.
                    ushort id = client.Publish(topic, payload, null, null, qos == MqttQos.AtLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, false);
                    if (qos == MqttQos.AtLeastOnce && callback != null)
                    {
                        _pendingPublishes[(int)id] = callback;
                        return;
                    }
                }

                Report(callback, true);
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, Component, "publish failed (" + ((object)e).GetType().Name + ")");
                Report(callback, false);
            }
        }

        public void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback)
        {
            MqttClient client = _client;
            if (!_connected || client == null || topicFilters == null || topicFilters.Length == 0)
            {
                ReportSubscribe(callback, false);
                return;
            }

            MqttQoSLevel[] levels = new MqttQoSLevel[topicFilters.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = qos == MqttQos.AtLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
            }

            try
            {
                lock (_pendingSubscribes)
                {
                    ushort id = client.Subscribe(topicFilters, levels);
                    if (callback != null)
                    {
                        _pendingSubscribes[(int)id] = callback;
                    }
                }
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, Component, "subscribe failed (" + ((object)e).GetType().Name + ")");
                ReportSubscribe(callback, false);
            }
        }

        public void Disconnect()
        {
            _generation++;
            MqttClient client = _client;
            _client = null;
            _connected = false;
            FailPending();
            if (client != null)
            {
                _worker.Enqueue(() => Close(client, true));
            }
        }

        private void RunConnect(int generation, MqttClient previous, MqttConnectOptions options, MqttConnectCallback callback)
        {
            if (previous != null)
            {
                Close(previous, false);
            }

            MqttClient client = null;
            MqttConnectStatus status;
            try
            {
                client = new MqttClient(_host, _port, _tls, _caCertificate, null, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.ConnectionClosed += OnConnectionClosed;
                MqttReasonCode code = client.Connect(options.ClientId, options.UserName, options.Password, options.CleanSession, (ushort)options.KeepAliveSeconds);
                status = MapReasonCode((int)code);
            }
            catch (MqttCommunicationException)
            {
                status = MqttConnectStatus.Timeout; // no CONNACK within the receive timeout
            }
            catch (MqttConnectionException)
            {
                status = MqttConnectStatus.TransportFailed; // socket or TLS failure
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, Component, "connect threw " + ((object)e).GetType().Name);
                status = MqttConnectStatus.TransportFailed;
            }

            _log.Write(LogLevel.Information, Component, "connect to " + _host + ":" + _port + " -> status " + (int)status);
            MqttClient connected = status == MqttConnectStatus.Accepted ? client : null;
            if (connected == null && client != null)
            {
                Close(client, false);
            }

            _scheduler.Post(() =>
            {
                if (generation != _generation)
                {
                    // Disconnect() or another Connect() came first: this session is not wanted.
                    if (connected != null)
                    {
                        _worker.Enqueue(() => Close(connected, true));
                    }

                    return;
                }

                _client = connected;
                _connected = connected != null;
                callback(status);
                if (_connected)
                {
                    MqttLinkEventHandler handler = Connected;
                    if (handler != null)
                    {
                        handler();
                    }
                }
            });
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            string topic = e.Topic;
            byte[] payload = e.Message;
            _scheduler.Post(() =>
            {
                if (sender != _client)
                {
                    return;
                }

                MqttMessageHandler handler = MessageReceived;
                if (handler != null)
                {
                    handler(topic, payload);
                }
            });
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            MqttPublishCallback callback;
            lock (_pendingPublishes)
            {
                callback = (MqttPublishCallback)_pendingPublishes[(int)e.MessageId];
                _pendingPublishes.Remove((int)e.MessageId);
            }

            Report(callback, e.IsPublished);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            MqttSubscribeCallback callback;
            lock (_pendingSubscribes)
            {
                callback = (MqttSubscribeCallback)_pendingSubscribes[(int)e.MessageId];
                _pendingSubscribes.Remove((int)e.MessageId);
            }

            bool granted = e.GrantedQoSLevels != null;
            if (granted)
            {
                for (int i = 0; i < e.GrantedQoSLevels.Length; i++)
                {
                    if (e.GrantedQoSLevels[i] == MqttQoSLevel.GrantedFailure)
                    {
                        granted = false;
                    }
                }
            }

            ReportSubscribe(callback, granted);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _scheduler.Post(() =>
            {
                if (sender != _client || !_connected)
                {
                    return; // an old client, or our own Disconnect()
                }

                _connected = false;
                _client = null;
                _log.Write(LogLevel.Warning, Component, "connection lost");
                FailPending();
                MqttLinkEventHandler handler = ConnectionLost;
                if (handler != null)
                {
                    handler();
                }
            });
        }

        private void FailPending()
        {
            object[] publishes;
            object[] subscribes;
            lock (_pendingPublishes)
            {
                publishes = Values(_pendingPublishes);
                _pendingPublishes.Clear();
            }

            lock (_pendingSubscribes)
            {
                subscribes = Values(_pendingSubscribes);
                _pendingSubscribes.Clear();
            }

            for (int i = 0; i < publishes.Length; i++)
            {
                Report((MqttPublishCallback)publishes[i], false);
            }

            for (int i = 0; i < subscribes.Length; i++)
            {
                ReportSubscribe((MqttSubscribeCallback)subscribes[i], false);
            }
        }

        private static object[] Values(Hashtable table)
        {
            object[] values = new object[table.Count];
            int i = 0;
            foreach (DictionaryEntry entry in table)
            {
                values[i++] = entry.Value;
            }

            return values;
        }

        private void Close(MqttClient client, bool sendDisconnect)
        {
            client.MqttMsgPublishReceived -= OnPublishReceived;
            client.MqttMsgPublished -= OnPublished;
            client.MqttMsgSubscribed -= OnSubscribed;
            client.ConnectionClosed -= OnConnectionClosed;
            try
            {
                if (sendDisconnect && client.IsConnected)
                {
                    client.Disconnect();
                }

                client.Close();
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Debug, Component, "close threw " + ((object)e).GetType().Name);
            }
        }

        private void Report(MqttPublishCallback callback, bool delivered)
        {
            if (callback != null)
            {
                _scheduler.Post(() => callback(delivered));
            }
        }

        private void ReportSubscribe(MqttSubscribeCallback callback, bool granted)
        {
            if (callback != null)
            {
                _scheduler.Post(() => callback(granted));
            }
        }
    }
}
