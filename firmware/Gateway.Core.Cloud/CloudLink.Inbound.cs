using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>Inbound messages of <see cref="CloudLink"/>: replies to our requests and requests from the cloud.</summary>
    public sealed partial class CloudLink
    {
        private void OnMessage(string topic, byte[] payload)
        {
            if (payload == null || payload.Length > _settings.MaxInboundPayloadBytes)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "inbound payload refused (" + (payload == null ? 0 : payload.Length) + " bytes)");
                return;
            }

            string method = (string)_replyRoutes[topic];
            if (method != null)
            {
                OnReply(method, payload);
                return;
            }

            InboundRoute route = (InboundRoute)_requestRoutes[topic];
            if (route != null)
            {
                OnInboundRequest(topic, route, payload);
                return;
            }

            Log(LogLevel.Debug, "message on an unrouted topic dropped");
        }

        private void OnReply(string method, byte[] payload)
        {
            AlinkReply reply;
            try
            {
                reply = AlinkReply.Decode(_json, payload, 0, payload.Length);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "malformed reply for " + method + ": " + e.Message);
                return;
            }

            for (int i = 0; i < _pending.Count; i++)
            {
                PendingRequest pending = (PendingRequest)_pending[i];
                if (pending.Request.Id == reply.Id && pending.Request.Method == method)
                {
                    Complete(pending, CloudRequestOutcome.Replied, reply);
                    return;
                }
            }

            if (WasRecentlyAnswered(reply.Id))
            {
                DuplicateReplies++;
                Log(LogLevel.Debug, "duplicate reply #" + reply.Id + " dropped");
            }
            else
            {
                UnmatchedReplies++;
                Log(LogLevel.Warning, "reply #" + reply.Id + " for " + method + " matches no request");
            }
        }

        private void OnInboundRequest(string topic, InboundRoute route, byte[] payload)
        {
            AlinkRequest request;
            try
            {
                request = AlinkRequest.Decode(_json, payload, 0, payload.Length);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "malformed request on " + route.Method + ": " + e.Message);
                return;
            }

            if (request.Method != route.Method)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "request method does not match its topic " + route.Method);
                return;
            }

            for (int i = 0; i < _recentInbound.Length; i++)
            {
                InboundRecord seen = _recentInbound[i];
                if (seen != null && seen.Id == request.Id && seen.Topic == topic)
                {
                    DuplicateRequests++;
                    if (seen.ReplyPayload != null && _state == CloudLinkState.Connected)
                    {
                        _mqtt.Publish(seen.ReplyTopic, seen.ReplyPayload, MqttQos.AtLeastOnce, null);
                    }

                    return;
                }
            }

            _recentInbound[_recentInboundNext] = new InboundRecord(topic, request.Id);
            _recentInboundNext = (_recentInboundNext + 1) % _recentInbound.Length;
            try
            {
                route.Handler(request);
            }
            catch (Exception e)
            {
                Log(LogLevel.Error, "handler for " + route.Method + " failed: " + ((object)e).GetType().Name);
                Reply(request, AlinkCodes.InternalError, null);
            }
        }

        private void RememberReplyId(string id)
        {
            _recentReplyIds[_recentReplyNext] = id;
            _recentReplyNext = (_recentReplyNext + 1) % _recentReplyIds.Length;
        }

        private bool WasRecentlyAnswered(string id)
        {
            for (int i = 0; i < _recentReplyIds.Length; i++)
            {
                if (_recentReplyIds[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class InboundRoute
        {
            public InboundRoute(string method, AlinkRequestHandler handler)
            {
                Method = method;
                Handler = handler;
            }

            public string Method { get; }

            public AlinkRequestHandler Handler { get; }
        }

        private sealed class InboundRecord
        {
            public InboundRecord(string topic, string id)
            {
                Topic = topic;
                Id = id;
            }

            public string Topic { get; }

            public string Id { get; }

            public string ReplyTopic { get; set; }

            public byte[] ReplyPayload { get; set; }
        }
    }
}
