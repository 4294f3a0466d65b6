using System;
using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;

namespace Gateway.Core.Orchestration
{
    /// <summary>
    /// The zero-config workflow, the only place where the registrar and the cloud meet (DESIGN.md §3):
    /// the <see cref="Registrar"/>'s found reports go out as thing.awss.enrollee.found and its key
    /// requests as thing.cipher.get (durable, in the cloud outbox); the cloud's found_reply,
    /// thing.awss.enrollee.checkin, cipher/get_reply and thing.awss.enrollee.online come back as
    /// calls on the registrar, and the registrar's answers as Alink codes. Field formats:
    /// reference/alibaba-provisioning.md §1.2, docs/cloud-protocol.md §4.
    /// </summary>
    public sealed partial class ZeroConfigWorkflow : IRegistrarAuthority
    {
        private const string Component = "zeroconf";

        private readonly CloudLink _cloud;
        private readonly Registrar _registrar;
        private readonly ILog _log;

        /// <summary>
        /// Registers the zero-config handlers on <paramref name="cloud"/>. Build it, and
        /// <see cref="Start"/> it, before <c>CloudLink.Start</c>, so replies to requests restored
        /// from the outbox find their handler.
        /// </summary>
        public ZeroConfigWorkflow(CloudLink cloud, Registrar registrar, ILog log)
        {
            if (cloud == null || registrar == null || log == null)
            {
                throw new ArgumentNullException("cloud");
            }

            _cloud = cloud;
            _registrar = registrar;
            _log = log;
            _cloud.RegisterRequestHandler(AlinkMethods.EnrolleeCheckin, OnCheckinRequest);
            _cloud.RegisterRequestHandler(AlinkMethods.EnrolleeOnline, OnOnlineRequest);
            _cloud.RegisterReplyHandler(AlinkMethods.EnrolleeFound, OnFoundResult);
            _cloud.RegisterReplyHandler(AlinkMethods.CipherGet, OnCipherResult);
        }

        /// <summary>Cloud messages of this flow that were refused as malformed (each also logged and, for a request, answered 400).</summary>
        public int MalformedMessages { get; private set; }

        /// <summary>
        /// Starts the registrar with this workflow as its authority: it restores the checked-in
        /// enrollees (their key requests from the restored outbox are waited for, not repeated) and
        /// sniffs. A start after <see cref="Stop"/> is a restart from storage.
        /// </summary>
        public void Start()
        {
            _registrar.Start(this);
        }

        /// <summary>Stops the registrar (nothing is written, as a power cut would leave it).</summary>
        public void Stop()
        {
            _registrar.Stop();
        }

        // Row 1. Not durable: after a reboot the enrollees are heard and reported again.
        string IRegistrarAuthority.ReportFound(FoundReport report)
        {
            ArrayList payload = new ArrayList();
            for (int i = 0; i < report.Count; i++)
            {
                byte[] record = report.GetRecord(i);
                payload.Add(Hex.Encode(record, 0, record.Length).ToUpper());
            }

            Hashtable parameters = new Hashtable();
            parameters.Add("awssVer", AwssVersion());
            parameters.Add("type", 0);
            parameters.Add("ssid", report.Ssid);
            parameters.Add("bssid", report.Bssid);
            parameters.Add("rssi", report.Rssi);
            parameters.Add("payload", payload);
            return _cloud.Request(AlinkMethods.EnrolleeFound, parameters, null, false);
        }

        // Row 5. Durable: a reboot keeps the request in the outbox, and the registrar's stored
        // session keeps its id to ask IsKeyRequestPending.
        string IRegistrarAuthority.RequestKey(string productKey, string deviceName, int security, byte[] random)
        {
            Hashtable parameters = new Hashtable();
            parameters.Add("awssVer", AwssVersion());
            parameters.Add("productKey", productKey);
            parameters.Add("deviceName", deviceName);
            parameters.Add("cipherType", security);
            parameters.Add("random", Hex.Encode(random).ToUpper());
            return _cloud.Request(AlinkMethods.CipherGet, parameters, null, true);
        }

        bool IRegistrarAuthority.IsKeyRequestPending(string requestId)
        {
            return _cloud.IsPending(requestId);
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

        private void Log(LogLevel level, string message)
        {
            if (_log.IsEnabled(level))
            {
                _log.Write(level, Component, message);
            }
        }
    }
}
