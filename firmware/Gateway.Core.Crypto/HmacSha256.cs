using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104 with FIPS 180-4). A keyed instance is reusable: the hash states
    /// after the inner and outer pads are computed once per key (<see cref="SetKey"/>), so each
    /// MAC costs only its message and two finishing blocks, and allocates nothing.
    /// Incremental (<see cref="Begin"/>, <see cref="Update"/>, <see cref="Finish"/>) and one-shot.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacLength = Sha256.HashLength;

        private const int BlockLength = Sha256.BlockLength;

        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly Sha256 _innerStart = new Sha256();
        private readonly Sha256 _outerStart = new Sha256();
        private readonly byte[] _block = new byte[BlockLength];
        private readonly byte[] _innerHash = new byte[MacLength];

        public HmacSha256(byte[] key)
        {
            CryptoArguments.CheckRange(key, 0, key == null ? 0 : key.Length, "HMAC key");
            SetKey(key, 0, key.Length);
        }

        public HmacSha256(byte[] key, int offset, int count)
        {
            SetKey(key, offset, count);
        }

        /// <summary>Re-keys this instance (any length; keys longer than 64 octets are hashed, RFC 2104 §2).</summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            CryptoArguments.CheckRange(key, offset, count, "HMAC key");
            Array.Clear(_block, 0, BlockLength);
            if (count > BlockLength)
            {
                _inner.Reset();
                _inner.Update(key, offset, count);
                _inner.Finish(_block, 0);
            }
            else
            {
                Array.Copy(key, offset, _block, 0, count);
            }

            for (int i = 0; i < BlockLength; i++)
            {
                _block[i] ^= 0x36;
            }

            _innerStart.Reset();
            _innerStart.Update(_block, 0, BlockLength);
            for (int i = 0; i < BlockLength; i++)
            {
                _block[i] ^= 0x36 ^ 0x5c;
            }

            _outerStart.Reset();
            _outerStart.Update(_block, 0, BlockLength);
            Array.Clear(_block, 0, BlockLength);
            Begin();
        }

        /// <summary>Starts a new MAC under the current key; any unfinished one is discarded.</summary>
        public void Begin()
        {
            _inner.CopyStateFrom(_innerStart);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Writes the 32-octet MAC and starts over (as <see cref="Begin"/>).</summary>
        public void Finish(byte[] mac, int macOffset)
        {
            CryptoArguments.CheckRange(mac, macOffset, MacLength, "HMAC output");
            _inner.Finish(_innerHash, 0);
            _outer.CopyStateFrom(_outerStart);
            _outer.Update(_innerHash, 0, MacLength);
            _outer.Finish(mac, macOffset);
            Array.Clear(_innerHash, 0, MacLength);
            Begin();
        }

        public void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            CryptoArguments.CheckRange(mac, macOffset, MacLength, "HMAC output");
            Begin();
            Update(message, offset, count);
            Finish(mac, macOffset);
        }

        /// <summary>Wipes the key-equivalent pad states; the instance needs <see cref="SetKey"/> again.</summary>
        public void Clear()
        {
            _inner.Clear();
            _outer.Clear();
            _innerStart.Clear();
            _outerStart.Clear();
        }

        /// <summary>One-shot HMAC into 32 octets at <paramref name="macOffset"/> (allocates a keyed instance).</summary>
        public static void Compute(byte[] key, byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            HmacSha256 hmac = new HmacSha256(key);
            hmac.Compute(message, offset, count, mac, macOffset);
            hmac.Clear();
        }

        /// <summary>Convenience one-shot that allocates the MAC.</summary>
        public static byte[] Compute(byte[] key, byte[] message)
        {
            byte[] mac = new byte[MacLength];
            Compute(key, message, 0, message == null ? 0 : message.Length, mac, 0);
            return mac;
        }
    }
}
