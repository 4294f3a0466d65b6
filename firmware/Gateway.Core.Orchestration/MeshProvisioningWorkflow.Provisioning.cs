using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>Provisioning sessions and the configuration that follows them.</summary>
    public sealed partial class MeshProvisioningWorkflow
    {
        private void StartProvisioning(MeshDeviceState state)
        {
            if (_provisioner.IsBusyWith(state.Uuid))
            {
                return;
            }

            bool adv = (state.Bearers & UnprovisionedDeviceBearers.PbAdv) != 0 && _provisioner.MaxPbAdvSessions > 0;
            bool gatt = (state.Bearers & UnprovisionedDeviceBearers.PbGatt) != 0 && _provisioner.MaxPbGattSessions > 0;
            if (!adv && !gatt)
            {
                Finish(state, false, "provisioning", 0, "no-usable-bearer");
                return;
            }

            ProvisioningRequest request = new ProvisioningRequest(_registry.NetKey, _registry.NetKeyIndex, _registry.IvIndex);
            request.StaticOob = state.StaticOob;
            request.AllowNoOob = state.AllowNoOob;
            request.AllowOutputOob = state.AllowOutputOob;
            request.AllowInputOob = state.AllowInputOob;
            state.Stage = MeshDeviceStage.Provisioning;
            state.RetryPending = false;
            state.ProvisioningAttempts++;
            if (state.ProvisioningAttempts == 1)
            {
                state.StartedAtMs = _scheduler.NowMilliseconds;
            }

            state.Bearer = adv ? ProvisioningBearerType.PbAdv : ProvisioningBearerType.PbGatt;
            _provisioner.Enqueue(new ProvisioningJob(state.Uuid, state.Bearer, state.GattAddress, request, this));
        }

        bool IProvisionerEvents.TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
        {
            return _registry.TryAllocateAddresses(session.DeviceUuid, elementCount, out unicastAddress);
        }

        void IProvisionerEvents.OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
        {
            // The app user reads the value off the device; it arrives as a provision request with "oobValue".
            MeshDeviceState state = StateOf(session.DeviceUuid);
            state.WaitingForOutputOob = session;
            Hashtable p = new Hashtable();
            p["uuid"] = state.Key;
            p["stage"] = "output-oob";
            p["action"] = (long)action;
            p["size"] = (long)size;
            SendResult(p, false);
        }

        void IProvisionerEvents.OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
        {
            MeshDeviceState state = StateOf(session.DeviceUuid);
            Hashtable p = new Hashtable();
            p["uuid"] = state.Key;
            p["stage"] = "input-oob";
            p["action"] = (long)action;
            p["value"] = _secrets.Seal(System.Text.Encoding.UTF8.GetBytes(value), AlinkMethods.MeshDeviceResult, state.Key);
            SendResult(p, false);
        }

        bool IProvisionerEvents.OnSendingProvisioningData(ProvisionerSession session)
        {
            // Write-ahead: the node (addresses, DeviceKey) is stored before its addresses leave, so
            // no power cut can hand them out twice or lose the key of a node that took them.
            MeshDeviceState state = StateOf(session.DeviceUuid);
            bool secure = session.StartParameters.AuthenticationMethod != AuthenticationMethod.NoOob;
            if (!_registry.AddNode(session.DeviceUuid, session.UnicastAddress, session.NumberOfElements, session.DeviceKey, secure, state.Bearer == ProvisioningBearerType.PbGatt))
            {
                return false;
            }

            state.UnicastAddress = session.UnicastAddress;
            state.ElementCount = session.NumberOfElements;
            return true;
        }

        void IProvisionerEvents.OnProvisioned(ProvisionerSession session)
        {
            ProvisionedCount++;
        }

        void IProvisionerEvents.OnEnded(ProvisionerSession session)
        {
            MeshDeviceState state = StateOf(session.DeviceUuid);
            state.WaitingForOutputOob = null;
            if (session.Outcome == ProvisioningOutcome.Success)
            {
                // A node beacons no more: its discovery row goes now, for a device not seen yet.
                _discovery.Remove(state.Uuid);
                state.ProvisionedAtMs = _scheduler.NowMilliseconds;
                state.Stage = MeshDeviceStage.Configuring;
                state.ConfigurationRetries = 0;
                _scheduler.Post(() => StartConfiguration(state));
                return;
            }

            if (_registry.FindNode(state.Uuid) != 0)
            {
                // The data went out but no Complete came back: the device may be a node now. Try to
                // configure it; if it is not, it beacons again and OnDeviceFound drops the record.
                state.Stage = MeshDeviceStage.Configuring;
                state.ProbingUnconfirmedProvisioning = true;
                state.FailedCode = (int)session.ErrorCode;
                state.FailedDetail = session.FailureDetail;
                _discovery.Remove(state.Uuid);
                _scheduler.Post(() => StartConfiguration(state));
                return;
            }

            string reason = (state.Bearer == ProvisioningBearerType.PbGatt ? "pb-gatt " : "pb-adv ") + (session.FailureDetail ?? "failed");
            bool transient = session.Outcome == ProvisioningOutcome.Timeout || session.Outcome == ProvisioningOutcome.LinkLost;
            if (transient && state.ProvisioningAttempts < ProvisioningAttemptLimit)
            {
                // The air failed, not the device: try again after a pause that doubles each time
                // (and lets the air drain), without asking the cloud again.
                long delay = ProvisioningRetryDelayMs << (state.ProvisioningAttempts - 1);
                state.Stage = MeshDeviceStage.Authorized;
                state.RetryPending = true;
                state.FailureReason = reason;
                if (_log.IsEnabled(LogLevel.Information))
                {
                    _log.Write(LogLevel.Information, Component, "provisioning of " + state.Key + " failed (" + reason + "), attempt "
                        + state.ProvisioningAttempts.ToString() + ", again in " + delay.ToString() + " ms");
                }

                _scheduler.Schedule(delay, () =>
                {
                    if (state.RetryPending && state.Stage == MeshDeviceStage.Authorized)
                    {
                        StartProvisioning(state);
                    }
                });
                return;
            }

            Finish(state, false, "provisioning", (int)session.ErrorCode, reason + " after " + state.ProvisioningAttempts.ToString() + (state.ProvisioningAttempts == 1 ? " attempt" : " attempts"));
        }

        /// <summary>
        /// Starts the node's configuration when <see cref="ConfigurationWindow"/> has room, else
        /// queues it (first come, first served) until a running one ends.
        /// </summary>
        private void StartConfiguration(MeshDeviceState state)
        {
            if (state.Stage != MeshDeviceStage.Configuring || state.ConfigurationQueued)
            {
                return;
            }

            if (_configurationsRunning >= ConfigurationWindow.Value)
            {
                state.ConfigurationQueued = true;
                _configurationQueue.Add(state);
                return;
            }

            RunConfiguration(state);
        }

        private void RunConfiguration(MeshDeviceState state)
        {
            int token = ++state.ConfigurationToken;
            _configurationsRunning++;
            _configurator.Configure(state.Uuid, state.Plan ?? new MeshConfigurationPlan(), (uuid, success, reason) =>
            {
                // Every Configure answers exactly once: the window's place is given back here.
                _configurationsRunning--;
                OnConfigured(state, token, success, reason);
                PumpConfigurations();
            });
        }

        private void PumpConfigurations()
        {
            while (_configurationQueue.Count > 0 && _configurationsRunning < ConfigurationWindow.Value)
            {
                MeshDeviceState next = (MeshDeviceState)_configurationQueue[0];
                _configurationQueue.RemoveAt(0);
                next.ConfigurationQueued = false;
                if (next.Stage == MeshDeviceStage.Configuring)
                {
                    RunConfiguration(next);
                }
            }
        }

        private void OnConfigured(MeshDeviceState state, int token, bool success, string reason)
        {
            if (token != state.ConfigurationToken || state.Stage != MeshDeviceStage.Configuring)
            {
                return; // abandoned: the device showed up unprovisioned meanwhile
            }

            if (success)
            {
                ConfigurationWindow.OnSuccess();
            }
            else if (IsTransientConfigurationFailure(reason))
            {
                ConfigurationWindow.OnFailure(_scheduler.NowMilliseconds);
            }

            bool probing = state.ProbingUnconfirmedProvisioning;
            state.ProbingUnconfirmedProvisioning = false;
            if (success)
            {
                // The durable report first, then the mark: a cut between the two leaves the report
                // in the outbox, and Resume() sees it and does not report a second time.
                ConfiguredCount++;
                if (state.SuccessAlreadyReported)
                {
                    state.SuccessAlreadyReported = false;
                    state.Stage = MeshDeviceStage.Done;
                    state.EndedAtMs = _scheduler.NowMilliseconds;
                }
                else
                {
                    Finish(state, true, "configuration", 0, null);
                }

                _registry.MarkConfigured(state.Uuid);
                return;
            }

            state.SuccessAlreadyReported = false;

            if (probing)
            {
                // Neither a Complete nor an answer: the provisioning failed after all.
                _registry.RemoveNode(state.Uuid);
                state.UnicastAddress = 0;
                Finish(state, false, "provisioning", state.FailedCode, state.FailedDetail);
                return;
            }

            if (IsTransientConfigurationFailure(reason) && state.ConfigurationRetries < ConfigurationRetryCount)
            {
                // The node took its provisioning and only the exchange failed (a busy advertiser,
                // a node slow to answer, a proxy that did not connect): a node without its AppKey
                // is useless, and it will not beacon again to be tried anew, so the whole
                // configuration runs again (every step is idempotent at the node) after a pause
                // that doubles each time, which also lets a congested bearer drain.
                long delay = ConfigurationRetryDelayMs << state.ConfigurationRetries;
                state.ConfigurationRetries++;
                int waiting = state.ConfigurationToken;
                if (_log.IsEnabled(LogLevel.Information))
                {
                    _log.Write(LogLevel.Information, Component, "configuration of " + state.Key + " failed (" + reason + "), retry "
                        + state.ConfigurationRetries.ToString() + " in " + delay.ToString() + " ms");
                }

                _scheduler.Schedule(delay, () =>
                {
                    // Dropped when the device turned up unprovisioned (or a resume took over) meanwhile.
                    if (state.ConfigurationToken == waiting)
                    {
                        StartConfiguration(state);
                    }
                });
                return;
            }

            Finish(state, false, "configuration", 0, IsTransientConfigurationFailure(reason)
                ? reason + " after " + (state.ConfigurationRetries + 1).ToString() + " attempts"
                : reason);
        }

        /// <summary>
        /// Failures of the exchange rather than answers of the node: no status in time, the
        /// transport gave up, a cancelled request, no proxy connection. A node that answers with
        /// an error status (or a composition the database refuses) would answer the same again.
        /// </summary>
        internal static bool IsTransientConfigurationFailure(string reason)
        {
            if (reason == null)
            {
                return false;
            }

            return EndsWith(reason, "-timeout") || EndsWith(reason, "-send-failed") || EndsWith(reason, "-cancelled")
                || reason == "proxy-failed";
        }

        private static bool EndsWith(string text, string suffix)
        {
            return text.Length >= suffix.Length && text.Substring(text.Length - suffix.Length) == suffix;
        }
    }
}
