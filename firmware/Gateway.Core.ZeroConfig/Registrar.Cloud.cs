using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>The cloud half of <see cref="Registrar"/>: found, checkin, cipher/get (alibaba-provisioning.md §1.2 rows 1–6).</summary>
    public sealed partial class Registrar
    {
        private void ScheduleReport()
        {
            if (_reportTimer == 0 && _running)
            {
                _reportTimer = _scheduler.Schedule(_settings.ReportDelayMilliseconds, SendReport);
            }
        }

        // Row 1. The SDK sends one record per message; the payload is an array, so we batch the
        // enrollees heard within ReportDelay (at most MaxRecordsPerReport): fewer requests in the
        // outbox when twenty devices are switched on together. rssi is the strongest of the batch.
        private void SendReport()
        {
            _reportTimer = 0;
            if (!_running)
            {
                return;
            }

            ArrayList payload = new ArrayList();
            ArrayList batch = new ArrayList();
            int rssi = -128;
            for (int i = 0; i < _slots.Length && batch.Count < _settings.MaxRecordsPerReport; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State == EnrolleeSessionState.InQueue)
                {
                    payload.Add(Hex.Encode(entry.Record, 0, entry.RecordLength).ToUpper());
                    batch.Add(entry);
                    if (entry.Rssi > rssi)
                    {
                        rssi = entry.Rssi;
                    }
                }
            }

            if (batch.Count == 0)
            {
                return;
            }

            Hashtable parameters = new Hashtable();
            parameters.Add("awssVer", AwssVersion());
            parameters.Add("type", 0);
            parameters.Add("ssid", _home.Ssid);
            parameters.Add("bssid", _home.BssidText);
            parameters.Add("rssi", rssi);
            parameters.Add("payload", payload);

            // Not durable: after a reboot the enrollees are heard and reported again.
            string id = _cloud.Request(AlinkMethods.EnrolleeFound, parameters, null, false);
            if (id == null)
            {
                Log(LogLevel.Warning, "found report not queued (outbox full); retrying");
                _reportTimer = _scheduler.Schedule(_settings.CipherRetryDelayMilliseconds, SendReport);
                return;
            }

            long now = _scheduler.NowMilliseconds;
            for (int i = 0; i < batch.Count; i++)
            {
                RegistrarEnrollee entry = (RegistrarEnrollee)batch[i];
                SetState(entry, EnrolleeSessionState.Found);
                entry.ReportId = id;
                entry.ReportedAt = now;
                entry.Accepted = false;
                Arm(entry, (long)_settings.DefaultReportIntervalSeconds * 1000);
                Raise(RegistrarEventKind.Reported, entry);
            }

            Log(LogLevel.Information, "reported " + batch.Count + " enrollee(s) in found #" + id);
            ScheduleReport(); // more than one batch waiting
        }

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

                RegistrarEnrollee entry = Find(productKey, deviceName);
                if (entry == null || entry.State != EnrolleeSessionState.Found)
                {
                    continue; // already checked in (the cloud sends checkin before found_reply), or gone
                }

                entry.Accepted = true;
                long intervalMs = (long)ClampTimeout(interval, _settings.DefaultReportIntervalSeconds) * 1000;
                Arm(entry, entry.ReportedAt + intervalMs - _scheduler.NowMilliseconds);
            }

            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State == EnrolleeSessionState.Found && entry.ReportId == reply.Id && !entry.Accepted)
                {
                    Log(LogLevel.Information, "enrollee " + entry.ToString() + " not accepted by the cloud");
                    Raise(RegistrarEventKind.NotAccepted, entry);
                }
            }
        }

        // Rows 3–4: the user approved. Only an enrollee this registrar reported is accepted.
        private void OnCheckin(AlinkRequest request)
        {
            string productKey;
            string deviceName;
            int timeout;
            try
            {
                Hashtable parameters = request.ParamsObject;
                productKey = JsonFields.GetString(parameters, "productKey");
                deviceName = JsonFields.GetString(parameters, "deviceName");
                timeout = JsonFields.GetOptionalInt32(parameters, "timeout", int.MinValue, int.MaxValue, 0);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "checkin #" + request.Id + " refused: " + e.Message);
                _cloud.Reply(request, AlinkCodes.BadRequest, null);
                return;
            }

            RegistrarEnrollee entry = Find(productKey, deviceName);
            if (entry == null || entry.State == EnrolleeSessionState.InQueue)
            {
                Log(LogLevel.Warning, "checkin #" + request.Id + " for an enrollee this registrar did not report");
                _cloud.Reply(request, AlinkCodes.NotFound, null);
                return;
            }

            if (entry.State != EnrolleeSessionState.Found)
            {
                Log(LogLevel.Warning, "checkin #" + request.Id + " repeats the checkin of " + entry.ToString());
                _cloud.Reply(request, AlinkCodes.Conflict, null);
                return;
            }

            SetState(entry, EnrolleeSessionState.CheckinEnabled);
            entry.CheckinTimeoutSeconds = ClampTimeout(timeout, _settings.DefaultCheckinTimeoutSeconds);
            entry.Deadline = _scheduler.NowMilliseconds + ((long)entry.CheckinTimeoutSeconds * 1000);
            entry.CipherRequests = 0;
            entry.CipherRequestId = null;
            entry.Persisted = true;
            _cloud.Reply(request, AlinkCodes.Success, null);
            Log(LogLevel.Information, "enrollee " + entry.ToString() + " checked in, timeout " + entry.CheckinTimeoutSeconds + " s");
            Raise(RegistrarEventKind.CheckedIn, entry);
            RequestCipher(entry);
        }

        // Row 5. Durable: a reboot keeps the request, and the slot's session is on storage to match its reply.
        private void RequestCipher(RegistrarEnrollee entry)
        {
            Hashtable parameters = new Hashtable();
            parameters.Add("awssVer", AwssVersion());
            parameters.Add("productKey", entry.ProductKey);
            parameters.Add("deviceName", entry.DeviceName);
            parameters.Add("cipherType", (int)entry.Security);
            parameters.Add("random", Hex.Encode(entry.Random).ToUpper());
            entry.CipherRequests++;
            string id = _cloud.Request(AlinkMethods.CipherGet, parameters, null, true);
            entry.CipherRequestId = id;
            Save();
            if (id == null)
            {
                Log(LogLevel.Warning, "cipher request for " + entry.ToString() + " not queued (outbox full)");
                Arm(entry, _settings.CipherRetryDelayMilliseconds);
                return;
            }

            Arm(entry, entry.Deadline - _scheduler.NowMilliseconds);
        }

        /// <summary>The slot timer in CheckinEnabled: the checkin timeout, or a retry of the key request.</summary>
        private void OnCipherTimer(RegistrarEnrollee entry)
        {
            if (_scheduler.NowMilliseconds >= entry.Deadline)
            {
                Log(LogLevel.Warning, "enrollee " + entry.ToString() + ": no key before the checkin timeout");
                Free(entry, RegistrarEventKind.TimedOut);
                return;
            }

            if (entry.CipherRequestId == null)
            {
                RetryCipher(entry);
                return;
            }

            Arm(entry, entry.Deadline - _scheduler.NowMilliseconds);
        }

        private void RetryCipher(RegistrarEnrollee entry)
        {
            if (entry.CipherRequests >= _settings.MaxCipherRequests)
            {
                Log(LogLevel.Warning, "enrollee " + entry.ToString() + ": no usable key after " + entry.CipherRequests + " request(s)");
                Free(entry, RegistrarEventKind.TimedOut);
                return;
            }

            RequestCipher(entry);
        }

        // Row 6: the per-session key. The reply is matched by the request's own params, so replies to
        // requests restored from the outbox after a reboot land here as well.
        private void OnCipherResult(CloudRequestResult result)
        {
            Hashtable sent = result.Request.Params as Hashtable;
            if (sent == null || result.Outcome == CloudRequestOutcome.Rejected)
            {
                return; // a rejection was already seen as the null id of Request
            }

            RegistrarEnrollee entry = Find(sent["productKey"] as string, sent["deviceName"] as string);
            string randomHex = sent["random"] as string;
            if (entry == null || entry.State != EnrolleeSessionState.CheckinEnabled || randomHex == null || Hex.Encode(entry.Random).ToUpper() != randomHex.ToUpper())
            {
                Log(LogLevel.Debug, "cipher #" + result.Request.Id + " result for no waiting enrollee dropped");
                return;
            }

            if (result.Outcome == CloudRequestOutcome.TimedOut)
            {
                Log(LogLevel.Warning, "cipher #" + result.Request.Id + " for " + entry.ToString() + " got no reply");
                entry.CipherRequestId = null;
                Arm(entry, _settings.CipherRetryDelayMilliseconds);
                return;
            }

            AlinkReply reply = result.Reply;
            if (!reply.IsSuccess)
            {
                Log(LogLevel.Warning, "cipher #" + reply.Id + " for " + entry.ToString() + " refused with code " + reply.Code);
                Free(entry, RegistrarEventKind.Refused);
                return;
            }

            byte[] key = null;
            try
            {
                key = ReadKey(reply, entry);
                BuildResponse(entry, key);
            }
            catch (ProtocolFormatException e)
            {
                MalformedMessages++;
                Log(LogLevel.Warning, "cipher reply #" + reply.Id + " for " + entry.ToString() + " refused: " + e.Message);
                entry.CipherRequestId = null;
                Arm(entry, _settings.CipherRetryDelayMilliseconds);
                return;
            }
            finally
            {
                if (key != null)
                {
                    Array.Clear(key, 0, key.Length);
                }
            }

            SetState(entry, EnrolleeSessionState.CheckinCipher);
            entry.KeyReceivedAt = _scheduler.NowMilliseconds;
            Log(LogLevel.Information, "key for " + entry.ToString() + " received");
            Raise(RegistrarEventKind.KeyReceived, entry);
            FillPushSlots();
        }

        private static byte[] ReadKey(AlinkReply reply, RegistrarEnrollee entry)
        {
            Hashtable data = reply.DataObject;
            if (JsonFields.GetString(data, "productKey") != entry.ProductKey || JsonFields.GetString(data, "deviceName") != entry.DeviceName)
            {
                throw new ZeroConfigFormatException("cipher reply names another device");
            }

            string secret = JsonFields.GetString(data, "secret");
            if (secret.Length != 32)
            {
                throw new ZeroConfigFormatException("field 'secret' must be 32 hex digits, not " + secret.Length + " characters");
            }

            return Hex.Decode(secret);
        }

        private int ClampTimeout(int seconds, int fallback)
        {
            // The SDK takes a missing or non-positive value as its default.
            if (seconds <= 0)
            {
                return fallback;
            }

            return seconds > _settings.MaxTimeoutSeconds ? _settings.MaxTimeoutSeconds : seconds;
        }

        private static Hashtable AwssVersion()
        {
            // §0: the awssVer object every report carries.
            Hashtable version = new Hashtable();
            version.Add("smartconfig", "2.0");
            version.Add("zconfig", "2.0");
            version.Add("router", "2.0");
            version.Add("ap", "2.0");
            version.Add("softap", "2.0");
            return version;
        }
    }
}
