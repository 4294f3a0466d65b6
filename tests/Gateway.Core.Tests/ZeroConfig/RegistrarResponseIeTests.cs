using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Crypto;
using Gateway.Core.ZeroConfig;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>The registrar's response element, OUI type 0xAB (reference/alibaba-provisioning.md §1.3).</summary>
    public class RegistrarResponseIeTests
    {
        private static readonly byte[] Bssid = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
        private static readonly byte[] Random16 = Hex.Decode("102132435465768798A9BACBDCEDFE0F");
        private static readonly byte[] Sign20 = Enumerable.Range(0, 20).Select(i => (byte)(0xA0 + i)).ToArray();

        // docs/cloud-protocol.md §4.3: the key the cloud issues for lamp-01 with that random.
        private static readonly byte[] CloudKey = Hex.Decode("486023B6D170309129F14689A30DBD0D");

        [Fact]
        public void Section1_3_ElementLayoutFieldByField()
        {
            var home = new WifiCredentials("HomeNet", "pass-word", Bssid);
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, home, Cfb(AesBackends.Managed, CloudKey), output, 0);

            Assert.Equal(17 + 20 + 7 + 9, n);
            Assert.Equal(RegistrarResponseIe.GetLength(7, 9), n);
            byte[] e = output.Take(n).ToArray();
            Assert.Equal(new byte[] { 221, (byte)(n - 2), 0xD8, 0x96, 0xE0, 0xAB, 0x01, 20 }, e.Take(8).ToArray());
            Assert.Equal(Sign20, e.Skip(8).Take(20).ToArray());
            Assert.Equal(1, e[28]); // frame_type: registrar
            Assert.Equal(7, e[29]);
            Assert.Equal("HomeNet", Encoding.UTF8.GetString(e, 30, 7));
            Assert.Equal(9, e[37]);
            Assert.Equal(DotNetCfbEncrypt(CloudKey, Random16, Encoding.UTF8.GetBytes("pass-word")), e.Skip(38).Take(9).ToArray());
            Assert.Equal(Bssid, e.Skip(47).Take(6).ToArray());
            Assert.Equal(0, output.Skip(n).Count(b => b != 0)); // nothing written past the element
        }

        [Theory]
        [InlineData(AesBackends.Managed, 0)]
        [InlineData(AesBackends.Managed, 1)]
        [InlineData(AesBackends.Managed, 8)]
        [InlineData(AesBackends.Managed, 15)]
        [InlineData(AesBackends.Managed, 16)]
        [InlineData(AesBackends.Managed, 17)]
        [InlineData(AesBackends.Managed, 33)]
        [InlineData(AesBackends.Managed, 63)]
        [InlineData(AesBackends.Host, 12)]
        [InlineData(AesBackends.Host, 63)]
        public void Section1_3_PasswordIsAes128Cfb128LikeDotNets(string backend, int length)
        {
            string password = new string(Enumerable.Range(0, length).Select(i => (char)('!' + (i * 7 % 90))).ToArray());
            var home = new WifiCredentials("HomeNet", password, Bssid);
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, home, Cfb(backend, CloudKey), output, 0);
            int at = 8 + 20 + 1 + 1 + 7;
            Assert.Equal(length, output[at]);
            byte[] expected = DotNetCfbEncrypt(CloudKey, Random16, Encoding.UTF8.GetBytes(password));
            Assert.Equal(expected, output.Skip(at + 1).Take(length).ToArray());
            Assert.Equal(at + 1 + length + 6, n);
        }

        [Fact]
        public void Section1_3_TheEnrolleeDecryptsWithItsOwnKeyDerivation()
        {
            // Cloud key (emulator) = the enrollee's SHA-256(PS ‖ "," ‖ random)[0:16] (simulated enrollee): the §1.2 [I] claim.
            byte[] cloudKey = EnrolleeReport.DeriveCipherKey("LampProdSecret16", Random16);
            Assert.Equal(CloudKey, cloudKey);
            Assert.Equal(cloudKey, AwssEnrolleeCodec.DeriveKey("LampProdSecret16", Random16));

            var home = new WifiCredentials("Home Net ☂", "Grüße aus dem WLAN 42", Bssid);
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, home, Cfb(AesBackends.Host, cloudKey), output, 0);

            string reason = AwssEnrolleeCodec.TryReadResponse(output.AsSpan(0, n), Sign20, out byte[] ssid, out byte[] encrypted, out byte[] bssid);
            Assert.Null(reason);
            Assert.Equal("Home Net ☂", Encoding.UTF8.GetString(ssid));
            Assert.Equal(Bssid, bssid);
            byte[] password = AwssEnrolleeCodec.Cfb128(AwssEnrolleeCodec.DeriveKey("LampProdSecret16", Random16), Random16, encrypted, encrypt: false);
            Assert.Equal("Grüße aus dem WLAN 42", Encoding.UTF8.GetString(password));

            // Another enrollee's signature does not match: that enrollee ignores the element.
            byte[] otherSign = (byte[])Sign20.Clone();
            otherSign[19] ^= 1;
            Assert.Equal("sign is not ours", AwssEnrolleeCodec.TryReadResponse(output.AsSpan(0, n), otherSign, out _, out _, out _));
        }

        [Fact]
        public void Section1_3_PasswordOctetsNeverAppearInTheElement()
        {
            string password = "correct horse battery staple, but longer";
            var home = new WifiCredentials("HomeNet", password, Bssid);
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, home, Cfb(AesBackends.Managed, CloudKey), output, 0);
            byte[] pw = Encoding.UTF8.GetBytes(password);
            for (int window = 4; window <= pw.Length; window += 4)
            {
                Assert.True(output.AsSpan(0, n).IndexOf(pw.AsSpan(0, window)) < 0, "the first " + window + " password octets appear in clear");
            }
        }

        [Fact]
        public void Section1_3_SsidAndPasswordLimitsOfTheEnrollee()
        {
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            var longest = new WifiCredentials(new string('s', 31), new string('p', 63), Bssid);
            Assert.Equal(RegistrarResponseIe.MaxLength, RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, longest, Cfb(AesBackends.Managed, CloudKey), output, 0));
            Assert.True(RegistrarResponseIe.MaxLength - 2 <= 255);

            var ssid32 = new WifiCredentials(new string('s', 32), "password", Bssid);
            var e1 = Assert.Throws<ZeroConfigFormatException>(() => RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, ssid32, Cfb(AesBackends.Managed, CloudKey), output, 0));
            Assert.Contains("SSID", e1.Message);
            var password64 = new WifiCredentials("HomeNet", new string('p', 64), Bssid);
            var e2 = Assert.Throws<ZeroConfigFormatException>(() => RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, password64, Cfb(AesBackends.Managed, CloudKey), output, 0));
            Assert.DoesNotContain("pppp", e2.Message);
            var small = new byte[20];
            Assert.Throws<ZeroConfigFormatException>(() => RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, longest, Cfb(AesBackends.Managed, CloudKey), small, 0));
        }

        [Fact]
        public void OpenNetworkHasAnEmptyPassword()
        {
            var open = new WifiCredentials("CafeWifi", string.Empty, Bssid);
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Sign20, 0, Random16, 0, open, Cfb(AesBackends.Managed, CloudKey), output, 0);
            Assert.Null(AwssEnrolleeCodec.TryReadResponse(output.AsSpan(0, n), Sign20, out byte[] ssid, out byte[] encrypted, out _));
            Assert.Equal("CafeWifi", Encoding.UTF8.GetString(ssid));
            Assert.Empty(encrypted);
        }

        [Fact]
        public void WifiCredentialsNeverPrintThePassword()
        {
            var home = new WifiCredentials("HomeNet", "Tr0ub4dor&3-home-passphrase", Bssid);
            Assert.Equal("HomeNet (02:11:22:33:44:55)", home.ToString());
            Assert.Equal("02:11:22:33:44:55", home.BssidText);
            Assert.Equal(27, home.PasswordLength);
            home.Clear();
            byte[] copy = new byte[home.PasswordLength];
            home.CopyPassword(copy, 0);
            Assert.All(copy, b => Assert.Equal(0, b));
            Assert.Throws<ArgumentException>(() => new WifiCredentials(string.Empty, "x", Bssid));
            Assert.Throws<ArgumentException>(() => new WifiCredentials(new string('s', 33), "x", Bssid));
            Assert.Throws<ArgumentException>(() => new WifiCredentials("s", new string('p', 65), Bssid));
            Assert.Throws<ArgumentException>(() => new WifiCredentials("s", "p", new byte[5]));
        }

        private static AesCfb128 Cfb(string backend, byte[] key)
        {
            return new AesCfb128(AesBackends.Create(backend).CreateEncryptor(key));
        }

        /// <summary>.NET's AES-CFB with an 128-bit feedback: the independent computation. Zero-padded to whole blocks, cut back (CFB is a stream mode).</summary>
        private static byte[] DotNetCfbEncrypt(byte[] key, byte[] iv, byte[] plain)
        {
            using Aes aes = Aes.Create();
            aes.Key = key;
            byte[] padded = new byte[(plain.Length + 15) / 16 * 16];
            plain.CopyTo(padded, 0);
            return aes.EncryptCfb(padded, iv, PaddingMode.None, 128).Take(plain.Length).ToArray();
        }
    }
}
