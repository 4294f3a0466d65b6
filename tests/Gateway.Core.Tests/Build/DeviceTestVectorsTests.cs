using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// The host twin of the expected values in tests/Gateway.Core.DeviceTests: what the device
    /// must reproduce is first held here against an independent computation (xoshiro128** and
    /// SplitMix64 from their published reference code, recomputed outside this repository).
    /// </summary>
    public class DeviceTestVectorsTests
    {
        [Fact]
        public void SeededRandom_Seed42_IsXoshiro128StarStarSeededBySplitMix64()
        {
            SeededRandom r = new SeededRandom(42);
            Assert.Equal(0x69E85A2Au, r.NextUInt32());
            Assert.Equal(0xF843FAD0u, r.NextUInt32());

            byte[] bytes = new byte[8];
            new SeededRandom(42).NextBytes(bytes, 0, bytes.Length);
            Assert.Equal("2a5ae869d0fa43f8", Hex.Encode(bytes));
            Assert.Equal(0xDEC9045Du, new SeededRandom(0).NextUInt32());
        }
    }
}
