using System;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// The Provisioning PDU size table and the parameter codecs (Capabilities, Start, Data, AuthValue)
    /// on the device. Host twins: tests/Gateway.Core.Tests/Mesh/Provisioning/ProvisioningPduTests.cs
    /// and ProvisioningParametersTests.cs.
    /// </summary>
    [TestClass]
    public class ProvisioningPduTests
    {
        /// <summary>MshPRT Table 5.17 with the CMAC algorithm: the exact total length per type; one octet more or less is Invalid Format.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_SizeTable_AcceptsTheExactLengthAndRejectsOthers()
        {
            int[] types = new int[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0C };
            int[] lengths = new int[] { 2, 12, 6, 65, 1, 17, 17, 34, 1, 2, 7, 1 };
            for (int i = 0; i < types.Length; i++)
            {
                byte[] pdu = new byte[lengths[i] + 1];
                pdu[0] = (byte)types[i];
                string what = "type " + types[i].ToString();
                Assert.AreEqual(types[i], (int)ProvisioningPdu.Check(pdu, 0, lengths[i], 16), what);
                Assert.AreEqual(lengths[i], ProvisioningPdu.LengthOf((ProvisioningPduType)types[i], 16), what);
                AssertCode(ProvisioningErrorCode.InvalidFormat, pdu, lengths[i] + 1, 16);
                if (lengths[i] > 1)
                {
                    AssertCode(ProvisioningErrorCode.InvalidFormat, pdu, lengths[i] - 1, 16);
                }
            }
        }

        /// <summary>MshPRT Table 5.17: with HMAC-SHA256 the Confirmation and Random PDUs carry 32 octets.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_ConfirmationAndRandomAre33OctetsWithHmacSha256()
        {
            byte[] pdu = new byte[33];
            pdu[0] = 0x05;
            Assert.AreEqual((int)ProvisioningPduType.Confirmation, (int)ProvisioningPdu.Check(pdu, 0, 33, 32), "#1");
            pdu[0] = 0x06;
            Assert.AreEqual((int)ProvisioningPduType.Random, (int)ProvisioningPdu.Check(pdu, 0, 33, 32), "#2");
            AssertCode(ProvisioningErrorCode.InvalidFormat, pdu, 17, 32);
        }

        /// <summary>MshPRT §5.4.1: RFU types and non-zero padding bits are Invalid PDU, an empty PDU Invalid Format.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_RfuTypePaddingBitsAndEmptyPdu()
        {
            AssertCode(ProvisioningErrorCode.InvalidPdu, new byte[] { 0x0E }, 1, 16);
            AssertCode(ProvisioningErrorCode.InvalidPdu, new byte[] { 0x3F }, 1, 16);
            AssertCode(ProvisioningErrorCode.InvalidPdu, new byte[] { 0x48 }, 1, 16);
            AssertCode(ProvisioningErrorCode.InvalidFormat, new byte[0], 0, 16);
        }

        /// <summary>MshPRT §5.4.1: Record Response and Records List have a variable length with a minimum.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_RecordResponseAndRecordsListHaveVariableLength()
        {
            Assert.AreEqual((int)ProvisioningPduType.RecordResponse,
                (int)ProvisioningPdu.Check(new byte[] { 0x0B, 0, 0, 1, 0, 0, 0, 4, 1, 2, 3, 4 }, 0, 12, 16), "#3");
            Assert.AreEqual((int)ProvisioningPduType.RecordsList, (int)ProvisioningPdu.Check(new byte[] { 0x0D, 0, 0, 0, 1 }, 0, 5, 16), "#4");
            AssertCode(ProvisioningErrorCode.InvalidFormat, new byte[] { 0x0D, 0, 0, 0 }, 4, 16);
        }

        [TestMethod]
        public static void MshPRT_8_7_CapabilitiesSampleParsesAndReencodes()
        {
            byte[] value = Hex.Decode(ProvisioningSamples.CapabilitiesParameters);
            ProvisioningCapabilities c = ProvisioningCapabilities.Parse(value, 0, value.Length);
            Assert.AreEqual(1, c.NumberOfElements, "#5");
            Assert.IsTrue(c.SupportsCmac, "#6");
            Assert.IsFalse(c.SupportsHmacSha256, "#7");
            Assert.IsFalse(c.StaticOobAvailable, "#8");
            ByteWriter w = new ByteWriter(11);
            c.WriteTo(w);
            Assert.AreEqual(ProvisioningSamples.CapabilitiesParameters, Hex.Encode(w.ToArray()), "#9");
        }

        /// <summary>MshPRT §5.4.1.2: Algorithms is a bit mask (Mesh 1.1 devices offer 0x0003), RFU bits ignored.</summary>
        [TestMethod]
        public static void MshPRT_5_4_1_2_AlgorithmsIsABitMask()
        {
            ProvisioningCapabilities c = ProvisioningCapabilities.Parse(Hex.Decode("01fff30000000000000000"), 0, 11);
            Assert.IsTrue(c.SupportsCmac, "#10");
            Assert.IsTrue(c.SupportsHmacSha256, "#11");
        }

        /// <summary>MshPRT §5.4.1.2: inconsistent capabilities are Invalid Format.</summary>
        [TestMethod]
        [DataRow("0000010000000000000000")]
        [DataRow("0100040000000000000000")]
        [DataRow("0100010000010000000000")]
        [DataRow("0100030003000000000000")]
        public static void MshPRT_5_4_1_2_InconsistentCapabilitiesAreInvalidFormat(string hex)
        {
            byte[] value = Hex.Decode(hex);
            AssertParseCode(ProvisioningErrorCode.InvalidFormat, ParseKind.Capabilities, value);
        }

        [TestMethod]
        public static void MshPRT_8_7_StartSampleParses()
        {
            ProvisioningStart s = ProvisioningStart.Parse(Hex.Decode("0000000000"), 0, 5);
            Assert.AreEqual((int)ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, (int)s.Algorithm, "#12");
            Assert.AreEqual((int)AuthenticationMethod.NoOob, (int)s.AuthenticationMethod, "#13");
            Assert.AreEqual(16, s.AuthSize, "#14");
            ProvisioningStart h = ProvisioningStart.Parse(Hex.Decode("0100010000"), 0, 5);
            Assert.AreEqual((int)ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, (int)h.Algorithm, "#15");
            Assert.AreEqual((int)AuthenticationMethod.StaticOob, (int)h.AuthenticationMethod, "#16");
            Assert.AreEqual(32, h.AuthSize, "#17");
        }

        /// <summary>MshPRT §5.4.1.3: RFU algorithm or public key value, prohibited method, actions and sizes outside the method's rules.</summary>
        [TestMethod]
        [DataRow("0200000000")]
        [DataRow("0002000000")]
        [DataRow("0000040000")]
        [DataRow("0000000100")]
        [DataRow("0000020309")]
        [DataRow("0000030404")]
        public static void MshPRT_5_4_1_3_InvalidStartIsInvalidFormat(string hex)
        {
            AssertParseCode(ProvisioningErrorCode.InvalidFormat, ParseKind.Start, Hex.Decode(hex));
        }

        /// <summary>MshPRT §5.4.2.3: a Start is allowed only by capabilities that offer its algorithm, key type, method, action and size.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_3_StartMustMatchTheCapabilities()
        {
            ProvisioningCapabilities caps = ProvisioningCapabilities.Parse(Hex.Decode("0100030001040008020001"), 0, 11);
            Assert.IsTrue(Start(ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, AuthenticationMethod.StaticOob, 0, 0).IsAllowedBy(caps), "#18");
            Assert.IsTrue(Start(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, AuthenticationMethod.OutputOob, 3, 4).IsAllowedBy(caps), "#19");
            Assert.IsFalse(Start(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, AuthenticationMethod.OutputOob, 3, 5).IsAllowedBy(caps), "#20");
            Assert.IsFalse(Start(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, AuthenticationMethod.OutputOob, 0, 1).IsAllowedBy(caps), "#21");
            Assert.IsTrue(Start(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, AuthenticationMethod.InputOob, 0, 2).IsAllowedBy(caps), "#22");

            ProvisioningCapabilities cmacOnly = ProvisioningCapabilities.Parse(Hex.Decode(ProvisioningSamples.CapabilitiesParameters), 0, 11);
            Assert.IsFalse(Start(ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, AuthenticationMethod.NoOob, 0, 0).IsAllowedBy(cmacOnly), "#23");
            Assert.IsFalse(Start(ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm, AuthenticationMethod.StaticOob, 0, 0).IsAllowedBy(cmacOnly), "#24");
        }

        [TestMethod]
        public static void MshPRT_8_7_ProvisioningDataSampleRoundTrips()
        {
            byte[] plain = Hex.Decode("efb2255e6422d330088e09bb015ed707056700010203040b0c");
            ProvisioningData d = ProvisioningData.Parse(plain, 0, plain.Length);
            Assert.AreEqual(0x0567, d.KeyIndex, "#25");
            Assert.AreEqual(0, d.Flags, "#26");
            Assert.AreEqual(0x01020304u, d.IvIndex, "#27");
            Assert.AreEqual(0x0b0c, d.UnicastAddress, "#28");
            byte[] again = new byte[25];
            d.WriteTo(again, 0);
            CollectionAssert.AreEqual(plain, again);
        }

        /// <summary>MshPRT §5.4.2.5: key index above 0x0FFF, RFU flag bit, group or unassigned address are Invalid Data.</summary>
        [TestMethod]
        [DataRow("efb2255e6422d330088e09bb015ed707156700010203040b0c")]
        [DataRow("efb2255e6422d330088e09bb015ed707056704010203040b0c")]
        [DataRow("efb2255e6422d330088e09bb015ed70705670001020304800c")]
        [DataRow("efb2255e6422d330088e09bb015ed707056700010203040000")]
        public static void MshPRT_5_4_2_5_OutOfRangeProvisioningDataIsInvalidData(string hex)
        {
            AssertParseCode(ProvisioningErrorCode.InvalidData, ParseKind.Data, Hex.Decode(hex));
        }

        /// <summary>MshPRT §5.4.2.4.1: how numeric, alphanumeric and static values become the AuthValue.</summary>
        [TestMethod]
        public static void MshPRT_5_4_2_4_1_AuthValueExamples()
        {
            Assert.AreEqual("00000000000000000000000000000005", Hex.Encode(AuthValue.FromNumber(5, 16)), "#29");
            Assert.AreEqual("00000000000000000000000000004cc7", Hex.Encode(AuthValue.FromNumber(19655, 16)), "#30");
            Assert.AreEqual("31323341424300000000000000000000", Hex.Encode(AuthValue.FromAlphanumeric("123ABC", 16)), "#31");
            Assert.AreEqual(32, AuthValue.FromNumber(5, 32).Length, "#32");
            Assert.AreEqual((byte)5, AuthValue.FromNumber(5, 32)[31], "#33");
            CollectionAssert.AreEqual(new byte[16], AuthValue.NoOob(16));
            Assert.AreEqual("0102000000000000000000000000000000000000000000000000000000000000", Hex.Encode(AuthValue.FromStatic(new byte[] { 1, 2 }, 32)), "#34");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => AuthValue.FromAlphanumeric("abc", 16), "#35");
        }

        [TestMethod]
        public static void MshPRT_5_4_2_4_1_RandomNumbersFitTheDigitsAndParsingIsStrict()
        {
            SeededRandom random = new SeededRandom(7);
            for (int i = 0; i < 200; i++)
            {
                uint v = AuthValue.RandomNumber(random, 1);
                Assert.IsTrue(v >= 1 && v <= 9, v.ToString());
            }

            uint n;
            Assert.IsTrue(AuthValue.TryParseNumber("019655", 6, out n), "#36");
            Assert.AreEqual(19655u, n, "#37");
            Assert.IsFalse(AuthValue.TryParseNumber("1234567", 6, out n), "#38");
            Assert.IsFalse(AuthValue.TryParseNumber("12a", 6, out n), "#39");
        }

        /// <summary>DESIGN.md §8.2: seeded random bytes into the PDU check and the three parameter parsers: a typed error or a value, never another exception.</summary>
        [TestMethod]
        public static void MalformedInput_RandomBytesGetATypedError()
        {
            SeededRandom random = new SeededRandom(2024);
            byte[] buffer = new byte[70];
            int typed = 0;
            for (int run = 0; run < 300; run++)
            {
                int length = random.NextInt(buffer.Length + 1);
                random.NextBytes(buffer, 0, buffer.Length);
                if (run % 3 == 0)
                {
                    buffer[0] = (byte)(buffer[0] % 0x0E);
                }

                for (int kind = 0; kind < 4; kind++)
                {
                    try
                    {
                        Parse(kind, buffer, length);
                    }
                    catch (ProvisioningPduException)
                    {
                        typed++;
                    }
                }
            }

            OutputHelper.WriteLine("provisioning parsers: 1200 random inputs, " + typed.ToString() + " typed errors, no other exception");
            Assert.IsTrue(typed > 0, "#40");
        }

        private enum ParseKind
        {
            Pdu = 0,
            Capabilities = 1,
            Start = 2,
            Data = 3,
        }

        private static void Parse(int kind, byte[] buffer, int length)
        {
            switch (kind)
            {
                case (int)ParseKind.Pdu:
                    ProvisioningPdu.Check(buffer, 0, length, length % 2 == 0 ? 16 : 32);
                    break;
                case (int)ParseKind.Capabilities:
                    ProvisioningCapabilities.Parse(buffer, 0, length);
                    break;
                case (int)ParseKind.Start:
                    ProvisioningStart.Parse(buffer, 0, length);
                    break;
                default:
                    ProvisioningData.Parse(buffer, 0, length);
                    break;
            }
        }

        private static ProvisioningStart Start(ProvisioningAlgorithm algorithm, AuthenticationMethod method, int action, int size)
        {
            ProvisioningStart s = new ProvisioningStart();
            s.Algorithm = algorithm;
            s.AuthenticationMethod = method;
            s.AuthenticationAction = action;
            s.AuthenticationSize = size;
            return s;
        }

        private static void AssertCode(ProvisioningErrorCode expected, byte[] pdu, int count, int authSize)
        {
            AssertParseCode(expected, ParseKind.Pdu, pdu, count, authSize);
        }

        private static void AssertParseCode(ProvisioningErrorCode expected, ParseKind kind, byte[] value)
        {
            AssertParseCode(expected, kind, value, value.Length, 16);
        }

        private static void AssertParseCode(ProvisioningErrorCode expected, ParseKind kind, byte[] value, int count, int authSize)
        {
            try
            {
                if (kind == ParseKind.Pdu)
                {
                    ProvisioningPdu.Check(value, 0, count, authSize);
                }
                else
                {
                    Parse((int)kind, value, count);
                }
            }
            catch (ProvisioningPduException e)
            {
                Assert.AreEqual((int)expected, (int)e.ErrorCode, Hex.Encode(value, 0, count));
                return;
            }

            Assert.IsTrue(false, "no error for " + Hex.Encode(value, 0, count));
        }
    }
}
