using System;
using System.Collections;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// Checked-in enrollees on storage, so a reboot does not strand a device the user approved: the
    /// cloud sends a checkin once, and an enrollee that still scans is never reported as new again
    /// (the cloud has it approved already). Blob (one atomic replace per change):
    /// <c>{"v":1,"enrollees":[{"productKey":…,"deviceName":…,"random":HEX,"sign":HEX,"security":3,"signMethod":0,"timeout":60,"cipherId":"…"}]}</c>.
    /// Random and sign were on the air in clear; the key and the password are never written.
    /// <c>cipherId</c> is the id the authority gave the session's key request.
    /// </summary>
    public sealed partial class Registrar
    {
        private void Save()
        {
            ArrayList list = new ArrayList();
            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.IsFree || !entry.Persisted)
                {
                    continue;
                }

                Hashtable item = new Hashtable();
                item.Add("productKey", entry.ProductKey);
                item.Add("deviceName", entry.DeviceName);
                item.Add("random", Hex.Encode(entry.Random));
                item.Add("sign", Hex.Encode(entry.Sign));
                item.Add("security", (int)entry.Security);
                item.Add("signMethod", (int)entry.SignMethod);
                item.Add("timeout", entry.CheckinTimeoutSeconds);
                if (entry.CipherRequestId != null)
                {
                    item.Add("cipherId", entry.CipherRequestId);
                }

                list.Add(item);
            }

            Hashtable root = new Hashtable();
            root.Add("v", 1);
            root.Add("enrollees", list);
            try
            {
                _storage.Write(_settings.StateBlobName, Encoding.UTF8.GetBytes(_json.Write(root)));
            }
            catch (Exception e)
            {
                // The sessions go on in memory; only a reboot before the next write would lose them.
                Log(LogLevel.Error, "registrar state write failed: " + ((object)e).GetType().Name);
            }
        }

        private void Restore()
        {
            ArrayList list;
            try
            {
                byte[] content;
                if (!_storage.TryRead(_settings.StateBlobName, out content))
                {
                    return;
                }

                Hashtable root = JsonFields.AsObject(_json.Parse(content, 0, content.Length), "registrar state");
                list = JsonFields.GetArray(root, "enrollees");
            }
            catch (Exception e)
            {
                Log(LogLevel.Warning, "registrar state unreadable, starting empty: " + ((object)e).GetType().Name);
                return;
            }

            int restored = 0;
            for (int i = 0; i < list.Count; i++)
            {
                RegistrarEnrollee free = null;
                for (int s = 0; s < _slots.Length && free == null; s++)
                {
                    if (_slots[s].IsFree)
                    {
                        free = _slots[s];
                    }
                }

                if (free == null)
                {
                    Log(LogLevel.Warning, "registrar state has more enrollees than slots; the rest are dropped");
                    break;
                }

                try
                {
                    RestoreOne(free, JsonFields.AsObject(list[i], "registrar state entry"));
                    restored++;
                }
                catch (ProtocolFormatException e)
                {
                    free.Reset();
                    Log(LogLevel.Warning, "registrar state entry " + i + " dropped: " + e.Message);
                }
            }

            if (restored > 0)
            {
                Log(LogLevel.Information, "restored " + restored + " checked-in enrollee(s)");
            }

            // Continue each session: a key request the authority still has on its way (the cloud
            // outbox) will be answered; otherwise (it ended before the reboot, or the key died with
            // the RAM) ask again.
            for (int i = 0; i < _slots.Length; i++)
            {
                RegistrarEnrollee entry = _slots[i];
                if (entry.State != EnrolleeSessionState.CheckinEnabled)
                {
                    continue;
                }

                if (entry.CipherRequestId != null && _authority.IsKeyRequestPending(entry.CipherRequestId))
                {
                    Arm(entry, entry.Deadline - _scheduler.NowMilliseconds);
                }
                else
                {
                    entry.CipherRequests = 0;
                    RequestKey(entry);
                }
            }

            Save();
        }

        private void RestoreOne(RegistrarEnrollee entry, Hashtable item)
        {
            string productKey = JsonFields.GetString(item, "productKey");
            string deviceName = JsonFields.GetString(item, "deviceName");
            if (!EnrolleeRequestIe.IsValidName(productKey) || !EnrolleeRequestIe.IsValidName(deviceName) || Find(productKey, deviceName) != null)
            {
                throw new ZeroConfigFormatException("names are not device names, or repeated");
            }

            byte[] random = Hex.Decode(JsonFields.GetString(item, "random"));
            byte[] sign = Hex.Decode(JsonFields.GetString(item, "sign"));
            if (random.Length != EnrolleeRequestIe.RandomLength || sign.Length != EnrolleeRequestIe.SignLength)
            {
                throw new ZeroConfigFormatException("random or sign has the wrong length");
            }

            int security = JsonFields.GetInt32(item, "security", EnrolleeRequestIe.SecurityPerProduct, EnrolleeRequestIe.SecurityPerManufacturer);
            int signMethod = JsonFields.GetInt32(item, "signMethod", 0, EnrolleeRequestIe.SignMethodHmacSha256);
            int timeout = JsonFields.GetInt32(item, "timeout", 1, _settings.MaxTimeoutSeconds);
            string cipherId = JsonFields.GetOptionalString(item, "cipherId", null);

            entry.ProductKey = productKey;
            entry.DeviceName = deviceName;
            Array.Copy(random, 0, entry.Random, 0, random.Length);
            Array.Copy(sign, 0, entry.Sign, 0, sign.Length);
            entry.Security = (byte)security;
            entry.SignMethod = (byte)signMethod;
            entry.CheckinTimeoutSeconds = timeout;

            // The monotonic clock restarted with the device: the session gets a fresh checkin timeout.
            entry.Deadline = _scheduler.NowMilliseconds + ((long)timeout * 1000);
            entry.CipherRequestId = cipherId;
            entry.CipherRequests = 1;
            entry.Persisted = true;
            SetState(entry, EnrolleeSessionState.CheckinEnabled);
        }
    }
}
