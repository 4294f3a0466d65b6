using System;
using Gateway.Cloud;
using Gateway.Cloud.InMemory;
using Gateway.Cloud.Mesh;
using Gateway.Cloud.Registry;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    public class EmulatorPartsTests
    {
        [Theory]
        [InlineData("/sys/pk/dn/thing/#", "/sys/pk/dn/thing/cipher/get", true)]
        [InlineData("/sys/pk/dn/thing/#", "/sys/pk/dn/thing", true)]        // MQTT 3.1.1 §4.7.1.2: '#' includes the parent
        [InlineData("/sys/+/+/thing/#", "/sys/pk/dn/thing/x", true)]
        [InlineData("/sys/+/dn/thing/+", "/sys/pk/dn/thing/x/y", false)]
        [InlineData("/sys/pk/dn/thing/a", "/sys/pk/dn/thing/b", false)]
        [InlineData("#", "$SYS/broker", false)]                               // §4.7.2
        [InlineData("+/broker", "$SYS/broker", false)]
        [InlineData("/sys/pk/dn/a", "/sys/pk/dn/a", true)]
        public void MQTT311_4_7_TopicFilterMatching(string filter, string topic, bool matches)
        {
            Assert.Equal(matches, MqttTopicFilter.Matches(filter, topic));
        }

        [Theory]
        [InlineData("a/#/b", false)]
        [InlineData("a/b#", false)]
        [InlineData("a/+b", false)]
        [InlineData("a/+/b/#", true)]
        [InlineData("", false)]
        public void MQTT311_4_7_1_FilterValidity(string filter, bool valid)
        {
            Assert.Equal(valid, MqttTopicFilter.IsValid(filter));
        }

        [Theory]
        [InlineData("/sys/pk/dn/thing/cipher/get", true)]
        [InlineData("/sys/pk/dn/", false)]
        [InlineData("/sys/pk/other/thing/cipher/get", false)]
        [InlineData("/sys/pk/dnx/thing", false)]
        [InlineData("/sys/pk/dn/thing/+", false)]
        public void TopicRulePublish(string topic, bool allowed)
        {
            Assert.Equal(allowed, TopicAcl.MayPublish(new DeviceKey("pk", "dn"), topic));
        }

        [Theory]
        [InlineData("/sys/pk/dn/thing/#", true)]
        [InlineData("/sys/pk/dn/thing/cipher/get_reply", true)]
        [InlineData("/sys/+/dn/thing/#", false)]
        [InlineData("/sys/pk/+/thing/#", false)]
        [InlineData("#", false)]
        [InlineData("/sys/pk/dn/", false)]
        public void TopicRuleSubscribe(string filter, bool allowed)
        {
            Assert.Equal(allowed, TopicAcl.MaySubscribe(new DeviceKey("pk", "dn"), filter));
        }

        [Fact]
        public void RegistryFileLoadsAndRefusesDevicesOfUnknownProducts()
        {
            CloudRegistry registry = CloudRegistry.LoadFile(System.IO.Path.Combine(AppContext.BaseDirectory, "registry.example.json"));
            Assert.NotNull(registry.FindDevice("a1GwPk00001", "gateway-01"));
            Assert.Equal("LampProdSecret16", registry.FindProduct("a1LampPk001").ProductSecret);
            Assert.Null(registry.FindDevice("a1GwPk00001", "nobody"));

            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{\"products\":[],\"devices\":[{\"productKey\":\"x\",\"deviceName\":\"y\",\"deviceSecret\":\"z\"}]}"));
            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{\"products\":[{\"productKey\":\"a/b\",\"productSecret\":\"s\"}]}"));
            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{ not json"));
        }

        [Fact]
        public void RegistryFileMeshDevicesBecomeTheEmulatorsStaticOobProducts()
        {
            CloudRegistry registry = CloudRegistry.LoadFile(System.IO.Path.Combine(AppContext.BaseDirectory, "registry.example.json"));
            MeshDeviceEntry entry = Assert.Single(registry.MeshDevices);
            Assert.Equal(0x1234, entry.ProductId);
            Assert.Equal("28fa7a112233", Hex.Encode(entry.MacBytes()));

            var emulator = new CloudEmulator(registry);
            GenieMeshDevice genie = Assert.Single(emulator.KnownMeshDevices);
            var expected = new GenieMeshDevice(0x1234, Hex.Decode("28fa7a112233"), Hex.Decode("00112233445566778899aabbccddeeff"), "Genie lamp");
            Assert.Equal(Hex.Encode(expected.Uuid()), Hex.Encode(genie.Uuid()));
            Assert.Equal(Hex.Encode(expected.StaticOob()), Hex.Encode(genie.StaticOob()));
            Assert.Equal("Genie lamp", genie.Name);

            // Malformed entries are refused with the field rules, not an exception from deep inside.
            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{\"meshDevices\":[{\"productId\":1,\"mac\":\"28fa7a\",\"secret\":\"00112233445566778899aabbccddeeff\"}]}"));
            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{\"meshDevices\":[{\"productId\":1,\"mac\":\"28fa7a112233\",\"secret\":\"0011\"}]}"));
            Assert.Throws<FormatException>(() => CloudRegistry.Parse("{\"meshDevices\":[{\"productId\":-1,\"mac\":\"28fa7a112233\",\"secret\":\"00112233445566778899aabbccddeeff\"}]}"));
        }
    }
}
