using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gateway.Cloud.Registry;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;

namespace Gateway.Cloud
{
    /// <summary>
    /// The IoT platform side for development, tests and the demo: verifies Link Kit sign-ins,
    /// enforces the per-device topic rule, and runs zero-config (reference/alibaba-provisioning.md
    /// §1.2): verifies each reported enrollee's signature, answers found_reply, applies the
    /// approval policy, sends checkin, answers cipher/get with the session key and records the
    /// enrollee's match report. Transport-neutral: <see cref="InMemory.InMemoryMqttBroker"/> in
    /// tests, <see cref="Service.CloudEmulatorService"/> over MQTTnet. Thread-safe.
    /// </summary>
    public sealed partial class CloudEmulator
    {
        private readonly object _gate = new object();
        private readonly CloudRegistry _registry;
        private readonly LinkKitVerifier _verifier;
        private readonly IJsonDom _json = new SystemTextJsonDom();
        private readonly Func<long> _clock;
        private readonly List<CloudEvent> _events = new List<CloudEvent>();
        private readonly Dictionary<string, DeviceKey> _sessions = new Dictionary<string, DeviceKey>(StringComparer.Ordinal);
        private readonly Dictionary<DeviceKey, EnrolleeRecord> _enrollees = new Dictionary<DeviceKey, EnrolleeRecord>();
        private ICloudTransport _transport;
        private long _nextId = 1;

        public CloudEmulator(CloudRegistry registry, CloudEmulatorOptions options = null, Func<long> clock = null)
        {
            _registry = registry ?? throw new ArgumentNullException(nameof(registry));
            _verifier = new LinkKitVerifier(registry);
            Options = options ?? new CloudEmulatorOptions();
            var started = System.Diagnostics.Stopwatch.StartNew();
            _clock = clock ?? (() => started.ElapsedMilliseconds);
            foreach (MeshDeviceEntry mesh in registry.MeshDevices)
            {
                AddMeshDevice(new Mesh.GenieMeshDevice((uint)mesh.ProductId, mesh.MacBytes(), mesh.SecretBytes(), mesh.Name));
            }
        }

        /// <summary>Raised after each event is recorded (outside the emulator's lock).</summary>
        public event Action<CloudEvent> EventRecorded;

        public CloudEmulatorOptions Options { get; }

        public CloudRegistry Registry => _registry;

        public ApprovalPolicy Policy
        {
            get => Options.Policy;
            set => Options.Policy = value;
        }

        public IReadOnlyList<CloudEvent> Events
        {
            get
            {
                lock (_gate)
                {
                    return _events.ToArray();
                }
            }
        }

        public IReadOnlyList<EnrolleeRecord> Enrollees
        {
            get
            {
                lock (_gate)
                {
                    return _enrollees.Values.ToArray();
                }
            }
        }

        /// <summary>Enrollees waiting for the operator (Manual policy).</summary>
        public IReadOnlyList<EnrolleeRecord> Pending
        {
            get
            {
                lock (_gate)
                {
                    return _enrollees.Values.Where(e => e.State == EnrolleeState.Pending).ToArray();
                }
            }
        }

        /// <summary>Devices signed in now, by MQTT client id.</summary>
        public IReadOnlyDictionary<string, DeviceKey> Sessions
        {
            get
            {
                lock (_gate)
                {
                    return new Dictionary<string, DeviceKey>(_sessions);
                }
            }
        }

        public EnrolleeRecord FindEnrollee(string enrolleeId)
        {
            lock (_gate)
            {
                return _enrollees.Values.FirstOrDefault(e => e.Id == enrolleeId);
            }
        }

        public void Attach(ICloudTransport transport)
        {
            _transport = transport;
        }

