using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>The push half of <see cref="Registrar"/>: the 0xAB element, its repetition, and the end of a session (§1.3).</summary>
    public sealed partial class Registrar
    {
        /// <summary>
        /// The enrollee is online: its LAN <c>device.info.notify</c>/<c>awss.event.connectap.notify</c>
        /// was heard, or the authority said so (the cloud heard its bind token). Pushing to it stops
        /// and its slot is freed (online_dev_bind_monitor). Returns false when it was not in the table.
        /// </summary>
        public bool EnrolleeOnline(string productKey, string deviceName)
        {
            RegistrarEnrollee entry = Find(productKey, deviceName);
            if (entry == null)
            {
                return false;
            }

            Log(LogLevel.Information, "enrollee " + entry.ToString() + " is online");
            Free(entry, RegistrarEventKind.Online);
            return true;
        }

        /// <summary>
        /// A datagram heard on the LAN's CoAP port (the JSON payload of the CoAP message). A notice
        /// that is not well-formed is logged and dropped (it returns false).
        /// </summary>
        public bool OnLanNotice(byte[] payload, int offset, int count)
        {
            DeviceInfoNotice notice;
            try
            {
                if (payload == null || offset < 0 || count < 0 || offset > payload.Length - count)
                {
                    throw new ZeroConfigFormatException("LAN notice window outside its buffer");
                }

                notice = DeviceInfoNotice.Decode(_json, payload, offset, count);
            }
            catch (ProtocolFormatException e)
            {
                MalformedNotices++;
                Log(LogLevel.Warning, "LAN notice refused: " + e.Message);
                return false;
            }

            EnrolleeOnline(notice.ProductKey, notice.DeviceName);
            return true;
        }

        private void BuildResponse(RegistrarEnrollee entry, byte[] key)
        {
            AesCfb128 cipher = new AesCfb128(_aes.CreateEncryptor(key));
            entry.FrameLength = RegistrarResponseIe.Encode(entry.Sign, 0, entry.Random, 0, _home, cipher, entry.Frame, 0);
        }

        /// <summary>Starts pushing to enrollees that hold a key, oldest key first, while push slots are free.</summary>
        private void FillPushSlots()
        {
            while (_running && CountIn(EnrolleeSessionState.CheckinOngoing) < _settings.MaxSimultaneousPushes)
            {
                RegistrarEnrollee next = null;
                for (int i = 0; i < _slots.Length; i++)
                {
                    RegistrarEnrollee entry = _slots[i];
                    if (entry.State == EnrolleeSessionState.CheckinCipher && (next == null || entry.KeyReceivedAt < next.KeyReceivedAt))
                    {
                        next = entry;
                    }
                }

                if (next == null)
                {
                    break;
                }

                // The SDK restarts the checkin clock when sending starts (enrollee_checkin).
                SetState(next, EnrolleeSessionState.CheckinOngoing);
                next.Deadline = _scheduler.NowMilliseconds + ((long)next.CheckinTimeoutSeconds * 1000);
                Log(LogLevel.Information, "pushing credentials to " + next.ToString() + " (" + next.FrameLength + "-octet element)");
                Raise(RegistrarEventKind.PushStarted, next);
                SendResponse(next);
            }

            if (_pushTimer == 0 && CountIn(EnrolleeSessionState.CheckinOngoing) > 0)
            {
                _pushTimer = _scheduler.Schedule(_settings.ResponseIntervalMilliseconds, OnPushTimer);
            }
        }

        // One timer for every ongoing push: each gets one probe request per channelscan_interval × 15/16.
        private void OnPushTimer()
        {
            _pushTimer = 0;
            if (!_running)
            {
                return;
            }

            long now = _scheduler.NowMilliseconds;
            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State != EnrolleeSessionState.CheckinOngoing)
                {
                    continue;
                }

                if (now >= entry.Deadline)
                {
                    Log(LogLevel.Warning, "enrollee " + entry.ToString() + " not online within " + entry.CheckinTimeoutSeconds + " s; pushing stopped");
                    Free(entry, RegistrarEventKind.TimedOut);
                    continue;
                }

                SendResponse(entry);
            }

            FillPushSlots();
        }

        private void SendResponse(RegistrarEnrollee entry)
        {
            if (_radio.SendProbeRequest(entry.Frame, 0, entry.FrameLength))
            {
                ResponsesSent++;
            }
        }

        /// <summary>Ends a session: the slot is wiped and free, storage forgets it, a waiting push may start.</summary>
        private void Free(RegistrarEnrollee entry, RegistrarEventKind why)
        {
            bool persisted = entry.Persisted;
            string productKey = entry.ProductKey;
            string deviceName = entry.DeviceName;
            CancelTimer(ref entry.TimerId);
            entry.Reset();
            if (persisted)
            {
                Save();
            }

            RegistrarEventHandler handler = EnrolleeEvent;
            if (handler != null)
            {
                try
                {
                    handler(why, productKey, deviceName);
                }
                catch (Exception e)
                {
                    Log(LogLevel.Error, "event handler failed: " + ((object)e).GetType().Name);
                }
            }

            FillPushSlots();
        }

        private int CountIn(EnrolleeSessionState state)
        {
            int n = 0;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == state)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
