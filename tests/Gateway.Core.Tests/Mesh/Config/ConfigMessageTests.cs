using Gateway.Core.Mesh.Config;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Config
{
    /// <summary>Configuration message encodings (MshPRT §4.3.2, §8.3.6, §8.3.16), status codes, Composition Data §8.10.</summary>
    public class ConfigMessageTests
    {
        [Fact]
        public void MshPRT_8_3_6_AppKeyAdd_Encoding()
        {
            byte[] output = new byte[20];
            int n = ConfigMessages.AppKeyAdd(output, 0, 0x456, 0x123, Hex.Decode("63964771734fbd76e3b40519d1d94a48"));
            Assert.Equal("0056341263964771734fbd76e3b40519d1d94a48", Hex.Encode(output, 0, n));
        }

        [Fact]
        public void MshPRT_8_3_16_AppKeyStatus_ParsedAndEncoded()
        {
            byte[] parameters = Hex.Decode("00563412");
            Assert.True(ConfigStatusMessage.TryParse(ConfigOpcodes.AppKeyStatus, parameters, 0, 4, out ConfigStatusMessage status));
            Assert.True(status.IsSuccess);
            Assert.Equal(0x456, status.NetKeyIndex);
            Assert.Equal(0x123, status.AppKeyIndex);
            byte[] output = new byte[6];
            Assert.Equal(6, ConfigMessages.AppKeyStatus(output, 0, 0, 0x456, 0x123));
            Assert.Equal("800300563412", Hex.Encode(output));
        }

        [Fact]
        public void ModelAppBind_SigModel_LittleEndian()
        {
            byte[] output = new byte[12];
            int n = ConfigMessages.ModelAppBind(output, 0, 0x0100, 0x001, 0x1000, false);
            Assert.Equal("803d" + "0001" + "0100" + "0010", Hex.Encode(output, 0, n));
        }

        [Fact]
        public void VendorModelId_IsCompanyThenModel()
        {
            byte[] output = new byte[12];
            int n = ConfigMessages.ModelSubscriptionAdd(output, 0, 0x0100, 0xC000, 0x003F002A, true);
            Assert.Equal("801b" + "0001" + "00c0" + "3f00" + "2a00", Hex.Encode(output, 0, n));
            Assert.True(ConfigStatusMessage.TryParse(ConfigOpcodes.ModelSubscriptionStatus, Hex.Decode("00" + "0001" + "00c0" + "3f002a00"), 0, 9, out ConfigStatusMessage s));
            Assert.True(s.IsVendorModel);
            Assert.Equal(0x003F002Au, s.ModelId);
            Assert.Equal(0xC000, s.Address);
        }

        [Fact]
        public void ModelPublicationSet_AllFieldsRoundTrip()
        {
            var p = new ModelPublication
            {
                ElementAddress = 0x0100, PublishAddress = 0xC001, AppKeyIndex = 0x123, CredentialFlag = true,
                PublishTtl = 0xFF, PublishPeriod = 0x41, PublishRetransmit = 0x0A, ModelId = 0x1000,
            };
            byte[] output = new byte[14];
            int n = ConfigMessages.ModelPublicationSet(output, 0, p);
            Assert.Equal("03" + "0001" + "01c0" + "2311" + "ff" + "41" + "0a" + "0010", Hex.Encode(output, 0, n));
            byte[] status = Hex.Decode("07" + Hex.Encode(output, 1, n - 1));
            Assert.True(ConfigStatusMessage.TryParse(ConfigOpcodes.ModelPublicationStatus, status, 0, status.Length, out ConfigStatusMessage s));
            Assert.Equal((int)ConfigStatusCode.InvalidPublishParameters, s.Status);
            Assert.Equal(0xC001, s.Publication.PublishAddress);
            Assert.Equal(0x123, s.Publication.AppKeyIndex);
            Assert.True(s.Publication.CredentialFlag);
            Assert.Equal(0x0A, s.Publication.PublishRetransmit);
        }

        [Theory]
        [InlineData(0x00, "Success")]
        [InlineData(0x01, "Invalid Address")]
        [InlineData(0x02, "Invalid Model")]
        [InlineData(0x03, "Invalid AppKey Index")]
        [InlineData(0x04, "Invalid NetKey Index")]
        [InlineData(0x05, "Insufficient Resources")]
        [InlineData(0x06, "Key Index Already Stored")]
        [InlineData(0x07, "Invalid Publish Parameters")]
        [InlineData(0x08, "Not a Subscribe Model")]
        [InlineData(0x09, "Storage Failure")]
        [InlineData(0x0A, "Feature Not Supported")]
        [InlineData(0x0B, "Cannot Update")]
        [InlineData(0x0C, "Cannot Remove")]
        [InlineData(0x0D, "Cannot Bind")]
        [InlineData(0x0E, "Temporarily Unable to Change State")]
        [InlineData(0x0F, "Cannot Set")]
        [InlineData(0x10, "Unspecified Error")]
        [InlineData(0x11, "Invalid Binding")]
        [InlineData(0x12, "RFU 0x12")]
        public void MshPRT_Table_4_108_StatusCodes(int code, string name)
        {
            Assert.Equal(name, ConfigStatusCodes.Name(code));
            Assert.Equal(code <= 0x11, ConfigStatusCodes.IsDefined(code));
            if (code <= 0x11)
            {
                Assert.True(System.Enum.IsDefined(typeof(ConfigStatusCode), code));
            }
        }

        [Fact]
        public void MshPRT_8_10_1_CompositionDataPage0_Parsed()
        {
            byte[] data = Hex.Decode("0C001A0001000800030000010501000000800100001003103F002A00");
            CompositionData c = CompositionData.Parse(data, 0, data.Length);
            Assert.Equal(0x000C, c.CompanyId);
            Assert.Equal(0x001A, c.ProductId);
            Assert.Equal(0x0001, c.VersionId);
            Assert.Equal(0x0008, c.Crpl);
            Assert.Equal(0x0003, c.Features);
            Assert.True(c.SupportsProxy);
            CompositionElement e = Assert.Single(c.Elements);
            Assert.Equal(0x0100, e.Location);
            Assert.Equal(new[] { 0x0000, 0x8000, 0x0001, 0x1000, 0x1003 }, e.SigModels);
            Assert.Equal(new uint[] { 0x003F002A }, e.VendorModels);
            Assert.Equal(Hex.Encode(data), Hex.Encode(c.ToBytes()));
        }

        [Theory]
        [InlineData("0C001A000100080003")]
        [InlineData("0C001A00010008000300")]
        [InlineData("0C001A0001000800030000010501000000800100001003103F002A")]
        [InlineData("0C001A0001000800030000010501000000800100001003103F002A0000")]
        public void TruncatedOrTrailingCompositionData_IsRejected(string hex)
        {
            byte[] data = Hex.Decode(hex);
            Assert.False(CompositionData.TryParse(data, 0, data.Length, out _));
        }

        [Theory]
        [InlineData(0x8003, "005634")]
        [InlineData(0x8003, "0056341200")]
        [InlineData(0x803E, "000001010000")]
        [InlineData(0x803E, "0000010100000000")]
        [InlineData(0x800E, "")]
        [InlineData(0x804A, "00")]
        [InlineData(0x8000, "00")]
        public void MalformedStatus_IsNotAStatus(int opcode, string hex)
        {
            byte[] data = Hex.Decode(hex);
            Assert.False(ConfigStatusMessage.TryParse(opcode, data, 0, data.Length, out _));
        }
    }
}
