using System.Collections.Generic;
using Gateway.Core.Runtime;
using Gateway.Firmware.Bluetooth;
using Gateway.Firmware.Cloud;
using Gateway.Firmware.Net;
using Gateway.Firmware.Storage;
using Xunit;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>
    /// The firmware adapters' pure parts, compiled into this assembly from the firmware's sources
    /// (the files that use no nanoFramework API; Gateway.Core.Tests.csproj lists them): the
    /// advertisement hand-off, the scanner's relevance filter, the dev-ap SSID, the CONNACK
    /// mapping, the file-name cut.
    /// </summary>
    public class FirmwareAdapterLogicTests
    {
        [Fact]
        public void AdvertisementRing_DeliversInOrderOnTheScheduler_PostingOneDrainPerBurst()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            AdvertisementRing ring = new AdvertisementRing(4, scheduler);
            List<string> delivered = new List<string>();
            ring.SetReceiver((address, rssi, data, offset, length) => delivered.Add(address + ":" + rssi + ":" + Hex.Encode(data, offset, length)));

            Assert.True(ring.Offer(1, -40, new byte[] { 2, 0x2B, 0 }, 0, 3));
            Assert.True(ring.Offer(2, -50, new byte[] { 9, 3, 0x16, 0x27, 0x18 }, 1, 4));
            Assert.Empty(delivered); // nothing runs on the caller's (radio) thread
            scheduler.RunPending();
            Assert.Equal(new[] { "1:-40:022b00", "2:-50:03162718" }, delivered);
        }

        [Fact]
        public void AdvertisementRing_Full_DropsAndCounts_NeverBlocks()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            AdvertisementRing ring = new AdvertisementRing(2, scheduler);
            int delivered = 0;
            ring.SetReceiver((address, rssi, data, offset, length) => delivered++);
            byte[] adv = { 2, 0x2B, 1 };
            Assert.True(ring.Offer(1, 0, adv, 0, 3));
            Assert.True(ring.Offer(2, 0, adv, 0, 3));
            Assert.False(ring.Offer(3, 0, adv, 0, 3));
            Assert.False(ring.Offer(4, 0, new byte[100], 0, AdvertisementRing.SlotSize + 1));
            Assert.Equal(2, ring.DroppedCount);
            scheduler.RunPending();
            Assert.Equal(2, delivered);
            Assert.True(ring.Offer(5, 0, adv, 0, 3));
            scheduler.RunPending();
            Assert.Equal(3, delivered);
        }

        [Fact]
        public void AdvertisementRing_Flood_YieldsToOtherWorkEveryBatch()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            AdvertisementRing ring = new AdvertisementRing(64, scheduler);
            List<string> order = new List<string>();
            ring.SetReceiver((address, rssi, data, offset, length) => order.Add("adv"));
            for (int i = 0; i < 20; i++)
            {
                ring.Offer((ulong)i, 0, new byte[] { 2, 0x2B, 0 }, 0, 3);
            }

            scheduler.Post(() => order.Add("other"));
            scheduler.RunPending();
            Assert.Equal(21, order.Count);
            Assert.Equal(AdvertisementRing.DrainBatch, order.IndexOf("other"));
        }

        [InlineData("022B00", true)]                  // Mesh Beacon (MshPRT §3.3.1)
        [InlineData("022900", true)]                  // PB-ADV
        [InlineData("03032718" + "0416271801", true)] // service list, then 0x1827 service data
        [InlineData("0416281801", true)]              // Proxy service data
        [InlineData("0416B3FE01", false)]             // Breeze (0xFEB3) service data: not mesh
        [InlineData("020106" + "03FFA801", false)]    // flags + manufacturer data
        [InlineData("0516", false)]                   // truncated: length past the end
        [InlineData("00" + "022B00", false)]          // a zero length ends the walk
        [Theory]
        public void Scanner_IsMeshRelated(string hex, bool expected)
        {
            byte[] data = Hex.Decode(hex);
            Assert.Equal(expected, AdvertisementScanner.IsMeshRelated(data, 0, data.Length));
        }

        [Fact]
        public void DevApSsid_IsAdhPkAndTheLastThreeMacOctetsInUppercaseHex()
        {
            // reference/alibaba-provisioning.md §3.1: adh_{ProductKey}_{XXXXXX}.
            Assert.Equal("adh_a1B2c3D4e5F_0AFF10", SoftAccessPoint.DevApSsid("a1B2c3D4e5F", new byte[] { 0x24, 0x6F, 0x28, 0x0A, 0xFF, 0x10 }));
        }

        [Theory]
        [InlineData(0, MqttConnectStatus.Accepted)]
        [InlineData(4, MqttConnectStatus.BadUserNameOrPassword)]
        [InlineData(5, MqttConnectStatus.NotAuthorized)]
        [InlineData(0x86, MqttConnectStatus.Refused)]
        public void MqttReasonCode_MapsToThePortStatus(int reasonCode, MqttConnectStatus expected)
        {
            // MQTT 3.1.1 §3.2.2.3 return codes keep their numbers; MQTT 5 reasons are refusals.
            Assert.Equal(expected, M2MqttLink.MapReasonCode(reasonCode));
        }

        [Theory]
        [InlineData("I:\\data\\cloud.outbox", "cloud.outbox")]
        [InlineData("I:/data/+mesh.db", "+mesh.db")]
        [InlineData("plain", "plain")]
        public void LittleFs_FileNameOf_TakesTheLastSegment(string path, string name)
        {
            Assert.Equal(name, LittleFsFileSystem.FileNameOf(path));
        }
    }
}