        /// <summary>Checks a CONNECT (the broker's connection validator). Remembers who signed in under that client id.</summary>
        public SignInResult VerifySignIn(string mqttClientId, string userName, string password)
        {
            SignInResult result = _verifier.Verify(mqttClientId, userName, password);
            var outbox = new Outbox();
            lock (_gate)
            {
                if (result.Accepted)
                {
                    _sessions[mqttClientId] = result.Device;
                    Record(outbox, CloudEventKind.SignInAccepted, result.Device.ToString(), "securemode=" + result.SecureMode);
                }
                else
                {
                    Record(outbox, CloudEventKind.SignInRefused, userName ?? "(no user name)", result.Reason);
                }
            }

            Flush(outbox);
            return result;
        }

        public void OnClientDisconnected(string mqttClientId)
        {
            lock (_gate)
            {
                _sessions.Remove(mqttClientId ?? string.Empty);
            }
        }

        /// <summary>The topic rule for a publish; records a refusal.</summary>
        public bool AuthorizePublish(string mqttClientId, string topic)
        {
            return Authorize(mqttClientId, topic, false);
        }

        /// <summary>The topic rule for a subscription; records a refusal.</summary>
        public bool AuthorizeSubscribe(string mqttClientId, string topicFilter)
        {
            return Authorize(mqttClientId, topicFilter, true);
        }

        /// <summary>
        /// A message a device published. <paramref name="mqttClientId"/> identifies a signed-in
        /// session; null means "trust the topic" (external-broker mode, where the broker signs in).
        /// </summary>
        public void OnPublish(string mqttClientId, string topic, byte[] payload)
        {
            if (!TopicBuilder.TryParse(topic, out string pk, out string dn, out string suffix))
            {
                return;
            }

            var sender = new DeviceKey(pk, dn);
            var outbox = new Outbox();
            lock (_gate)
            {
                if (mqttClientId != null && (!_sessions.TryGetValue(mqttClientId, out DeviceKey session) || session != sender))
                {
                    Record(outbox, CloudEventKind.PublishRefused, topic, "sender is not the topic's device");
                }
                else
                {
                    Dispatch(outbox, sender, suffix, payload);
                }
            }

            Flush(outbox);
        }

        /// <summary>Approves a pending enrollee: checkin goes to its registrar.</summary>
        public bool Approve(string enrolleeId)
        {
            var outbox = new Outbox();
            bool done = false;
            lock (_gate)
            {
                EnrolleeRecord record = _enrollees.Values.FirstOrDefault(e => e.Id == enrolleeId);
                if (record != null && (record.State == EnrolleeState.Pending || record.State == EnrolleeState.Denied))
                {
                    Record(outbox, CloudEventKind.EnrolleeApproved, record.Id, "by the operator");
                    SendCheckin(outbox, record);
                    done = true;
                }
            }

            Flush(outbox);
            return done;
        }

        /// <summary>Refuses a pending enrollee.</summary>
        public bool Deny(string enrolleeId)
        {
            var outbox = new Outbox();
            bool done = false;
            lock (_gate)
            {
                EnrolleeRecord record = _enrollees.Values.FirstOrDefault(e => e.Id == enrolleeId);
                if (record != null && record.State == EnrolleeState.Pending)
                {
                    record.State = EnrolleeState.Denied;
                    Record(outbox, CloudEventKind.EnrolleeDenied, record.Id, "by the operator");
                    done = true;
                }
            }

            Flush(outbox);
            return done;
        }

        private bool Authorize(string mqttClientId, string topic, bool subscribe)
        {
            var outbox = new Outbox();
            bool allowed;
            lock (_gate)
            {
                allowed = mqttClientId != null && _sessions.TryGetValue(mqttClientId, out DeviceKey device)
                    && (subscribe ? TopicAcl.MaySubscribe(device, topic) : TopicAcl.MayPublish(device, topic));
                if (!allowed)
                {
                    Record(outbox, subscribe ? CloudEventKind.SubscribeRefused : CloudEventKind.PublishRefused, topic, "outside the device's /sys/{pk}/{dn}/");
                }
            }

            Flush(outbox);
            return allowed;
        }

