using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>
    /// Deterministic random source for transcripts: <see cref="NextBytes"/> hands out queued byte
    /// strings of the requested length (the sample Link ID, RandomProvisioner, ...) before falling
    /// back to a seeded generator; <see cref="NextInt"/> returns <see cref="FixedInt"/> (0 = the
    /// shortest delay) unless <see cref="UseFixedInt"/> is cleared.
    /// </summary>
    internal sealed class ScriptedRandom : IRandom
    {
        private readonly ArrayList _bytes = new ArrayList();
        private readonly SeededRandom _fallback;

        public ScriptedRandom(long seed)
        {
            _fallback = new SeededRandom(seed);
            UseFixedInt = true;
        }

        public bool UseFixedInt { get; set; }

        public int FixedInt { get; set; }

        public void EnqueueBytes(string hex)
        {
            _bytes.Add(Hex.Decode(hex));
        }

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (_bytes.Count > 0 && ((byte[])_bytes[0]).Length == count)
            {
                byte[] next = (byte[])_bytes[0];
                _bytes.RemoveAt(0);
                Array.Copy(next, 0, buffer, offset, count);
                return;
            }

            _fallback.NextBytes(buffer, offset, count);
        }

        public int NextInt(int maxExclusive)
        {
            if (UseFixedInt)
            {
                return FixedInt < maxExclusive ? FixedInt : maxExclusive - 1;
            }

            return _fallback.NextInt(maxExclusive);
        }
    }
}
