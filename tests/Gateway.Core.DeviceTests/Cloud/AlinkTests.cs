using System.Collections;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Cloud
{
    /// <summary>
    /// Alink request/reply envelopes on the device's JSON DOM (alibaba-provisioning.md §0, §1.2;
    /// docs/cloud-protocol.md): the documented shapes, ids, and typed errors for every field that is
    /// missing or mistyped. Host twin: tests/Gateway.Core.Tests/Cloud/AlinkEnvelopeTests.cs.
    /// </summary>
    [TestClass]
    public class AlinkTests
    {
        /// <summary>§1.2: thing.cipher.get encodes in the documented shape and decodes back.</summary>
        [TestMethod]
        public static void Alink_1_2_CipherGetRequestRoundTrips()
        {
            Hashtable parameters = new Hashtable();
            parameters["productKey"] = "a1EnrPk0001";
            parameters["deviceName"] = "lamp-01";
            parameters["cipherType"] = 3L;
            parameters["random"] = "00112233445566778899AABBCCDDEEFF";
            string text = new AlinkRequest("42", AlinkMethods.CipherGet, parameters).ToJson(Json());
            Assert.StartsWith("{\"id\":\"42\",\"version\":\"1.0\",\"method\":\"thing.cipher.get\",\"params\":{", text, "#1");

            AlinkRequest back = Request(text);
            Assert.AreEqual("42", back.Id, "#2");
            Assert.AreEqual(AlinkMethods.CipherGet, back.Method, "#3");
            Assert.AreEqual("1.0", back.Version, "#4");
            Hashtable p = back.ParamsObject;
            Assert.AreEqual(4, p.Count, "#5");
            Assert.AreEqual("lamp-01", (string)p["deviceName"], "#6");
            Assert.AreEqual(3L, (long)p["cipherType"], "#7");
            Assert.AreEqual("00112233445566778899AABBCCDDEEFF", (string)p["random"], "#8");
        }

        /// <summary>§1.2: the found reply carries an array of enrollees; a check-in reply writes empty data like the SDK.</summary>
        [TestMethod]
        public static void Alink_1_2_RepliesWithArraysAndEmptyData()
        {
            AlinkReply reply = Reply("{\"id\":\"5\",\"code\":200,\"data\":[{\"productKey\":\"a1EnrPk0001\",\"deviceName\":\"lamp-01\",\"timeout\":60}]}");
            Assert.IsTrue(reply.IsSuccess, "#9");
            Assert.AreEqual("5", reply.Id, "#10");
            ArrayList list = (ArrayList)reply.Data;
            Assert.AreEqual(60L, (long)((Hashtable)list[0])["timeout"], "#11");
            Assert.IsNull(reply.Message, "#12");
            Assert.AreEqual("{\"id\":\"9\",\"code\":200,\"data\":{}}", new AlinkReply("9", AlinkCodes.Success, null).ToJson(Json()), "#13");
        }

        /// <summary>An error code and message round-trip; numeric ids from other senders are read as strings.</summary>
        [TestMethod]
        public static void Alink_ErrorRepliesAndNumericIds()
        {
            AlinkReply back = Reply(new AlinkReply("10", AlinkCodes.Forbidden, null, "not the registrar").ToJson(Json()));
            Assert.AreEqual(403, back.Code, "#14");
            Assert.IsFalse(back.IsSuccess, "#15");
            Assert.AreEqual("not the registrar", back.Message, "#16");
            Assert.AreEqual("123", Reply("{\"id\":123,\"code\":200}").Id, "#17");
            Assert.AreEqual("7", Request("{\"id\":7,\"method\":\"thing.awss.enrollee.checkin\",\"params\":{}}").Id, "#18");
        }

        /// <summary>Replies with a wrong id or a missing or mistyped field are an AlinkFormatException.</summary>
        [TestMethod]
        [DataRow("{\"id\":{},\"code\":200}")]
        [DataRow("{\"id\":-1,\"code\":200}")]
        [DataRow("{\"id\":1.5,\"code\":200}")]
        [DataRow("{\"id\":\"has space\",\"code\":200}")]
        [DataRow("{\"id\":\"123456789012345678901234567890123\",\"code\":200}")]
        [DataRow("{\"id\":null,\"code\":200}")]
        [DataRow("{\"code\":200}")]
        [DataRow("{\"id\":\"1\",\"code\":\"200\"}")]
        [DataRow("{\"id\":\"1\",\"code\":99999999999}")]
        [DataRow("{\"id\":\"1\",\"code\":200,\"message\":5}")]
        [DataRow("[{\"id\":\"1\",\"code\":200}]")]
        public static void MalformedInput_ReplyIsAnAlinkFormatException(string text)
        {
            Assert.ThrowsException(typeof(AlinkFormatException), () => Reply(text), "#19");
        }

        /// <summary>Requests with a missing or mistyped method, params or version are an AlinkFormatException.</summary>
        [TestMethod]
        [DataRow("{\"id\":\"1\",\"params\":{}}")]
        [DataRow("{\"id\":\"1\",\"method\":\"thing..found\",\"params\":{}}")]
        [DataRow("{\"id\":\"1\",\"method\":\"thing/awss\",\"params\":{}}")]
        [DataRow("{\"id\":\"1\",\"method\":\"thing.cipher.get\"}")]
        [DataRow("{\"id\":\"1\",\"method\":\"thing.cipher.get\",\"params\":\"x\"}")]
        [DataRow("{\"id\":\"1\",\"method\":\"thing.cipher.get\",\"params\":{},\"version\":1}")]
        [DataRow("\"request\"")]
        public static void MalformedInput_RequestIsAnAlinkFormatException(string text)
        {
            Assert.ThrowsException(typeof(AlinkFormatException), () => Request(text), "#20");
        }

        /// <summary>Text that is not JSON at all is a JsonFormatException (the base type), not an Alink one.</summary>
        [TestMethod]
        public static void MalformedInput_BrokenJsonIsAJsonFormatException()
        {
            Assert.ThrowsException(typeof(JsonFormatException), () => Reply("{\"id\":\"1\",\"code\":200"), "#21");
            Assert.ThrowsException(typeof(JsonFormatException), () => Reply("{\"id\":\"1\",\"code\":200}}"), "#22");
            Assert.ThrowsException(typeof(JsonFormatException), () => Reply("not json"), "#23");
            AlinkRequest request = Request("{\"id\":\"1\",\"method\":\"thing.x\",\"params\":[1]}");
            Assert.IsTrue(request.Params is ArrayList, "#24");
            Assert.ThrowsException(typeof(AlinkFormatException), () => { Hashtable unused = request.ParamsObject; }, "#25");
        }

        private static IJsonDom Json()
        {
            return new JsonDom();
        }

        private static AlinkRequest Request(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return AlinkRequest.Decode(Json(), bytes, 0, bytes.Length);
        }

        private static AlinkReply Reply(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return AlinkReply.Decode(Json(), bytes, 0, bytes.Length);
        }
    }
}
