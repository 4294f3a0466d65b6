using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// AES-CCM (RFC 3610; NIST SP 800-38C) over one key. Bluetooth Mesh uses 13-octet nonces
    /// (L = 2, at most 65535 octets of payload) and 4- or 8-octet MICs (MshPRT §3.9.2, ble-mesh.md §2.1);
    /// any even MIC length 4..16 and any nonce length 7..13 (fixed per instance) are accepted.
    /// Allocation-free after construction; an instance is not thread-safe.
    /// Output may be the input at the same offset (in place), otherwise it must not overlap it.
    /// </summary>
    public sealed class AesCcm
    {
        public const int MeshNonceLength = 13;
        public const int MinMicLength = 4;
        public const int MaxMicLength = 16;

        private readonly IBlockCipher _cipher;
        private readonly int _nonceLength;
        private readonly int _lengthFieldSize;
        private readonly int _maxPayload;
        private readonly byte[] _mac = new byte[16];
        private readonly byte[] _counter = new byte[16];
        private readonly byte[] _stream = new byte[16];
        private int _macPosition;

        public AesCcm(IBlockCipher cipher)
            : this(cipher, MeshNonceLength)
        {
        }

        public AesCcm(IBlockCipher cipher, int nonceLength)
        {
            if (cipher == null)
            {
                throw new ProtocolFormatException("AES-CCM needs a block cipher");
            }

            // RFC 3610 §2: 15 − L octets of nonce with 2 ≤ L ≤ 8; SP 800-38C allows 7..13.
            if (nonceLength < 7 || nonceLength > 13)
            {
                throw new ProtocolFormatException("AES-CCM nonce length must be 7..13 octets");
            }

            _cipher = cipher;
            _nonceLength = nonceLength;
            _lengthFieldSize = 15 - nonceLength;
            _maxPayload = _lengthFieldSize >= 4 ? int.MaxValue : (1 << (8 * _lengthFieldSize)) - 1;
        }

        public AesCcm(IAes128 aes, byte[] key)
            : this(CreateCipher(aes, key), MeshNonceLength)
        {
        }

        public int NonceLength
        {
            get { return _nonceLength; }
        }

        /// <summary>
        /// Encrypts <paramref name="count"/> octets and writes ciphertext ‖ MIC
        /// (<paramref name="count"/> + <paramref name="micLength"/> octets) at <paramref name="outputOffset"/>.
        /// <paramref name="aad"/> may be null when <paramref name="aadCount"/> is 0.
        /// </summary>
        public void Encrypt(byte[] nonce, int nonceOffset, byte[] plaintext, int offset, int count,
            byte[] aad, int aadOffset, int aadCount, byte[] output, int outputOffset, int micLength)
        {
            CheckArguments(nonce, nonceOffset, plaintext, offset, count, aad, aadOffset, aadCount, micLength);
            CryptoArguments.CheckRange(output, outputOffset, count + micLength, "CCM output");

            Authenticate(nonce, nonceOffset, count, aad, aadOffset, aadCount, micLength);
            SetCounterNonce(nonce, nonceOffset);

            // RFC 3610 §2.2–2.3: CBC-MAC over the plaintext, CTR encryption with A_1, A_2, ...
            // Each octet is read before its output position is written, so in-place works.
            int counterValue = 1;
            for (int done = 0; done < count; done += 16)
            {
                int n = count - done < 16 ? count - done : 16;
                NextKeyStream(counterValue);
                counterValue++;
                for (int i = 0; i < n; i++)
                {
                    byte p = plaintext[offset + done + i];
                    _mac[i] ^= p;
                    output[outputOffset + done + i] = (byte)(p ^ _stream[i]);
                }

                _cipher.EncryptBlock(_mac, 0, _mac, 0);
            }

            // U = first M octets of T xor S_0 (RFC 3610 §2.3).
            NextKeyStream(0);
            for (int i = 0; i < micLength; i++)
            {
                output[outputOffset + count + i] = (byte)(_mac[i] ^ _stream[i]);
            }

            ClearState();
        }

        /// <summary>
        /// Decrypts ciphertext ‖ MIC (<paramref name="count"/> octets in all) into
        /// <paramref name="count"/> − <paramref name="micLength"/> octets at <paramref name="outputOffset"/>.
        /// Returns false if the MIC does not match; the output range is then cleared, so no
        /// unauthenticated plaintext is ever left behind.
        /// </summary>
        public bool TryDecrypt(byte[] nonce, int nonceOffset, byte[] input, int offset, int count,
            byte[] aad, int aadOffset, int aadCount, byte[] output, int outputOffset, int micLength)
        {
            CheckMicLength(micLength);
            if (count < micLength)
            {
                throw new ProtocolFormatException("CCM input of " + count + " octets is shorter than its " + micLength + "-octet MIC");
            }

            int length = count - micLength;
            CheckArguments(nonce, nonceOffset, input, offset, count, aad, aadOffset, aadCount, micLength);
            CryptoArguments.CheckRange(output, outputOffset, length, "CCM output");

            Authenticate(nonce, nonceOffset, length, aad, aadOffset, aadCount, micLength);
            SetCounterNonce(nonce, nonceOffset);

            int counterValue = 1;
            for (int done = 0; done < length; done += 16)
            {
                int n = length - done < 16 ? length - done : 16;
                NextKeyStream(counterValue);
                counterValue++;
                for (int i = 0; i < n; i++)
                {
                    byte p = (byte)(input[offset + done + i] ^ _stream[i]);
                    _mac[i] ^= p;
                    output[outputOffset + done + i] = p;
                }

                _cipher.EncryptBlock(_mac, 0, _mac, 0);
            }

            NextKeyStream(0);
            for (int i = 0; i < micLength; i++)
            {
                _mac[i] ^= _stream[i];
            }

            // Compared in constant time (STYLE.md): the position of a mismatch must not leak.
            bool valid = ConstantTime.AreEqual(_mac, 0, input, offset + length, micLength);
            if (!valid)
            {
                Array.Clear(output, outputOffset, length);
            }

            ClearState();
            return valid;
        }

        private void CheckArguments(byte[] nonce, int nonceOffset, byte[] data, int offset, int count,
            byte[] aad, int aadOffset, int aadCount, int micLength)
        {
            CheckMicLength(micLength);
            CryptoArguments.CheckRange(nonce, nonceOffset, _nonceLength, "CCM nonce");
            CryptoArguments.CheckRange(data, offset, count, "CCM input");
            CryptoArguments.CheckOptionalRange(aad, aadOffset, aadCount, "CCM additional data");
        }

        private static void CheckMicLength(int micLength)
        {
            // RFC 3610 §2: M is one of 4, 6, 8, 10, 12, 14, 16.
            if (micLength < MinMicLength || micLength > MaxMicLength || (micLength & 1) != 0)
            {
                throw new ProtocolFormatException("CCM MIC length must be an even number of octets from 4 to 16");
            }
        }

        private void Authenticate(byte[] nonce, int nonceOffset, int length, byte[] aad, int aadOffset, int aadCount, int micLength)
        {
            if (length > _maxPayload)
            {
                throw new ProtocolFormatException("CCM payload of " + length + " octets does not fit the " + _lengthFieldSize + "-octet length field");
            }

            // B_0 = Flags ‖ Nonce ‖ l(m) (RFC 3610 §2.2): Adata bit, M' = (M − 2)/2, L' = L − 1.
            int flags = (aadCount > 0 ? 0x40 : 0) | (((micLength - 2) / 2) << 3) | (_lengthFieldSize - 1);
            _mac[0] = (byte)flags;
            Array.Copy(nonce, nonceOffset, _mac, 1, _nonceLength);
            int value = length;
            for (int i = 15; i > _nonceLength; i--)
            {
                _mac[i] = (byte)value;
                value >>= 8;
            }

            _cipher.EncryptBlock(_mac, 0, _mac, 0);
            _macPosition = 0;
            if (aadCount == 0)
            {
                return;
            }

            // l(a) encoding: 2 octets below 2^16 − 2^8, else 0xFFFE ‖ 4 octets (RFC 3610 §2.2).
            if (aadCount < 0xFF00)
            {
                AbsorbByte((byte)(aadCount >> 8));
                AbsorbByte((byte)aadCount);
            }
            else
            {
                AbsorbByte(0xFF);
                AbsorbByte(0xFE);
                AbsorbByte((byte)(aadCount >> 24));
                AbsorbByte((byte)(aadCount >> 16));
                AbsorbByte((byte)(aadCount >> 8));
                AbsorbByte((byte)aadCount);
            }

            for (int i = 0; i < aadCount; i++)
            {
                AbsorbByte(aad[aadOffset + i]);
            }

            // The last partial block of l(a) ‖ a is padded with zeros, which xor to nothing.
            if (_macPosition != 0)
            {
                _cipher.EncryptBlock(_mac, 0, _mac, 0);
                _macPosition = 0;
            }
        }

        private void AbsorbByte(byte value)
        {
            _mac[_macPosition] ^= value;
            _macPosition++;
            if (_macPosition == 16)
            {
                _cipher.EncryptBlock(_mac, 0, _mac, 0);
                _macPosition = 0;
            }
        }

        private void SetCounterNonce(byte[] nonce, int nonceOffset)
        {
            // A_i = Flags (L' only) ‖ Nonce ‖ Counter i (RFC 3610 §2.3).
            _counter[0] = (byte)(_lengthFieldSize - 1);
            Array.Copy(nonce, nonceOffset, _counter, 1, _nonceLength);
        }

        private void NextKeyStream(int counterValue)
        {
            int value = counterValue;
            for (int i = 15; i > _nonceLength; i--)
            {
                _counter[i] = (byte)value;
                value >>= 8;
            }

            _cipher.EncryptBlock(_counter, 0, _stream, 0);
        }

        private void ClearState()
        {
            // The key stream and MAC state would let the next caller of this instance see
            // plaintext-dependent values.
            Array.Clear(_mac, 0, 16);
            Array.Clear(_stream, 0, 16);
            _macPosition = 0;
        }

        private static IBlockCipher CreateCipher(IAes128 aes, byte[] key)
        {
            if (aes == null)
            {
                throw new ProtocolFormatException("AES-CCM needs an AES port");
            }

            return aes.CreateEncryptor(key);
        }
    }
}
