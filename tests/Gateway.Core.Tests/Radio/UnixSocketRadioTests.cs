using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Gateway.Host.Radio;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Radio
{
    /// <summary>
    /// The external radio bridge over real Unix datagram sockets, against a raw peer socket that
    /// speaks bluetooth-meshd's protocol (reference/bluez-peer.md §"Socket protocol").
    /// </summary>
    public sealed class UnixSocketRadioTests : IDisposable
    {
        private const int WaitMilliseconds = 10_000;

        // MshPRT §3.10.2 Unprovisioned Device beacon: type 0x00, Device UUID, OOB Information.
        private const string BeaconBody = "0070cf7c9732a345b691494810d2e9cbf40000";

        private readonly string _folder;
        private readonly RealTimeScheduler _scheduler = new RealTimeScheduler(threadName: "unix-radio-test");
        private readonly List<IDisposable> _owned = new List<IDisposable>();

        public UnixSocketRadioTests()
        {
            // sun_path holds 108 octets: keep the folder short rather than under a deep temp path.
            _folder = Path.Combine("/tmp", "gw-radio-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }

            _scheduler.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void MeshdBeacon_IsDeliveredLengthPrefixedWithMeshdRssi()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("meshd"), new UnixSocketRadioOptions { PeerAddress = 0xC0FFEE }));
            var heard = new Heard(_scheduler);
            radio.SetReceiver(heard.OnAdvertisement);
            var peer = Peer("meshd");

            peer.SendTo(Hex.Decode("2b" + BeaconBody), SocketFlags.None, new UnixDomainSocketEndPoint(P("gw")));

            Assert.True(heard.WaitFor(1), "no advertisement delivered");
            // Length 0x14 = AD type + beacon type + 16-octet UUID + 2-octet OOB Information.
            Assert.Equal("142b" + BeaconBody, heard.Data[0]);
            Assert.Equal(-20, heard.Rssi[0]);
            Assert.Equal(0xC0FFEEUL, heard.Address[0]);
            Assert.True(heard.AllOnSchedulerThread, "the receiver ran off the scheduler thread");
            Assert.Equal(1, radio.Received);
            Assert.Equal(0, radio.Dropped);
        }

        [Fact]
        public void Send_TwoAdStructuresTwice_GivesFourMarkedDatagrams()
        {
            var peer = Peer("meshd");
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("meshd"), new UnixSocketRadioOptions()));

            // A Network PDU and a PB-ADV Link ACK in one advertisement.
            byte[] adv = Hex.Decode("052a0102030406290a0b0c0d00");
            _scheduler.Post(() => radio.Send(adv, 0, adv.Length, 2, 50));

            var datagrams = new List<string>();
            var buffer = new byte[256];
            peer.ReceiveTimeout = WaitMilliseconds;
            for (int i = 0; i < 4; i++)
            {
                int n = peer.Receive(buffer);
                datagrams.Add(Hex.Encode(Slice(buffer, n)));
            }

            Assert.Equal(new[] { "012a01020304", "01290a0b0c0d00", "012a01020304", "01290a0b0c0d00" }, datagrams.ToArray());
            Assert.Equal(0, peer.Available);
            SpinWait.SpinUntil(() => radio.Sent == 4, WaitMilliseconds); // counted just after each send returns
            Assert.Equal(4, radio.Sent);
            Assert.Equal(0, radio.SendFailures);
        }

        [Fact]
        public void SeveralPeers_EachHearsEverySend_AndEachSenderHasItsOwnAddress()
        {
            // One gateway radio, three meshd nodes on the same "air" (bluez-peer.md: one node per meshd).
            var peers = new[] { Peer("n0"), Peer("n1"), Peer("n2") };
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), new[] { P("n0"), P("n1"), P("n2") }, new UnixSocketRadioOptions { PeerAddress = 0x100 }));
            var heard = new Heard(_scheduler);
            radio.SetReceiver(heard.OnAdvertisement);

            byte[] adv = Hex.Decode("032a0102");
            _scheduler.Post(() => radio.Send(adv, 0, adv.Length, 1, 0));
            var buffer = new byte[64];
            foreach (Socket peer in peers)
            {
                peer.ReceiveTimeout = WaitMilliseconds;
                Assert.Equal("012a0102", Hex.Encode(Slice(buffer, peer.Receive(buffer))));
            }

            peers[2].SendTo(Hex.Decode("2b" + BeaconBody), SocketFlags.None, new UnixDomainSocketEndPoint(P("gw")));
            Assert.True(heard.WaitFor(1), "no advertisement delivered");
            peers[0].SendTo(Hex.Decode("2b" + BeaconBody), SocketFlags.None, new UnixDomainSocketEndPoint(P("gw")));
            Assert.True(heard.WaitFor(2), "no second advertisement delivered");
            using (var stranger = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
            {
                stranger.SendTo(Hex.Decode("2b" + BeaconBody), SocketFlags.None, new UnixDomainSocketEndPoint(P("gw")));
                Assert.True(heard.WaitFor(3), "no advertisement from the unbound sender");
            }

            Assert.Equal(new ulong[] { 0x102, 0x100, 0x100 }, heard.Address.ToArray());
            Assert.Equal(new[] { P("n0"), P("n1"), P("n2") }, radio.PeerPaths);
            SpinWait.SpinUntil(() => radio.Sent == 3, WaitMilliseconds);
            Assert.Equal(3, radio.Sent);
        }

        [Fact]
        public void Send_WithoutPeer_IsCountedNotThrown()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("absent"), new UnixSocketRadioOptions()));
            byte[] adv = Hex.Decode("032a0102");
            radio.Send(adv, 0, adv.Length, 1, 0);
            Assert.Equal(0, radio.Sent);
            Assert.Equal(1, radio.SendFailures);
        }

        [Fact]
        public void Send_RejectsAdStructureRunningPastData()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("meshd"), new UnixSocketRadioOptions()));
            Assert.Throws<ArgumentException>(() => radio.Send(Hex.Decode("092a0102"), 0, 4, 1, 0));
            Assert.Throws<ArgumentException>(() => radio.Send(new byte[32], 0, 32, 1, 0));
        }

        [Fact]
        public void MalformedDatagrams_AreDroppedAndCounted()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("meshd"), new UnixSocketRadioOptions()));
            var heard = new Heard(_scheduler);
            radio.SetReceiver(heard.OnAdvertisement);
            var peer = Peer("meshd");
            var to = new UnixDomainSocketEndPoint(P("gw"));

            peer.SendTo(Array.Empty<byte>(), SocketFlags.None, to);           // empty
            peer.SendTo(new byte[] { 0x00 }, SocketFlags.None, to);           // meshd's name query
            peer.SendTo(Hex.Decode("003a312e3700"), SocketFlags.None, to);    // meshd's name reply ":1.7\0"
            peer.SendTo(new byte[32], SocketFlags.None, to);                 // over 31 octets (starts 00 too)
            var tooLong = new byte[32];
            tooLong[0] = 0x2a;
            peer.SendTo(tooLong, SocketFlags.None, to);                       // over 31 octets
            peer.SendTo(Hex.Decode("2a0102"), SocketFlags.None, to);          // valid, sent last

            Assert.True(heard.WaitFor(1), "the valid datagram after the bad ones was not delivered");
            Assert.Equal(new[] { "032a0102" }, heard.Data.ToArray());
            Assert.Equal(5, radio.Dropped);
            Assert.Equal(1, radio.Received);
        }

        [Fact]
        public void WithoutAcceptMarker_MarkedDatagramIsReadAsFlagsType()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("peer"), new UnixSocketRadioOptions()));
            var heard = new Heard(_scheduler);
            radio.SetReceiver(heard.OnAdvertisement);
            var peer = Peer("peer");
            peer.SendTo(Hex.Decode("012a01"), SocketFlags.None, new UnixDomainSocketEndPoint(P("gw")));
            Assert.True(heard.WaitFor(1));
            Assert.Equal("03012a01", heard.Data[0]);
        }

        [Fact]
        public void AcceptMarker_TakesBothForms()
        {
            var radio = Own(new UnixSocketRadio(_scheduler, P("gw"), P("peer"), new UnixSocketRadioOptions { AcceptMarker = true }));
            var heard = new Heard(_scheduler);
            radio.SetReceiver(heard.OnAdvertisement);
            var peer = Peer("peer");
            var to = new UnixDomainSocketEndPoint(P("gw"));
            peer.SendTo(Hex.Decode("012a0102"), SocketFlags.None, to);
            peer.SendTo(Hex.Decode("2a0304"), SocketFlags.None, to);
            peer.SendTo(new byte[] { 0x01 }, SocketFlags.None, to); // a marker with nothing after it
            Assert.True(heard.WaitFor(2));
            Assert.Equal(new[] { "032a0102", "032a0304" }, heard.Data.ToArray());
            SpinWait.SpinUntil(() => radio.Dropped == 1, WaitMilliseconds);
            Assert.Equal(1, radio.Dropped);
        }

        [Fact]
        public void Dispose_RemovesSocketFile_AndBindReplacesStaleFile()
        {
            string path = P("gw");
            File.WriteAllText(path, "stale");
            var radio = new UnixSocketRadio(_scheduler, path, P("peer"), new UnixSocketRadioOptions());
            Assert.True(File.Exists(path));
            radio.Dispose();
            Assert.False(File.Exists(path));
            radio.Dispose(); // idempotent
        }

        [Fact]
        public void MshPRT_5_2_PbAdv_InviteAndCapabilitiesOverTwoRadios()
        {
            var options = new UnixSocketRadioOptions { AcceptMarker = true };
            var provisionerRadio = Own(new UnixSocketRadio(_scheduler, P("prov"), P("dev"), options));
            var deviceRadio = Own(new UnixSocketRadio(_scheduler, P("dev"), P("prov"), options));
            var provisioner = new PbAdvBearer(provisionerRadio, _scheduler, new SeededRandom(1));
            var device = new PbAdvBearer(deviceRadio, _scheduler, new SeededRandom(2));
            var p = new RecordingLinkHandler(_scheduler);
            var d = new RecordingLinkHandler(_scheduler);
            PbAdvSampleTests.ScriptProvisioner(p);
            PbAdvSampleTests.ScriptDevice(d);
            byte[] uuid = Hex.Decode(SampleData.DeviceUuid);

            // Bearers and links live on the scheduler thread (the port contract).
            OnScheduler(() =>
            {
                provisionerRadio.SetReceiver(provisioner.OnAdvertisement);
                deviceRadio.SetReceiver(device.OnAdvertisement);
                device.CreateDeviceLink(uuid, d).Open();
                provisioner.CreateProvisionerLink(uuid, p).Open();
                return true;
            });

            bool exchanged = false;
            var deadline = DateTime.UtcNow.AddMilliseconds(WaitMilliseconds);
            while (!exchanged && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
                exchanged = OnScheduler(() => p.Received.Count >= 1 && d.Received.Count >= 1);
            }

            Assert.True(exchanged, "no Invite/Capabilities exchange within 10 s");
            Assert.Equal(SampleData.Invite, OnScheduler(() => d.ReceivedHex[0]));
            Assert.Equal(SampleData.Capabilities, OnScheduler(() => p.ReceivedHex[0]));
            Assert.Equal(1, OnScheduler(() => p.Opened));
            Assert.Equal(0, OnScheduler(() => provisioner.MalformedCount + device.MalformedCount));
            Assert.True(provisionerRadio.Sent > 0 && deviceRadio.Received > 0);
            Assert.Equal(0, provisionerRadio.Dropped + deviceRadio.Dropped);
        }

        private string P(string name)
        {
            return Path.Combine(_folder, name + ".sock");
        }

        private T Own<T>(T disposable)
            where T : IDisposable
        {
            _owned.Add(disposable);
            return disposable;
        }

        private Socket Peer(string name)
        {
            var socket = Own(new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified));
            socket.Bind(new UnixDomainSocketEndPoint(P(name)));
            return socket;
        }

        private T OnScheduler<T>(Func<T> read)
        {
            T result = default;
            using var done = new ManualResetEventSlim();
            _scheduler.Post(() =>
            {
                result = read();
                done.Set();
            });
            Assert.True(done.Wait(WaitMilliseconds), "the scheduler did not run the read");
            return result;
        }

        private static byte[] Slice(byte[] buffer, int count)
        {
            var copy = new byte[count];
            Array.Copy(buffer, copy, count);
            return copy;
        }

        /// <summary>Thread-safe record of what a radio delivered.</summary>
        private sealed class Heard
        {
            private readonly RealTimeScheduler _scheduler;
            private readonly object _sync = new object();

            public Heard(RealTimeScheduler scheduler)
            {
                _scheduler = scheduler;
            }

            public List<string> Data { get; } = new List<string>();

            public List<int> Rssi { get; } = new List<int>();

            public List<ulong> Address { get; } = new List<ulong>();

            public bool AllOnSchedulerThread { get; private set; } = true;

            public void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
            {
                var copy = new byte[length];
                Array.Copy(data, offset, copy, 0, length);
                lock (_sync)
                {
                    AllOnSchedulerThread &= _scheduler.IsOnSchedulerThread;
                    Data.Add(Hex.Encode(copy));
                    Rssi.Add(rssi);
                    Address.Add(address);
                    Monitor.PulseAll(_sync);
                }
            }

            public bool WaitFor(int count)
            {
                var deadline = DateTime.UtcNow.AddMilliseconds(WaitMilliseconds);
                lock (_sync)
                {
                    while (Data.Count < count)
                    {
                        var left = deadline - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            return false;
                        }

                        Monitor.Wait(_sync, left);
                    }

                    return true;
                }
            }
        }
    }
}
