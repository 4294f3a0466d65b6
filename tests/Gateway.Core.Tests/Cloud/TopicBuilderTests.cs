using Gateway.Core.Cloud;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    /// <summary>Topic names of DESIGN.md §6 and alibaba-provisioning.md §1.2.</summary>
    public class TopicBuilderTests
    {
        private readonly TopicBuilder _topics = new TopicBuilder("a1GwPk00001", "gateway-01");

        [Theory]
        [InlineData(AlinkMethods.EnrolleeFound, "/sys/a1GwPk00001/gateway-01/thing/awss/enrollee/found")]
        [InlineData(AlinkMethods.EnrolleeCheckin, "/sys/a1GwPk00001/gateway-01/thing/awss/enrollee/checkin")]
        [InlineData(AlinkMethods.CipherGet, "/sys/a1GwPk00001/gateway-01/thing/cipher/get")]
        [InlineData(AlinkMethods.EnrolleeMatch, "/sys/a1GwPk00001/gateway-01/thing/awss/enrollee/match")]
        [InlineData(AlinkMethods.MeshDeviceFound, "/sys/a1GwPk00001/gateway-01/thing/mesh/device/found")]
        [InlineData(AlinkMethods.MeshNodeReset, "/sys/a1GwPk00001/gateway-01/thing/mesh/node/reset")]
        public void Section1_2_MethodTopics(string method, string topic)
        {
            Assert.Equal(topic, _topics.ForMethod(method));
            Assert.Equal(topic + "_reply", _topics.ReplyForMethod(method));
            Assert.True(TopicBuilder.IsReply(_topics.ReplyForMethod(method)));
            Assert.False(TopicBuilder.IsReply(topic));
        }

        [Fact]
        public void ParseSplitsProductKeyDeviceNameAndSuffix()
        {
            Assert.True(TopicBuilder.TryParse("/sys/a1EnrPk0001/lamp-01/thing/cipher/get_reply", out string pk, out string dn, out string suffix));
            Assert.Equal("a1EnrPk0001", pk);
            Assert.Equal("lamp-01", dn);
            Assert.Equal("/thing/cipher/get_reply", suffix);
        }

        [Theory]
        [InlineData("/sys/pk/dn")]
        [InlineData("/sys/pk/dn/")]
        [InlineData("/sys//dn/thing")]
        [InlineData("/pk/dn/thing")]
        [InlineData("sys/pk/dn/thing")]
        [InlineData(null)]
        public void ParseRefusesOtherShapes(string topic)
        {
            Assert.False(TopicBuilder.TryParse(topic, out _, out _, out _));
        }

        [Theory]
        [InlineData("")]
        [InlineData(".thing")]
        [InlineData("thing.")]
        [InlineData("thing..x")]
        [InlineData("thing/x")]
        [InlineData("thing.#")]
        [InlineData("thing.+")]
        public void InvalidMethodsAreRefused(string method)
        {
            Assert.False(TopicBuilder.IsValidMethod(method));
            Assert.Throws<System.ArgumentException>(() => _topics.ForMethod(method));
        }
    }
}
