using System;
using System.Collections;
using System.Security.Cryptography;
using Gateway.Cloud.Registry;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Cloud
{
    /// <summary>Zero-config on the platform side (reference/alibaba-provisioning.md §1.2 rows 1–6, §0.1).</summary>
    public sealed partial class CloudEmulator
    {
        // Row 1 → 2: verify every reported enrollee, answer with the ones we accept and their re-report interval.
        private void HandleFound(Outbox outbox, DeviceKey registrar, AlinkRequest request)
        {
            Hashtable parameters = request.ParamsObject;
            ArrayList payloads = JsonFields.GetArray(parameters, "payload");
            int rssi = JsonFields.GetOptionalInt32(parameters, "rssi", -128, 127, 0);
            string ssid = JsonFields.GetOptionalString(parameters, "ssid", null);
            var accepted = new ArrayList();
            foreach (object item in payloads)
            {
                EnrolleeRecord record = VerifyReport(outbox, registrar, item as string);
                if (record == null)
                {
                    continue;
                }

                record.Rssi = rssi;
                record.Ssid = ssid;
                if (record.State != EnrolleeState.Denied)
                {
                    accepted.Add(new Hashtable
                    {
                        { "productKey", record.Device.ProductKey },
                        { "deviceName", record.Device.DeviceName },
                        { "timeout", (long)Options.FoundReportIntervalSeconds },
                    });
                }
            }

            ReplyTo(outbox, registrar, request, AlinkCodes.Success, accepted);
        }

        private EnrolleeRecord VerifyReport(Outbox outbox, DeviceKey registrar, string hex)
        {
            if (hex == null || !Hex.TryDecode(hex, out byte[] bytes) || !EnrolleeReport.TryParse(bytes, out EnrolleeReport report, out string reason))
            {
                Record(outbox, CloudEventKind.EnrolleeRefused, registrar.ToString(), "malformed enrollee record");
                return null;
            }

            var device = new DeviceKey(report.ProductKey, report.DeviceName);
            ProductRecord product = _registry.FindProduct(report.ProductKey);
            DeviceRecord known = _registry.FindDevice(report.ProductKey, report.DeviceName);
            if (product == null || known == null)
            {
                Record(outbox, CloudEventKind.EnrolleeRefused, device.ToString(), product == null ? "unknown product" : "unknown device");
                return null;
            }

            // §1.1: security 3 signs with the ProductSecret, 4 with the DeviceSecret; 5 (manufacturer) has no secret here.
            string secret = report.Security == 3 ? product.ProductSecret : report.Security == 4 ? known.DeviceSecret : null;
            if (secret == null || report.SignMethod != 0)
            {
                Record(outbox, CloudEventKind.EnrolleeRefused, device.ToString(), "unsupported security " + report.Security + " / sign method " + report.SignMethod);
                return null;
            }

            byte[] expected = EnrolleeReport.ComputeSign(secret, report.Random, report.DeviceName, report.ProductKey);
            if (!CryptographicOperations.FixedTimeEquals(expected, report.Sign))
            {
                Record(outbox, CloudEventKind.EnrolleeRefused, device.ToString(), "signature does not verify (forged or wrong secret)");
                return null;
            }

            string random = Convert.ToHexString(report.Random);
            bool fresh = !_enrollees.TryGetValue(device, out EnrolleeRecord record);
            if (fresh)
            {
                record = new EnrolleeRecord(device);
                _enrollees[device] = record;
            }
            else if (record.Random != random && record.State != EnrolleeState.Pending && record.State != EnrolleeState.Denied)
            {
                // A new random is a new provisioning session (the device restarted AWSS): decide again.
                fresh = true;
            }

            record.Registrar = registrar;
            record.Random = random;
            record.Security = report.Security;
            record.FoundReports++;
            Record(outbox, CloudEventKind.EnrolleeFound, record.Id, "via " + registrar);
            if (fresh)
            {
                record.State = EnrolleeState.Found;
                ApplyPolicy(outbox, record);
            }
            else if (record.State == EnrolleeState.Approved)
            {
                SendCheckin(outbox, record); // the registrar reports again: our checkin may have been lost
            }

            return record;
        }

        private void ApplyPolicy(Outbox outbox, EnrolleeRecord record)
        {
            switch (Options.Policy)
            {
                case ApprovalPolicy.Auto:
                    Record(outbox, CloudEventKind.EnrolleeApproved, record.Id, "policy auto");
                    SendCheckin(outbox, record);
                    break;
                case ApprovalPolicy.Deny:
                    record.State = EnrolleeState.Denied;
                    Record(outbox, CloudEventKind.EnrolleeDenied, record.Id, "policy deny");
                    break;
                default:
                    record.State = EnrolleeState.Pending;
                    Record(outbox, CloudEventKind.EnrolleePending, record.Id, "waiting for the operator");
                    break;
            }
        }

        // Row 3: the user approved; tell the registrar to push credentials to this enrollee.
        private void SendCheckin(Outbox outbox, EnrolleeRecord record)
        {
            var request = new AlinkRequest(NextId(), AlinkMethods.EnrolleeCheckin, new Hashtable
            {
                { "productKey", record.Device.ProductKey },
                { "deviceName", record.Device.DeviceName },
                { "timeout", (long)Options.CheckinTimeoutSeconds },
            });
            record.State = EnrolleeState.Approved;
            record.CheckinId = request.Id;
            record.CheckinsSent++;
            string topic = new TopicBuilder(record.Registrar.ProductKey, record.Registrar.DeviceName).ForMethod(AlinkMethods.EnrolleeCheckin);
            outbox.Messages.Add((topic, request.Encode(_json)));
            Record(outbox, CloudEventKind.CheckinSent, record.Id, "to " + record.Registrar + " id " + request.Id);
        }

        // Row 4.
        private void HandleCheckinReply(Outbox outbox, DeviceKey registrar, byte[] payload)
        {
            AlinkReply reply;
            try
            {
                reply = AlinkReply.Decode(_json, payload, 0, payload.Length);
            }
            catch (ProtocolFormatException e)
            {
                Record(outbox, CloudEventKind.MalformedMessage, registrar + " checkin_reply", e.Message);
                return;
            }

            foreach (EnrolleeRecord record in _enrollees.Values)
            {
                if (record.CheckinId == reply.Id && record.Registrar == registrar)
                {
                    if (reply.IsSuccess && record.State == EnrolleeState.Approved)
                    {
                        record.State = EnrolleeState.CheckinAcknowledged;
                    }

                    Record(outbox, CloudEventKind.CheckinAcknowledged, record.Id, "code " + reply.Code);
                    return;
                }
            }
        }

        // Row 5 → 6: the session key, only for the registrar of an approved enrollee with the reported random.
        private void HandleCipherGet(Outbox outbox, DeviceKey registrar, AlinkRequest request)
        {
            Hashtable parameters = request.ParamsObject;
            string productKey = JsonFields.GetString(parameters, "productKey");
            string deviceName = JsonFields.GetString(parameters, "deviceName");
            string randomHex = JsonFields.GetString(parameters, "random");
            int cipherType = JsonFields.GetInt32(parameters, "cipherType", 0, 255);
            var device = new DeviceKey(productKey, deviceName);
            int code = AlinkCodes.Success;
            string refusal = null;
            if (!_enrollees.TryGetValue(device, out EnrolleeRecord record))
            {
                code = AlinkCodes.NotFound;
                refusal = "no such enrollee was reported";
            }
            else if (record.Registrar != registrar)
            {
                code = AlinkCodes.Forbidden;
                refusal = "not the registrar of this enrollee";
            }
            else if (record.State != EnrolleeState.Approved && record.State != EnrolleeState.CheckinAcknowledged && record.State != EnrolleeState.KeyIssued)
            {
                code = AlinkCodes.Forbidden;
                refusal = "enrollee is not approved";
            }
            else if (!Hex.TryDecode(randomHex, out byte[] random) || random.Length != EnrolleeReport.RandomLength || !string.Equals(Convert.ToHexString(random), record.Random, StringComparison.Ordinal))
            {
                code = AlinkCodes.InvalidParameter;
                refusal = "random does not match the reported one";
            }
            else if (cipherType != record.Security)
            {
                code = AlinkCodes.InvalidParameter;
                refusal = "cipherType does not match the reported security";
            }

            if (code != AlinkCodes.Success)
            {
                Record(outbox, CloudEventKind.CipherRefused, device.ToString(), refusal);
                ReplyTo(outbox, registrar, request, code, null, refusal);
                return;
            }

            ProductRecord product = _registry.FindProduct(productKey);
            DeviceRecord known = _registry.FindDevice(productKey, deviceName);
            string secret = record.Security == 3 ? product.ProductSecret : known.DeviceSecret;
            byte[] key = EnrolleeReport.DeriveCipherKey(secret, Hex.Decode(randomHex));
            record.State = EnrolleeState.KeyIssued;
            record.KeysIssued++;
            Record(outbox, CloudEventKind.CipherIssued, record.Id, "to " + registrar);
            ReplyTo(outbox, registrar, request, AlinkCodes.Success, new Hashtable
            {
                { "productKey", productKey },
                { "deviceName", deviceName },
                { "secret", Convert.ToHexString(key) },
            });
        }

        // §0.1: the new device, signed in as itself, reports its bind token.
        private void HandleMatch(Outbox outbox, DeviceKey enrollee, AlinkRequest request)
        {
            string token = JsonFields.GetString(request.ParamsObject, "token");
            if (!Hex.TryDecode(token, out byte[] tokenBytes) || tokenBytes.Length != 16)
            {
                throw new JsonFormatException("field 'token' must be 32 hex digits");
            }

            if (!_enrollees.TryGetValue(enrollee, out EnrolleeRecord record))
            {
                record = new EnrolleeRecord(enrollee);
                _enrollees[enrollee] = record;
            }

            bool first = record.State != EnrolleeState.Matched;
            record.Token = Convert.ToHexString(tokenBytes);
            record.State = EnrolleeState.Matched;
            record.MatchReports++;
            Record(outbox, CloudEventKind.MatchReported, record.Id, null);
            ReplyTo(outbox, enrollee, request, AlinkCodes.Success, null);
            if (first && Options.NotifyRegistrarOnMatch && record.Registrar.ProductKey != null)
            {
                SendOnline(outbox, record);
            }
        }

        // (ours) thing.awss.enrollee.online: tell the registrar that its enrollee is online, so it stops pushing.
        private void SendOnline(Outbox outbox, EnrolleeRecord record)
        {
            var request = new AlinkRequest(NextId(), AlinkMethods.EnrolleeOnline, new Hashtable
            {
                { "productKey", record.Device.ProductKey },
                { "deviceName", record.Device.DeviceName },
            });
            string topic = new TopicBuilder(record.Registrar.ProductKey, record.Registrar.DeviceName).ForMethod(AlinkMethods.EnrolleeOnline);
            outbox.Messages.Add((topic, request.Encode(_json)));
            Record(outbox, CloudEventKind.OnlineSent, record.Id, "to " + record.Registrar + " id " + request.Id);
        }
    }
}
