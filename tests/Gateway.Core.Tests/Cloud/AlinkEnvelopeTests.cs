using System.Collections;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Cloud.Support;
using Gateway.Host.Cloud;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>Alink request/reply envelopes (alibaba-provisioning.md §0 "JSON envelope", §1.2).</summary>
    public class AlinkEnvelopeTests
    {
        private static readonly IJsonDom Json = new JsonDom();

        private static AlinkRequest ParseRequest(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return AlinkRequest.Decode(Json, bytes, 0, bytes.Length);
        }

        private static AlinkReply ParseReply(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return AlinkReply.Decode(Json, bytes, 0, bytes.Length);
        }

        [Fact]
        public void Section1_2_CipherGetRequestEncodesInTheDocumentedShape()
        {
            var parameters = new Hashtable
            {
                { "productKey", "a1EnrPk0001" },
                { "deviceName", "lamp-01" },
                { "cipherType", 3L },
                { "random", "00112233445566778899AABBCCDDEEFF" },
            };
            var request = new AlinkRequest("42", AlinkMethods.CipherGet, parameters);
            string text = request.ToJson(Json);
            Assert.StartsWith("{\"id\":\"42\",\"version\":\"1.0\",\"method\":\"thing.cipher.get\",\"params\":{", text);

            // An independent reader sees the same envelope.
            var tree = (Hashtable)new SystemTextJsonDom().Parse(text);
            Assert.Equal("42", tree["id"]);
            Assert.Equal("1.0", tree["version"]);
            Assert.Equal("thing.cipher.get", tree["method"]);
            JsonTree.AssertEqual(parameters, tree["params"]);

            AlinkRequest back = ParseRequest(text);
            Assert.Equal("42", back.Id);
            Assert.Equal(AlinkMethods.CipherGet, back.Method);
            Assert.Equal("1.0", back.Version);
            JsonTree.AssertEqual(parameters, back.ParamsObject);
        }

        [Fact]
        public void Section1_2_FoundReplyWithAnArrayOfEnrolleesParses()
        {
            AlinkReply reply = ParseReply("{\"id\":\"5\",\"code\":200,\"data\":[{\"productKey\":\"a1EnrPk0001\",\"deviceName\":\"lamp-01\",\"timeout\":60}]}");
            Assert.True(reply.IsSuccess);
            Assert.Equal("5", reply.Id);
            var list = Assert.IsType<ArrayList>(reply.Data);
            Assert.Equal(60L, ((Hashtable)list[0])["timeout"]);
            Assert.Null(reply.Message);
        }

        [Fact]
        public void Section1_2_CheckinReplyWritesEmptyDataLikeTheSdk()
        {
            string text = new AlinkReply("9", AlinkCodes.Success, null).ToJson(Json);
            Assert.Equal("{\"id\":\"9\",\"code\":200,\"data\":{}}", text);
        }

        [Fact]
        public void ReplyWithErrorCodeAndMessageRoundTrips()
        {
            var reply = new AlinkReply("10", AlinkCodes.Forbidden, null, "not the registrar");
            AlinkReply back = ParseReply(reply.ToJson(Json));
            Assert.Equal(403, back.Code);
            Assert.False(back.IsSuccess);
            Assert.Equal("not the registrar", back.Message);
        }

        [Fact]
        public void NumericIdsFromOtherSendersAreReadAsStrings()
        {
            Assert.Equal("123", ParseReply("{\"id\":123,\"code\":200}").Id);
            Assert.Equal("7", ParseRequest("{\"id\":7,\"method\":\"thing.awss.enrollee.checkin\",\"params\":{}}").Id);
        }

        [Theory]
        [InlineData("{\"id\":{},\"code\":200}")]
        [InlineData("{\"id\":true,\"code\":200}")]
        [InlineData("{\"id\":-1,\"code\":200}")]
        [InlineData("{\"id\":1.5,\"code\":200}")]
        [InlineData("{\"id\":\"\",\"code\":200}")]
        [InlineData("{\"id\":\"has space\",\"code\":200}")]
        [InlineData("{\"id\":\"\\\"quote\",\"code\":200}")]
        [InlineData("{\"id\":\"123456789012345678901234567890123\",\"code\":200}")]
        [InlineData("{\"id\":null,\"code\":200}")]
        public void WrongIdsAreRefused(string text)
        {
            Assert.Throws<AlinkFormatException>(() => ParseReply(text));
        }

        [Theory]
        [InlineData("{\"code\":200}")]                                  // no id
        [InlineData("{\"id\":\"1\"}")]                                 // no code
        [InlineData("{\"id\":\"1\",\"code\":\"200\"}")]                // code as string
        [InlineData("{\"id\":\"1\",\"code\":200.5}")]                  // fractional code
        [InlineData("{\"id\":\"1\",\"code\":99999999999}")]            // code beyond int
        [InlineData("{\"id\":\"1\",\"code\":200,\"message\":5}")]      // message not a string
        [InlineData("[{\"id\":\"1\",\"code\":200}]")]                  // not an object
        public void RepliesWithMissingOrMistypedFieldsAreRefused(string text)
        {
            Assert.Throws<AlinkFormatException>(() => ParseReply(text));
        }

        [Theory]
        [InlineData("{\"id\":\"1\",\"params\":{}}")]                                          // no method
        [InlineData("{\"id\":\"1\",\"method\":5,\"params\":{}}")]                             // method not a string
        [InlineData("{\"id\":\"1\",\"method\":\"thing..found\",\"params\":{}}")]              // empty segment
        [InlineData("{\"id\":\"1\",\"method\":\"thing/awss\",\"params\":{}}")]                // topic characters
        [InlineData("{\"id\":\"1\",\"method\":\"thing.cipher.get\"}")]                        // no params
        [InlineData("{\"id\":\"1\",\"method\":\"thing.cipher.get\",\"params\":\"x\"}")]       // params a string
        [InlineData("{\"id\":\"1\",\"method\":\"thing.cipher.get\",\"params\":{},\"version\":1}")] // version a number
        [InlineData("\"request\"")]
        public void RequestsWithMissingOrMistypedFieldsAreRefused(string text)
        {
            Assert.Throws<AlinkFormatException>(() => ParseRequest(text));
        }

        [Theory]
        [InlineData("{\"id\":\"1\",\"code\":200")]
        [InlineData("{\"id\":\"1\",\"code\":200}}")]
        [InlineData("not json")]
        public void MalformedJsonIsATypedError(string text)
        {
            var error = Assert.ThrowsAny<ProtocolFormatException>(() => ParseReply(text));
            Assert.IsAssignableFrom<JsonFormatException>(error);
        }

        [Fact]
        public void HugePayloadIsATypedError()
        {
            var builder = new StringBuilder("{\"id\":\"1\",\"code\":200,\"data\":\"");
            builder.Append('x', JsonLimits.DefaultMaxBytes);
            builder.Append("\"}");
            Assert.ThrowsAny<JsonFormatException>(() => ParseReply(builder.ToString()));
        }

        [Fact]
        public void ArrayParamsAreNotAnObject()
        {
            AlinkRequest request = ParseRequest("{\"id\":\"1\",\"method\":\"thing.x\",\"params\":[1]}");
            Assert.IsType<ArrayList>(request.Params);
            Assert.Throws<AlinkFormatException>(() => request.ParamsObject);
        }
    }
}
