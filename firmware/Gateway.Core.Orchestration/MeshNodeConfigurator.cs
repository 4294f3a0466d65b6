using System;
using System.Collections;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;

namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// <see cref="IMeshNodeConfigurator"/> over a <see cref="ConfigClient"/> and the mesh database
    /// (reference/ble-mesh.md §4.5, the sequence BlueZ's cfgclient and the nRF Mesh app run):
    /// Composition Data Get (page 0) → AppKey Add (the database's key for the plan's index) →
    /// Model App Bind for every model → Model Publication Set for every bound model when the plan
    /// has a publish address → done. Each answer is recorded in the database node in memory
    /// (composition, AppKey, bindings, publication); nothing is written here. The workflow queues
    /// the result for the cloud and then marks the node configured (<see cref="IMeshNodeRegistry.MarkConfigured"/>):
    /// that is the one write of a configuration. A power cut before it loses only what memory held,
    /// and the configuration runs again after the reboot: every step is idempotent at the node (the
    /// same AppKey again is Success, MshPRT §4.4.1.2.9; a binding that exists is Success), and any
    /// other commit meanwhile stores only what the node really holds.
    /// <para>
    /// Not bound: the Configuration Server (0x0000), which uses the device key only and refuses a
    /// binding with Cannot Bind (MshPRT §4.4.1.2.6), and the Health Server (0x0002), which an AppKey
    /// would open to every application holding it (attention, fault tests) while the gateway has no
    /// Health Client to use it; Tmall Genie-style nodes are left the same way.
    /// </para>
    /// Nodes that serve the GATT Proxy (provisioned over PB-GATT: CDB features.proxy set) are
    /// reached through <see cref="IProxyConnector"/>, others over the advertising bearer; a gateway
    /// without one (stock nanoFramework) reaches every node through the proxy.
    /// Failure reasons are <c>&lt;step&gt;-&lt;status&gt;</c>: step composition, appkey-add, bind,
    /// publication, reset; status the slug of the Configuration status name (e.g.
    /// <c>appkey-add-invalid-netkey-index</c>), <c>timeout</c> or <c>send-failed</c>.
    /// </summary>
    public sealed partial class MeshNodeConfigurator : IMeshNodeConfigurator
    {
        /// <summary>SIG models left unbound (see the class remarks).</summary>
        public const int ConfigurationServerModel = 0x0000;
        public const int HealthServerModel = 0x0002;

        private const string Component = "mesh-config";

        private readonly ConfigClient _client;
        private readonly MeshDatabaseStore _store;
        private readonly IProxyConnector _proxy;
        private readonly IScheduler _scheduler;
        private readonly ILog _log;
        private readonly Hashtable _jobs = new Hashtable(); // uuid hex → Job

        /// <param name="proxy">Reaches nodes through their GATT Proxy; null when every node is reached over the advertising bearer.</param>
        /// <param name="advertisingBearer">Whether the gateway has the advertising bearer (the native radio add-on).</param>
        public MeshNodeConfigurator(ConfigClient client, MeshDatabaseStore store, IProxyConnector proxy, bool advertisingBearer, IScheduler scheduler, ILog log)
        {
            if (client == null || store == null || scheduler == null)
            {
                throw new ArgumentNullException(client == null ? "client" : store == null ? "store" : "scheduler");
            }

            if (proxy == null && !advertisingBearer)
            {
                throw new ArgumentException("a node needs a bearer: give a proxy connector or the advertising bearer", "proxy");
            }

            _client = client;
            _store = store;
            _proxy = proxy;
            HasAdvertisingBearer = advertisingBearer;
            _scheduler = scheduler;
            _log = log == null ? new NullLog() : log;
        }

        public bool HasAdvertisingBearer { get; }

        /// <summary>Configurations or resets under way.</summary>
        public int ActiveCount
        {
            get { return _jobs.Count; }
        }

        /// <summary>Whether the node is reached through its proxy rather than the advertising bearer.</summary>
        public bool UsesProxy(MeshNode node)
        {
            if (_proxy == null)
            {
                return false;
            }

            return !HasAdvertisingBearer || (node.Features != null && node.Features.Proxy != NodeFeatures.NotSupported);
        }

        public void Configure(byte[] uuid, MeshConfigurationPlan plan, NodeConfigurationDone done)
        {
            Start(uuid, plan == null ? new MeshConfigurationPlan() : plan, false, done);
        }

        public void Reset(byte[] uuid, NodeConfigurationDone done)
        {
            Start(uuid, null, true, done);
        }

        private void Start(byte[] uuid, MeshConfigurationPlan plan, bool reset, NodeConfigurationDone done)
        {
            if (uuid == null || done == null)
            {
                throw new ArgumentNullException(uuid == null ? "uuid" : "done");
            }

            MeshNode node = _store.Current == null ? null : _store.Current.FindNodeByUuid(uuid);
            if (node == null || node == _store.Current.GatewayNode)
            {
                _scheduler.Post(() => done(uuid, false, "not-a-node"));
                return;
            }

            string key = Hex.Encode(uuid);
            Job old = (Job)_jobs[key];
            if (old != null)
            {
                // A newer request for the same node (a resume, a reset) replaces the running one.
                Finish(old, false, "superseded");
            }

            Job job = new Job(uuid, key, node.UnicastAddress, plan, reset, done);
            _jobs[key] = job;
            if (UsesProxy(node))
            {
                job.HoldsProxy = true;
                _proxy.Acquire(job.Address, (connected, reason) => OnProxy(job, connected, reason));
                return;
            }

            Begin(job);
        }

        private void OnProxy(Job job, bool connected, string reason)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            if (!connected)
            {
                job.HoldsProxy = false;
                Finish(job, false, reason == null ? "proxy-failed" : reason);
                return;
            }

            Begin(job);
        }

        private void Begin(Job job)
        {
            if (job.Reset)
            {
                _client.ResetNode(job.Address, r => OnResetStatus(job, r));
                return;
            }

            _client.GetCompositionData(job.Address, 0, r => OnComposition(job, r));
        }

        private void OnResetStatus(Job job, ConfigResult result)
        {
            if (IsCurrent(job))
            {
                Finish(job, result.Outcome == ConfigOutcome.Answered, result.Outcome == ConfigOutcome.Answered ? null : Reason("reset", result));
            }
        }

        private void Finish(Job job, bool success, string reason)
        {
            if (_jobs[job.Key] == job)
            {
                _jobs.Remove(job.Key);
            }

            if (job.Ended)
            {
                return;
            }

            job.Ended = true;
            if (job.HoldsProxy)
            {
                job.HoldsProxy = false;
                _proxy.Release(job.Address);
            }

            if (!success && _log.IsEnabled(LogLevel.Information))
            {
                _log.Write(LogLevel.Information, Component, "node 0x" + job.Address.ToString("x4") + (job.Reset ? " reset" : " configuration") + " failed: " + reason);
            }

            NodeConfigurationDone done = job.Done;
            byte[] uuid = job.Uuid;
            _scheduler.Post(() => done(uuid, success, reason));
        }

        private bool IsCurrent(Job job)
        {
            return !job.Ended && _jobs[job.Key] == job;
        }

        /// <summary>The database node of the job, or null when it was removed meanwhile (a reset, an import).</summary>
        private MeshNode NodeOf(Job job)
        {
            MeshDatabase db = _store.Current;
            MeshNode node = db == null ? null : db.FindNodeByUuid(job.Uuid);
            return node != null && node.UnicastAddress == job.Address ? node : null;
        }

        /// <summary><c>step-timeout</c>, <c>step-send-failed</c>, or <c>step-</c> and the status name as a slug.</summary>
        internal static string Reason(string step, ConfigResult result)
        {
            switch (result.Outcome)
            {
                case ConfigOutcome.Timeout:
                    return step + "-timeout";
                case ConfigOutcome.SendFailed:
                    return step + "-send-failed";
                case ConfigOutcome.Cancelled:
                    return step + "-cancelled";
                default:
                    return step + "-" + Slug(ConfigStatusCodes.Name(result.Status.Status));
            }
        }

        private static string Slug(string name)
        {
            char[] chars = name.ToLower().ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == ' ')
                {
                    chars[i] = '-';
                }
            }

            return new string(chars);
        }

        private sealed class Job
        {
            public Job(byte[] uuid, string key, int address, MeshConfigurationPlan plan, bool reset, NodeConfigurationDone done)
            {
                Uuid = uuid;
                Key = key;
                Address = address;
                Plan = plan;
                Reset = reset;
                Done = done;
            }

            public byte[] Uuid { get; }

            public string Key { get; }

            public int Address { get; }

            public MeshConfigurationPlan Plan { get; }

            public bool Reset { get; }

            public NodeConfigurationDone Done { get; }

            public bool HoldsProxy { get; set; }

            public bool Ended { get; set; }

            /// <summary>Models still to bind (or to publish): element index, model id, vendor flag triples.</summary>
            public ArrayList Models { get; } = new ArrayList();

            public int Next { get; set; }
        }
    }
}
