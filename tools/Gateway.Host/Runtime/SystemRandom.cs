using System;
using System.Security.Cryptography;
using Gateway.Core.Runtime;

namespace Gateway.Host.Runtime
{
    /// <summary><see cref="IRandom"/> over the OS cryptographic generator: keys, nonces and ECDH private keys on the host.</summary>
    public sealed class SystemRandom : IRandom
    {
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            ArgumentNullException.ThrowIfNull(buffer);
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxExclusive));
            }

            return RandomNumberGenerator.GetInt32(maxExclusive);
        }
    }
}
