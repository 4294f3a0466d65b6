using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Cloud.InMemory
{
    /// <summary>
    /// A deterministic MQTT 3.1.1 broker in memory for tests and simulation: every delivery is a
    /// scheduler callback (optionally after <see cref="LatencyMilliseconds"/>), so runs replay in
    /// virtual time. Clean sessions only (subscriptions end with the connection), QoS 0/1 with
    /// immediate acknowledgement, '+' and '#' filters, client-id take-over (§3.1.4), hooks for
    /// sign-in and topic authorization, and faults: <see cref="Available"/>, <see cref="Restart"/>,
    /// <see cref="Drop"/>. Single-threaded: use it from the scheduler's thread.
    /// </summary>
    public sealed class InMemoryMqttBroker
    {
        private readonly IScheduler _scheduler;
        private readonly List<InMemoryMqttLink> _clients = new List<InMemoryMqttLink>();
        private readonly List<(string ClientId, string Topic, string Payload)> _log = new List<(string, string, string)>();

        public InMemoryMqttBroker(IScheduler scheduler)
        {
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        }

        /// <summary>One-way delay of every packet, ms; 0 means "next scheduler turn".</summary>
        public long LatencyMilliseconds { get; set; }

        /// <summary>False: connects fail with TransportFailed (the broker is down).</summary>
        public bool Available { get; set; } = true;

        /// <summary>CONNECT check; null accepts everyone.</summary>
        public Func<MqttConnectOptions, MqttConnectStatus> ConnectValidator { get; set; }

        /// <summary>Per-publish check (client id, topic); refused publishes are acknowledged and dropped.</summary>
        public Func<string, string, bool> PublishAuthorizer { get; set; }

        /// <summary>Per-filter subscription check (client id, filter); a refusal is a SUBACK failure.</summary>
        public Func<string, string, bool> SubscribeAuthorizer { get; set; }

        /// <summary>Sees every accepted client publish before delivery (the emulator's intercept).</summary>
        public Action<string, string, byte[]> PublishObserver { get; set; }

        /// <summary>Told when a client's connection ends.</summary>
        public Action<string> ClientDisconnected { get; set; }

        /// <summary>Every message routed, client publishes and injections ("(server)"), in order.</summary>
        public IReadOnlyList<(string ClientId, string Topic, string Payload)> MessageLog => _log;

        public IReadOnlyList<string> ConnectedClientIds => _clients.Where(c => c.IsConnected).Select(c => c.ClientId).ToArray();

        public InMemoryMqttLink CreateLink()
        {
            return new InMemoryMqttLink(this, _scheduler);
        }

        /// <summary>A server-side publish (the emulator's down messages) to every matching subscriber.</summary>
        public void Inject(string topic, byte[] payload)
        {
            Later(() => Route("(server)", topic, payload));
        }

        /// <summary>The broker restarts: every connection drops.</summary>
        public void Restart()
        {
            foreach (InMemoryMqttLink client in _clients.ToArray())
            {
                Drop(client);
            }
        }

        /// <summary>One connection drops (network fault).</summary>
        public void Drop(InMemoryMqttLink client)
        {
            Drop(client, true);
        }

        private void Drop(InMemoryMqttLink client, bool notify)
        {
            if (_clients.Remove(client))
            {
                string clientId = client.ClientId;
                client.OnDropped();
                if (notify)
                {
                    ClientDisconnected?.Invoke(clientId);
                }
            }
        }

        internal void Later(Action action)
        {
            if (LatencyMilliseconds > 0)
            {
                _scheduler.Schedule(LatencyMilliseconds, action);
            }
            else
            {
                _scheduler.Post(action);
            }
        }

        internal MqttConnectStatus Accept(InMemoryMqttLink client, MqttConnectOptions options)
        {
            if (!Available)
            {
                return MqttConnectStatus.TransportFailed;
            }

            MqttConnectStatus status = ConnectValidator == null ? MqttConnectStatus.Accepted : ConnectValidator(options);
            if (status != MqttConnectStatus.Accepted)
            {
                return status;
            }

            // §3.1.4: a second connection with the same client id takes over; the first is closed.
            // The session under that id lives on, so the observer is not told it ended.
            foreach (InMemoryMqttLink other in _clients.Where(c => c.ClientId == options.ClientId).ToArray())
            {
                Drop(other, false);
            }

            _clients.Add(client);
            return MqttConnectStatus.Accepted;
        }

        internal void Closed(InMemoryMqttLink client)
        {
            if (_clients.Remove(client))
            {
                ClientDisconnected?.Invoke(client.ClientId);
            }
        }

        internal bool Authorize(InMemoryMqttLink client, string filter)
        {
            return MqttTopicFilter.IsValid(filter) && (SubscribeAuthorizer == null || SubscribeAuthorizer(client.ClientId, filter));
        }

        internal void Publish(InMemoryMqttLink client, string topic, byte[] payload)
        {
            if (!_clients.Contains(client) || (PublishAuthorizer != null && !PublishAuthorizer(client.ClientId, topic)))
            {
                return;
            }

            PublishObserver?.Invoke(client.ClientId, topic, payload);
            Route(client.ClientId, topic, payload);
        }

        private void Route(string from, string topic, byte[] payload)
        {
            _log.Add((from, topic, Encoding.UTF8.GetString(payload)));
            foreach (InMemoryMqttLink client in _clients.ToArray())
            {
                if (client.IsSubscribed(topic))
                {
                    byte[] copy = (byte[])payload.Clone();
                    Later(() => client.Deliver(topic, copy));
                }
            }
        }
    }
}
