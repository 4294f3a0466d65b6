using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// The mesh provisioning workflow, the only place where mesh and cloud meet (DESIGN.md §3):
    /// found beacon → thing.mesh.device.found → the cloud authorizes with thing.mesh.device.provision
    /// (method and, for static OOB, the sealed value) → provision over PB-ADV or PB-GATT → store the
    /// node before the link closes → configure it → thing.mesh.device.result. thing.mesh.node.reset
    /// removes a node. Field formats: docs/cloud-protocol.md §"Mesh".
    /// </summary>
    public sealed partial class MeshProvisioningWorkflow : IProvisionerEvents
    {
        private const string Component = "mesh-flow";

        private readonly CloudLink _cloud;
        private readonly UnprovisionedDeviceTable _discovery;
        private readonly MeshProvisioner _provisioner;
        private readonly IMeshNodeRegistry _registry;
        private readonly IMeshNodeConfigurator _configurator;
        private readonly SecretEnvelope _secrets;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly Hashtable _devices = new Hashtable(); // uuid hex → MeshDeviceState
        private readonly ArrayList _awaitingCloud = new ArrayList(); // MeshDeviceState not reported yet or not answered, in the order found
        private readonly ArrayList _unsentResults = new ArrayList(); // result parameters the full outbox refused, in order
        private readonly ArrayList _unsentResultsDurable = new ArrayList();
        private readonly Action _onSweep;
        private int _sweepTimer;
        private readonly ArrayList _configurationQueue = new ArrayList(); // MeshDeviceState waiting for the window
        private int _configurationsRunning;

        public MeshProvisioningWorkflow(CloudLink cloud, UnprovisionedDeviceTable discovery, MeshProvisioner provisioner, IMeshNodeRegistry registry, IMeshNodeConfigurator configurator, SecretEnvelope secrets, IScheduler scheduler, ILog log)
        {
            if (cloud == null || discovery == null || provisioner == null || registry == null || configurator == null || secrets == null || scheduler == null || log == null)
            {
                throw new ArgumentNullException("cloud");
            }

            _cloud = cloud;
            _discovery = discovery;
            _provisioner = provisioner;
            _registry = registry;
            _configurator = configurator;
            _secrets = secrets;
            _scheduler = scheduler;
            _log = log;
            FoundReportIntervalMs = 60000;
            MaxTrackedDevices = 256;
            BeaconGraceMs = 3000;
            ProvisioningAttemptLimit = 3;
            ProvisioningRetryDelayMs = 2000;
            ConfigurationRetryCount = 3;
            ConfigurationRetryDelayMs = 5000;
            ConfigurationWindow = new CongestionWindow(1, 2, 12);
            ReportRetryIntervalMs = 1000;
            _onSweep = OnSweep;
            _discovery.DeviceFound += OnDeviceFound;
            _cloud.RegisterRequestHandler(AlinkMethods.MeshDeviceProvision, OnProvisionRequest);
            _cloud.RegisterRequestHandler(AlinkMethods.MeshNodeReset, OnNodeResetRequest);
        }

        /// <summary>
        /// Devices the workflow keeps a state for (fixed memory on the board). A new device beyond
        /// it pushes out a finished one (Done or Failed: its result is already in the outbox, the
        /// node in the database), else the one reported longest ago and still waiting for the cloud
        /// (it is reported again when heard, and an authorization for it meanwhile is kept as a new
        /// state). Devices authorized, provisioning or configuring are never pushed out: there are
        /// as many as the cloud authorized, and each ends within the retry limits.
        /// </summary>
        public int MaxTrackedDevices { get; set; }

        /// <summary>After a provisioning completes, beacons of the device this long are taken as sent before it (not as a reset).</summary>
        public long BeaconGraceMs { get; set; }

        /// <summary>Provisioning sessions per authorization when the air fails them (timeouts, lost links); then the failure is reported.</summary>
        public int ProvisioningAttemptLimit { get; set; }

        /// <summary>Pause before the second provisioning attempt; it doubles for each further one.</summary>
        public long ProvisioningRetryDelayMs { get; set; }

        /// <summary>How often a still-unprovisioned device is reported again while no authorization came.</summary>
        public long FoundReportIntervalMs { get; set; }

        /// <summary>How soon a report or result the full outbox refused is tried again.</summary>
        public long ReportRetryIntervalMs { get; set; }

        /// <summary>
        /// How often a configuration that failed in the exchange (timeout, send failed, no proxy)
        /// runs again before the failure is reported; 0 reports the first failure.
        /// </summary>
        public int ConfigurationRetryCount { get; set; }

        /// <summary>Pause before the first configuration retry; it doubles for each further one.</summary>
        public long ConfigurationRetryDelayMs { get; set; }

        /// <summary>
        /// How many node configurations run at once: it widens by one with each configured node
        /// and halves when an exchange times out or cannot be sent (floor 1, ceiling 12; replace it
        /// for other limits). Configurations beyond it wait in a queue.
        /// </summary>
        public CongestionWindow ConfigurationWindow { get; set; }

        /// <summary>Devices reported, authorized, provisioned and configured so far (for status pages and tests).</summary>
        public int ReportedCount { get; private set; }

        public int ProvisionedCount { get; private set; }

        public int ConfiguredCount { get; private set; }

        public int FailedCount { get; private set; }

        /// <summary>
        /// Resumes after a (re)boot, once the cloud link exists (its outbox is restored): nodes
        /// stored but not configured are configured now, so a power cut between the stages never
        /// leaves a node without its AppKey. A node whose success report is still in the outbox
        /// was configured just before the power went, but what it holds was not stored yet: it is
        /// configured again (every step is idempotent at the node) without a second report.
        /// </summary>
        public void Resume()
        {
            byte[][] pending = _registry.UnconfiguredNodes();
            for (int i = 0; i < pending.Length; i++)
            {
                MeshDeviceState state = StateOf(pending[i]);
                state.UnicastAddress = _registry.FindNode(pending[i]);
                Hashtable queued = _cloud.FindPendingParameters(AlinkMethods.MeshDeviceResult, "uuid", state.Key);
                state.SuccessAlreadyReported = queued != null && (queued["result"] as string) == "success";
                state.Stage = MeshDeviceStage.Configuring;
                state.ConfigurationRetries = 0;
                state.Plan = new MeshConfigurationPlan();
                StartConfiguration(state);
            }
        }

        /// <summary>The state of one device, or null when the workflow never saw it.</summary>
        public MeshDeviceState Find(byte[] uuid)
        {
            return (MeshDeviceState)_devices[Hex.Encode(uuid)];
        }

        /// <summary>Every device the workflow has seen, in no particular order (a copy: status pages, the host's device list).</summary>
        public MeshDeviceState[] Devices()
        {
            MeshDeviceState[] all = new MeshDeviceState[_devices.Count];
            int i = 0;
            foreach (object state in _devices.Values)
            {
                all[i++] = (MeshDeviceState)state;
            }

            return all;
        }

        private MeshDeviceState StateOf(byte[] uuid)
        {
            string key = Hex.Encode(uuid);
            MeshDeviceState state = (MeshDeviceState)_devices[key];
            if (state == null)
            {
                if (_devices.Count >= MaxTrackedDevices)
                {
                    MakeRoom();
                }

                byte[] copy = new byte[16];
                Array.Copy(uuid, 0, copy, 0, 16);
                state = new MeshDeviceState(copy, key);
                _devices[key] = state;
            }

            return state;
        }

        /// <summary>Forgets the finished device that ended first, else the waiting one reported first (see <see cref="MaxTrackedDevices"/>).</summary>
        private void MakeRoom()
        {
            MeshDeviceState finished = null;
            MeshDeviceState waiting = null;
            foreach (object value in _devices.Values)
            {
                MeshDeviceState s = (MeshDeviceState)value;
                if (s.Stage == MeshDeviceStage.Done || s.Stage == MeshDeviceStage.Failed)
                {
                    if (finished == null || s.EndedAtMs < finished.EndedAtMs)
                    {
                        finished = s;
                    }
                }
                else if (s.Stage == MeshDeviceStage.Seen || s.Stage == MeshDeviceStage.Reported)
                {
                    if (waiting == null || s.ReportedAtMs < waiting.ReportedAtMs)
                    {
                        waiting = s;
                    }
                }
            }

            MeshDeviceState victim = finished != null ? finished : waiting;
            if (victim != null)
            {
                _devices.Remove(victim.Key);
                ForgottenCount++;
            }
        }

        /// <summary>States pushed out by <see cref="MaxTrackedDevices"/>.</summary>
        public int ForgottenCount { get; private set; }

        /// <summary>
        /// Where every device the workflow knows stands, and whether anything can still progress
        /// (a snapshot for status pages and the CLI; a device it never saw is not counted).
        /// </summary>
        public MeshWorkflowStatus GetStatus()
        {
            MeshWorkflowStatus status = new MeshWorkflowStatus();
            foreach (object value in _devices.Values)
            {
                MeshDeviceState s = (MeshDeviceState)value;
                switch (s.Stage)
                {
                    case MeshDeviceStage.Seen:
                    case MeshDeviceStage.Reported:
                        status.WaitingForCloud++;
                        break;
                    case MeshDeviceStage.Authorized:
                        if (s.RetryPending)
                        {
                            status.RetryPending++;
                        }
                        else
                        {
                            status.WaitingToBeHeard++;
                        }

                        break;
                    case MeshDeviceStage.Provisioning:
                        if (_provisioner.IsRunning(s.Uuid))
                        {
                            status.Provisioning++;
                        }
                        else
                        {
                            status.QueuedForProvisioning++;
                        }

                        break;
                    case MeshDeviceStage.Configuring:
                        if (s.ConfigurationQueued)
                        {
                            status.QueuedForConfiguration++;
                        }
                        else
                        {
                            status.Configuring++;
                        }

                        break;
                    case MeshDeviceStage.Done:
                        status.Done++;
                        break;
                    default:
                        status.Failed++;
                        break;
                }
            }

            status.ProvisioningWindow = _provisioner.PbAdvWindow.Value;
            status.ConfigurationWindow = ConfigurationWindow.Value;
            return status;
        }

        private void OnDeviceFound(UnprovisionedDevice device, UnprovisionedDeviceChange change)
        {
            MeshDeviceState state = StateOf(device.Uuid);
            long now = _scheduler.NowMilliseconds;
            if (state.Stage == MeshDeviceStage.Provisioning
                || (state.Stage == MeshDeviceStage.Configuring && !state.ProbingUnconfirmedProvisioning && now - state.ProvisionedAtMs < BeaconGraceMs))
            {
                // A beacon sent before the device took its data (a device beacons until then, and
                // the discovery table, rotating, reports it as new again): not news.
                state.LastSeenMs = now;
                return;
            }

            if (_registry.FindNode(device.Uuid) != 0)
            {
                // An unprovisioned device cannot be a node: it was reset locally, or it never took
                // the Provisioning Data stored for it (a power cut or a lost PDU). Its record goes
                // (its addresses are retired) and the cloud decides anew.
                if (_log.IsEnabled(LogLevel.Information))
                {
                    _log.Write(LogLevel.Information, Component, "known node " + state.Key + " is unprovisioned again");
                }

                _registry.RemoveNode(device.Uuid);
                state.ConfigurationToken++;
                state.ProbingUnconfirmedProvisioning = false;
                state.UnicastAddress = 0;
                if (state.Stage == MeshDeviceStage.Configuring || state.Stage == MeshDeviceStage.Done)
                {
                    state.Stage = MeshDeviceStage.Seen;
                }
            }

            state.Bearers = device.Bearers;
            state.GattAddress = device.GattAddress;
            state.LastSeenMs = _scheduler.NowMilliseconds;
            if (state.Stage == MeshDeviceStage.Authorized)
            {
                // Authorized while out of range (or before a reboot): start now.
                StartProvisioning(state);
                return;
            }

            if (state.Stage == MeshDeviceStage.Seen || state.Stage == MeshDeviceStage.Failed
                || (state.Stage == MeshDeviceStage.Reported && _scheduler.NowMilliseconds - state.ReportedAtMs >= FoundReportIntervalMs))
            {
                ReportFound(state, device);
            }
        }

        /// <summary>
        /// Reports a found device (thing.mesh.device.found). False when the cloud link's outbox is
        /// full (a floor found at once): the device stays Seen and the sweep reports it as soon as
        /// there is room. A reported device is reported again every <see cref="FoundReportIntervalMs"/>
        /// while it is in range and no authorization came (a report or its answer may be lost),
        /// without waiting for the discovery table to see it anew.
        /// </summary>
        private bool ReportFound(MeshDeviceState state, UnprovisionedDevice device)
        {
            Hashtable p = new Hashtable();
            p["uuid"] = state.Key;
            p["oob"] = (long)device.OobInformation;
            p["bearers"] = BearerNames(device.Bearers);
            p["rssi"] = (long)device.Rssi;
            if (device.HasUriHash)
            {
                p["uriHash"] = device.UriHash.ToString("x8");
            }

            WaitForCloud(state);
            if (_cloud.Request(AlinkMethods.MeshDeviceFound, p, null, false) == null)
            {
                state.Stage = MeshDeviceStage.Seen;
                return false;
            }

            state.Stage = MeshDeviceStage.Reported;
            state.ReportedAtMs = _scheduler.NowMilliseconds;
            ReportedCount++;
            return true;
        }

        /// <summary>
        /// Sends a device result (thing.mesh.device.result); when the outbox is full it is kept,
        /// in order, and sent by the sweep as soon as there is room, so no result is dropped.
        /// </summary>
        private void SendResult(Hashtable parameters, bool durable)
        {
            if (_unsentResults.Count == 0 && _cloud.Request(AlinkMethods.MeshDeviceResult, parameters, null, durable) != null)
            {
                return;
            }

            _unsentResults.Add(parameters);
            _unsentResultsDurable.Add(durable);
            ScheduleSweep();
        }

        private void WaitForCloud(MeshDeviceState state)
        {
            if (!state.AwaitingCloud)
            {
                state.AwaitingCloud = true;
                _awaitingCloud.Add(state);
            }

            ScheduleSweep();
        }

        private void ScheduleSweep()
        {
            if (_sweepTimer == 0)
            {
                _sweepTimer = _scheduler.Schedule(ReportRetryIntervalMs, _onSweep);
            }
        }

        /// <summary>
        /// Results the outbox could not take go first, in order; then devices not reported yet
        /// (outbox full) and devices reported long ago without an answer, in the order they were
        /// found, while they are still in the discovery table. Stops at the first full outbox.
        /// </summary>
        private void OnSweep()
        {
            _sweepTimer = 0;
            while (_unsentResults.Count > 0)
            {
                if (_cloud.Request(AlinkMethods.MeshDeviceResult, (Hashtable)_unsentResults[0], null, (bool)_unsentResultsDurable[0]) == null)
                {
                    ScheduleSweep();
                    return;
                }

                _unsentResults.RemoveAt(0);
                _unsentResultsDurable.RemoveAt(0);
            }

            long now = _scheduler.NowMilliseconds;
            int i = 0;
            while (i < _awaitingCloud.Count)
            {
                MeshDeviceState state = (MeshDeviceState)_awaitingCloud[i];
                bool waiting = (state.Stage == MeshDeviceStage.Seen || state.Stage == MeshDeviceStage.Reported) && _devices[state.Key] == state;
                if (!waiting)
                {
                    state.AwaitingCloud = false;
                    _awaitingCloud.RemoveAt(i);
                    continue;
                }

                if (state.Stage == MeshDeviceStage.Seen || now - state.ReportedAtMs >= FoundReportIntervalMs)
                {
                    UnprovisionedDevice device = _discovery.Find(state.Uuid);
                    if (device != null && !ReportFound(state, device))
                    {
                        break;
                    }
                }

                i++;
            }

            if (_awaitingCloud.Count > 0 || _unsentResults.Count > 0)
            {
                ScheduleSweep();
            }
        }

        private static ArrayList BearerNames(UnprovisionedDeviceBearers bearers)
        {
            ArrayList names = new ArrayList();
            if ((bearers & UnprovisionedDeviceBearers.PbAdv) != 0)
            {
                names.Add("pb-adv");
            }

            if ((bearers & UnprovisionedDeviceBearers.PbGatt) != 0)
            {
                names.Add("pb-gatt");
            }

            return names;
        }

        private void Finish(MeshDeviceState state, bool success, string stage, int code, string reason)
        {
            state.Stage = success ? MeshDeviceStage.Done : MeshDeviceStage.Failed;
            state.FailureReason = reason;
            state.StaticOob = null;
            state.EndedAtMs = _scheduler.NowMilliseconds;
            if (!success)
            {
                // Forget the sighting, so the device's next beacon is news and it can be tried again.
                FailedCount++;
                _discovery.Remove(state.Uuid);
            }

            Hashtable p = new Hashtable();
            p["uuid"] = state.Key;
            p["result"] = success ? "success" : "failed";
            p["stage"] = stage;
            if (!success)
            {
                p["code"] = (long)code;
                p["reason"] = reason ?? "unknown";
            }

            if (state.UnicastAddress != 0)
            {
                p["unicastAddress"] = state.UnicastAddress.ToString("X4");
                p["elements"] = (long)state.ElementCount;
            }

            p["bearer"] = state.Bearer == ProvisioningBearerType.PbGatt ? "pb-gatt" : "pb-adv";
            p["durationMs"] = _scheduler.NowMilliseconds - state.StartedAtMs;

            // Durable: the outbox on storage keeps the result across a reboot or a broker outage.
            SendResult(p, true);
        }
    }
}
