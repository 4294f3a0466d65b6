using System;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// How many exchanges of one kind (PB-ADV sessions, node configurations) may run at once,
    /// adapted to what the air gives back, as TCP's congestion window does (RFC 5681 §3.1,
    /// additive increase / multiplicative decrease): every success adds one (up to
    /// <see cref="Ceiling"/>), every failure or timeout halves it (down to <see cref="Floor"/>),
    /// at most once per <see cref="HoldMilliseconds"/> so one bad moment that fails several
    /// exchanges at once halves it only once.
    /// </summary>
    public sealed class CongestionWindow
    {
        private long _lastDecreaseMs = long.MinValue;

        public CongestionWindow(int floor, int initial, int ceiling)
        {
            if (floor < 1 || ceiling < floor || initial < floor || initial > ceiling)
            {
                throw new ArgumentOutOfRangeException("initial");
            }

            Floor = floor;
            Ceiling = ceiling;
            Value = initial;
            HoldMilliseconds = 2000;
        }

        public int Floor { get; private set; }

        public int Ceiling { get; private set; }

        /// <summary>Exchanges allowed at once now.</summary>
        public int Value { get; private set; }

        /// <summary>After a decrease, further failures within this time do not decrease again.</summary>
        public long HoldMilliseconds { get; set; }

        public int Increases { get; private set; }

        public int Decreases { get; private set; }

        /// <summary>Changes the limits (e.g. a bearer with fewer slots); the value is clamped into them.</summary>
        public void SetLimits(int floor, int ceiling)
        {
            if (floor < 1 || ceiling < floor)
            {
                throw new ArgumentOutOfRangeException("ceiling");
            }

            Floor = floor;
            Ceiling = ceiling;
            Value = Value < floor ? floor : Value > ceiling ? ceiling : Value;
        }

        public void OnSuccess()
        {
            if (Value < Ceiling)
            {
                Value++;
                Increases++;
            }
        }

        public void OnFailure(long nowMilliseconds)
        {
            if (_lastDecreaseMs != long.MinValue && nowMilliseconds - _lastDecreaseMs < HoldMilliseconds)
            {
                return;
            }

            _lastDecreaseMs = nowMilliseconds;
            int halved = Value / 2;
            Value = halved < Floor ? Floor : halved;
            Decreases++;
        }
    }
}
