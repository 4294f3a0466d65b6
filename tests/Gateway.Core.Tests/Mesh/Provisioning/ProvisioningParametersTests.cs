using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    public class ProvisioningParametersTests
    {
        [Fact]
        public void MshPRT_8_7_CapabilitiesSampleParsesAndReencodes()
        {
            byte[] value = Hex.Decode("0100010000000000000000");
            var c = ProvisioningCapabilities.Parse(value, 0, value.Length);
            Assert.Equal(1, c.NumberOfElements);
            Assert.True(c.SupportsCmac);
            Assert.False(c.SupportsHmacSha256);
            Assert.False(c.StaticOobAvailable);
            var w = new ByteWriter(11);
            c.WriteTo(w);
            Assert.Equal("0100010000000000000000", Hex.Encode(w.ToArray()));
        }

        [Fact]
        public void MshPRT_5_4_1_2_AlgorithmsIsABitmaskNotAValue()
        {
            // Mesh 1.1 devices advertise 0x0003 (esp-idf#13741 rejected it); RFU bits are ignored.
            byte[] value = Hex.Decode("01fff3000000000000000000".Substring(0, 22));
            var c = ProvisioningCapabilities.Parse(value, 0, 11);
            Assert.True(c.SupportsCmac);
            Assert.True(c.SupportsHmacSha256);
        }

        [Theory]
        [InlineData("0000010000000000000000", "zero elements")]
        [InlineData("0100040000000000000000", "no known algorithm")]
        [InlineData("0100010000090008000000", "output size 9")]
        [InlineData("0100010000010000000000", "output size without action")]
        [InlineData("0100020002000000000000", "only-OOB flag without any OOB method")]
        [InlineData("0100030003000000000000", "only-OOB flag with CMAC offered")]
        public void MshPRT_5_4_1_2_InconsistentCapabilitiesAreInvalidFormat(string hex, string why)
        {
            byte[] value = Hex.Decode(hex);
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningCapabilities.Parse(value, 0, value.Length));
            Assert.True(e.ErrorCode == ProvisioningErrorCode.InvalidFormat, why);
        }

        [Fact]
        public void MshPRT_8_7_StartSampleParses()
        {
            var s = ProvisioningStart.Parse(Hex.Decode("0000000000"), 0, 5);
            Assert.Equal(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, s.Algorithm);
            Assert.Equal(AuthenticationMethod.NoOob, s.AuthenticationMethod);
            Assert.Equal(16, s.AuthSize);
        }

        [Theory]
        [InlineData("0200000000")] // RFU algorithm
        [InlineData("0002000000")] // RFU public key value
        [InlineData("0000040000")] // prohibited method
        [InlineData("0000000100")] // action with No OOB
        [InlineData("0000010001")] // size with Static OOB
        [InlineData("0000020300")] // Output OOB size 0
        [InlineData("0000020309")] // Output OOB size 9
        [InlineData("0000020504")] // Output action 5 is RFU
        [InlineData("0000030404")] // Input action 4 is RFU
        public void MshPRT_5_4_1_3_InvalidStartIsInvalidFormat(string hex)
        {
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningStart.Parse(Hex.Decode(hex), 0, 5));
            Assert.Equal(ProvisioningErrorCode.InvalidFormat, e.ErrorCode);
        }

        [Fact]
        public void MshPRT_5_4_2_3_StartMustMatchCapabilities()
        {
            // HMAC + CMAC, static OOB, output numeric up to 4 digits, input push up to 2.
            var caps = ProvisioningCapabilities.Parse(Hex.Decode("0100030001040008020001"), 0, 11);
            Assert.True(new ProvisioningStart { Algorithm = ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, AuthenticationMethod = AuthenticationMethod.StaticOob }.IsAllowedBy(caps));
            Assert.True(new ProvisioningStart { AuthenticationMethod = AuthenticationMethod.OutputOob, AuthenticationAction = 3, AuthenticationSize = 4 }.IsAllowedBy(caps));
            Assert.False(new ProvisioningStart { AuthenticationMethod = AuthenticationMethod.OutputOob, AuthenticationAction = 3, AuthenticationSize = 5 }.IsAllowedBy(caps));
            Assert.False(new ProvisioningStart { AuthenticationMethod = AuthenticationMethod.OutputOob, AuthenticationAction = 0, AuthenticationSize = 1 }.IsAllowedBy(caps));
            Assert.True(new ProvisioningStart { AuthenticationMethod = AuthenticationMethod.InputOob, AuthenticationAction = 0, AuthenticationSize = 2 }.IsAllowedBy(caps));
            Assert.False(new ProvisioningStart { OobPublicKey = true }.IsAllowedBy(caps));

            var cmacOnly = ProvisioningCapabilities.Parse(Hex.Decode("0100010000000000000000"), 0, 11);
            Assert.False(new ProvisioningStart { Algorithm = ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm }.IsAllowedBy(cmacOnly));
            Assert.False(new ProvisioningStart { AuthenticationMethod = AuthenticationMethod.StaticOob }.IsAllowedBy(cmacOnly));
        }

        [Fact]
        public void MshPRT_8_7_ProvisioningDataSampleRoundTrips()
        {
            byte[] plain = Hex.Decode("efb2255e6422d330088e09bb015ed707056700010203040b0c");
            var d = ProvisioningData.Parse(plain, 0, plain.Length);
            Assert.Equal(0x0567, d.KeyIndex);
            Assert.Equal(0, d.Flags);
            Assert.Equal(0x01020304u, d.IvIndex);
            Assert.Equal(0x0b0c, d.UnicastAddress);
            var again = new byte[25];
            d.WriteTo(again, 0);
            Assert.Equal(plain, again);
        }

        [Theory]
        [InlineData("efb2255e6422d330088e09bb015ed707156700010203040b0c")] // key index 0x1567 > 0x0FFF
        [InlineData("efb2255e6422d330088e09bb015ed707056704010203040b0c")] // RFU flag bit
        [InlineData("efb2255e6422d330088e09bb015ed70705670001020304800c")] // group address
        [InlineData("efb2255e6422d330088e09bb015ed707056700010203040000")] // unassigned address
        public void MshPRT_5_4_2_5_OutOfRangeProvisioningDataIsInvalidData(string hex)
        {
            byte[] plain = Hex.Decode(hex);
            var e = Assert.Throws<ProvisioningPduException>(() => ProvisioningData.Parse(plain, 0, plain.Length));
            Assert.Equal(ProvisioningErrorCode.InvalidData, e.ErrorCode);
        }

        [Fact]
        public void MshPRT_5_4_2_4_1_AuthValueExamples()
        {
            Assert.Equal("00000000000000000000000000000005", Hex.Encode(AuthValue.FromNumber(5, 16)));
            Assert.Equal("00000000000000000000000000004cc7", Hex.Encode(AuthValue.FromNumber(19655, 16)));
            Assert.Equal("31323341424300000000000000000000", Hex.Encode(AuthValue.FromAlphanumeric("123ABC", 16)));
            Assert.Equal(32, AuthValue.FromNumber(5, 32).Length);
            Assert.Equal(5, AuthValue.FromNumber(5, 32)[31]);
            Assert.Equal(new byte[16], AuthValue.NoOob(16));
            Assert.Equal("0102000000000000000000000000000000000000000000000000000000000000", Hex.Encode(AuthValue.FromStatic(new byte[] { 1, 2 }, 32)));
            Assert.Throws<ProtocolFormatException>(() => AuthValue.FromAlphanumeric("abc", 16));
        }

        [Fact]
        public void RandomNumericValuesAreNeverZeroAndFitTheDigits()
        {
            var random = new SeededRandom(7);
            for (int i = 0; i < 2000; i++)
            {
                uint v = AuthValue.RandomNumber(random, 1);
                Assert.InRange(v, 1u, 9u);
            }

            Assert.True(AuthValue.TryParseNumber("019655", 6, out uint n));
            Assert.Equal(19655u, n);
            Assert.False(AuthValue.TryParseNumber("1234567", 6, out _));
            Assert.False(AuthValue.TryParseNumber("12a", 6, out _));
        }
    }
}
