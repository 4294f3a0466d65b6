using Gateway.Core.Cloud;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Cloud
{
    public class ReconnectBackoffTests
    {
        [Fact]
        public void DelaysDoubleFromOneSecondToSixtyWithEqualJitter()
        {
            long[] ceilings = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            for (long seed = 1; seed <= 50; seed++)
            {
                var backoff = new ReconnectBackoff(new SeededRandom(seed), 1000, 60000);
                foreach (long ceiling in ceilings)
                {
                    Assert.Equal(ceiling, backoff.NextCeiling);
                    long delay = backoff.NextDelay();
                    Assert.InRange(delay, ceiling / 2, ceiling);
                }
            }
        }

        [Fact]
        public void JitterActuallyVaries()
        {
            var seen = new System.Collections.Generic.HashSet<long>();
            var backoff = new ReconnectBackoff(new SeededRandom(3), 1000, 60000);
            for (int i = 0; i < 40; i++)
            {
                backoff.Reset();
                seen.Add(backoff.NextDelay());
            }

            Assert.True(seen.Count > 10);
        }

        [Fact]
        public void ResetStartsOverAtTheInitialDelay()
        {
            var backoff = new ReconnectBackoff(new SeededRandom(9), 1000, 60000);
            for (int i = 0; i < 100; i++)
            {
                backoff.NextDelay();
            }

            Assert.Equal(60000, backoff.NextCeiling);
            backoff.Reset();
            Assert.Equal(1000, backoff.NextCeiling);
            Assert.Equal(0, backoff.Attempt);
        }
    }
}
