using System.Text;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>The start-up configuration the firmware reads from I:\gateway.json (hardware/README.md).</summary>
    public class GatewayConfigTests
    {
        private const string Secret = "s3cr3tDeviceSecretValue";
        private const string WifiPassword = "wifi-passphrase-123";

        [Fact]
        public void Parse_TheExampleOfHardwareReadme()
        {
            GatewayConfig config = Parse(
                "{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"gw-01\",\"deviceSecret\":\"" + Secret + "\","
                + "\"broker\":{\"host\":\"a1B2c3D4e5F.iot-as-mqtt.cn-shanghai.aliyuncs.com\",\"caFile\":\"ca.pem\"},"
                + "\"wifi\":{\"ssid\":\"home\",\"password\":\"" + WifiPassword + "\"}}");

            Assert.Equal("a1B2c3D4e5F", config.Device.ProductKey);
            Assert.Equal("gw-01", config.Device.DeviceName);
            Assert.Equal(Secret, config.Device.DeviceSecret);
            Assert.Equal(8883, config.BrokerPort);
            Assert.True(config.BrokerTls);
            Assert.Equal("ca.pem", config.CaCertificateFile);
            Assert.True(config.HasWifiCredentials);
            Assert.Equal("home", config.WifiSsid);
            Assert.DoesNotContain(Secret, config.ToString());
            Assert.DoesNotContain(WifiPassword, config.ToString());
        }

        [Fact]
        public void Parse_PlainBrokerDefaultsTo1883_AndNoWifiMeansOnboarding()
        {
            GatewayConfig config = Parse("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"x\",\"broker\":{\"host\":\"127.0.0.1\",\"tls\":false}}");
            Assert.Equal(1883, config.BrokerPort);
            Assert.False(config.BrokerTls);
            Assert.Null(config.CaCertificateFile);
            Assert.False(config.HasWifiCredentials);
        }

        [Theory]
        [InlineData("{\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\"}}", "productKey")]
        [InlineData("{\"productKey\":\"p/k\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\"}}", "productKey")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h h\"}}", "broker.host")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\",\"port\":70000}}", "port")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\",\"tls\":1}}", "tls")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\",\"caFile\":\"../etc/ca\"}}", "caFile")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\"},\"wifi\":{\"ssid\":\"home\",\"password\":\"short\"}}", "wifi.password")]
        [InlineData("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"deviceSecret\":\"" + Secret + "\",\"broker\":{\"host\":\"h\"},\"wifi\":{\"ssid\":\"\"}}", "wifi.ssid")]
        public void Parse_RejectsBadFields_NamingTheFieldNeverTheSecret(string json, string field)
        {
            JsonFormatException e = Assert.Throws<JsonFormatException>(() => Parse(json));
            Assert.Contains(field, e.Message);
            Assert.DoesNotContain(Secret, e.Message);
        }

        [Fact]
        public void Parse_RejectsOversizedFiles()
        {
            byte[] big = new byte[GatewayConfig.MaxBytes + 1];
            Assert.Throws<JsonFormatException>(() => GatewayConfig.Parse(new JsonDom(), big));
        }

        private static GatewayConfig Parse(string json)
        {
            return GatewayConfig.Parse(new JsonDom(), Encoding.UTF8.GetBytes(json));
        }
    }
}
