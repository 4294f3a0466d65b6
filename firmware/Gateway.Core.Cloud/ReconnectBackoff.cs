using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Exponential backoff with "equal jitter": attempt n waits a uniform time in [d/2, d] where
    /// d = min(max, initial · 2^n). The jitter spreads a fleet of gateways that lost the broker
    /// at the same moment; the lower bound keeps one gateway from hammering a broker that refuses it.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly IRandom _random;
        private readonly long _initial;
        private readonly long _max;
        private int _attempt;

        public ReconnectBackoff(IRandom random, long initialMilliseconds, long maxMilliseconds)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (initialMilliseconds <= 0 || maxMilliseconds < initialMilliseconds)
            {
                throw new ArgumentOutOfRangeException("initialMilliseconds");
            }

            _random = random;
            _initial = initialMilliseconds;
            _max = maxMilliseconds;
        }

        /// <summary>Delays handed out since the last <see cref="Reset"/>.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>The ceiling d of the next delay, before jitter.</summary>
        public long NextCeiling
        {
            get { return Ceiling(_attempt); }
        }

        /// <summary>The delay before the next attempt; advances the attempt count.</summary>
        public long NextDelay()
        {
            long ceiling = Ceiling(_attempt);
            if (_attempt < 62)
            {
                _attempt++;
            }

            long half = ceiling / 2;
            long span = ceiling - half;
            int jitter = span >= int.MaxValue ? _random.NextInt(int.MaxValue) : _random.NextInt((int)span + 1);
            return half + jitter;
        }

        public void Reset()
        {
            _attempt = 0;
        }

        private long Ceiling(int attempt)
        {
            long value = _initial;
            for (int i = 0; i < attempt && value < _max; i++)
            {
                value *= 2;
            }

            return value > _max ? _max : value;
        }
    }
}
