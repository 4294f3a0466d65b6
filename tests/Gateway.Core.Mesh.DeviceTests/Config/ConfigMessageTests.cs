using Gateway.Core.Mesh.Config;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Config
{
    /// <summary>
    /// Configuration messages on the device (MshPRT §4.3.2): encodings, the §8.3.6/§8.3.16 samples,
    /// status codes (Table 4.108), Composition Data page 0 (§8.10.1) and malformed statuses. Host
    /// twin: tests/Gateway.Core.Tests/Mesh/Config/ConfigMessageTests.cs.
    /// </summary>
    [TestClass]
    public class ConfigMessageTests
    {
        private const string Composition8101 = "0c001a0001000800030000010501000000800100001003103f002a00";

        /// <summary>MshPRT §8.3.6: Config AppKey Add (NetKey Index 0x456, AppKey Index 0x123, the sample AppKey).</summary>
        [TestMethod]
        public static void MshPRT_8_3_6_ConfigAppKeyAdd()
        {
            byte[] output = new byte[20];
            int n = ConfigMessages.AppKeyAdd(output, 0, 0x456, 0x123, Hex.Decode("63964771734fbd76e3b40519d1d94a48"));
            Assert.AreEqual("0056341263964771734fbd76e3b40519d1d94a48", Hex.Encode(output, 0, n), "#1");
        }

        /// <summary>MshPRT §8.3.16: Config AppKey Status, parsed and written.</summary>
        [TestMethod]
        public static void MshPRT_8_3_16_ConfigAppKeyStatus()
        {
            ConfigStatusMessage status;
            Assert.IsTrue(ConfigStatusMessage.TryParse(ConfigOpcodes.AppKeyStatus, Hex.Decode("00563412"), 0, 4, out status), "#2");
            Assert.IsTrue(status.IsSuccess, "#3");
            Assert.AreEqual(0x456, status.NetKeyIndex, "#4");
            Assert.AreEqual(0x123, status.AppKeyIndex, "#5");
            byte[] output = new byte[6];
            Assert.AreEqual(6, ConfigMessages.AppKeyStatus(output, 0, 0, 0x456, 0x123), "#6");
            Assert.AreEqual("800300563412", Hex.Encode(output), "#7");
        }

        /// <summary>MshPRT §4.3.2.46/§4.3.2.19: Model App Bind of a SIG model; a vendor model ID is Company ID then model, little-endian.</summary>
        [TestMethod]
        public static void MshPRT_4_3_2_ModelAppBindAndVendorSubscription()
        {
            byte[] output = new byte[12];
            int n = ConfigMessages.ModelAppBind(output, 0, 0x0100, 0x001, 0x1000, false);
            Assert.AreEqual("803d000101000010", Hex.Encode(output, 0, n), "#8");
            n = ConfigMessages.ModelSubscriptionAdd(output, 0, 0x0100, 0xC000, 0x003F002A, true);
            Assert.AreEqual("801b000100c03f002a00", Hex.Encode(output, 0, n), "#9");

            ConfigStatusMessage s;
            Assert.IsTrue(ConfigStatusMessage.TryParse(ConfigOpcodes.ModelSubscriptionStatus, Hex.Decode("00000100c03f002a00"), 0, 9, out s), "#10");
            Assert.IsTrue(s.IsVendorModel, "#11");
            Assert.AreEqual(0x003F002Au, s.ModelId, "#12");
            Assert.AreEqual(0xC000, s.Address, "#13");
        }

        /// <summary>MshPRT §4.3.2.16: Model Publication Set with every field; the status carries them back.</summary>
        [TestMethod]
        public static void MshPRT_4_3_2_16_ModelPublicationRoundTrip()
        {
            ModelPublication p = new ModelPublication();
            p.ElementAddress = 0x0100;
            p.PublishAddress = 0xC001;
            p.AppKeyIndex = 0x123;
            p.CredentialFlag = true;
            p.PublishTtl = 0xFF;
            p.PublishPeriod = 0x41;
            p.PublishRetransmit = 0x0A;
            p.ModelId = 0x1000;
            byte[] output = new byte[14];
            int n = ConfigMessages.ModelPublicationSet(output, 0, p);
            Assert.AreEqual("03000101c02311ff410a0010", Hex.Encode(output, 0, n), "#14");

            byte[] status = Hex.Decode("07" + Hex.Encode(output, 1, n - 1));
            ConfigStatusMessage s;
            Assert.IsTrue(ConfigStatusMessage.TryParse(ConfigOpcodes.ModelPublicationStatus, status, 0, status.Length, out s), "#15");
            Assert.AreEqual((int)ConfigStatusCode.InvalidPublishParameters, s.Status, "#16");
            Assert.AreEqual(0xC001, s.Publication.PublishAddress, "#17");
            Assert.AreEqual(0x123, s.Publication.AppKeyIndex, "#18");
            Assert.IsTrue(s.Publication.CredentialFlag, "#19");
            Assert.AreEqual(0x0A, s.Publication.PublishRetransmit, "#20");
        }

        /// <summary>MshPRT Table 4.108: every status code's name, and 0x12 upwards RFU.</summary>
        [TestMethod]
        public static void MshPRT_Table_4_108_StatusCodes()
        {
            string[] names = new string[]
            {
                "Success", "Invalid Address", "Invalid Model", "Invalid AppKey Index", "Invalid NetKey Index", "Insufficient Resources",
                "Key Index Already Stored", "Invalid Publish Parameters", "Not a Subscribe Model", "Storage Failure", "Feature Not Supported",
                "Cannot Update", "Cannot Remove", "Cannot Bind", "Temporarily Unable to Change State", "Cannot Set", "Unspecified Error",
                "Invalid Binding",
            };
            for (int code = 0; code < names.Length; code++)
            {
                Assert.AreEqual(names[code], ConfigStatusCodes.Name(code), "#21");
                Assert.IsTrue(ConfigStatusCodes.IsDefined(code), "#22");
            }

            Assert.AreEqual("RFU 0x12", ConfigStatusCodes.Name(0x12), "#23");
            Assert.IsFalse(ConfigStatusCodes.IsDefined(0x12), "#24");
            Assert.AreEqual(0x11, (int)ConfigStatusCode.InvalidBinding, "#25");
        }

        /// <summary>MshPRT §8.10.1: Composition Data page 0, parsed field by field and written back.</summary>
        [TestMethod]
        public static void MshPRT_8_10_1_CompositionDataPage0()
        {
            byte[] data = Hex.Decode(Composition8101);
            CompositionData c = CompositionData.Parse(data, 0, data.Length);
            Assert.AreEqual(0x000C, c.CompanyId, "#26");
            Assert.AreEqual(0x001A, c.ProductId, "#27");
            Assert.AreEqual(0x0001, c.VersionId, "#28");
            Assert.AreEqual(0x0008, c.Crpl, "#29");
            Assert.AreEqual(0x0003, c.Features, "#30");
            Assert.IsTrue(c.SupportsProxy, "#31");
            Assert.AreEqual(1, c.Elements.Length, "#32");
            CompositionElement e = c.Elements[0];
            Assert.AreEqual(0x0100, e.Location, "#33");
            CollectionAssert.AreEqual(new int[] { 0x0000, 0x8000, 0x0001, 0x1000, 0x1003 }, e.SigModels);
            CollectionAssert.AreEqual(new uint[] { 0x003F002A }, e.VendorModels);
            Assert.IsTrue(e.HasModel(0x003F002A, true), "#34");
            Assert.IsFalse(e.HasModel(0x1002, false), "#35");
            Assert.AreEqual(Composition8101, Hex.Encode(c.ToBytes()), "#36");
        }

        /// <summary>Truncated or trailing Composition Data is refused; TryParse never throws.</summary>
        [TestMethod]
        [DataRow("0c001a000100080003")]
        [DataRow("0c001a00010008000300")]
        [DataRow("0c001a0001000800030000010501000000800100001003103f002a")]
        [DataRow("0c001a0001000800030000010501000000800100001003103f002a0000")]
        public static void MalformedInput_CompositionDataIsRefused(string hex)
        {
            byte[] data = Hex.Decode(hex);
            CompositionData parsed;
            Assert.IsFalse(CompositionData.TryParse(data, 0, data.Length, out parsed), "#37");
            Assert.IsNull(parsed, "#38");
        }

        /// <summary>Statuses of the wrong length for their opcode, or unknown opcodes, are not statuses.</summary>
        [TestMethod]
        [DataRow(0x8003, "005634")]
        [DataRow(0x8003, "0056341200")]
        [DataRow(0x803E, "000001010000")]
        [DataRow(0x800E, "")]
        [DataRow(0x8000, "00")]
        public static void MalformedInput_StatusOfTheWrongShape(int opcode, string hex)
        {
            byte[] data = Hex.Decode(hex);
            ConfigStatusMessage message;
            Assert.IsFalse(ConfigStatusMessage.TryParse(opcode, data, 0, data.Length, out message), "#39");
        }
    }
}
