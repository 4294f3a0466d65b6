using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// The gateway's link to the IoT platform over the MQTT port: Link Kit sign-in, reconnect with
    /// jittered exponential backoff, the subscriptions made again on every connect, Alink
    /// request/reply correlation by id with a per-request timeout and retries, a persistent outbox
    /// (requests survive reboots and broker restarts), duplicate replies dropped, and cloud requests
    /// ("down" methods such as thing.awss.enrollee.checkin) handed to registered handlers.
    /// Runs on the scheduler's thread only; the MQTT adapter posts its events there.
    /// States: Stopped → Connecting → Connected → (lost) WaitingToReconnect → Connecting …
    /// </summary>
    public sealed partial class CloudLink
    {
        private const string Component = "cloud";

        private readonly IMqttLink _mqtt;
        private readonly IScheduler _scheduler;
        private readonly IJsonDom _json;
        private readonly ILog _log;
        private readonly LinkKitSignIn _signIn;
        private readonly CloudLinkSettings _settings;
        private readonly ReconnectBackoff _backoff;
        private readonly TopicBuilder _topics;
        private readonly ArrayList _subscriptions = new ArrayList();

        private CloudLinkState _state = CloudLinkState.Stopped;
        private int _generation;
        private int _connectTimer;
        private int _reconnectTimer;
        private long _connectedAt;

        public CloudLink(
            IMqttLink mqtt,
            IScheduler scheduler,
            IRandom random,
            IStorage storage,
            IJsonDom json,
            ILog log,
            LinkKitSignIn signIn,
            CloudLinkSettings settings)
        {
            if (mqtt == null || scheduler == null || random == null || storage == null || json == null || log == null || signIn == null)
            {
                throw new ArgumentNullException("mqtt");
            }

            _mqtt = mqtt;
            _scheduler = scheduler;
            _json = json;
            _log = log;
            _signIn = signIn;
            _settings = settings == null ? new CloudLinkSettings() : settings;
            if (_settings.MaxAttempts < 1 || _settings.RequestTimeoutMilliseconds <= 0 || _settings.MaxOutboxEntries < 1 || _settings.DuplicateWindow < 1)
            {
                throw new ArgumentOutOfRangeException("settings");
            }

            _backoff = new ReconnectBackoff(random, _settings.BackoffInitialMilliseconds, _settings.BackoffMaxMilliseconds);
            _topics = new TopicBuilder(signIn.Device.ProductKey, signIn.Device.DeviceName);
            _recentReplyIds = new string[_settings.DuplicateWindow];
            _recentInbound = new InboundRecord[_settings.DuplicateWindow];
            _outbox = new CloudOutbox(storage, json, _settings.OutboxBlobName, log);

            _mqtt.Connected += OnMqttConnected;
            _mqtt.ConnectionLost += OnConnectionLost;
            _mqtt.MessageReceived += OnMessage;

            RestoreOutbox(random);
        }

        /// <summary>Raised on every state change.</summary>
        public event CloudLinkStateHandler StateChanged;

        public CloudLinkState State
        {
            get { return _state; }
        }

        /// <summary>Topics of this gateway (/sys/{pk}/{dn}/…).</summary>
        public TopicBuilder Topics
        {
            get { return _topics; }
        }

        /// <summary>The result of the last connect attempt (Accepted once connected).</summary>
        public MqttConnectStatus LastConnectStatus { get; private set; } = MqttConnectStatus.Accepted;

        /// <summary>Connect attempts made since construction.</summary>
        public int ConnectAttempts { get; private set; }

        /// <summary>The delay chosen for the last scheduled reconnect, in ms.</summary>
        public long LastBackoffMilliseconds { get; private set; }

        /// <summary>Topic filters subscribed on every connect, in registration order.</summary>
        public string[] Subscriptions
        {
            get { return (string[])_subscriptions.ToArray(typeof(string)); }
        }

        /// <summary>Starts connecting. Requests made before Start wait in the outbox.</summary>
        public void Start()
        {
            if (_state != CloudLinkState.Stopped)
            {
                return;
            }

            _backoff.Reset();
            BeginConnect();
        }

        /// <summary>Closes the connection and stops every timer. Pending requests stay in the outbox.</summary>
        public void Stop()
        {
            if (_state == CloudLinkState.Stopped)
            {
                return;
            }

            bool wasOpen = _state == CloudLinkState.Connected || _state == CloudLinkState.Connecting;
            _generation++;
            CancelTimer(ref _connectTimer);
            CancelTimer(ref _reconnectTimer);
            CancelRequestTimers();
            SetState(CloudLinkState.Stopped);
            if (wasOpen)
            {
                _mqtt.Disconnect();
            }
        }

        private void BeginConnect()
        {
            _generation++;
            int generation = _generation;
            ConnectAttempts++;
            SetState(CloudLinkState.Connecting);
            MqttConnectOptions options = _signIn.CreateConnectOptions(
                _settings.ClientId,
                _settings.SecureMode,
                _settings.SignInTimestamp,
                _settings.CleanSession,
                _settings.KeepAliveSeconds);
            Log(LogLevel.Information, "connecting as " + _signIn.Device.ToString() + " (attempt " + ConnectAttempts + ")");
            _connectTimer = _scheduler.Schedule(_settings.ConnectTimeoutMilliseconds, () => OnConnectTimeout(generation));
            _mqtt.Connect(options, status => OnConnectResult(generation, status));
        }

        private void OnConnectResult(int generation, MqttConnectStatus status)
        {
            if (generation != _generation || _state != CloudLinkState.Connecting)
            {
                return; // a late answer to an attempt that already timed out or was stopped
            }

            CancelTimer(ref _connectTimer);
            LastConnectStatus = status;
            if (status != MqttConnectStatus.Accepted)
            {
                Log(LogLevel.Warning, "connect refused, status " + (int)status);
                ScheduleReconnect();
                return;
            }

            _connectedAt = _scheduler.NowMilliseconds;
            SetState(CloudLinkState.Connected);
            Log(LogLevel.Information, "connected");

            // Subscribe before any publish on this connection, so no reply can beat its subscription.
            if (_subscriptions.Count > 0)
            {
                _mqtt.Subscribe(Subscriptions, MqttQos.AtMostOnce, OnSubscribed);
            }

            ResendPending();
        }

        private void OnConnectTimeout(int generation)
        {
            if (generation != _generation || _state != CloudLinkState.Connecting)
            {
                return;
            }

            _connectTimer = 0;
            _generation++;
            LastConnectStatus = MqttConnectStatus.Timeout;
            Log(LogLevel.Warning, "connect timed out");
            _mqtt.Disconnect();
            ScheduleReconnect();
        }

        private void OnMqttConnected()
        {
            // The connect callback drives the state machine; the event is informational here.
        }

        private void OnConnectionLost()
        {
            if (_state != CloudLinkState.Connected)
            {
                return;
            }

            CancelRequestTimers();
            long lasted = _scheduler.NowMilliseconds - _connectedAt;
            if (lasted >= _settings.StableConnectionMilliseconds)
            {
                _backoff.Reset();
            }

            Log(LogLevel.Warning, "connection lost after " + lasted + " ms");
            ScheduleReconnect();
        }

        private void ScheduleReconnect()
        {
            long delay = _backoff.NextDelay();
            LastBackoffMilliseconds = delay;
            SetState(CloudLinkState.WaitingToReconnect);
            Log(LogLevel.Information, "reconnecting in " + delay + " ms");
            _reconnectTimer = _scheduler.Schedule(delay, OnReconnectTimer);
        }

        private void OnReconnectTimer()
        {
            _reconnectTimer = 0;
            if (_state == CloudLinkState.WaitingToReconnect)
            {
                BeginConnect();
            }
        }

        private void OnSubscribed(bool granted)
        {
            if (!granted)
            {
                Log(LogLevel.Error, "broker refused a subscription under " + _topics.Prefix);
            }
        }

        /// <summary>Adds a topic filter to the set subscribed on every connect; subscribes now when connected.</summary>
        private void EnsureSubscribed(string topic)
        {
            if (_subscriptions.Contains(topic))
            {
                return;
            }

            _subscriptions.Add(topic);
            if (_state == CloudLinkState.Connected)
            {
                _mqtt.Subscribe(new string[] { topic }, MqttQos.AtMostOnce, OnSubscribed);
            }
        }

        private void SetState(CloudLinkState state)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
            CloudLinkStateHandler handler = StateChanged;
            if (handler != null)
            {
                try
                {
                    handler(state);
                }
                catch (Exception e)
                {
                    Log(LogLevel.Error, "state handler failed: " + ((object)e).GetType().Name);
                }
            }
        }

        private void CancelTimer(ref int timer)
        {
            if (timer != 0)
            {
                _scheduler.Cancel(timer);
                timer = 0;
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log.IsEnabled(level))
            {
                _log.Write(level, Component, message);
            }
        }
    }
}
