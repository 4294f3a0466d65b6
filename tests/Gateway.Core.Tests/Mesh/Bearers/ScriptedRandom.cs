using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>
    /// Deterministic random source for transcripts: NextBytes hands out queued byte strings (e.g. the
    /// sample Link ID) before falling back to a seeded generator; NextInt returns a fixed value
    /// (0 = the shortest TX delay) unless told to be random.
    /// </summary>
    internal sealed class ScriptedRandom : IRandom
    {
        private readonly Queue<byte[]> _bytes = new Queue<byte[]>();
        private readonly SeededRandom _fallback;

        public ScriptedRandom(long seed = 7)
        {
            _fallback = new SeededRandom(seed);
        }

        public int? FixedInt { get; set; } = 0;

        public void EnqueueBytes(string hex)
        {
            _bytes.Enqueue(Hex.Decode(hex));
        }

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (_bytes.Count > 0 && _bytes.Peek().Length == count)
            {
                var next = _bytes.Dequeue();
                System.Array.Copy(next, 0, buffer, offset, count);
                return;
            }

            _fallback.NextBytes(buffer, offset, count);
        }

        public int NextInt(int maxExclusive)
        {
            if (FixedInt.HasValue)
            {
                return FixedInt.Value < maxExclusive ? FixedInt.Value : maxExclusive - 1;
            }

            return _fallback.NextInt(maxExclusive);
        }
    }
}
