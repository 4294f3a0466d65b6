using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>
    /// Link Kit MQTT sign-in (Alibaba IoT Platform "Establish MQTT over TCP connections";
    /// iotkit-embedded dev_sign_mqtt.c). The published examples use HMAC-SHA1 over the same sign
    /// content, so they check our content byte for byte; the SHA-256 password is checked against
    /// .NET's HMACSHA256 as an independent implementation.
    /// </summary>
    public class LinkKitSignInTests
    {
        [Fact]
        public void AliyunDocExample_SignContentMatchesThePublishedHmacSha1()
        {
            // Doc example: clientId=12345, deviceName=device, productKey=pk, timestamp=789,
            // deviceSecret=secret; the doc prints the HMAC-SHA1 as FAFD82A3D602B37FB0FA8B7892F24A477F85**** (last 4 hidden).
            string content = LinkKitSignIn.BuildSignContent("12345", "device", "pk", "789");
            Assert.Equal("clientId12345deviceNamedeviceproductKeypktimestamp789", content);
            string hex = System.Convert.ToHexString(HMACSHA1.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes(content)));
            Assert.StartsWith("FAFD82A3D602B37FB0FA8B7892F24A477F85", hex);
        }

        [Fact]
        public void PublishedConnectExample_WithoutTimestampMatchesItsHmacSha1()
        {
            // A published CONNECT walk-through (ProductKey a1Ze3BcsQ5x, DeviceName XP001, no timestamp)
            // gives the password cc4e388e7f1ea1e5bdaf15891b76f2dfcfeffb06.
            string content = LinkKitSignIn.BuildSignContent("XP001", "XP001", "a1Ze3BcsQ5x", null);
            byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes("amzS2Q9siGHpSVDVhvDV43661DmfdXtW"), Encoding.UTF8.GetBytes(content));
            Assert.Equal("cc4e388e7f1ea1e5bdaf15891b76f2dfcfeffb06", Hex.Encode(mac));
            Assert.Equal("XP001&a1Ze3BcsQ5x", LinkKitSignIn.BuildUserName("XP001", "a1Ze3BcsQ5x"));
        }

        [Theory]
        [InlineData(LinkKitSecureMode.TlsDirect, "2")]
        [InlineData(LinkKitSecureMode.TcpDirect, "3")]
        public void ConnectOptionsFollowTheLinkKitScheme(LinkKitSecureMode mode, string wireMode)
        {
            var device = new DeviceCredentials("a1GwPk00001", "gateway-01", "0123456789abcdef0123456789abcdef");
            var signIn = new LinkKitSignIn(device, new DotNetHmacSha256());
            MqttConnectOptions options = signIn.CreateConnectOptions(null, mode, LinkKitSignIn.DefaultTimestamp, true, 120);

            Assert.Equal("a1GwPk00001.gateway-01|securemode=" + wireMode + ",signmethod=hmacsha256,timestamp=2524608000000|", options.ClientId);
            Assert.Equal("gateway-01&a1GwPk00001", options.UserName);

            string content = "clientIda1GwPk00001.gateway-01deviceNamegateway-01productKeya1GwPk00001timestamp2524608000000";
            byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(device.DeviceSecret), Encoding.UTF8.GetBytes(content));
            Assert.Equal(System.Convert.ToHexString(expected).ToLowerInvariant(), options.Password);
            Assert.Equal(64, options.Password.Length);
            Assert.True(options.CleanSession);
            Assert.Equal(120, options.KeepAliveSeconds);
        }

        [Fact]
        public void SecretsNeverAppearInToString()
        {
            var device = new DeviceCredentials("a1GwPk00001", "gateway-01", "TopSecretDeviceSecret");
            var options = new LinkKitSignIn(device, new DotNetHmacSha256()).CreateConnectOptions("cid", LinkKitSecureMode.TcpDirect, null, true, 60);
            Assert.DoesNotContain("TopSecretDeviceSecret", device.ToString());
            Assert.DoesNotContain(options.Password, options.ToString());
            Assert.Equal("cid|securemode=3,signmethod=hmacsha256|", options.ClientId);
        }

        [Theory]
        [InlineData("bad|id")]
        [InlineData("bad,id")]
        [InlineData("")]
        [InlineData("with space")]
        public void ClientIdsTheExtensionFieldCannotCarryAreRefused(string clientId)
        {
            var signIn = new LinkKitSignIn(new DeviceCredentials("pk", "dn", "s"), new DotNetHmacSha256());
            Assert.Throws<System.ArgumentException>(() => signIn.CreateConnectOptions(clientId, LinkKitSecureMode.TcpDirect, "1", true, 60));
        }

        [Theory]
        [InlineData("a/b")]
        [InlineData("a+b")]
        [InlineData("a#b")]
        [InlineData("a&b")]
        [InlineData("")]
        public void NamesThatWouldBreakTopicsOrTheUserNameAreRefused(string name)
        {
            Assert.Throws<System.ArgumentException>(() => new DeviceCredentials(name, "dn", "s"));
            Assert.Throws<System.ArgumentException>(() => new DeviceCredentials("pk", name, "s"));
        }
    }
}
