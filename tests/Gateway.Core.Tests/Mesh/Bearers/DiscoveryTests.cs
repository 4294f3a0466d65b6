using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>Unprovisioned device discovery: beacons and 0x1827 service data (MshPRT §3.10.2, §7.1.2.2.1, §8.4, §8.5).</summary>
    public class DiscoveryTests
    {
        private const string Beacon841 = "142b" + "0070cf7c9732a345b691494810d2e9cbf4a040";
        private const string Beacon842 = "182b" + "0070cf7c9732a345b691494810d2e9cbf44020d36b25b8";
        private const string ServiceData851 = "1516271870cf7c9732a345b691494810d2e9cbf42040";
        private static readonly byte[] Uuid = Hex.Decode(SampleData.DeviceUuid);

        [Fact]
        public void MshPRT_8_4_1_UnprovisionedDeviceBeacon()
        {
            byte[] value = Hex.Decode(Beacon841.Substring(4));
            var advert = new UnprovisionedDeviceAdvert();
            Assert.True(UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, advert));
            Assert.Equal(SampleData.DeviceUuid, Hex.Encode(advert.Uuid));
            Assert.Equal(0xa040, advert.OobInformation); // String, On piece of paper, On device
            Assert.False(advert.HasUriHash);
            Assert.Equal(UnprovisionedDeviceBearers.PbAdv, advert.Bearer);

            var writer = new ByteWriter(31);
            UnprovisionedDeviceBeacon.Write(writer, Uuid, 0xa040, false, 0);
            Assert.Equal(Beacon841, Hex.Encode(writer.ToArray()));
        }

        [Fact]
        public void MshPRT_8_4_2_UnprovisionedDeviceBeaconWithUriHash()
        {
            byte[] value = Hex.Decode(Beacon842.Substring(4));
            var advert = new UnprovisionedDeviceAdvert();
            Assert.True(UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, advert));
            Assert.Equal(0x4020, advert.OobInformation); // Number, Inside manual
            Assert.True(advert.HasUriHash);
            Assert.Equal(0xd36b25b8u, advert.UriHash);

            var writer = new ByteWriter(31);
            UnprovisionedDeviceBeacon.Write(writer, Uuid, 0x4020, true, 0xd36b25b8);
            Assert.Equal(Beacon842, Hex.Encode(writer.ToArray()));
        }

        [Theory]
        [InlineData("0170cf7c9732a345b691494810d2e9cbf4a040")]       // beacon type 0x01 (Secure Network)
        [InlineData("0070cf7c9732a345b691494810d2e9cbf4a0")]         // 18 octets
        [InlineData("0070cf7c9732a345b691494810d2e9cbf4a04000")]     // 20 octets
        [InlineData("0070cf7c9732a345b691494810d2e9cbf44020d36b25")] // 22 octets
        [InlineData("")]
        public void OtherMeshBeaconsAreNotUnprovisionedDeviceBeacons(string hex)
        {
            byte[] value = Hex.Decode(hex);
            Assert.False(UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, new UnprovisionedDeviceAdvert()));
        }

        [Fact]
        public void MshPRT_8_5_1_ProvisioningServiceDataInBothByteOrders()
        {
            byte[] ad = Hex.Decode(ServiceData851);
            var advert = new UnprovisionedDeviceAdvert();
            Assert.True(ProvisioningServiceData.TryParse(ad, 2, ad.Length - 2, true, advert));
            Assert.Equal(0x4020, advert.OobInformation); // the sample's value: little-endian on the air
            Assert.Equal(SampleData.DeviceUuid, Hex.Encode(advert.Uuid));
            Assert.Equal(UnprovisionedDeviceBearers.PbGatt, advert.Bearer);
            Assert.True(ProvisioningServiceData.TryParse(ad, 2, ad.Length - 2, false, advert));
            Assert.Equal(0x2040, advert.OobInformation); // read as Zephyr writes it
            Assert.Equal(0x2040, advert.OobRaw);

            byte[] built = ProvisioningServiceData.BuildAdvertisingData(Uuid, 0x4020, true);
            Assert.Equal("020106" + "03032718" + ServiceData851, Hex.Encode(built));
            Assert.EndsWith("4020", Hex.Encode(ProvisioningServiceData.BuildAdvertisingData(Uuid, 0x4020, false)));
        }

        [Theory]
        [InlineData("2818" + "70cf7c9732a345b691494810d2e9cbf42040")] // 0x1828: Mesh Proxy service
        [InlineData("1827" + "70cf7c9732a345b691494810d2e9cbf42040")] // UUID bytes in the wrong order
        [InlineData("2718" + "70cf7c9732a345b691494810d2e9cbf420")]   // 19 octets
        [InlineData("2718")]
        public void OtherServiceDataIsNotProvisioningServiceData(string hex)
        {
            byte[] value = Hex.Decode(hex);
            Assert.False(ProvisioningServiceData.TryParse(value, 0, value.Length, false, new UnprovisionedDeviceAdvert()));
        }

        [Fact]
        public void DeviceIsReportedOnceAndAgainWhenItAddsABearer()
        {
            var (scheduler, table, events) = Table();
            Feed(table, 0x111111, -60, Beacon841);
            scheduler.Advance(100);
            Feed(table, 0x111111, -58, Beacon841);
            Feed(table, 0x111111, -57, Beacon841);
            Assert.Single(events);
            Assert.Equal(UnprovisionedDeviceChange.New, events[0].Change);

            scheduler.Advance(100);
            Feed(table, 0x222222, -70, "020106" + "03032718" + ServiceData851);
            Assert.Equal(2, events.Count);
            Assert.Equal(UnprovisionedDeviceChange.BearerAdded, events[1].Change);
            Feed(table, 0x222222, -71, "020106" + "03032718" + ServiceData851);
            Assert.Equal(2, events.Count);

            var device = table.Find(Uuid);
            Assert.NotNull(device);
            Assert.Equal(UnprovisionedDeviceBearers.PbAdv | UnprovisionedDeviceBearers.PbGatt, device.Bearers);
            Assert.Equal(0xa040, device.OobInformation); // the beacon's, whatever the service data's order
            Assert.True(device.OobFromBeacon);
            Assert.Equal(0x222222UL, device.Address);
            Assert.Equal(0x222222UL, device.GattAddress);
            Assert.Equal(-71, device.Rssi);
            Assert.Equal(0, device.FirstSeenMilliseconds);
            Assert.Equal(200, device.LastSeenMilliseconds);
            Assert.Equal(1, table.Count);
        }

        [Fact]
        public void BeaconOobReplacesTheGuessFromServiceData()
        {
            var (scheduler, table, events) = Table();
            Feed(table, 0x222222, -70, ServiceData851);
            var device = table.Find(Uuid);
            Assert.Equal(0x2040, device.OobInformation); // default: big-endian, as Zephyr writes it
            Assert.False(device.OobFromBeacon);
            Assert.Equal(UnprovisionedDeviceChange.New, events[0].Change);

            Feed(table, 0x111111, -60, Beacon842);
            Assert.Equal(0x4020, device.OobInformation);
            Assert.True(device.HasUriHash);
            Assert.Equal(0xd36b25b8u, device.UriHash);
            Assert.Equal(UnprovisionedDeviceChange.BearerAdded, events[1].Change);
        }

        [Fact]
        public void ServiceDataOobByteOrderIsConfigurableAndRfuBitsPickTheOtherOrder()
        {
            var (scheduler, table, events) = Table(new DiscoveryOptions { ServiceDataOobLittleEndian = true });
            Feed(table, 1, -70, ServiceData851);
            Assert.Equal(0x4020, table.Find(Uuid).OobInformation);

            // 02 01 read big-endian (0x0201) sets RFU bit 9; read little-endian (0x0102: provisioning
            // records, 2D code) it does not, so that order is taken.
            var (_, table2, _) = Table();
            Feed(table2, 1, -70, "1516271870cf7c9732a345b691494810d2e9cbf40201");
            Assert.Equal(0x0102, table2.Find(Uuid).OobInformation);
        }

        [Fact]
        public void DevicesAgeOutAndComeBackAsNew()
        {
            var (scheduler, table, events) = Table(new DiscoveryOptions { MaxAgeMilliseconds = 10_000 });
            Feed(table, 1, -60, Beacon841);
            scheduler.Advance(10_000);
            Assert.NotNull(table.Find(Uuid));
            scheduler.Advance(1);
            Assert.Null(table.Find(Uuid));
            Assert.Equal(0, table.Count);
            Feed(table, 1, -60, Beacon841);
            Assert.Equal(2, events.Count);
            Assert.Equal(UnprovisionedDeviceChange.New, events[1].Change);
            Assert.Equal(10_001, table.Find(Uuid).FirstSeenMilliseconds);
            Assert.Equal(UnprovisionedDeviceBearers.PbAdv, table.Find(Uuid).Bearers);
        }

        [Fact]
        public void FullTableEvictsTheDeviceThatEnteredFirst()
        {
            var (scheduler, table, events) = Table(new DiscoveryOptions { Capacity = 2 });
            Feed(table, 1, -60, BeaconFor(1));
            scheduler.Advance(10);
            Feed(table, 2, -60, BeaconFor(2));
            scheduler.Advance(10);
            Feed(table, 1, -60, BeaconFor(1)); // heard again, but it has had its turn longest
            scheduler.Advance(10);
            Feed(table, 3, -60, BeaconFor(3));
            Assert.Equal(1, table.EvictedCount);
            Assert.Equal(2, table.Count);
            Assert.Null(table.Find(UuidFor(1)));
            Assert.NotNull(table.Find(UuidFor(2)));
            Assert.NotNull(table.Find(UuidFor(3)));
            Assert.Equal(3, events.Count);
        }

        /// <summary>
        /// Issue 11: 150 devices in range of a 32-row table, each beaconing every second (in a
        /// shuffled order): every one is reported (DeviceFound New) at its first beacon heard, so
        /// within one beacon interval, and the rows never exceed the capacity.
        /// </summary>
        [Fact]
        public void MoreDevicesThanRowsAreEachReportedAtTheirFirstBeacon()
        {
            var (scheduler, table, events) = Table(new DiscoveryOptions { Capacity = 32 });
            var firstReport = new System.Collections.Generic.Dictionary<string, long>();
            table.DeviceFound += (device, change) =>
            {
                string key = Hex.Encode(device.Uuid);
                if (change == UnprovisionedDeviceChange.New && !firstReport.ContainsKey(key))
                {
                    firstReport[key] = scheduler.NowMilliseconds;
                }
            };
            var random = new System.Random(11);
            for (int round = 0; round < 3; round++)
            {
                foreach (int n in System.Linq.Enumerable.Range(1, 150).OrderBy(_ => random.Next()))
                {
                    Feed(table, (ulong)n, -60, BeaconFor(n));
                    scheduler.Advance(1000 / 150);
                    Assert.True(table.Count <= 32);
                }
            }

            Assert.Equal(150, firstReport.Count);
            Assert.True(firstReport.Values.Max() <= 1000, "last first report at " + firstReport.Values.Max() + " ms");
        }

        [Fact]
        public void AgedRowsAreReusedBeforeLiveOnesAreEvicted()
        {
            var (scheduler, table, events) = Table(new DiscoveryOptions { Capacity = 2, MaxAgeMilliseconds = 100 });
            Feed(table, 1, -60, BeaconFor(1));
            scheduler.Advance(90);
            Feed(table, 2, -60, BeaconFor(2));
            scheduler.Advance(20);
            Feed(table, 3, -60, BeaconFor(3));
            Assert.Equal(0, table.EvictedCount);
            Assert.NotNull(table.Find(UuidFor(2)));
            Assert.NotNull(table.Find(UuidFor(3)));
            Assert.Equal(0, table.RemoveExpired());
            scheduler.Advance(1000);
            Assert.Equal(2, table.RemoveExpired());
        }

        [Fact]
        public void RemoveForgetsADevice()
        {
            var (scheduler, table, events) = Table();
            Feed(table, 1, -60, Beacon841);
            Assert.True(table.Remove(Uuid));
            Assert.False(table.Remove(Uuid));
            Assert.Null(table.Find(Uuid));
            Feed(table, 1, -60, Beacon841);
            Assert.Equal(2, events.Count);
        }

        [Fact]
        public void ProvisioningServiceDataIsFoundAmongOtherServiceData()
        {
            var (scheduler, table, events) = Table();
            Feed(table, 5, -60, "020106" + "050d0a0b0c0d" + "04160f1801" + ServiceData851); // another service's data first
            Assert.Single(events);
            Assert.Equal(UnprovisionedDeviceBearers.PbGatt, table.Find(Uuid).Bearers);

            Feed(table, 5, -60, "0201060aff4c0001020304050607"); // not a mesh advert
            Assert.Equal(1, table.IgnoredCount);
        }

        [Fact]
        public void RepeatedAdvertsOfAKnownDeviceAllocateNothing()
        {
            var (scheduler, table, events) = Table();
            byte[][] adverts =
            {
                Hex.Decode(Beacon842),
                Hex.Decode("020106" + "03032718" + ServiceData851),
                Hex.Decode("0201060aff4c0001020304050607"),
                Hex.Decode("ff2b00"),
            };

            foreach (var a in adverts)
            {
                table.OnAdvertisement(1, -60, a, 0, a.Length);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 1000; round++)
            {
                foreach (var a in adverts)
                {
                    table.OnAdvertisement(1, -60, a, 0, a.Length);
                }
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(2, events.Count);
        }

        private static (VirtualTimeScheduler, UnprovisionedDeviceTable, List<(UnprovisionedDevice Device, UnprovisionedDeviceChange Change)>) Table(DiscoveryOptions options = null)
        {
            var scheduler = new VirtualTimeScheduler();
            var table = new UnprovisionedDeviceTable(scheduler, options);
            var events = new List<(UnprovisionedDevice, UnprovisionedDeviceChange)>();
            table.DeviceFound += (device, change) => events.Add((device, change));
            return (scheduler, table, events);
        }

        private static void Feed(UnprovisionedDeviceTable table, ulong address, int rssi, string hex)
        {
            byte[] data = Hex.Decode(hex);
            table.OnAdvertisement(address, rssi, data, 0, data.Length);
        }

        private static byte[] UuidFor(int n)
        {
            byte[] uuid = Hex.Decode(SampleData.DeviceUuid);
            uuid[15] = (byte)n;
            return uuid;
        }

        private static string BeaconFor(int n)
        {
            return "142b00" + Hex.Encode(UuidFor(n)) + "0000";
        }
    }
}