        private void Dispatch(Outbox outbox, DeviceKey sender, string suffix, byte[] payload)
        {
            if (suffix.StartsWith("/thing/mesh/", StringComparison.Ordinal))
            {
                DispatchMesh(outbox, sender, suffix, payload);
                return;
            }

            switch (suffix)
            {
                case "/thing/awss/enrollee/found":
                    WithRequest(outbox, sender, payload, AlinkMethods.EnrolleeFound, r => HandleFound(outbox, sender, r));
                    return;
                case "/thing/cipher/get":
                    WithRequest(outbox, sender, payload, AlinkMethods.CipherGet, r => HandleCipherGet(outbox, sender, r));
                    return;
                case "/thing/awss/enrollee/match":
                    WithRequest(outbox, sender, payload, AlinkMethods.EnrolleeMatch, r => HandleMatch(outbox, sender, r));
                    return;
                case "/thing/awss/enrollee/checkin_reply":
                    HandleCheckinReply(outbox, sender, payload);
                    return;
                default:
                    if (!TopicBuilder.IsReply(suffix) && !IsDownTopic(suffix))
                    {
                        Record(outbox, CloudEventKind.UnhandledMethod, sender + suffix, null);
                    }

                    return; // replies to our own requests we do not track, and our own down messages (external broker echo)
            }
        }

        private static bool IsDownTopic(string suffix)
        {
            return suffix == "/thing/awss/enrollee/checkin" || suffix == "/thing/awss/enrollee/online" || suffix == "/thing/awss/device/switchap";
        }

        private void WithRequest(Outbox outbox, DeviceKey sender, byte[] payload, string method, Action<AlinkRequest> handler)
        {
            AlinkRequest request;
            try
            {
                request = AlinkRequest.Decode(_json, payload, 0, payload.Length);
            }
            catch (ProtocolFormatException e)
            {
                Record(outbox, CloudEventKind.MalformedMessage, sender + " " + method, e.Message);
                return;
            }

            if (request.Method != method)
            {
                Record(outbox, CloudEventKind.MalformedMessage, sender + " " + method, "method does not match the topic");
                ReplyTo(outbox, sender, request, AlinkCodes.BadRequest, null, "method does not match the topic");
                return;
            }

            try
            {
                handler(request);
            }
            catch (ProtocolFormatException e)
            {
                Record(outbox, CloudEventKind.MalformedMessage, sender + " " + method, e.Message);
                ReplyTo(outbox, sender, request, AlinkCodes.BadRequest, null, e.Message);
            }
        }

        private void ReplyTo(Outbox outbox, DeviceKey device, AlinkRequest request, int code, object data, string message = null)
        {
            string topic = new TopicBuilder(device.ProductKey, device.DeviceName).ReplyForMethod(request.Method);
            outbox.Messages.Add((topic, new AlinkReply(request.Id, code, data, message).Encode(_json)));
        }

        private string NextId()
        {
            return (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private void Record(Outbox outbox, CloudEventKind kind, string subject, string detail)
        {
            var entry = new CloudEvent(_events.Count + 1, _clock(), kind, subject, detail);
            _events.Add(entry);
            outbox.Events.Add(entry);
        }

        private void Flush(Outbox outbox)
        {
            ICloudTransport transport = _transport;
            foreach ((string topic, byte[] payload) in outbox.Messages)
            {
                transport?.Publish(topic, payload);
            }

            foreach (CloudEvent entry in outbox.Events)
            {
                EventRecorded?.Invoke(entry);
            }
        }

        /// <summary>Work collected under the lock and carried out after it (sends and event notifications).</summary>
        private sealed class Outbox
        {
            public List<(string Topic, byte[] Payload)> Messages { get; } = new List<(string, byte[])>();

            public List<CloudEvent> Events { get; } = new List<CloudEvent>();
        }
    }
}
