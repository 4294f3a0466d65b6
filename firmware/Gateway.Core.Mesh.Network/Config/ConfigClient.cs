using System;
using System.Collections;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Configuration Client (MshPRT §4.4.2): sends Configuration messages under the node's device
    /// key and waits for the status that answers them: same node, same status opcode and the same
    /// key fields (NetKey/AppKey index, element, model, address, page). One request per node is
    /// outstanding at a time (a node's configuration server answers in order and has little room);
    /// the rest wait in a queue. Each attempt has a timeout; a request is sent again up to
    /// <see cref="ConfigClientOptions.RetryCount"/> times (Configuration messages are idempotent:
    /// a repeated AppKey Add with the same key answers Success).
    /// </summary>
    public sealed class ConfigClient
    {
        private readonly MeshNetwork _network;
        private readonly IScheduler _scheduler;
        private readonly ConfigClientOptions _options;
        private readonly ArrayList _requests = new ArrayList();
        private readonly int _source;

        public ConfigClient(MeshNetwork network, IScheduler scheduler, ConfigClientOptions options)
        {
            if (network == null || scheduler == null)
            {
                throw new ArgumentNullException(network == null ? "network" : "scheduler");
            }

            _options = options == null ? new ConfigClientOptions() : options;
            _options.Validate();
            _network = network;
            _scheduler = scheduler;
            _source = network.PrimaryAddress;
            network.AccessMessageReceived += OnAccessMessage;
        }

        /// <summary>Statuses that matched no outstanding request (late answers, unsolicited statuses).</summary>
        public long UnmatchedStatuses { get; private set; }

        /// <summary>Requests queued or outstanding for <paramref name="node"/>.</summary>
        public int PendingCount(int node)
        {
            int n = 0;
            for (int i = 0; i < _requests.Count; i++)
            {
                if (((ConfigRequest)_requests[i]).Node == node)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Config Composition Data Get (page 0, or 0xFF for the highest page).</summary>
        public void GetCompositionData(int node, int page, ConfigResultHandler done)
        {
            byte[] payload = new byte[3];
            ConfigMessages.CompositionDataGet(payload, 0, page);
            ConfigRequest r = Create(node, ConfigOpcodes.CompositionDataGet, payload, true, done);
            r.Page = page;
            Enqueue(r);
        }

        /// <summary>Config AppKey Add (always a segmented message).</summary>
        public void AddAppKey(int node, int netKeyIndex, int appKeyIndex, byte[] appKey, ConfigResultHandler done)
        {
            byte[] payload = new byte[ConfigMessages.MaxRequestLength];
            ConfigMessages.AppKeyAdd(payload, 0, netKeyIndex, appKeyIndex, appKey);
            ConfigRequest r = Create(node, ConfigOpcodes.AppKeyAdd, payload, true, done);
            r.NetKeyIndex = netKeyIndex;
            r.AppKeyIndex = appKeyIndex;
            Enqueue(r);
        }

        public void BindModelApp(int node, int elementAddress, int appKeyIndex, uint modelId, bool vendor, ConfigResultHandler done)
        {
            byte[] payload = Copy(ConfigMessages.ModelAppBind(_scratch, 0, elementAddress, appKeyIndex, modelId, vendor));
            ConfigRequest r = Create(node, ConfigOpcodes.ModelAppBind, payload, false, done);
            r.ElementAddress = elementAddress;
            r.AppKeyIndex = appKeyIndex;
            SetModel(r, modelId, vendor);
            Enqueue(r);
        }

        public void SetModelPublication(int node, ModelPublication publication, ConfigResultHandler done)
        {
            byte[] payload = Copy(ConfigMessages.ModelPublicationSet(_scratch, 0, publication));
            ConfigRequest r = Create(node, ConfigOpcodes.ModelPublicationSet, payload, payload.Length > MeshNetwork.MaxUnsegmentedAccessPayload, done);
            r.ElementAddress = publication.ElementAddress;
            SetModel(r, publication.ModelId, publication.IsVendorModel);
            Enqueue(r);
        }

        public void AddModelSubscription(int node, int elementAddress, int address, uint modelId, bool vendor, ConfigResultHandler done)
        {
            byte[] payload = Copy(ConfigMessages.ModelSubscriptionAdd(_scratch, 0, elementAddress, address, modelId, vendor));
            ConfigRequest r = Create(node, ConfigOpcodes.ModelSubscriptionAdd, payload, false, done);
            r.ElementAddress = elementAddress;
            r.Address = address;
            SetModel(r, modelId, vendor);
            Enqueue(r);
        }

        public void GetDefaultTtl(int node, ConfigResultHandler done)
        {
            Enqueue(Create(node, ConfigOpcodes.DefaultTtlGet, Copy(ConfigMessages.DefaultTtlGet(_scratch, 0)), false, done));
        }

        /// <summary>Config Default TTL Set: 0x00 or 0x02–0x7F (MshPRT §4.2.7).</summary>
        public void SetDefaultTtl(int node, int ttl, ConfigResultHandler done)
        {
            if (ttl < 0 || ttl == 1 || ttl > 0x7F)
            {
                throw new ArgumentOutOfRangeException("ttl");
            }

            Enqueue(Create(node, ConfigOpcodes.DefaultTtlSet, Copy(ConfigMessages.DefaultTtlSet(_scratch, 0, ttl)), false, done));
        }

        /// <summary>Config Node Reset: the node answers and forgets the network.</summary>
        public void ResetNode(int node, ConfigResultHandler done)
        {
            Enqueue(Create(node, ConfigOpcodes.NodeReset, Copy(ConfigMessages.NodeReset(_scratch, 0)), false, done));
        }

        /// <summary>Cancels every request for <paramref name="node"/> (callbacks get <see cref="ConfigOutcome.Cancelled"/>).</summary>
        public void Cancel(int node)
        {
            for (int i = _requests.Count - 1; i >= 0; i--)
            {
                ConfigRequest r = (ConfigRequest)_requests[i];
                if (r.Node == node)
                {
                    Finish(r, ConfigOutcome.Cancelled, null);
                }
            }
        }

        private readonly byte[] _scratch = new byte[ConfigMessages.MaxRequestLength];

        private byte[] Copy(int length)
        {
            byte[] payload = new byte[length];
            Array.Copy(_scratch, payload, length);
            return payload;
        }

        private ConfigRequest Create(int node, int opcode, byte[] payload, bool segmented, ConfigResultHandler done)
        {
            if (!MeshAddress.IsUnicast(node))
            {
                throw new ArgumentOutOfRangeException("node");
            }

            ConfigRequest r = new ConfigRequest();
            r.Node = node;
            r.Opcode = opcode;
            r.StatusOpcode = ConfigOpcodes.StatusFor(opcode);
            r.Payload = payload;
            r.Timeout = segmented || opcode == ConfigOpcodes.CompositionDataGet
                ? _options.SegmentedResponseTimeoutMilliseconds
                : _options.ResponseTimeoutMilliseconds;
            r.AttemptsLeft = 1 + _options.RetryCount;
            r.Callback = done;
            r.TimerAction = () => OnTimeout(r);
            return r;
        }

        private static void SetModel(ConfigRequest r, uint modelId, bool vendor)
        {
            r.MatchModel = true;
            r.ModelId = modelId;
            r.Vendor = vendor;
        }

        private void Enqueue(ConfigRequest r)
        {
            _requests.Add(r);
            StartNext(r.Node);
        }

        /// <summary>Starts the oldest queued request of <paramref name="node"/> unless one is outstanding.</summary>
        private void StartNext(int node)
        {
            ConfigRequest first = null;
            for (int i = 0; i < _requests.Count; i++)
            {
                ConfigRequest r = (ConfigRequest)_requests[i];
                if (r.Node != node)
                {
                    continue;
                }

                if (r.Active)
                {
                    return;
                }

                if (first == null)
                {
                    first = r;
                }
            }

            if (first != null)
            {
                first.Active = true;
                Attempt(first);
            }
        }

        private void Attempt(ConfigRequest r)
        {
            r.AttemptsLeft--;
            r.Attempts++;
            r.Timer = _scheduler.Schedule(r.Timeout, r.TimerAction);
            r.Sending = true;
            r.TimedOut = false;

            // Each attempt has its own completion: a transmission of an earlier attempt that ends
            // late (it waited behind others for a slot) must not count against the current one.
            int attempt = r.Attempts;
            _network.SendAccessMessage(_source, r.Node, MeshNetwork.RemoteDeviceKey, MeshNetwork.Default, _options.Ttl,
                r.Payload, 0, r.Payload.Length, result => OnSent(r, attempt, result));
        }

        private void OnSent(ConfigRequest r, int attempt, AccessSendResult result)
        {
            if (!_requests.Contains(r) || attempt != r.Attempts)
            {
                return;
            }

            r.Sending = false;
            if (result == AccessSendResult.Sent || result == AccessSendResult.Acknowledged)
            {
                if (r.TimedOut)
                {
                    // The wait ran out while the request was still going out (queued behind other
                    // transmissions): the attempt ends now, as the timer would have ended it.
                    OnTimeout(r);
                }

                return;
            }

            if (result == AccessSendResult.NoKey || result == AccessSendResult.NoSequenceNumber || r.AttemptsLeft == 0)
            {
                Finish(r, ConfigOutcome.SendFailed, null);
                return;
            }

            // The transport gave up (no acknowledgment in its rounds, the node busy): the node or
            // the air is slow or congested, so the next attempt waits a little, longer each time,
            // instead of adding the same segments to a queue that did not drain.
            CancelTimer(r);
            r.Timer = _scheduler.Schedule(_options.SendRetryDelayMilliseconds << (r.Attempts - 1), r.TimerAction);
        }

        private void OnTimeout(ConfigRequest r)
        {
            r.Timer = 0;
            if (!_requests.Contains(r))
            {
                return;
            }

            if (r.Sending)
            {
                // Still going out: another copy now would only queue behind this one. The
                // transmission's result decides (OnSent).
                r.TimedOut = true;
                return;
            }

            if (r.AttemptsLeft == 0)
            {
                Finish(r, ConfigOutcome.Timeout, null);
                return;
            }

            Attempt(r);
        }

        private void OnAccessMessage(ReceivedAccessMessage message)
        {
            // Configuration statuses come from the node's primary element under its device key.
            if (!message.IsDeviceKey || message.Source != message.DeviceKeyAddress || message.Destination != _source)
            {
                return;
            }

            ConfigStatusMessage status;
            if (!ConfigStatusMessage.TryParse(message.Opcode, message.Buffer, message.ParametersOffset, message.ParametersLength, out status))
            {
                return;
            }

            for (int i = 0; i < _requests.Count; i++)
            {
                ConfigRequest r = (ConfigRequest)_requests[i];
                if (r.Active && r.Node == message.Source && r.Matches(status))
                {
                    Finish(r, ConfigOutcome.Answered, status);
                    return;
                }
            }

            UnmatchedStatuses++;
        }

        private void Finish(ConfigRequest r, ConfigOutcome outcome, ConfigStatusMessage status)
        {
            CancelTimer(r);
            _requests.Remove(r);
            bool wasActive = r.Active;
            r.Active = false;
            ConfigResult result = new ConfigResult(r.Node, r.Opcode, outcome, status, r.Attempts);
            ConfigResultHandler callback = r.Callback;
            if (callback != null)
            {
                _scheduler.Post(() => callback(result));
            }

            if (wasActive)
            {
                StartNext(r.Node);
            }
        }

        private void CancelTimer(ConfigRequest r)
        {
            if (r.Timer != 0)
            {
                _scheduler.Cancel(r.Timer);
                r.Timer = 0;
            }
        }
    }
}
