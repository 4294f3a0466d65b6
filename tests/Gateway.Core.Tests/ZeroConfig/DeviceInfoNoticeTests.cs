using System.Text;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>The LAN notices of a device that came online (reference/alibaba-provisioning.md §0.1 items 2–3).</summary>
    public class DeviceInfoNoticeTests
    {
        private static DeviceInfoNotice Decode(string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            return DeviceInfoNotice.Decode(new JsonDom(), bytes, 0, bytes.Length);
        }

        [Fact]
        public void Section0_1_DeviceInfoNotifyWithTheDeviceInfoBlock()
        {
            DeviceInfoNotice notice = Decode("{\"id\":\"7\",\"version\":\"1.0\",\"method\":\"device.info.notify\",\"params\":{\"awssVer\":{\"zconfig\":\"2.0\"},\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\",\"mac\":\"C0FFEE000001\",\"ip\":\"192.168.50.3\",\"cipherType\":3,\"token\":\"0123456789ABCDEF0123456789ABCDEF\",\"remainTime\":44900,\"type\":0}}");
            Assert.Equal("a1LampPk001", notice.ProductKey);
            Assert.Equal("lamp-01", notice.DeviceName);
            Assert.Equal(DeviceInfoNotice.DeviceInfoNotifyMethod, notice.Method);
        }

        [Fact]
        public void Section0_1_ConnectApNotifyIsAnOnlineNoticeToo()
        {
            // The SDK sends a bare number as id here; AlinkId accepts it.
            DeviceInfoNotice notice = Decode("{\"id\":123,\"method\":\"awss.event.connectap.notify\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-02\",\"type\":0}}");
            Assert.Equal("lamp-02", notice.DeviceName);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("[]")]
        [InlineData("{\"id\":\"1\",\"method\":\"device.info.get\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\"}}")]
        [InlineData("{\"id\":\"1\",\"method\":\"device.info.notify\",\"params\":{\"deviceName\":\"lamp-01\"}}")]
        [InlineData("{\"id\":\"1\",\"method\":\"device.info.notify\",\"params\":{\"productKey\":7,\"deviceName\":\"lamp-01\"}}")]
        [InlineData("{\"id\":\"1\",\"method\":\"device.info.notify\",\"params\":{\"productKey\":\"a1/Lamp\",\"deviceName\":\"lamp-01\"}}")]
        [InlineData("{\"id\":\"1\",\"method\":\"device.info.notify\",\"params\":[]}")]
        [InlineData("{\"method\":\"device.info.notify\",\"params\":{\"productKey\":\"a1LampPk001\",\"deviceName\":\"lamp-01\"}}")]
        public void MalformedNoticesAreTypedErrors(string json)
        {
            Assert.ThrowsAny<ProtocolFormatException>(() => Decode(json));
        }
    }
}
