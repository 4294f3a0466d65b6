using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Gateway.Cloud.Mesh;
using Gateway.Cloud.Registry;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Cloud
{
    /// <summary>
    /// Mesh provisioning on the platform side (docs/cloud-protocol.md §"Mesh"): records found
    /// devices, applies the approval policy, authorizes with thing.mesh.device.provision (static OOB
    /// of known Genie-style products sealed for the gateway), relays Output OOB values the user typed,
    /// keeps every result, and resets nodes.
    /// </summary>
    public sealed partial class CloudEmulator
    {
        private readonly Dictionary<string, GenieMeshDevice> _meshProducts = new Dictionary<string, GenieMeshDevice>(StringComparer.Ordinal);
        private readonly Dictionary<string, MeshDeviceRecord> _meshDevices = new Dictionary<string, MeshDeviceRecord>(StringComparer.Ordinal);
        private readonly HashSet<string> _meshResultIds = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>What the user types for Output OOB (uuid hex, action, size) → value; null: nobody types.</summary>
        public Func<string, int, int, string> OutputOobResponder { get; set; }

        /// <summary>Registers a mesh device whose static OOB the platform knows.</summary>
        public void AddMeshDevice(GenieMeshDevice device)
        {
            lock (_gate)
            {
                _meshProducts[Hex.Encode(device.Uuid())] = device;
            }
        }

        /// <summary>Mesh devices whose static OOB the platform knows (added, or from the registry file's meshDevices).</summary>
        public IReadOnlyList<GenieMeshDevice> KnownMeshDevices
        {
            get
            {
                lock (_gate)
                {
                    return _meshProducts.Values.ToList();
                }
            }
        }

        public IReadOnlyList<MeshDeviceRecord> MeshDevices
        {
            get
            {
                lock (_gate)
                {
                    return _meshDevices.Values.ToList();
                }
            }
        }

        public MeshDeviceRecord FindMeshDevice(string uuidHex)
        {
            lock (_gate)
            {
                return _meshDevices.TryGetValue(uuidHex, out MeshDeviceRecord r) ? r : null;
            }
        }

        /// <summary>The operator approves a pending mesh device (manual policy).</summary>
        public bool ApproveMesh(string uuidHex)
        {
            var outbox = new Outbox();
            bool done = false;
            lock (_gate)
            {
                if (_meshDevices.TryGetValue(uuidHex, out MeshDeviceRecord record) && (record.State == MeshDeviceRecordState.Pending || record.State == MeshDeviceRecordState.Denied))
                {
                    SendProvision(outbox, record);
                    done = true;
                }
            }

            Flush(outbox);
            return done;
        }

        /// <summary>Asks the node's gateway to reset it (thing.mesh.node.reset).</summary>
        public bool ResetMeshNode(string uuidHex)
        {
            var outbox = new Outbox();
            bool done = false;
            lock (_gate)
            {
                if (_meshDevices.TryGetValue(uuidHex, out MeshDeviceRecord record))
                {
                    SendDown(outbox, record.Gateway, AlinkMethods.MeshNodeReset, new Hashtable { { "uuid", uuidHex } });
                    Record(outbox, CloudEventKind.MeshNodeResetSent, uuidHex, "to " + record.Gateway);
                    record.State = MeshDeviceRecordState.ResetRequested;
                    done = true;
                }
            }

            Flush(outbox);
            return done;
        }

        private void DispatchMesh(Outbox outbox, DeviceKey sender, string suffix, byte[] payload)
        {
            switch (suffix)
            {
                case "/thing/mesh/device/found":
                    WithRequest(outbox, sender, payload, AlinkMethods.MeshDeviceFound, r => HandleMeshFound(outbox, sender, r));
                    return;
                case "/thing/mesh/device/result":
                    WithRequest(outbox, sender, payload, AlinkMethods.MeshDeviceResult, r => HandleMeshResult(outbox, sender, r));
                    return;
                case "/thing/mesh/node/reset_reply":
                    Record(outbox, CloudEventKind.MeshResultReported, sender.ToString(), "node reset answered");
                    return;
                default:
                    return; // replies to provision requests and our own down messages
            }
        }

        private void HandleMeshFound(Outbox outbox, DeviceKey gateway, AlinkRequest request)
        {
            string uuid = JsonFields.GetString(request.ParamsObject, "uuid");
            if (!Hex.TryDecode(uuid, out byte[] bytes) || bytes.Length != 16)
            {
                ReplyTo(outbox, gateway, request, AlinkCodes.BadRequest, null, "uuid must be 32 hex digits");
                return;
            }

            uuid = uuid.ToLowerInvariant();
            ReplyTo(outbox, gateway, request, AlinkCodes.Success, new Hashtable());
            if (!_meshDevices.TryGetValue(uuid, out MeshDeviceRecord record))
            {
                record = new MeshDeviceRecord(uuid, gateway) { FoundAtMs = _clock() };
                _meshDevices[uuid] = record;
            }
            else if (record.State == MeshDeviceRecordState.Provisioned)
            {
                return; // a node that beacons again after its success: reset locally; the operator decides
            }
            else if (record.State == MeshDeviceRecordState.Authorized)
            {
                // The gateway reports only what it has no authorization for (it rebooted, or the
                // device failed and beacons again): authorize again.
                record.Gateway = gateway;
                record.Reports++;
                Record(outbox, CloudEventKind.MeshDeviceFound, uuid, "again via " + gateway + ", authorizing again");
                SendProvision(outbox, record);
                return;
            }

            record.Gateway = gateway;
            record.Reports++;
            Record(outbox, CloudEventKind.MeshDeviceFound, uuid, "via " + gateway);
            switch (Options.Policy)
            {
                case ApprovalPolicy.Auto:
                    SendProvision(outbox, record);
                    break;
                case ApprovalPolicy.Deny:
                    record.State = MeshDeviceRecordState.Denied;
                    Record(outbox, CloudEventKind.MeshDeviceDenied, uuid, "policy");
                    break;
                default:
                    record.State = MeshDeviceRecordState.Pending;
                    Record(outbox, CloudEventKind.MeshDevicePending, uuid, "waiting for the operator");
                    break;
            }
        }

        private void SendProvision(Outbox outbox, MeshDeviceRecord record)
        {
            var p = new Hashtable { { "uuid", record.Uuid }, { "appKeyIndex", 0L } };
            if (_meshProducts.TryGetValue(record.Uuid, out GenieMeshDevice product))
            {
                p["auth"] = "static-oob";
                p["staticOob"] = SealedField.Seal(GatewaySecret(record.Gateway), product.StaticOob(), AlinkMethods.MeshDeviceProvision, record.Uuid, Options.NonceSource);
            }
            else
            {
                p["auth"] = "any";
            }

            record.State = MeshDeviceRecordState.Authorized;
            record.Authorizations++;
            SendDown(outbox, record.Gateway, AlinkMethods.MeshDeviceProvision, p);
            Record(outbox, CloudEventKind.MeshProvisionSent, record.Uuid, (string)p["auth"]);
        }

        private void HandleMeshResult(Outbox outbox, DeviceKey gateway, AlinkRequest request)
        {
            Hashtable p = request.ParamsObject;
            string uuid = JsonFields.GetString(p, "uuid").ToLowerInvariant();
            string stage = JsonFields.GetString(p, "stage");
            ReplyTo(outbox, gateway, request, AlinkCodes.Success, new Hashtable());
            if (!_meshDevices.TryGetValue(uuid, out MeshDeviceRecord record))
            {
                Record(outbox, CloudEventKind.MalformedMessage, uuid, "result for a device never reported");
                return;
            }

            if (stage == "output-oob")
            {
                int action = JsonFields.GetOptionalInt32(p, "action", 0, 7, 0);
                int size = JsonFields.GetOptionalInt32(p, "size", 1, 8, 1);
                Record(outbox, CloudEventKind.MeshOobRequested, uuid, "output OOB action " + action + ", " + size + " digits");
                string typed = OutputOobResponder?.Invoke(uuid, action, size);
                if (typed != null)
                {
                    var down = new Hashtable { { "uuid", uuid }, { "oobValue", SealedField.Seal(GatewaySecret(gateway), System.Text.Encoding.UTF8.GetBytes(typed), AlinkMethods.MeshDeviceProvision, uuid, Options.NonceSource) } };
                    SendDown(outbox, gateway, AlinkMethods.MeshDeviceProvision, down);
                }

                return;
            }

            if (stage == "input-oob")
            {
                record.InputOobShown = SealedField.TryOpen(GatewaySecret(gateway), p["value"], AlinkMethods.MeshDeviceResult, uuid, out byte[] shown)
                    ? System.Text.Encoding.UTF8.GetString(shown)
                    : null;
                Record(outbox, CloudEventKind.MeshOobRequested, uuid, "input OOB value shown to the user");
                return;
            }

            // A durable request is sent again after a reboot with the same id: count it once.
            string resultKey = gateway + "/" + request.Id;
            if (!_meshResultIds.Add(resultKey))
            {
                record.DuplicateResults++;
                Record(outbox, CloudEventKind.MeshResultReported, uuid, "repeated result " + request.Id + " ignored");
                return;
            }

            string result = JsonFields.GetString(p, "result");
            record.ResultStage = stage;
            record.Reason = JsonFields.GetOptionalString(p, "reason", null);
            record.Code = JsonFields.GetOptionalInt32(p, "code", 0, 255, 0);
            record.UnicastAddress = JsonFields.GetOptionalString(p, "unicastAddress", null);
            record.Results++;
            if (result == "success")
            {
                record.SuccessResults++;
            }

            record.State = result == "success" ? MeshDeviceRecordState.Provisioned : MeshDeviceRecordState.Failed;
            Record(outbox, CloudEventKind.MeshResultReported, uuid, result + " at " + stage + (record.Reason == null ? string.Empty : ": " + record.Reason));
        }

        private void SendDown(Outbox outbox, DeviceKey gateway, string method, Hashtable parameters)
        {
            var request = new AlinkRequest(NextId(), method, parameters);
            string topic = new TopicBuilder(gateway.ProductKey, gateway.DeviceName).ForMethod(method);
            outbox.Messages.Add((topic, request.Encode(_json)));
        }

        private string GatewaySecret(DeviceKey gateway)
        {
            return _registry.FindDevice(gateway.ProductKey, gateway.DeviceName)?.DeviceSecret
                ?? throw new InvalidOperationException("gateway " + gateway + " is not in the registry");
        }
    }
}
