using System.Collections;
using System.Text;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Runtime
{
    /// <summary>
    /// The core's JSON DOM on the device (RFC 8259, RFC 3629): the documents the cloud exchanges
    /// parse to Hashtable/ArrayList/string/long/double/bool and write back to the same tree; every
    /// malformed document is a JsonFormatException. Host twin: tests/Gateway.Core.Tests/Cloud/JsonDomTests.cs.
    /// </summary>
    [TestClass]
    public class JsonDomTests
    {
        /// <summary>RFC 8259: an Alink request parses to the DOM types, and what the writer makes of it parses to the same tree.</summary>
        [TestMethod]
        public static void RFC8259_AlinkDocumentParsesAndWritesBack()
        {
            string text = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.cipher.get\",\"params\":{\"random\":\"00112233\",\"cipherType\":3,\"ok\":true,\"no\":null,\"list\":[1,\"a\",[]]}}";
            JsonDom dom = new JsonDom();
            Hashtable root = (Hashtable)dom.Parse(text);
            Assert.AreEqual("thing.cipher.get", (string)root["method"], "#1");
            Hashtable p = (Hashtable)root["params"];
            Assert.AreEqual(3L, (long)p["cipherType"], "#2");
            Assert.IsTrue((bool)p["ok"], "#3");
            Assert.IsTrue(p.Contains("no"), "#4");
            Assert.IsNull(p["no"], "#5");
            ArrayList list = (ArrayList)p["list"];
            Assert.AreEqual(3, list.Count, "#6");
            Assert.AreEqual("a", (string)list[1], "#7");
            Assert.AreEqual(0, ((ArrayList)list[2]).Count, "#8");

            Hashtable again = (Hashtable)dom.Parse(dom.Write(root));
            Hashtable q = (Hashtable)again["params"];
            Assert.AreEqual(5, q.Count, "#9");
            Assert.AreEqual("00112233", (string)q["random"], "#10");
            Assert.AreEqual(3L, (long)q["cipherType"], "#11");
        }

        /// <summary>RFC 8259 §6: integers stay long (to ±2^63), everything else becomes double.</summary>
        [TestMethod]
        public static void RFC8259_IntegersStayLongOtherNumbersBecomeDouble()
        {
            ArrayList list = (ArrayList)new JsonDom().Parse(" [ 7 , -7 , 0 , 9223372036854775807 , -9223372036854775808 , 1.5 , -0.25 , 1e3 , 2E-2 ] ");
            Assert.AreEqual(7L, (long)list[0], "#12");
            Assert.AreEqual(-7L, (long)list[1], "#13");
            Assert.AreEqual(0L, (long)list[2], "#14");
            Assert.AreEqual(long.MaxValue, (long)list[3], "#15");
            Assert.AreEqual(long.MinValue, (long)list[4], "#16");
            Assert.AreEqual(1.5, (double)list[5], "#17");
            Assert.AreEqual(-0.25, (double)list[6], "#18");
            Assert.AreEqual(1000.0, (double)list[7], "#19");
            Assert.AreEqual(0.02, (double)list[8], "#20");
        }

        /// <summary>RFC 8259 §7: every escape, \u escapes with a surrogate pair, and raw UTF-8 text, read the same way.</summary>
        [TestMethod]
        public static void RFC8259_EscapesAndUtf8Strings()
        {
            Hashtable t = (Hashtable)new JsonDom().Parse("{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u4e2d\\ud83d\\ude00\",\"u\":\"\u00e9\u4e2d\ud83d\ude00\"}");
            string s = (string)t["s"];
            Assert.AreEqual("\"\\/\b\f\n\r\tA\u00e9\u4e2d\ud83d\ude00", s, "#21");
            Assert.AreEqual("\u00e9\u4e2d\ud83d\ude00", (string)t["u"], "#22");
            Assert.AreEqual("c3a9e4b8adf09f9880", Hex.Encode(Encoding.UTF8.GetBytes((string)t["u"])), "#23");
        }

        /// <summary>The writer escapes quotes, backslashes and control characters, and keeps supplementary characters (4-octet UTF-8) intact.</summary>
        [TestMethod]
        public static void RFC8259_WriterEscapesAndKeepsSupplementaryCharacters()
        {
            JsonDom dom = new JsonDom();
            Assert.AreEqual("\"a\\\"b\\\\c\\u0001\\n\"", dom.Write("a\"b\\c\u0001\n"), "#24");
            string emoji = dom.Write("x\ud83d\udca1y");
            Assert.AreEqual("2278f09f92a17922", Hex.Encode(Encoding.UTF8.GetBytes(emoji)), "#25");
            Assert.AreEqual("x\ud83d\udca1y", (string)dom.Parse(emoji), "#26");
        }

        /// <summary>RFC 8259: malformed documents are a JsonFormatException (which is a ProtocolFormatException), never another exception.</summary>
        [TestMethod]
        public static void MalformedInput_BrokenJsonIsAJsonFormatException()
        {
            string[] documents = new string[]
            {
                "", "   ", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "-", "1.", ".5", "1e", "+1",
                "NaN", "Infinity", "tru", "nul", "\"unterminated", "\"bad escape \\x\"", "\"short \\u12\"", "\"lone high \\ud800\"",
                "\"lone low \\udc00\"", "\"tab\tinside\"", "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{\"dup\":1,\"dup\":2}", "1e400", "/* c */ 1",
            };
            JsonDom dom = new JsonDom();
            for (int i = 0; i < documents.Length; i++)
            {
                string document = documents[i];
                Assert.ThrowsException(typeof(JsonFormatException), () => dom.Parse(document), document);
            }
        }

        /// <summary>RFC 3629: overlong forms, encoded surrogates, code points above U+10FFFF, truncated and stray octets are refused.</summary>
        [TestMethod]
        [DataRow("22c08022")]
        [DataRow("22eda08022")]
        [DataRow("22f490808022")]
        [DataRow("22e4b822")]
        [DataRow("228022")]
        [DataRow("22ff22")]
        public static void RFC3629_InvalidUtf8IsRefused(string hex)
        {
            byte[] bytes = Hex.Decode(hex);
            Assert.ThrowsException(typeof(JsonFormatException), () => new JsonDom().Parse(bytes, 0, bytes.Length), "#27");
        }

        /// <summary>The depth limit holds exactly; a payload above the size limit is refused before parsing; errors name the position, not the content.</summary>
        [TestMethod]
        public static void MalformedInput_LimitsAndSecretFreeErrors()
        {
            JsonDom dom = new JsonDom();
            string atLimit = new string('[', JsonLimits.DefaultMaxDepth) + new string(']', JsonLimits.DefaultMaxDepth);
            string tooDeep = new string('[', JsonLimits.DefaultMaxDepth + 1) + new string(']', JsonLimits.DefaultMaxDepth + 1);
            Assert.IsTrue(dom.Parse(atLimit) is ArrayList, "#28");
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Parse(tooDeep), "#29");

            byte[] big = new byte[JsonLimits.DefaultMaxBytes + 1];
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Parse(big, 0, big.Length), "#30");

            try
            {
                dom.Parse("{\"deviceSecret\":\"s3cr3tDeviceSecretValue\" oops}");
                Assert.IsTrue(false, "accepted");
            }
            catch (JsonFormatException e)
            {
                Assert.AreEqual(-1, e.Message.IndexOf("s3cr3t"), "#31");
                Assert.IsTrue(e.Position > 0, "#32");
            }

            byte[] window = Encoding.UTF8.GetBytes("xx{\"a\":1}yy");
            Assert.AreEqual(1L, (long)((Hashtable)dom.Parse(window, 2, 7))["a"], "#33");
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Parse(window, 5, 100), "#34");
        }

        /// <summary>The writer refuses what JSON cannot carry: NaN, non-string keys, unknown objects, cycles.</summary>
        [TestMethod]
        public static void MalformedInput_WriterRefusesWhatJsonCannotCarry()
        {
            JsonDom dom = new JsonDom();
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Write(double.NaN), "#35");
            Hashtable intKey = new Hashtable();
            intKey[1] = "x";
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Write(intKey), "#36");
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Write(new object()), "#37");
            ArrayList cycle = new ArrayList();
            cycle.Add(cycle);
            Assert.ThrowsException(typeof(JsonFormatException), () => dom.Write(cycle), "#38");
        }
    }
}
