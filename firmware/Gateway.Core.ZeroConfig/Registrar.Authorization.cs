using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The authorization half of <see cref="Registrar"/>: found, checkin and the per-session key
    /// (alibaba-provisioning.md §1.2 rows 1–6), spoken with an <see cref="IRegistrarAuthority"/>.
    /// </summary>
    public sealed partial class Registrar
    {
        /// <summary>
        /// §1.2 row 2: the authority accepted this enrollee of a found report; it is reported again
        /// <paramref name="intervalSeconds"/> after it was reported (non-positive: the default of
        /// <see cref="RegistrarSettings.DefaultReportIntervalSeconds"/>; capped at
        /// <see cref="RegistrarSettings.MaxTimeoutSeconds"/>) unless a checkin comes first. False
        /// when it is not waiting for an answer (checked in already, which the cloud may do before
        /// it answers the report, or gone).
        /// </summary>
        public bool FoundAccepted(string productKey, string deviceName, int intervalSeconds)
        {
            RegistrarEnrollee entry = Find(productKey, deviceName);
            if (entry == null || entry.State != EnrolleeSessionState.Found)
            {
                return false;
            }

            entry.Accepted = true;
            long intervalMs = (long)ClampTimeout(intervalSeconds, _settings.DefaultReportIntervalSeconds) * 1000;
            Arm(entry, entry.ReportedAt + intervalMs - _scheduler.NowMilliseconds);
            return true;
        }

        /// <summary>
        /// §1.2 row 2: the answer to the found report <paramref name="reportId"/> is complete. Its
        /// enrollees not named in <see cref="FoundAccepted"/> were left out (unknown, forged or
        /// denied): each raises <see cref="RegistrarEventKind.NotAccepted"/> and is reported again
        /// after the default interval, when it is still heard.
        /// </summary>
        public void FoundAnswered(string reportId)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State == EnrolleeSessionState.Found && entry.ReportId == reportId && !entry.Accepted)
                {
                    Log(LogLevel.Information, "enrollee " + entry.ToString() + " not accepted");
                    Raise(RegistrarEventKind.NotAccepted, entry);
                }
            }
        }

        /// <summary>
        /// §1.2 rows 3–4: the user approved the enrollee. Only an enrollee this registrar reported,
        /// and only once, is accepted; <paramref name="timeoutSeconds"/> bounds the session
        /// (non-positive: <see cref="RegistrarSettings.DefaultCheckinTimeoutSeconds"/>). The answer
        /// goes to <paramref name="answer"/> (may be null) before an accepted checkin leads to the
        /// key request, and is returned as well.
        /// </summary>
        public CheckinResult Checkin(string productKey, string deviceName, int timeoutSeconds, CheckinAnswerHandler answer)
        {
            RegistrarEnrollee entry = Find(productKey, deviceName);
            if (entry == null || entry.State == EnrolleeSessionState.InQueue)
            {
                return Answer(answer, CheckinResult.NotReported);
            }

            if (entry.State != EnrolleeSessionState.Found)
            {
                return Answer(answer, CheckinResult.Repeated);
            }

            SetState(entry, EnrolleeSessionState.CheckinEnabled);
            entry.CheckinTimeoutSeconds = ClampTimeout(timeoutSeconds, _settings.DefaultCheckinTimeoutSeconds);
            entry.Deadline = _scheduler.NowMilliseconds + ((long)entry.CheckinTimeoutSeconds * 1000);
            entry.CipherRequests = 0;
            entry.CipherRequestId = null;
            entry.Persisted = true;
            Answer(answer, CheckinResult.Accepted);
            Log(LogLevel.Information, "enrollee " + entry.ToString() + " checked in, timeout " + entry.CheckinTimeoutSeconds + " s");
            Raise(RegistrarEventKind.CheckedIn, entry);
            RequestKey(entry);
            return CheckinResult.Accepted;
        }

        /// <summary>
        /// Whether the enrollee is checked in and waits for the key of the session that
        /// <paramref name="random"/> names: an answer to an older session, or for an enrollee that
        /// has gone, is to be dropped.
        /// </summary>
        public bool IsAwaitingKey(string productKey, string deviceName, byte[] random)
        {
            return AwaitingKey(productKey, deviceName, random) != null;
        }

        /// <summary>
        /// §1.2 row 6: the 16-octet per-session key for the session <paramref name="random"/> names.
        /// The 0xAB element is built with it at once (the key is not kept: the caller clears its
        /// copy) and the push starts when a push slot is free. False when no such session waits.
        /// </summary>
        public bool SupplyKey(string productKey, string deviceName, byte[] random, byte[] key)
        {
            if (key == null || key.Length != 16)
            {
                throw new ArgumentException("the per-session key must be 16 octets", "key");
            }

            RegistrarEnrollee entry = AwaitingKey(productKey, deviceName, random);
            if (entry == null)
            {
                return false;
            }

            BuildResponse(entry, key);
            SetState(entry, EnrolleeSessionState.CheckinCipher);
            entry.KeyReceivedAt = _scheduler.NowMilliseconds;
            Log(LogLevel.Information, "key for " + entry.ToString() + " received");
            Raise(RegistrarEventKind.KeyReceived, entry);
            FillPushSlots();
            return true;
        }

        /// <summary>
        /// The authority refused the key (the enrollee is not approved for this registrar, or the
        /// session is not the one reported): the slot is freed (<see cref="RegistrarEventKind.Refused"/>).
        /// False when no such session waits.
        /// </summary>
        public bool KeyRefused(string productKey, string deviceName, byte[] random)
        {
            RegistrarEnrollee entry = AwaitingKey(productKey, deviceName, random);
            if (entry == null)
            {
                return false;
            }

            Free(entry, RegistrarEventKind.Refused);
            return true;
        }

        /// <summary>
        /// The key request ended without a usable key (no answer, or one that was not well-formed):
        /// it is made again after <see cref="RegistrarSettings.CipherRetryDelayMilliseconds"/>, up to
        /// <see cref="RegistrarSettings.MaxCipherRequests"/> requests per checkin. False when no such session waits.
        /// </summary>
        public bool KeyNotReceived(string productKey, string deviceName, byte[] random)
        {
            RegistrarEnrollee entry = AwaitingKey(productKey, deviceName, random);
            if (entry == null)
            {
                return false;
            }

            entry.CipherRequestId = null;
            Arm(entry, _settings.CipherRetryDelayMilliseconds);
            return true;
        }

        private RegistrarEnrollee AwaitingKey(string productKey, string deviceName, byte[] random)
        {
            RegistrarEnrollee entry = Find(productKey, deviceName);
            if (entry == null || entry.State != EnrolleeSessionState.CheckinEnabled || random == null || random.Length != EnrolleeRequestIe.RandomLength)
            {
                return null;
            }

            for (int i = 0; i < EnrolleeRequestIe.RandomLength; i++)
            {
                if (entry.Random[i] != random[i])
                {
                    return null;
                }
            }

            return entry;
        }

        private static CheckinResult Answer(CheckinAnswerHandler answer, CheckinResult result)
        {
            if (answer != null)
            {
                answer(result);
            }

            return result;
        }

        private void ScheduleReport()
        {
            if (_reportTimer == 0 && _running)
            {
                _reportTimer = _scheduler.Schedule(_settings.ReportDelayMilliseconds, SendReport);
            }
        }

        // Row 1. The SDK sends one record per message; the report holds several, so we batch the
        // enrollees heard within ReportDelay (at most MaxRecordsPerReport): fewer requests in
        // flight when twenty devices are switched on together. rssi is the strongest of the batch.
        private void SendReport()
        {
            _reportTimer = 0;
            if (!_running)
            {
                return;
            }

            int count = 0;
            int rssi = -128;
            for (int i = 0; i < _slots.Length && count < _settings.MaxRecordsPerReport; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State == EnrolleeSessionState.InQueue)
                {
                    count++;
                    if (entry.Rssi > rssi)
                    {
                        rssi = entry.Rssi;
                    }
                }
            }

            if (count == 0)
            {
                return;
            }

            RegistrarEnrollee[] batch = new RegistrarEnrollee[count];
            byte[][] records = new byte[count][];
            int n = 0;
            for (int i = 0; i < _slots.Length && n < count; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State == EnrolleeSessionState.InQueue)
                {
                    byte[] record = new byte[entry.RecordLength];
                    Array.Copy(entry.Record, 0, record, 0, entry.RecordLength);
                    records[n] = record;
                    batch[n++] = entry;
                }
            }

            string id = _authority.ReportFound(new FoundReport(_home.Ssid, _home.BssidText, rssi, records));
            if (id == null)
            {
                Log(LogLevel.Warning, "found report could not go out; retrying");
                _reportTimer = _scheduler.Schedule(_settings.CipherRetryDelayMilliseconds, SendReport);
                return;
            }

            long now = _scheduler.NowMilliseconds;
            for (int i = 0; i < batch.Length; i++)
            {
                RegistrarEnrollee entry = batch[i];
                SetState(entry, EnrolleeSessionState.Found);
                entry.ReportId = id;
                entry.ReportedAt = now;
                entry.Accepted = false;
                Arm(entry, (long)_settings.DefaultReportIntervalSeconds * 1000);
                Raise(RegistrarEventKind.Reported, entry);
            }

            Log(LogLevel.Information, "reported " + batch.Length + " enrollee(s) in found #" + id);
            ScheduleReport(); // more than one batch waiting
        }

        // Row 5. The authority keeps the request across a reboot if it can; the slot's session is on
        // storage with the request's id, so the answer finds it after a reboot as well.
        private void RequestKey(RegistrarEnrollee entry)
        {
            byte[] random = new byte[EnrolleeRequestIe.RandomLength];
            Array.Copy(entry.Random, 0, random, 0, random.Length);
            entry.CipherRequests++;
            string id = _authority.RequestKey(entry.ProductKey, entry.DeviceName, entry.Security, random);
            entry.CipherRequestId = id;
            Save();
            if (id == null)
            {
                Log(LogLevel.Warning, "key request for " + entry.ToString() + " could not go out");
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
                RetryKey(entry);
                return;
            }

            Arm(entry, entry.Deadline - _scheduler.NowMilliseconds);
        }

        private void RetryKey(RegistrarEnrollee entry)
        {
            if (entry.CipherRequests >= _settings.MaxCipherRequests)
            {
                Log(LogLevel.Warning, "enrollee " + entry.ToString() + ": no usable key after " + entry.CipherRequests + " request(s)");
                Free(entry, RegistrarEventKind.TimedOut);
                return;
            }

            RequestKey(entry);
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
    }
}
