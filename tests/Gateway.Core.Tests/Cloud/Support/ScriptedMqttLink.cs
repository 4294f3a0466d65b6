using System.Collections.Generic;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>
    /// A broker-less IMqttLink for CloudLink unit tests: connects are answered from a script (or held
    /// for the test to answer), publishes and subscriptions are recorded, the test injects messages
    /// and drops. Every callback is posted to the scheduler, as the port requires.
    /// </summary>
    public sealed class ScriptedMqttLink : IMqttLink
    {
        private readonly IScheduler _scheduler;
        private readonly Queue<MqttConnectStatus> _script = new Queue<MqttConnectStatus>();
        private MqttConnectCallback _heldConnect;

        public ScriptedMqttLink(IScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        public event MqttLinkEventHandler Connected;

        public event MqttLinkEventHandler ConnectionLost;

        public event MqttMessageHandler MessageReceived;

        public bool IsConnected { get; private set; }

        /// <summary>Answer given when the script is empty; null holds the connect until <see cref="AnswerHeldConnect"/>.</summary>
        public MqttConnectStatus? DefaultAnswer { get; set; } = MqttConnectStatus.Accepted;

        public List<MqttConnectOptions> ConnectCalls { get; } = new List<MqttConnectOptions>();

        public List<long> ConnectTimes { get; } = new List<long>();

        public List<(string Topic, string Payload, MqttQos Qos)> Published { get; } = new List<(string, string, MqttQos)>();

        public List<string[]> SubscribeCalls { get; } = new List<string[]>();

        public int DisconnectCalls { get; private set; }

        /// <summary>Every connect, subscribe and publish in call order ("connect", "sub:topic", "pub:topic").</summary>
        public List<string> Trace { get; } = new List<string>();

        public void Script(params MqttConnectStatus[] answers)
        {
            foreach (MqttConnectStatus answer in answers)
            {
                _script.Enqueue(answer);
            }
        }

        public void Connect(MqttConnectOptions options, MqttConnectCallback callback)
        {
            ConnectCalls.Add(options);
            Trace.Add("connect");
            ConnectTimes.Add(_scheduler.NowMilliseconds);
            MqttConnectStatus? answer = _script.Count > 0 ? _script.Dequeue() : DefaultAnswer;
            if (answer == null)
            {
                _heldConnect = callback;
                return;
            }

            _scheduler.Post(() => Answer(callback, answer.Value));
        }

        public void AnswerHeldConnect(MqttConnectStatus status)
        {
            MqttConnectCallback callback = _heldConnect;
            _heldConnect = null;
            _scheduler.Post(() => Answer(callback, status));
        }

        public void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback)
        {
            Published.Add((topic, Encoding.UTF8.GetString(payload), qos));
            Trace.Add("pub:" + topic);
            if (callback != null)
            {
                bool connected = IsConnected;
                _scheduler.Post(() => callback(connected));
            }
        }

        public void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback)
        {
            SubscribeCalls.Add(topicFilters);
            foreach (string filter in topicFilters)
            {
                Trace.Add("sub:" + filter);
            }

            if (callback != null)
            {
                _scheduler.Post(() => callback(true));
            }
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            IsConnected = false;
        }

        /// <summary>The broker went away: the next events are a ConnectionLost.</summary>
        public void Drop()
        {
            IsConnected = false;
            _scheduler.Post(() => ConnectionLost?.Invoke());
        }

        public void Inject(string topic, string payload)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            _scheduler.Post(() => MessageReceived?.Invoke(topic, bytes));
        }

        public void InjectBytes(string topic, byte[] payload)
        {
            _scheduler.Post(() => MessageReceived?.Invoke(topic, payload));
        }

        private void Answer(MqttConnectCallback callback, MqttConnectStatus status)
        {
            IsConnected = status == MqttConnectStatus.Accepted;
            callback(status);
            if (IsConnected)
            {
                Connected?.Invoke();
            }
        }
    }
}
