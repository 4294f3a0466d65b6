using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>
    /// The found record and the cipher key of docs/cloud-protocol.md §4, as vectors computed with an
    /// independent tool (Python hmac/hashlib) from the example registry's development secrets.
    /// </summary>
    public class EnrolleeReportTests
    {
        private static readonly byte[] Random = Hex.Decode("102132435465768798A9BACBDCEDFE0F");

        [Fact]
        public void DocExample_Section4_1_FoundRecordAndSignature()
        {
            byte[] record = EnrolleeReport.Build("a1LampPk001", "lamp-01", Random, "LampProdSecret16");
            Assert.Equal("076C616D702D30310B61314C616D70506B30303110102132435465768798A9BACBDCEDFE0F030014B71568F4B31B16391284B2A701EB6BF2549477FC", System.Convert.ToHexString(record));
            Assert.True(EnrolleeReport.TryParse(record, out EnrolleeReport report, out _));
            Assert.Equal("lamp-01", report.DeviceName);
            Assert.Equal("a1LampPk001", report.ProductKey);
            Assert.Equal(3, report.Security);
            Assert.Equal(0, report.SignMethod);
        }

        [Fact]
        public void DocExample_Section4_3_CipherKeyIsSha256OfSecretCommaRandom()
        {
            Assert.Equal("486023B6D170309129F14689A30DBD0D", System.Convert.ToHexString(EnrolleeReport.DeriveCipherKey("LampProdSecret16", Random)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("07")]                                     // truncated name
        [InlineData("016101")]                                 // no product key
        [InlineData("0161016210")]                             // random length but no random
        [InlineData("01610162080011223344556677")]             // random of 8 octets
        public void Section1_1_MalformedRecordsAreRefused(string hex)
        {
            Assert.False(EnrolleeReport.TryParse(Hex.Decode(hex), out _, out string reason));
            Assert.NotNull(reason);
        }

        [Fact]
        public void Section1_1_ParserLimitsApply()
        {
            byte[] good = EnrolleeReport.Build("pk", "dn", Random, "s");
            byte[] badSecurity = (byte[])good.Clone();
            badSecurity[1 + 2 + 1 + 2 + 1 + 16] = 6;
            Assert.False(EnrolleeReport.TryParse(badSecurity, out _, out _));
            byte[] badMethod = (byte[])good.Clone();
            badMethod[1 + 2 + 1 + 2 + 1 + 16 + 1] = 2;
            Assert.False(EnrolleeReport.TryParse(badMethod, out _, out _));
            byte[] trailing = new byte[good.Length + 1];
            good.CopyTo(trailing, 0);
            Assert.False(EnrolleeReport.TryParse(trailing, out _, out _));
        }
    }
}
