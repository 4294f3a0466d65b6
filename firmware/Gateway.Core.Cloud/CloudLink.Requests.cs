using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>Requests, replies and cloud-initiated requests of <see cref="CloudLink"/>.</summary>
    public sealed partial class CloudLink
    {
        private readonly CloudOutbox _outbox;
        private readonly ArrayList _pending = new ArrayList();      // PendingRequest, oldest first
        private readonly Hashtable _replyRoutes = new Hashtable();  // reply topic → method
        private readonly Hashtable _replyHandlers = new Hashtable(); // method → CloudRequestCallback
        private readonly Hashtable _requestRoutes = new Hashtable(); // request topic → InboundRoute
        private readonly string[] _recentReplyIds;
        private readonly InboundRecord[] _recentInbound;
        private int _recentReplyNext;
        private int _recentInboundNext;

        /// <summary>Requests sent or queued and not yet ended.</summary>
        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>
        /// Whether the request with <paramref name="id"/> is still waiting for its reply (sent or
        /// queued, including requests restored from the outbox). A caller that persisted the id of a
        /// durable request uses it after a reboot to tell "the reply is still coming" from "ask again".
        /// </summary>
        public bool IsPending(string id)
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                if (((PendingRequest)_pending[i]).Request.Id == id)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The parameters of the newest request of <paramref name="method"/> still waiting for its
        /// reply whose string parameter <paramref name="field"/> equals <paramref name="value"/>, or
        /// null. After a reboot a workflow uses it to see that a durable report it queued just
        /// before the power went is still on its way (and must not be made twice).
        /// </summary>
        public Hashtable FindPendingParameters(string method, string field, string value)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                AlinkRequest request = ((PendingRequest)_pending[i]).Request;
                Hashtable p = request.ParamsObject;
                if (request.Method == method && p != null && (p[field] as string) == value)
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>Replies whose id was answered already (dropped).</summary>
        public int DuplicateReplies { get; private set; }

        /// <summary>Replies matching no request, old or pending (dropped).</summary>
        public int UnmatchedReplies { get; private set; }

        /// <summary>Cloud requests repeated with an id already handled (handler not run again).</summary>
        public int DuplicateRequests { get; private set; }

        /// <summary>Inbound payloads that were not valid Alink envelopes, or too large (dropped).</summary>
        public int MalformedMessages { get; private set; }

        /// <summary>
        /// Handles requests the cloud sends with <paramref name="method"/> (their topic is
        /// subscribed on every connect). The handler answers with <see cref="Reply"/>.
        /// </summary>
        public void RegisterRequestHandler(string method, AlinkRequestHandler handler)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            string topic = _topics.ForMethod(method);
            _requestRoutes[topic] = new InboundRoute(method, handler);
            EnsureSubscribed(topic);
        }

        /// <summary>
        /// Receives the end of requests of <paramref name="method"/> that have no callback of their
        /// own, such as requests restored from the outbox after a reboot. Also subscribes the reply topic.
        /// </summary>
        public void RegisterReplyHandler(string method, CloudRequestCallback handler)
        {
            _replyHandlers[method] = handler;
            EnsureReplyRoute(method);
        }

        /// <summary>A durable request (kept in the outbox across reboots until it ends). Returns its id, or null when rejected.</summary>
        public string Request(string method, object parameters, CloudRequestCallback callback)
        {
            return Request(method, parameters, callback, true);
        }

        /// <summary>
        /// Sends an Alink request (now when connected, else on the next connect) and reports its end
        /// to <paramref name="callback"/> (or the method's reply handler when null). A durable request
        /// is written to storage before it is sent. Returns the id, or null when the outbox is full.
        /// </summary>
        public string Request(string method, object parameters, CloudRequestCallback callback, bool durable)
        {
            if (!TopicBuilder.IsValidMethod(method))
            {
                throw new ArgumentException("not an Alink method", "method");
            }

            if (_pending.Count >= _settings.MaxOutboxEntries)
            {
                Log(LogLevel.Warning, "outbox full, " + method + " rejected");
                AlinkRequest refused = new AlinkRequest("0", method, parameters);
                _scheduler.Post(() => Deliver(method, callback, new CloudRequestResult(CloudRequestOutcome.Rejected, refused, null)));
                return null;
            }

            EnsureReplyRoute(method);
            AlinkRequest request = new AlinkRequest(_outbox.AllocateId(DurableRequests()), method, parameters);
            PendingRequest pending = new PendingRequest(request, _topics.ForMethod(method), request.Encode(_json), callback, durable);
            _pending.Add(pending);
            if (durable)
            {
                _outbox.Save(DurableRequests());
            }

            if (_state == CloudLinkState.Connected)
            {
                Send(pending);
            }

            return request.Id;
        }

        /// <summary>Answers a cloud request on its _reply topic (QoS 1). A repeat of that request is answered with the same reply.</summary>
        public void Reply(AlinkRequest request, int code, object data)
        {
            string topic = _topics.ReplyForMethod(request.Method);
            byte[] payload = new AlinkReply(request.Id, code, data).Encode(_json);
            string requestTopic = _topics.ForMethod(request.Method);
            for (int i = 0; i < _recentInbound.Length; i++)
            {
                InboundRecord record = _recentInbound[i];
                if (record != null && record.Id == request.Id && record.Topic == requestTopic)
                {
                    record.ReplyTopic = topic;
                    record.ReplyPayload = payload;
                }
            }

            if (_state == CloudLinkState.Connected)
            {
                _mqtt.Publish(topic, payload, MqttQos.AtLeastOnce, null);
            }
            else
            {
                Log(LogLevel.Warning, "reply to " + request.ToString() + " dropped: not connected");
            }
        }

        private void RestoreOutbox(IRandom random)
        {
            ArrayList restored = _outbox.Load(random);
            for (int i = 0; i < restored.Count; i++)
            {
                AlinkRequest request = (AlinkRequest)restored[i];
                EnsureReplyRoute(request.Method);
                _pending.Add(new PendingRequest(request, _topics.ForMethod(request.Method), request.Encode(_json), null, true));
            }

            if (restored.Count > 0)
            {
                Log(LogLevel.Information, "restored " + restored.Count + " request(s) from the outbox");
            }
        }

        private void EnsureReplyRoute(string method)
        {
            string topic = _topics.ReplyForMethod(method);
            if (!_replyRoutes.Contains(topic))
            {
                _replyRoutes.Add(topic, method);
            }

            EnsureSubscribed(topic);
        }

        private void ResendPending()
        {
            // A snapshot: a callback may add or end requests while we iterate.
            object[] snapshot = _pending.ToArray();
            for (int i = 0; i < snapshot.Length; i++)
            {
                PendingRequest pending = (PendingRequest)snapshot[i];
                if (_state == CloudLinkState.Connected && _pending.Contains(pending) && pending.TimerId == 0)
                {
                    Send(pending);
                }
            }
        }

        private void Send(PendingRequest pending)
        {
            pending.Attempts++;
            Log(LogLevel.Debug, "send " + pending.Request.ToString() + " attempt " + pending.Attempts);
            _mqtt.Publish(pending.Topic, pending.Payload, MqttQos.AtLeastOnce, null);
            pending.TimerId = _scheduler.Schedule(_settings.RequestTimeoutMilliseconds, () => OnRequestTimeout(pending));
        }

        private void OnRequestTimeout(PendingRequest pending)
        {
            pending.TimerId = 0;
            if (!_pending.Contains(pending))
            {
                return;
            }

            if (pending.Attempts >= _settings.MaxAttempts)
            {
                Log(LogLevel.Warning, pending.Request.ToString() + " timed out after " + pending.Attempts + " attempt(s)");
                Complete(pending, CloudRequestOutcome.TimedOut, null);
                return;
            }

            if (_state == CloudLinkState.Connected)
            {
                Send(pending); // same id: the cloud may have the first copy, our de-duplication drops a second reply
            }
        }

        private void CancelRequestTimers()
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                PendingRequest pending = (PendingRequest)_pending[i];
                CancelTimer(ref pending.TimerId);
            }
        }

        private void Complete(PendingRequest pending, CloudRequestOutcome outcome, AlinkReply reply)
        {
            CancelTimer(ref pending.TimerId);
            _pending.Remove(pending);
            RememberReplyId(pending.Request.Id);
            if (pending.Durable)
            {
                _outbox.Save(DurableRequests());
            }

            Deliver(pending.Request.Method, pending.Callback, new CloudRequestResult(outcome, pending.Request, reply));
        }

        private void Deliver(string method, CloudRequestCallback callback, CloudRequestResult result)
        {
            CloudRequestCallback target = callback != null ? callback : (CloudRequestCallback)_replyHandlers[method];
            if (target == null)
            {
                return;
            }

            try
            {
                target(result);
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "reply handler for " + method + " failed: " + ((object)e).GetType().Name);
            }
        }

        private ArrayList DurableRequests()
        {
            ArrayList durable = new ArrayList();
            for (int i = 0; i < _pending.Count; i++)
            {
                PendingRequest pending = (PendingRequest)_pending[i];
                if (pending.Durable)
                {
                    durable.Add(pending.Request);
                }
            }

            return durable;
        }

        private sealed class PendingRequest
        {
            public int TimerId;

            public PendingRequest(AlinkRequest request, string topic, byte[] payload, CloudRequestCallback callback, bool durable)
            {
                Request = request;
                Topic = topic;
                Payload = payload;
                Callback = callback;
                Durable = durable;
            }

            public AlinkRequest Request { get; }

            public string Topic { get; }

            public byte[] Payload { get; }

            public CloudRequestCallback Callback { get; }

            public bool Durable { get; }

            public int Attempts { get; set; }
        }
    }
}
