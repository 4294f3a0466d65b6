using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// AES-CMAC (RFC 4493; NIST SP 800-38B) over one key. Both a one-shot
    /// <see cref="Compute"/> and an incremental <see cref="Begin"/>/<see cref="Update"/>/<see cref="Finish"/>,
    /// so key derivations can MAC a concatenation without building it. Allocation-free after
    /// construction; an instance is not thread-safe.
    /// </summary>
    public sealed class AesCmac
    {
        public const int MacLength = 16;

        private readonly IBlockCipher _cipher;
        private readonly byte[] _k1 = new byte[16];
        private readonly byte[] _k2 = new byte[16];
        private readonly byte[] _x = new byte[16];
        private readonly byte[] _pending = new byte[16];
        private int _pendingCount;

        public AesCmac(IBlockCipher cipher)
        {
            if (cipher == null)
            {
                throw new ProtocolFormatException("AES-CMAC needs a block cipher");
            }

            _cipher = cipher;
            GenerateSubkeys();
        }

        public AesCmac(IAes128 aes, byte[] key)
            : this(CreateCipher(aes, key))
        {
        }

        /// <summary>
        /// Recomputes the subkeys after the block cipher given to the constructor was re-keyed
        /// (<see cref="ManagedAesBlockCipher.SetKey"/>): the toolbox reuses one instance for every
        /// derived key instead of allocating a cipher and a MAC per key. Starts a new MAC.
        /// </summary>
        internal void Rekey()
        {
            Begin();
            GenerateSubkeys();
        }

        /// <summary>Overwrites the subkeys and the state (call with the cipher cleared too).</summary>
        internal void Clear()
        {
            Begin();
            Array.Clear(_k1, 0, 16);
            Array.Clear(_k2, 0, 16);
        }

        /// <summary>Starts a new MAC; any unfinished one is discarded.</summary>
        public void Begin()
        {
            Array.Clear(_x, 0, 16);
            Array.Clear(_pending, 0, 16);
            _pendingCount = 0;
        }

        /// <summary>Appends <paramref name="count"/> octets of the message.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            CryptoArguments.CheckRange(data, offset, count, "CMAC message");
            while (count > 0)
            {
                // A full block stays pending until more data arrives: only the last block is
                // xored with a subkey (RFC 4493 §2.4 step 4), and only then is it known to be last.
                if (_pendingCount == 16)
                {
                    for (int i = 0; i < 16; i++)
                    {
                        _x[i] ^= _pending[i];
                    }

                    _cipher.EncryptBlock(_x, 0, _x, 0);
                    _pendingCount = 0;
                }

                int n = 16 - _pendingCount;
                if (n > count)
                {
                    n = count;
                }

                Array.Copy(data, offset, _pending, _pendingCount, n);
                _pendingCount += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>Appends a single octet (the counters and separators of the mesh functions).</summary>
        public void Update(byte value)
        {
            if (_pendingCount == 16)
            {
                for (int i = 0; i < 16; i++)
                {
                    _x[i] ^= _pending[i];
                }

                _cipher.EncryptBlock(_x, 0, _x, 0);
                _pendingCount = 0;
            }

            _pending[_pendingCount] = value;
            _pendingCount++;
        }

        /// <summary>Writes the 16-octet MAC and starts over (as <see cref="Begin"/>).</summary>
        public void Finish(byte[] mac, int macOffset)
        {
            CryptoArguments.CheckRange(mac, macOffset, MacLength, "CMAC output");

            // RFC 4493 §2.4 steps 3–4: a complete last block is xored with K1; an incomplete
            // (or empty) one is padded with 10^i and xored with K2.
            byte[] subkey = _k1;
            if (_pendingCount < 16)
            {
                _pending[_pendingCount] = 0x80;
                for (int i = _pendingCount + 1; i < 16; i++)
                {
                    _pending[i] = 0;
                }

                subkey = _k2;
            }

            for (int i = 0; i < 16; i++)
            {
                _x[i] ^= (byte)(_pending[i] ^ subkey[i]);
            }

            _cipher.EncryptBlock(_x, 0, mac, macOffset);
            Begin();
        }

        /// <summary>One-shot MAC of <paramref name="count"/> octets; writes 16 octets at <paramref name="macOffset"/>.</summary>
        public void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            CryptoArguments.CheckRange(mac, macOffset, MacLength, "CMAC output");
            Begin();
            Update(message, offset, count);
            Finish(mac, macOffset);
        }

        /// <summary>Convenience one-shot that allocates the result (key setup paths, not per packet).</summary>
        public byte[] Compute(byte[] message)
        {
            byte[] mac = new byte[MacLength];
            Compute(message, 0, message == null ? 0 : message.Length, mac, 0);
            return mac;
        }

        private void GenerateSubkeys()
        {
            // RFC 4493 §2.3 Generate_Subkey: L = AES-128(K, 0^128), K1 = L << 1, K2 = K1 << 1,
            // each xored with Rb = 0x87 when the shifted-out bit was 1.
            Array.Clear(_x, 0, 16);
            _cipher.EncryptBlock(_x, 0, _k1, 0);
            DoubleInPlace(_k1);
            Array.Copy(_k1, _k2, 16);
            DoubleInPlace(_k2);
        }

        private static void DoubleInPlace(byte[] block)
        {
            int carry = block[0] >> 7;
            for (int i = 0; i < 15; i++)
            {
                block[i] = (byte)((block[i] << 1) | (block[i + 1] >> 7));
            }

            block[15] = (byte)((block[15] << 1) ^ (carry * 0x87));
        }

        private static IBlockCipher CreateCipher(IAes128 aes, byte[] key)
        {
            if (aes == null)
            {
                throw new ProtocolFormatException("AES-CMAC needs an AES port");
            }

            return aes.CreateEncryptor(key);
        }
    }
}
