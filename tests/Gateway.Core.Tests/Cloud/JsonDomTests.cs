using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>
    /// The JSON-DOM port: the core's portable reader and the host's System.Text.Json adapter must
    /// agree on every accepted document (interop) and both refuse the same bad input with a
    /// JsonFormatException (RFC 8259; RFC 3629 for UTF-8).
    /// </summary>
    public class JsonDomTests
    {
        public static IEnumerable<object[]> Implementations()
        {
            yield return new object[] { "portable", new JsonDom() };
            yield return new object[] { "system-text-json", new SystemTextJsonDom() };
        }

        public static IEnumerable<object[]> ValidDocuments()
        {
            string[] documents =
            {
                "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.cipher.get\",\"params\":{\"random\":\"00112233445566778899aabbccddeeff\",\"cipherType\":3}}",
                "{\"id\":\"7\",\"code\":200,\"data\":[{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"lamp\",\"timeout\":60}]}",
                " [ 1 , -2 , 0 , 9223372036854775807 , -9223372036854775808 , 9223372036854775808 , 1.5 , -0.25 , 1e3 , 2E-2 , 0.1 ] ",
                "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u4e2d\\ud83d\\ude00\",\"u\":\"\u00e9\u4e2d\ud83d\ude00\"}",
                "{\"t\":true,\"f\":false,\"n\":null,\"e\":{},\"a\":[],\"nested\":[[[{\"k\":[]}]]]}",
                "\"just a string\"",
                "42",
                "null",
            };
            foreach (string document in documents)
            {
                yield return new object[] { document };
            }
        }

        public static IEnumerable<object[]> MalformedDocuments()
        {
            string[] documents =
            {
                "",
                "   ",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "{'a':1}",
                "{\"a\" 1}",
                "{a:1}",
                "[1 2]",
                "01",
                "-",
                "1.",
                ".5",
                "1e",
                "+1",
                "NaN",
                "Infinity",
                "tru",
                "nul",
                "\"unterminated",
                "\"bad escape \\x\"",
                "\"short \\u12\"",
                "\"lone high \\ud800\"",
                "\"lone low \\udc00\"",
                "\"tab\tinside\"",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":1} x",
                "{\"dup\":1,\"dup\":2}",
                "1e400",
                "/* comment */ 1",
            };
            foreach (string document in documents)
            {
                yield return new object[] { document };
            }
        }

        [Theory]
        [MemberData(nameof(ValidDocuments))]
        public void RFC8259_PortableReaderAgreesWithSystemTextJson(string document)
        {
            object portable = new JsonDom().Parse(document);
            object reference = new SystemTextJsonDom().Parse(document);
            JsonTree.AssertEqual(reference, portable);
        }

        [Theory]
        [MemberData(nameof(ValidDocuments))]
        public void RFC8259_WrittenTextParsesBackToTheSameTree(string document)
        {
            foreach (object[] impl in Implementations())
            {
                var dom = (IJsonDom)impl[1];
                object tree = dom.Parse(document);
                foreach (object[] other in Implementations())
                {
                    JsonTree.AssertEqual(tree, ((IJsonDom)other[1]).Parse(dom.Write(tree)));
                }
            }
        }

        [Theory]
        [MemberData(nameof(MalformedDocuments))]
        public void MalformedJsonIsATypedErrorInBothImplementations(string document)
        {
            foreach (object[] impl in Implementations())
            {
                var dom = (IJsonDom)impl[1];
                var error = Assert.ThrowsAny<JsonFormatException>(() => dom.Parse(document));
                Assert.IsAssignableFrom<ProtocolFormatException>(error);
            }
        }

        [Theory]
        [InlineData(new byte[] { 0x22, 0xC0, 0x80, 0x22 })]       // overlong NUL
        [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })] // UTF-8 encoded surrogate
        [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 })] // above U+10FFFF
        [InlineData(new byte[] { 0x22, 0xE4, 0xB8, 0x22 })]       // truncated sequence
        [InlineData(new byte[] { 0x22, 0x80, 0x22 })]             // stray continuation byte
        [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
        public void RFC3629_InvalidUtf8InAStringIsRefused(byte[] bytes)
        {
            foreach (object[] impl in Implementations())
            {
                Assert.ThrowsAny<JsonFormatException>(() => ((IJsonDom)impl[1]).Parse(bytes, 0, bytes.Length));
            }
        }

        [Theory]
        [MemberData(nameof(Implementations))]
        public void HugePayloadIsRefusedBeforeParsing(string name, IJsonDom dom)
        {
            var big = new StringBuilder("[");
            while (big.Length < JsonLimits.DefaultMaxBytes + 10)
            {
                big.Append("1,");
            }

            big.Append("1]");
            byte[] bytes = Encoding.UTF8.GetBytes(big.ToString());
            var error = Assert.ThrowsAny<JsonFormatException>(() => dom.Parse(bytes, 0, bytes.Length));
            Assert.Contains("limit", error.Message);
            Assert.ThrowsAny<JsonFormatException>(() => dom.Parse(big.ToString()));
            Assert.NotNull(name);
        }

        [Theory]
        [MemberData(nameof(Implementations))]
        public void NestingAtTheDepthLimitIsAcceptedOneDeeperIsRefused(string name, IJsonDom dom)
        {
            string atLimit = new string('[', JsonLimits.DefaultMaxDepth) + new string(']', JsonLimits.DefaultMaxDepth);
            string tooDeep = new string('[', JsonLimits.DefaultMaxDepth + 1) + new string(']', JsonLimits.DefaultMaxDepth + 1);
            Assert.IsType<ArrayList>(dom.Parse(atLimit));
            Assert.ThrowsAny<JsonFormatException>(() => dom.Parse(tooDeep));
            Assert.NotNull(name);
        }

        [Theory]
        [MemberData(nameof(Implementations))]
        public void IntegersStayLongOtherNumbersBecomeDouble(string name, IJsonDom dom)
        {
            var list = (ArrayList)dom.Parse("[7,-7,9223372036854775808,1.0,1e2,0.1]");
            Assert.Equal(7L, list[0]);
            Assert.Equal(-7L, list[1]);
            Assert.Equal(9223372036854775808d, list[2]);
            Assert.Equal(1.0, list[3]);
            Assert.Equal(100.0, list[4]);
            Assert.Equal(0.1, list[5]);
            Assert.NotNull(name);
        }

        [Fact]
        public void ErrorMessagesNameThePositionNotTheContent()
        {
            const string secret = "s3cr3tDeviceSecretValue";
            var error = Assert.ThrowsAny<JsonFormatException>(() => new JsonDom().Parse("{\"deviceSecret\":\"" + secret + "\" oops}"));
            Assert.DoesNotContain(secret, error.Message);
            Assert.True(error.Position > 0);
        }

        [Theory]
        [MemberData(nameof(Implementations))]
        public void WriterRefusesWhatJsonCannotCarry(string name, IJsonDom dom)
        {
            Assert.ThrowsAny<JsonFormatException>(() => dom.Write(double.NaN));
            Assert.ThrowsAny<JsonFormatException>(() => dom.Write(new Hashtable { { 1, "x" } }));
            Assert.ThrowsAny<JsonFormatException>(() => dom.Write(new object()));
            var cycle = new ArrayList();
            cycle.Add(cycle);
            Assert.ThrowsAny<JsonFormatException>(() => dom.Write(cycle));
            Assert.NotNull(name);
        }

        [Fact]
        public void WriterEscapesControlCharactersAndQuotes()
        {
            string text = new JsonDom().Write("a\"b\\c\u0001\n");
            Assert.Equal("\"a\\\"b\\\\c\\u0001\\n\"", text);
            Assert.Equal("a\"b\\c\u0001\n", new SystemTextJsonDom().Parse(text));
        }

        [Fact]
        public void InputWindowIsHonoured()
        {
            byte[] buffer = Encoding.UTF8.GetBytes("xx{\"a\":1}yy");
            var table = (Hashtable)new JsonDom().Parse(buffer, 2, 7);
            Assert.Equal(1L, table["a"]);
            Assert.ThrowsAny<JsonFormatException>(() => new JsonDom().Parse(buffer, 5, 100));
        }
    }
}
