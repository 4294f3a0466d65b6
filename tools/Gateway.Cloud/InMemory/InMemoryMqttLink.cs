using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;

namespace Gateway.Cloud.InMemory
{
    /// <summary>A client connection to <see cref="InMemoryMqttBroker"/>; implements the core's MQTT port.</summary>
    public sealed class InMemoryMqttLink : IMqttLink
    {
        private readonly InMemoryMqttBroker _broker;
        private readonly IScheduler _scheduler;
        private readonly List<string> _filters = new List<string>();
        private int _session;

        internal InMemoryMqttLink(InMemoryMqttBroker broker, IScheduler scheduler)
        {
            _broker = broker;
            _scheduler = scheduler;
        }

        public event MqttLinkEventHandler Connected;

        public event MqttLinkEventHandler ConnectionLost;

        public event MqttMessageHandler MessageReceived;

        public bool IsConnected { get; private set; }

        /// <summary>The MQTT client id of the current or last connection.</summary>
        public string ClientId { get; private set; }

        public IReadOnlyList<string> Subscriptions => _filters.ToArray();

        public void Connect(MqttConnectOptions options, MqttConnectCallback callback)
        {
            if (IsConnected)
            {
                _broker.Closed(this);
                IsConnected = false;
            }

            int session = ++_session;
            _broker.Later(() =>
            {
                if (session != _session)
                {
                    return;
                }

                ClientId = options.ClientId;
                _filters.Clear();
                MqttConnectStatus status = _broker.Accept(this, options);
                IsConnected = status == MqttConnectStatus.Accepted;
                _broker.Later(() =>
                {
                    callback(status);
                    if (status == MqttConnectStatus.Accepted && session == _session)
                    {
                        Connected?.Invoke();
                    }
                });
            });
        }

        public void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback)
        {
            int session = _session;
            byte[] copy = (byte[])payload.Clone();
            bool connected = IsConnected;
            _broker.Later(() =>
            {
                bool delivered = connected && session == _session && IsConnected;
                if (delivered)
                {
                    _broker.Publish(this, topic, copy);
                }

                if (callback != null)
                {
                    _broker.Later(() => callback(delivered));
                }
            });
        }

        public void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback)
        {
            int session = _session;
            string[] filters = (string[])topicFilters.Clone();
            _broker.Later(() =>
            {
                bool granted = session == _session && IsConnected;
                foreach (string filter in filters)
                {
                    if (granted && _broker.Authorize(this, filter))
                    {
                        if (!_filters.Contains(filter))
                        {
                            _filters.Add(filter);
                        }
                    }
                    else
                    {
                        granted = false;
                    }
                }

                if (callback != null)
                {
                    _broker.Later(() => callback(granted));
                }
            });
        }

        public void Disconnect()
        {
            _session++;
            if (IsConnected)
            {
                IsConnected = false;
                _filters.Clear();
                _broker.Closed(this);
            }
        }

        internal bool IsSubscribed(string topic)
        {
            return IsConnected && _filters.Any(f => MqttTopicFilter.Matches(f, topic));
        }

        internal void Deliver(string topic, byte[] payload)
        {
            if (IsSubscribed(topic))
            {
                MessageReceived?.Invoke(topic, payload);
            }
        }

        internal void OnDropped()
        {
            if (!IsConnected)
            {
                return;
            }

            _session++;
            IsConnected = false;
            _filters.Clear();
            _scheduler.Post(() => ConnectionLost?.Invoke());
        }
    }
}
