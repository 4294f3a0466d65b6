using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>Provisioner and device bearers talking through the loopback air: loss, duplication, slow peers, several links.</summary>
    public class PbAdvLoopbackTests
    {
        private static readonly string[] ProvisionerPdus =
        {
            SampleData.Invite, SampleData.Start, SampleData.PublicKeyProvisioner, SampleData.ConfirmationProvisioner,
            SampleData.RandomProvisioner, SampleData.Data,
        };

        private static readonly string[] DevicePdus =
        {
            SampleData.Capabilities, SampleData.PublicKeyDevice, SampleData.ConfirmationDevice, SampleData.RandomDevice,
            SampleData.Complete,
        };

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(5)]
        [InlineData(6)]
        [InlineData(7)]
        [InlineData(8)]
        public void ExchangeSurvivesLossAndDuplication(int seed)
        {
            var world = new World(seed, dropRate: 0.25, duplicateRate: 0.2);
            world.Run(120_000);

            Assert.Equal(DevicePdus, world.P.ReceivedHex.ToArray());
            Assert.Equal(ProvisionerPdus, world.D.ReceivedHex.ToArray());
            Assert.Equal(ProvisioningLinkCloseReason.Success, world.P.ClosedReason);
            Assert.Equal(1, world.P.ClosedCount);
            Assert.Equal(6, world.P.TransmitCompletes);
            Assert.True(world.DeviceBearer.DuplicateCount > 0 || world.ProvisionerBearer.DuplicateCount > 0);
            Assert.Equal(0, world.ProvisionerBearer.MalformedCount + world.DeviceBearer.MalformedCount);
        }

        [Fact]
        public void ExchangeWithoutLossNeedsNoRetransmission()
        {
            var world = new World(11, dropRate: 0, duplicateRate: 0);
            world.Run(60_000);
            Assert.Equal(DevicePdus, world.P.ReceivedHex.ToArray());
            Assert.Equal(ProvisioningLinkCloseReason.Success, world.D.ClosedReason);
            Assert.Equal(0, world.ProvisionerBearer.DuplicateCount + world.DeviceBearer.DuplicateCount);
            Assert.True(world.P.ClosedAt < 2000, "closed at " + world.P.ClosedAt);
        }

        [Fact]
        public void SlowDeviceThatNeverAcksAnsweredTransactionsStillCompletes()
        {
            // A meshd-like device: answers about a second late and its Transaction ACK is replaced by
            // its next PDU, except for Start, which it has nothing to answer with
            // (reference/bluez-peer.md). Our transactions are acknowledged by its next ones.
            var world = new World(21, dropRate: 0, duplicateRate: 0, deviceDelay: 1200);
            world.Air.DropFilter = (sender, receiver, data) =>
                sender.Name == "D" && data.Length == 8 && data[7] == 0x01 && data[6] != 0x01;
            world.Run(120_000);

            Assert.Equal(DevicePdus, world.P.ReceivedHex.ToArray());
            Assert.Equal(ProvisionerPdus, world.D.ReceivedHex.ToArray());
            Assert.Equal(6, world.P.TransmitCompletes);
            Assert.Equal(ProvisioningLinkCloseReason.Success, world.P.ClosedReason);
            Assert.True(world.DeviceBearer.DuplicateCount > 0, "the provisioner retransmits while the device thinks");
        }

        [Fact]
        public void FourConcurrentLinksAreDemultiplexedByLinkId()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new LoopbackAir(scheduler, 99) { DropRate = 0.1 };
            var provisionerRadio = air.CreateRadio("P", 1);
            var provisioner = new PbAdvBearer(provisionerRadio, scheduler, new SeededRandom(5));
            provisionerRadio.SetReceiver(provisioner.OnAdvertisement);

            var provisionerHandlers = new List<RecordingLinkHandler>();
            var deviceHandlers = new List<RecordingLinkHandler>();
            var links = new List<PbAdvLink>();
            var devices = new List<PbAdvBearer>();
            for (int i = 0; i < 4; i++)
            {
                byte[] uuid = Hex.Decode(SampleData.DeviceUuid);
                uuid[15] = (byte)i;
                var radio = air.CreateRadio("D" + i, (ulong)(100 + i));
                var device = new PbAdvBearer(radio, scheduler, new SeededRandom(50 + i));
                radio.SetReceiver(device.OnAdvertisement);
                devices.Add(device);
                var d = new RecordingLinkHandler(scheduler);
                PbAdvSampleTests.ScriptDevice(d);
                device.CreateDeviceLink(uuid, d).Open();
                deviceHandlers.Add(d);

                var p = new RecordingLinkHandler(scheduler);
                PbAdvSampleTests.ScriptProvisioner(p);
                var link = provisioner.CreateProvisionerLink(uuid, p);
                link.Open();
                links.Add(link);
                provisionerHandlers.Add(p);
            }

            Assert.Throws<System.InvalidOperationException>(() => provisioner.CreateProvisionerLink(new byte[16], new RecordingLinkHandler()));
            scheduler.RunAll(120_000);

            var ids = new HashSet<uint>();
            for (int i = 0; i < 4; i++)
            {
                ids.Add(links[i].LinkId);
                Assert.Equal(DevicePdus, provisionerHandlers[i].ReceivedHex.ToArray());
                Assert.Equal(ProvisionerPdus, deviceHandlers[i].ReceivedHex.ToArray());
                Assert.Equal(ProvisioningLinkCloseReason.Success, provisionerHandlers[i].ClosedReason);
            }

            Assert.Equal(4, ids.Count);
            Assert.Equal(0, provisioner.LinkCount);
            foreach (var device in devices)
            {
                Assert.True(device.NotForUsCount > 0, "each device hears the other links too");
                Assert.Equal(0, device.LinkCount);
            }
        }

        /// <summary>One provisioner and one device bearer running the §8.7 exchange with scripted handlers.</summary>
        private sealed class World
        {
            public World(int seed, double dropRate, double duplicateRate, int deviceDelay = 0)
            {
                Scheduler = new VirtualTimeScheduler();
                Air = new LoopbackAir(Scheduler, seed) { DropRate = dropRate, DuplicateRate = duplicateRate };
                var pr = Air.CreateRadio("P", 1);
                var dr = Air.CreateRadio("D", 2);
                ProvisionerBearer = new PbAdvBearer(pr, Scheduler, new SeededRandom(seed * 31));
                DeviceBearer = new PbAdvBearer(dr, Scheduler, new SeededRandom(seed * 37));
                pr.SetReceiver(ProvisionerBearer.OnAdvertisement);
                dr.SetReceiver(DeviceBearer.OnAdvertisement);
                P = new RecordingLinkHandler(Scheduler);
                D = new RecordingLinkHandler(Scheduler);
                PbAdvSampleTests.ScriptProvisioner(P);
                PbAdvSampleTests.ScriptDevice(D);
                if (deviceDelay > 0)
                {
                    var reply = D.OnPdu;
                    D.OnPdu = (link, pdu) => Scheduler.Schedule(deviceDelay, () => reply(link, pdu));
                }

                byte[] uuid = Hex.Decode(SampleData.DeviceUuid);
                DeviceBearer.CreateDeviceLink(uuid, D).Open();
                ProvisionerBearer.CreateProvisionerLink(uuid, P).Open();
            }

            public VirtualTimeScheduler Scheduler { get; }

            public LoopbackAir Air { get; }

            public PbAdvBearer ProvisionerBearer { get; }

            public PbAdvBearer DeviceBearer { get; }

            public RecordingLinkHandler P { get; }

            public RecordingLinkHandler D { get; }

            public void Run(long limit)
            {
                Scheduler.RunAll(limit);
            }
        }
    }
}
