using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Gateway.Host.Crypto;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>
    /// The registrar alone, without any cloud (reference/alibaba-provisioning.md §1.2, §1.3): a
    /// scripted <see cref="IRegistrarAuthority"/> stands where the zero-config workflow and the
    /// cloud stand in the gateway, so each step of the seam is driven and seen directly.
    /// </summary>
    public class RegistrarAuthorityTests
    {
        private const string Pk = "a1LampPk001";
        private const string Dn = "lamp-01";
        private const string Password = "Tr0ub4dor&3-home-passphrase";
        private static readonly byte[] Bssid = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
        private static readonly byte[] Key = Enumerable.Range(0x40, 16).Select(b => (byte)b).ToArray();

        [Fact]
        public void Section1_2_AWholeSessionDrivenByAnAuthorityWithoutACloud()
        {
            var rig = new Rig();
            byte[] random = Random(1);
            byte[] sign = Sign(1);
            byte[] element = AwssEnrolleeCodec.BuildRequestElement(Pk, Dn, random, 3, sign);
            rig.Hear(element, -47);
            Assert.Equal(EnrolleeSessionState.InQueue, rig.Registrar.GetState(Pk, Dn));

            // Row 1: the report carries the record (the element without header, version and frame_type) and the home network.
            rig.Scheduler.Advance(200);
            FoundReport report = Assert.Single(rig.Authority.Reports);
            Assert.Equal("HomeNet", report.Ssid);
            Assert.Equal("02:11:22:33:44:55", report.Bssid);
            Assert.Equal(-47, report.Rssi);
            Assert.Equal(1, report.Count);
            Assert.Equal(ExpectedRecord(element), report.GetRecord(0));
            Assert.Equal(EnrolleeSessionState.Found, rig.Registrar.GetState(Pk, Dn));

            // Row 2, rows 3–4: accepted, then checked in; the answer comes before the key request it leads to.
            Assert.True(rig.Registrar.FoundAccepted(Pk, Dn, 120));
            rig.Registrar.FoundAnswered("report-1");
            Assert.Equal(0, rig.EventCount(RegistrarEventKind.NotAccepted));
            CheckinResult result = rig.Registrar.Checkin(Pk, Dn, 30, r => rig.Authority.Calls.Add("answer " + r));
            Assert.Equal(CheckinResult.Accepted, result);
            Assert.Equal(new[] { "report", "answer Accepted", "key " + Pk + "/" + Dn }, rig.Authority.Calls);

            // Row 5: the key request names the session.
            KeyRequest request = Assert.Single(rig.Authority.KeyRequests);
            Assert.Equal(3, request.Security);
            Assert.Equal(random, request.Random);
            Assert.True(rig.Registrar.IsAwaitingKey(Pk, Dn, random));
            Assert.Empty(rig.Radio.Sent);

            // Row 6 and §1.3: the key turns into a 0xAB element the enrollee decrypts, sent every 234 ms.
            Assert.True(rig.Registrar.SupplyKey(Pk, Dn, random, (byte[])Key.Clone()));
            Assert.Equal(EnrolleeSessionState.CheckinOngoing, rig.Registrar.GetState(Pk, Dn));
            rig.Scheduler.Advance(1_000);
            Assert.InRange(rig.Radio.Sent.Count, 4, 6);
            Assert.Null(AwssEnrolleeCodec.TryReadResponse(rig.Radio.Sent[0], sign, out byte[] ssid, out byte[] encrypted, out byte[] bssid));
            Assert.Equal("HomeNet", Encoding.UTF8.GetString(ssid));
            Assert.Equal(Bssid, bssid);
            Assert.Equal(Password, Encoding.UTF8.GetString(AwssEnrolleeCodec.Cfb128(Key, random, encrypted, false)));

            // §0.1: the enrollee's LAN notice ends the push.
            byte[] notice = Encoding.UTF8.GetBytes("{\"id\":1,\"method\":\"device.info.notify\",\"params\":{\"productKey\":\"" + Pk + "\",\"deviceName\":\"" + Dn + "\"}}");
            Assert.True(rig.Registrar.OnLanNotice(notice, 0, notice.Length));
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
            int sent = rig.Radio.Sent.Count;
            rig.Scheduler.Advance(2_000);
            Assert.Equal(sent, rig.Radio.Sent.Count);
            Assert.Equal(new[] { RegistrarEventKind.Heard, RegistrarEventKind.Reported, RegistrarEventKind.CheckedIn, RegistrarEventKind.KeyReceived, RegistrarEventKind.PushStarted, RegistrarEventKind.Online }, rig.Events);
        }

        [Fact]
        public void Section1_2_OnlyAReportedEnrolleeIsCheckedInAndOnlyOnce()
        {
            var rig = new Rig();
            Assert.Equal(CheckinResult.NotReported, rig.Registrar.Checkin(Pk, "lamp-77", 60, null));

            rig.Hear(AwssEnrolleeCodec.BuildRequestElement(Pk, Dn, Random(1), 3, Sign(1)), -50);
            Assert.Equal(CheckinResult.NotReported, rig.Registrar.Checkin(Pk, Dn, 60, null)); // heard, not reported yet
            rig.Scheduler.Advance(200);

            var answers = new List<CheckinResult>();
            Assert.Equal(CheckinResult.Accepted, rig.Registrar.Checkin(Pk, Dn, 60, answers.Add));
            Assert.Equal(CheckinResult.Repeated, rig.Registrar.Checkin(Pk, Dn, 60, answers.Add));
            Assert.Equal(new[] { CheckinResult.Accepted, CheckinResult.Repeated }, answers);
            Assert.Single(rig.Authority.KeyRequests);
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.CheckedIn));
        }

        [Fact]
        public void Section1_2_AnEnrolleeLeftOutOfTheAnswerIsNotAcceptedAndEvictedAfterTheInterval()
        {
            var rig = new Rig();
            rig.Hear(AwssEnrolleeCodec.BuildRequestElement(Pk, Dn, Random(1), 3, Sign(1)), -50);
            rig.Scheduler.Advance(200);
            rig.Registrar.FoundAnswered("report-2"); // another report: nothing happens
            Assert.Equal(0, rig.EventCount(RegistrarEventKind.NotAccepted));
            rig.Registrar.FoundAnswered("report-1");
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.NotAccepted));

            rig.Scheduler.Advance(59_000);
            Assert.Equal(EnrolleeSessionState.Found, rig.Registrar.GetState(Pk, Dn));
            rig.Scheduler.Advance(2_000);
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.Evicted));
            Assert.False(rig.Registrar.FoundAccepted(Pk, Dn, 60));
        }

        [Fact]
        public void AKeyForAnotherSessionOrAnotherEnrolleeIsNotTaken()
        {
            var rig = new Rig();
            byte[] random = rig.CheckIn(Pk, Dn, 1);
            Assert.False(rig.Registrar.IsAwaitingKey(Pk, Dn, Random(2)));
            Assert.False(rig.Registrar.SupplyKey(Pk, Dn, Random(2), (byte[])Key.Clone()));
            Assert.False(rig.Registrar.SupplyKey(Pk, "lamp-02", random, (byte[])Key.Clone()));
            Assert.False(rig.Registrar.KeyRefused(Pk, Dn, new byte[3]));
            Assert.Throws<ArgumentException>(() => rig.Registrar.SupplyKey(Pk, Dn, random, new byte[15]));
            rig.Scheduler.Advance(1_000);
            Assert.Equal(EnrolleeSessionState.CheckinEnabled, rig.Registrar.GetState(Pk, Dn));
            Assert.Empty(rig.Radio.Sent);
        }

        [Fact]
        public void AKeyThatDoesNotComeIsAskedForAgainUpToTheLimit()
        {
            var rig = new Rig();
            byte[] random = rig.CheckIn(Pk, Dn, 1);
            for (int i = 1; i < 3; i++)
            {
                Assert.True(rig.Registrar.KeyNotReceived(Pk, Dn, random));
                rig.Scheduler.Advance(1_900);
                Assert.Equal(i, rig.Authority.KeyRequests.Count);
                rig.Scheduler.Advance(200);
                Assert.Equal(i + 1, rig.Authority.KeyRequests.Count);
            }

            Assert.True(rig.Registrar.KeyNotReceived(Pk, Dn, random));
            rig.Scheduler.Advance(2_100);
            Assert.Equal(3, rig.Authority.KeyRequests.Count);
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.TimedOut));
        }

        [Fact]
        public void ARefusedKeyFreesTheSlotAndForgetsTheStoredSession()
        {
            var rig = new Rig();
            byte[] random = rig.CheckIn(Pk, Dn, 1);
            Assert.Contains(Dn, rig.StoredState());
            Assert.True(rig.Registrar.KeyRefused(Pk, Dn, random));
            Assert.Equal(EnrolleeSessionState.Free, rig.Registrar.GetState(Pk, Dn));
            Assert.Equal(1, rig.EventCount(RegistrarEventKind.Refused));
            Assert.DoesNotContain(Dn, rig.StoredState());
        }

        [Fact]
        public void AnAuthorityThatCannotSendNowIsOfferedTheReportAndTheKeyRequestAgain()
        {
            var rig = new Rig();
            rig.Authority.RefuseNext = 1;
            rig.Hear(AwssEnrolleeCodec.BuildRequestElement(Pk, Dn, Random(1), 3, Sign(1)), -50);
            rig.Scheduler.Advance(200);
            Assert.Empty(rig.Authority.Reports);
            Assert.Equal(EnrolleeSessionState.InQueue, rig.Registrar.GetState(Pk, Dn));
            rig.Scheduler.Advance(2_000);
            Assert.Single(rig.Authority.Reports);

            rig.Authority.RefuseNext = 1;
            Assert.Equal(CheckinResult.Accepted, rig.Registrar.Checkin(Pk, Dn, 60, null));
            Assert.Empty(rig.Authority.KeyRequests);
            rig.Scheduler.Advance(2_100);
            Assert.Single(rig.Authority.KeyRequests);
            Assert.Equal(2, rig.Authority.Refused);
        }

        [Fact]
        public void ARestartAsksTheAuthorityWhetherTheStoredKeyRequestIsStillOnItsWay()
        {
            foreach (bool pending in new[] { true, false })
            {
                var rig = new Rig();
                byte[] random = rig.CheckIn(Pk, Dn, 1);
                string id = rig.Authority.KeyRequests[0].Id;
                Assert.Contains("\"cipherId\":\"" + id + "\"", rig.StoredState());
                rig.Registrar.Stop();

                // A reboot: a new registrar on the same flash, a new authority that may still hold the request.
                var after = new Rig(rig.Storage, rig.Scheduler);
                if (pending)
                {
                    after.Authority.Pending.Add(id);
                }

                after.Registrar.Start(after.Authority);
                Assert.Equal(EnrolleeSessionState.CheckinEnabled, after.Registrar.GetState(Pk, Dn));
                Assert.Equal(new[] { id }, after.Authority.PendingAsked);
                Assert.Equal(pending ? 0 : 1, after.Authority.KeyRequests.Count);
                Assert.True(after.Registrar.SupplyKey(Pk, Dn, random, (byte[])Key.Clone()));
                Assert.Equal(EnrolleeSessionState.CheckinOngoing, after.Registrar.GetState(Pk, Dn));
            }
        }

        private static byte[] Random(int seed) => Enumerable.Range(seed * 16, 16).Select(b => (byte)b).ToArray();

        private static byte[] Sign(int seed) => Enumerable.Range(seed * 20, 20).Select(b => (byte)(b ^ 0x5A)).ToArray();

        /// <summary>dn_len ‖ DN ‖ pk_len ‖ PK ‖ rand_len ‖ random ‖ security ‖ sign_method ‖ sign_len ‖ sign: the element from octet 7, without frame_type.</summary>
        private static byte[] ExpectedRecord(byte[] element)
        {
            int dnLength = element[7];
            return element.Skip(7).Take(1 + dnLength).Concat(element.Skip(7 + 1 + dnLength + 1)).ToArray();
        }

        internal sealed record KeyRequest(string Id, string ProductKey, string DeviceName, int Security, byte[] Random);

        /// <summary>An authority that records what the registrar asks and answers nothing by itself.</summary>
        internal sealed class ScriptedAuthority : IRegistrarAuthority
        {
            private int _next;

            public List<FoundReport> Reports { get; } = new List<FoundReport>();

            public List<KeyRequest> KeyRequests { get; } = new List<KeyRequest>();

            /// <summary>"report", "key pk/dn" in call order (tests add their own entries).</summary>
            public List<string> Calls { get; } = new List<string>();

            public HashSet<string> Pending { get; } = new HashSet<string>();

            public List<string> PendingAsked { get; } = new List<string>();

            /// <summary>Calls to answer with null ("cannot send now") before answering again.</summary>
            public int RefuseNext { get; set; }

            public int Refused { get; private set; }

            public string ReportFound(FoundReport report)
            {
                if (Refuse())
                {
                    return null;
                }

                Reports.Add(report);
                Calls.Add("report");
                return "report-" + Reports.Count;
            }

            public string RequestKey(string productKey, string deviceName, int security, byte[] random)
            {
                if (Refuse())
                {
                    return null;
                }

                var request = new KeyRequest("key-" + ++_next, productKey, deviceName, security, random);
                KeyRequests.Add(request);
                Calls.Add("key " + productKey + "/" + deviceName);
                return request.Id;
            }

            public bool IsKeyRequestPending(string requestId)
            {
                PendingAsked.Add(requestId);
                return Pending.Contains(requestId);
            }

            private bool Refuse()
            {
                if (RefuseNext == 0)
                {
                    return false;
                }

                RefuseNext--;
                Refused++;
                return true;
            }
        }

        private sealed class Rig
        {
            public Rig(MemoryStorage storage = null, VirtualTimeScheduler scheduler = null)
            {
                Storage = storage ?? new MemoryStorage();
                Scheduler = scheduler ?? new VirtualTimeScheduler();
                Registrar = new Registrar(Radio, new Station(), new WifiCredentials("HomeNet", Password, Bssid), new HostAes128(), Scheduler, Storage, new JsonDom(), Log, new RegistrarSettings { SniffIdleDuty = 0 });
                Registrar.EnrolleeEvent += (kind, pk, dn) => Events.Add(kind);
                if (storage == null)
                {
                    Registrar.Start(Authority);
                }
            }

            public VirtualTimeScheduler Scheduler { get; }

            public MemoryStorage Storage { get; }

            public CapturingLog Log { get; } = new CapturingLog();

            public Radio Radio { get; } = new Radio();

            public ScriptedAuthority Authority { get; } = new ScriptedAuthority();

            public Registrar Registrar { get; }

            public List<RegistrarEventKind> Events { get; } = new List<RegistrarEventKind>();

            public int EventCount(RegistrarEventKind kind) => Events.Count(k => k == kind);

            public void Hear(byte[] element, int rssi) => Radio.Handler(0xC0FFEE000001UL, 6, rssi, ManagementFrameType.ProbeRequest, element, 0, element.Length);

            /// <summary>Heard, reported and checked in; returns the session's random.</summary>
            public byte[] CheckIn(string productKey, string deviceName, int seed)
            {
                byte[] random = Random(seed);
                Hear(AwssEnrolleeCodec.BuildRequestElement(productKey, deviceName, random, 3, Sign(seed)), -50);
                Scheduler.Advance(200);
                Assert.Equal(CheckinResult.Accepted, Registrar.Checkin(productKey, deviceName, 60, null));
                return random;
            }

            public string StoredState() => Storage.TryRead("zeroconf.registrar", out byte[] blob) ? Encoding.UTF8.GetString(blob) : string.Empty;
        }

        private sealed class Radio : IManagementFrameRadio
        {
            public VendorElementReceivedHandler Handler { get; private set; }

            public List<byte[]> Sent { get; } = new List<byte[]>();

            public void SetVendorElementFilter(int oui, VendorElementReceivedHandler handler) => Handler = handler;

            public bool SendProbeRequest(byte[] element, int offset, int length)
            {
                Sent.Add(element.AsSpan(offset, length).ToArray());
                return true;
            }
        }

        private sealed class Station : IWifiStation
        {
            public bool IsConnected => true;

            public int Channel => 6;
        }
    }
}
