using System;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Runtime
{
    /// <summary>
    /// <see cref="IRandom"/> over <c>System.Random</c>, which nanoFramework backs with the ESP32's
    /// hardware RNG (<c>esp_random()</c>, the seed is ignored; nanoframework.md §6). Used from the
    /// scheduler's thread and the key-agreement worker, so calls are serialised.
    /// </summary>
    public sealed class HardwareRandom : IRandom
    {
        private readonly Random _random = new Random();
        private readonly byte[] _block = new byte[32];

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            lock (_block)
            {
                if (offset == 0 && count == buffer.Length)
                {
                    _random.NextBytes(buffer);
                    return;
                }

                // Random.NextBytes fills a whole array: go through a reused block.
                while (count > 0)
                {
                    _random.NextBytes(_block);
                    int n = count < _block.Length ? count : _block.Length;
                    Array.Copy(_block, 0, buffer, offset, n);
                    offset += n;
                    count -= n;
                }

                Array.Clear(_block, 0, _block.Length);
            }
        }

        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException("maxExclusive");
            }

            lock (_block)
            {
                return _random.Next(maxExclusive);
            }
        }
    }
}
