namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Random bytes port. Device: <c>System.Random</c> over the ESP32 hardware RNG; host:
    /// <c>RandomNumberGenerator</c>; simulation: <see cref="SeededRandom"/> so runs replay.
    /// </summary>
    public interface IRandom
    {
        /// <summary>Fills <paramref name="count"/> octets of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void NextBytes(byte[] buffer, int offset, int count);

        /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
        int NextInt(int maxExclusive);
    }
}
