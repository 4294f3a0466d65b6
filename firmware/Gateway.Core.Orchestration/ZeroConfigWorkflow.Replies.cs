using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>Replies to the workflow's own requests: found_reply and cipher/get_reply.</summary>
    public sealed partial class ZeroConfigWorkflow
    {
        // Row 2: found_reply sets each accepted enrollee's re-report interval.
        private void OnFoundResult(CloudRequestResult result)
        {
            if (result.Outcome != CloudRequestOutcome.Replied)
            {
                if (result.Outcome == CloudRequestOutcome.TimedOut)
                {
                    Log(LogLevel.Warning, "found #" + result.Request.Id + " got no reply; its enrollees are reported again after their interval");
                }

                return;
            }

            AlinkReply reply = result.Reply;
            if (!reply.IsSuccess)
            {
                Log(LogLevel.Warning, "found #" + reply.Id + " answered with code " + reply.Code);
                return;
            }

            ArrayList accepted = reply.Data as ArrayList;
            if (accepted == null)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "found_reply #" + reply.Id + " refused: field 'data' must be an array");
                return;
            }

            for (int i = 0; i < accepted.Count; i++)
            {
                string productKey;
                string deviceName;
                int interval;
                try
                {
                    Hashtable item = JsonFields.AsObject(accepted[i], "found_reply entry");
                    productKey = JsonFields.GetString(item, "productKey");
                    deviceName = JsonFields.GetString(item, "deviceName");
                    interval = JsonFields.GetOptionalInt32(item, "timeout", int.MinValue, int.MaxValue, 0);
                }
                catch (ProtocolFormatException e)
                {
                    MalformedMessages++;
                    Log(LogLevel.Warning, "found_reply #" + reply.Id + " entry " + i + " refused: " + e.Message);
                    continue;
                }

                _registrar.FoundAccepted(productKey, deviceName, interval);
            }

            _registrar.FoundAnswered(reply.Id);
        }

        // Row 6: the per-session key. The reply is matched by the request's own params, so replies to
        // requests restored from the outbox after a reboot land here as well.
        private void OnCipherResult(CloudRequestResult result)
        {
            Hashtable sent = result.Request.Params as Hashtable;
            if (sent == null || result.Outcome == CloudRequestOutcome.Rejected)
            {
                return; // a rejection was already seen by the registrar as the null id of RequestKey
            }

            string productKey = sent["productKey"] as string;
            string deviceName = sent["deviceName"] as string;
            byte[] random;
            if (!Hex.TryDecode(sent["random"] as string, out random) || !_registrar.IsAwaitingKey(productKey, deviceName, random))
            {
                Log(LogLevel.Debug, "cipher #" + result.Request.Id + " result for no waiting enrollee dropped");
                return;
            }

            string enrollee = productKey + "/" + deviceName;
            if (result.Outcome == CloudRequestOutcome.TimedOut)
            {
                Log(LogLevel.Warning, "cipher #" + result.Request.Id + " for " + enrollee + " got no reply");
                _registrar.KeyNotReceived(productKey, deviceName, random);
                return;
            }

            AlinkReply reply = result.Reply;
            if (!reply.IsSuccess)
            {
                Log(LogLevel.Warning, "cipher #" + reply.Id + " for " + enrollee + " refused with code " + reply.Code);
                _registrar.KeyRefused(productKey, deviceName, random);
                return;
            }

            byte[] key;
            try
            {
                key = ReadKey(reply, productKey, deviceName);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "cipher reply #" + reply.Id + " for " + enrollee + " refused: " + e.Message);
                _registrar.KeyNotReceived(productKey, deviceName, random);
                return;
            }

            try
            {
                _registrar.SupplyKey(productKey, deviceName, random, key);
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        private static byte[] ReadKey(AlinkReply reply, string productKey, string deviceName)
        {
            Hashtable data = reply.DataObject;
            if (JsonFields.GetString(data, "productKey") != productKey || JsonFields.GetString(data, "deviceName") != deviceName)
            {
                throw new AlinkFormatException("cipher reply names another device");
            }

            string secret = JsonFields.GetString(data, "secret");
            if (secret.Length != 32)
            {
                throw new AlinkFormatException("field 'secret' must be 32 hex digits, not " + secret.Length + " characters");
            }

            return Hex.Decode(secret);
        }
    }
}
