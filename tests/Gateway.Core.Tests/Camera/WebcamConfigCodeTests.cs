using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Core.Camera;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Camera
{
    public class WebcamConfigCodeTests
    {
        private static readonly byte[] Bssid = Hex.Decode("aabbccddeeff");
        private static readonly byte[] Random3 = Hex.Decode("010203");

        [Fact]
        public void AlibabaSection5_PayloadCarriesTheFieldsAsJson()
        {
            var code = new WebcamConfigCode("Home \"Net\"", "pa\\ss", Bssid, Random3);
            using var doc = JsonDocument.Parse(code.ToPayload());
            Assert.Equal("Ali_1", doc.RootElement.GetProperty("v").GetString());
            Assert.Equal("Home \"Net\"", doc.RootElement.GetProperty("s").GetString());
            Assert.Equal("pa\\ss", doc.RootElement.GetProperty("p").GetString());
            Assert.Equal("aabbccddeeff", doc.RootElement.GetProperty("b").GetString());
            Assert.Equal("010203", doc.RootElement.GetProperty("t").GetString());
        }

        [Fact]
        public void AlibabaSection0_1_TokenIsSha256OfBssidRandomPassword()
        {
            var code = new WebcamConfigCode("HomeNet", "hunter22", Bssid, Random3);
            byte[] expected = SHA256.HashData(Bssid.Concat(Random3).Concat(Encoding.UTF8.GetBytes("hunter22")).ToArray()).Take(16).ToArray();
            Assert.Equal(expected, code.ExpandedToken());
        }

        [Fact]
        public void ToStringNeverShowsThePassword()
        {
            Assert.DoesNotContain("hunter22", new WebcamConfigCode("HomeNet", "hunter22", Bssid, Random3).ToString());
        }

        [Theory]
        [InlineData("", "x")]
        [InlineData("123456789012345678901234567890123", "x")]
        public void InvalidInputIsRejected(string ssid, string password)
        {
            Assert.Throws<ArgumentException>(() => new WebcamConfigCode(ssid, password, Bssid, Random3));
            Assert.Throws<ArgumentException>(() => new WebcamConfigCode("ok", "x", new byte[5], Random3));
        }
    }
}
