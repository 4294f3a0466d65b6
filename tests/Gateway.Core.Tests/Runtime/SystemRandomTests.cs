using System;
using Gateway.Host.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class SystemRandomTests
    {
        [Fact]
        public void FillsOnlyItsWindowAndTwoDrawsDiffer()
        {
            var r = new SystemRandom();
            var a = new byte[40];
            var b = new byte[40];
            r.NextBytes(a, 4, 32);
            r.NextBytes(b, 4, 32);
            Assert.All(a[..4], x => Assert.Equal(0, x));
            Assert.All(a[36..], x => Assert.Equal(0, x));
            Assert.NotEqual(a, b);
        }

        [Fact]
        public void NextIntStaysInBounds()
        {
            var r = new SystemRandom();
            for (int i = 0; i < 1000; i++)
            {
                Assert.InRange(r.NextInt(3), 0, 2);
            }

            Assert.Equal(0, r.NextInt(1));
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            var r = new SystemRandom();
            Assert.Throws<ArgumentOutOfRangeException>(() => r.NextInt(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => r.NextBytes(new byte[4], 3, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => r.NextBytes(new byte[4], -1, 1));
            Assert.Throws<ArgumentNullException>(() => r.NextBytes(null, 0, 0));
        }
    }
}
