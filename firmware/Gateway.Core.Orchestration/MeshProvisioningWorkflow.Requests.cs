using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>Requests the cloud sends down: provision (authorization, OOB values) and node reset.</summary>
    public sealed partial class MeshProvisioningWorkflow
    {
        /// <summary>Reply codes of the mesh methods (ours, in the style of AlinkCodes).</summary>
        private const int CodeAccepted = 200;
        private const int CodeBadRequest = 400;
        private const int CodeUnknownDevice = 404;
        private const int CodeConflict = 409;
        private const int CodeTimeout = 504;

        private void OnProvisionRequest(AlinkRequest request)
        {
            Hashtable p = request.ParamsObject;
            byte[] uuid;
            if (p == null || !Hex.TryDecode(p["uuid"] as string, out uuid) || uuid.Length != 16)
            {
                _cloud.Reply(request, CodeBadRequest, Error("uuid must be 32 hex digits"));
                return;
            }

            MeshDeviceState state = Find(uuid);
            if (state == null)
            {
                _cloud.Reply(request, CodeUnknownDevice, Error("device-not-found"));
                return;
            }

            // The user's Output OOB value for a session waiting for it.
            if (p.Contains("oobValue"))
            {
                byte[] typed;
                if (state.WaitingForOutputOob == null || !_secrets.TryOpen(p["oobValue"], AlinkMethods.MeshDeviceProvision, state.Key, out typed))
                {
                    _cloud.Reply(request, CodeConflict, Error("no-output-oob-pending"));
                    return;
                }

                bool accepted = state.WaitingForOutputOob.SupplyOutputOob(System.Text.Encoding.UTF8.GetString(typed, 0, typed.Length));
                Array.Clear(typed, 0, typed.Length);
                _cloud.Reply(request, accepted ? CodeAccepted : CodeBadRequest, accepted ? new Hashtable() : Error("oob-value-does-not-fit"));
                return;
            }

            if (state.Stage == MeshDeviceStage.Provisioning || state.Stage == MeshDeviceStage.Configuring || state.Stage == MeshDeviceStage.Done || _registry.FindNode(uuid) != 0)
            {
                _cloud.Reply(request, CodeConflict, Error("already-provisioned-or-busy"));
                return;
            }

            if (!ReadAuthorization(p, state, out string problem))
            {
                _cloud.Reply(request, CodeBadRequest, Error(problem));
                return;
            }

            _cloud.Reply(request, CodeAccepted, new Hashtable());
            state.Stage = MeshDeviceStage.Authorized;
            state.ProvisioningAttempts = 0;
            state.RetryPending = false;
            if (state.AuthorizedAtMs <= 0)
            {
                state.AuthorizedAtMs = _scheduler.NowMilliseconds;
            }
            if (_scheduler.NowMilliseconds - state.LastSeenMs < FoundReportIntervalMs)
            {
                StartProvisioning(state);
            }
        }

        private bool ReadAuthorization(Hashtable p, MeshDeviceState state, out string problem)
        {
            problem = null;
            string method = p["auth"] as string ?? "any";
            state.AllowNoOob = method == "any" || method == "no-oob";
            state.AllowOutputOob = method == "any" || method == "output-oob";
            state.AllowInputOob = method == "any" || method == "input-oob";
            state.StaticOob = null;
            if (method == "static-oob" || p.Contains("staticOob"))
            {
                byte[] value;
                if (!_secrets.TryOpen(p["staticOob"], AlinkMethods.MeshDeviceProvision, state.Key, out value) || (value.Length != 16 && value.Length != 32))
                {
                    problem = "staticOob must be a sealed 16- or 32-octet value";
                    return false;
                }

                state.StaticOob = value;
            }
            else if (!state.AllowNoOob && !state.AllowOutputOob && !state.AllowInputOob)
            {
                problem = "auth must be any, no-oob, static-oob, output-oob or input-oob";
                return false;
            }

            MeshConfigurationPlan plan = new MeshConfigurationPlan();
            object appKeyIndex = p["appKeyIndex"];
            plan.AppKeyIndex = appKeyIndex is long ? (int)(long)appKeyIndex : 0;
            byte[] publish;
            if (p["publishAddress"] is string && Hex.TryDecode((string)p["publishAddress"], out publish) && publish.Length == 2)
            {
                plan.PublishAddress = (publish[0] << 8) | publish[1];
                object ttl = p["publishTtl"];
                plan.PublishTtl = ttl is long ? (int)(long)ttl : 5;
            }

            if (plan.AppKeyIndex < 0 || plan.AppKeyIndex > 0x0FFF || plan.PublishTtl < 0 || plan.PublishTtl > 127)
            {
                problem = "appKeyIndex or publishTtl out of range";
                return false;
            }

            state.Plan = plan;
            return true;
        }

        private void OnNodeResetRequest(AlinkRequest request)
        {
            Hashtable p = request.ParamsObject;
            byte[] uuid;
            if (p == null || !Hex.TryDecode(p["uuid"] as string, out uuid) || uuid.Length != 16)
            {
                _cloud.Reply(request, CodeBadRequest, Error("uuid must be 32 hex digits"));
                return;
            }

            if (_registry.FindNode(uuid) == 0)
            {
                _cloud.Reply(request, CodeUnknownDevice, Error("not-a-node"));
                return;
            }

            _configurator.Reset(uuid, (node, success, reason) =>
            {
                // Config Node Reset Status, or a node that is gone for good: either way it leaves the network.
                _registry.RemoveNode(node);
                MeshDeviceState gone = Find(node);
                if (gone != null)
                {
                    gone.ConfigurationToken++; // a configuration still running for it ends unheard
                }

                _devices.Remove(Hex.Encode(node));

                // A reset node beacons again: let discovery treat it as news, for the cloud to decide.
                _discovery.Remove(node);
                _cloud.Reply(request, success ? CodeAccepted : CodeTimeout, success ? new Hashtable() : Error(reason ?? "no-answer"));
            });
        }

        private static Hashtable Error(string reason)
        {
            Hashtable data = new Hashtable();
            data["reason"] = reason;
            return data;
        }
    }
}
