using System;
using FsCheck.Xunit;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;
using CoreCcm = Gateway.Core.Crypto.AesCcm;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>What TryDecrypt must stop: forged MICs, altered ciphertext or AAD, malformed lengths.</summary>
    public class AesCcmRejectionTests
    {
        private static readonly byte[] Key = Hex.Decode("0123456789abcdef0123456789abcdef");
        private static readonly byte[] Nonce = Hex.Decode("00112233445566778899aabbcc");
        private static readonly byte[] Aad = Hex.Decode("1234567812341234123412345678abcd");
        private static readonly byte[] Plaintext = Hex.Decode("00112233445566778899aabbccddeeff4142434445");

        [Theory]
        [InlineData(AesBackends.Managed, 4)]
        [InlineData(AesBackends.Managed, 8)]
        [InlineData(AesBackends.Host, 4)]
        [InlineData(AesBackends.Host, 8)]
        public void FlippedMicBitIsRejectedAndLeavesNoPlaintext(string backend, int micLength)
        {
            byte[] sealedMessage = Seal(backend, micLength, Aad);
            for (int bit = 0; bit < 8 * micLength; bit++)
            {
                byte[] forged = (byte[])sealedMessage.Clone();
                forged[Plaintext.Length + (bit / 8)] ^= (byte)(1 << (bit % 8));
                AssertRejected(backend, forged, Aad, micLength);
            }
        }

        [Theory]
        [InlineData(AesBackends.Managed, 4)]
        [InlineData(AesBackends.Managed, 8)]
        [InlineData(AesBackends.Host, 4)]
        [InlineData(AesBackends.Host, 8)]
        public void FlippedCiphertextBitIsRejectedAndLeavesNoPlaintext(string backend, int micLength)
        {
            byte[] sealedMessage = Seal(backend, micLength, Aad);
            for (int bit = 0; bit < 8 * Plaintext.Length; bit += 3)
            {
                byte[] forged = (byte[])sealedMessage.Clone();
                forged[bit / 8] ^= (byte)(1 << (bit % 8));
                AssertRejected(backend, forged, Aad, micLength);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void WrongOrMissingAadIsRejected(string backend)
        {
            byte[] sealedMessage = Seal(backend, 4, Aad);
            byte[] otherAad = (byte[])Aad.Clone();
            otherAad[15] ^= 0x01;
            AssertRejected(backend, sealedMessage, otherAad, 4);
            AssertRejected(backend, sealedMessage, new byte[0], 4);

            byte[] noAad = Seal(backend, 4, new byte[0]);
            AssertRejected(backend, noAad, Aad, 4);
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void WrongNonceIsRejected(string backend)
        {
            byte[] sealedMessage = Seal(backend, 8, Aad);
            byte[] nonce = (byte[])Nonce.Clone();
            nonce[12] ^= 0x80;
            byte[] output = Filled(Plaintext.Length);
            Assert.False(Ccm(backend).TryDecrypt(nonce, 0, sealedMessage, 0, sealedMessage.Length, Aad, 0, Aad.Length, output, 0, 8));
            Assert.All(output, b => Assert.Equal(0, b));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void RejectedInPlaceDecryptionClearsThePayload(string backend)
        {
            byte[] buffer = Seal(backend, 8, Aad);
            buffer[buffer.Length - 1] ^= 0x01;
            Assert.False(Ccm(backend).TryDecrypt(Nonce, 0, buffer, 0, buffer.Length, Aad, 0, Aad.Length, buffer, 0, 8));
            for (int i = 0; i < Plaintext.Length; i++)
            {
                Assert.Equal(0, buffer[i]);
            }
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void InputShorterThanTheMicIsAFormatError(string backend)
        {
            CoreCcm ccm = Ccm(backend);
            byte[] buffer = new byte[32];
            Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, 3, null, 0, 0, buffer, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, 7, null, 0, 0, buffer, 0, 8));
            Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, -1, null, 0, 0, buffer, 0, 4));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MalformedArgumentsAreFormatErrors(string backend)
        {
            CoreCcm ccm = Ccm(backend);
            byte[] buffer = new byte[64];
            byte[] output = new byte[64];

            // MIC lengths outside RFC 3610's {4, 6, ..., 16}.
            foreach (int mic in new[] { -2, 0, 2, 3, 5, 7, 18 })
            {
                Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 0, buffer, 0, 16, null, 0, 0, output, 0, mic));
                Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, 32, null, 0, 0, output, 0, mic));
            }

            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(new byte[12], 0, buffer, 0, 16, null, 0, 0, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 1, buffer, 0, 16, null, 0, 0, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(null, 0, buffer, 0, 16, null, 0, 0, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 0, buffer, 60, 16, null, 0, 0, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 0, buffer, 0, 16, null, 0, 0, output, 50, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 0, buffer, 0, 16, null, 0, 3, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.Encrypt(Nonce, 0, buffer, 0, 16, buffer, 62, 3, output, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, 32, null, 0, 0, output, 40, 4));
            Assert.Throws<ProtocolFormatException>(() => ccm.TryDecrypt(Nonce, 0, buffer, 0, 32, null, 0, 0, null, 0, 4));
            Assert.Throws<ProtocolFormatException>(() => new CoreCcm(AesBackends.Create(backend).CreateEncryptor(Key), 6));
            Assert.Throws<ProtocolFormatException>(() => new CoreCcm(AesBackends.Create(backend).CreateEncryptor(Key), 14));
            Assert.Throws<ProtocolFormatException>(() => new CoreCcm(null));
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void PayloadBeyondTheTwoOctetLengthFieldIsAFormatError(string backend)
        {
            // A 13-octet nonce leaves L = 2: at most 65535 octets (RFC 3610 §2).
            byte[] big = new byte[65536 + 8];
            Assert.Throws<ProtocolFormatException>(() => Ccm(backend).Encrypt(Nonce, 0, big, 0, 65536, null, 0, 0, new byte[65536 + 8], 0, 8));
            Assert.Throws<ProtocolFormatException>(() => Ccm(backend).TryDecrypt(Nonce, 0, big, 0, 65536 + 8, null, 0, 0, big, 0, 8));
        }

        [Property(MaxTest = 300)]
        public void RandomBytesAsCiphertextNeverThrowAnythingButProtocolFormatException(
            byte[] input, int offset, int count, int micLength, byte[] aad, int aadCount, int outputOffset)
        {
            foreach (string backend in new[] { AesBackends.Managed, AesBackends.Host })
            {
                CoreCcm ccm = Ccm(backend);
                byte[] output = new byte[(input == null ? 0 : input.Length) + 4];

                // As generated (mostly out of range), then folded into range so that the MIC check runs.
                TryDecryptExpectingOnlyFormatErrors(ccm, input, offset, count, aad, 0, aadCount, output, outputOffset, micLength);
                if (input != null)
                {
                    int n = input.Length;
                    int o = n == 0 ? 0 : Math.Abs(offset % (n + 1));
                    int c = Math.Abs(count % (n - o + 1));
                    int mic = 4 + (2 * Math.Abs(micLength % 7));
                    int a = aad == null ? 0 : Math.Abs(aadCount % (aad.Length + 1));
                    // Random octets authenticate with probability 2^-32 at most.
                    Assert.False(TryDecryptExpectingOnlyFormatErrors(ccm, input, o, c, aad, 0, a, output, 0, mic));
                }
            }
        }

        private static bool TryDecryptExpectingOnlyFormatErrors(CoreCcm ccm, byte[] input, int offset, int count,
            byte[] aad, int aadOffset, int aadCount, byte[] output, int outputOffset, int micLength)
        {
            try
            {
                bool ok = ccm.TryDecrypt(Nonce, 0, input, offset, count, aad, aadOffset, aadCount, output, outputOffset, micLength);
                if (!ok)
                {
                    for (int i = 0; i < count - micLength; i++)
                    {
                        Assert.Equal(0, output[outputOffset + i]);
                    }
                }

                return ok;
            }
            catch (ProtocolFormatException)
            {
                return false;
            }
        }

        private static byte[] Seal(string backend, int micLength, byte[] aad)
        {
            byte[] output = new byte[Plaintext.Length + micLength];
            Ccm(backend).Encrypt(Nonce, 0, Plaintext, 0, Plaintext.Length, aad, 0, aad.Length, output, 0, micLength);
            return output;
        }

        private static void AssertRejected(string backend, byte[] sealedMessage, byte[] aad, int micLength)
        {
            byte[] output = Filled(Plaintext.Length + 2);
            bool ok = Ccm(backend).TryDecrypt(Nonce, 0, sealedMessage, 0, sealedMessage.Length, aad, 0, aad.Length, output, 1, micLength);
            Assert.False(ok);
            Assert.Equal(0x5A, output[0]);
            Assert.Equal(0x5A, output[output.Length - 1]);
            for (int i = 1; i <= Plaintext.Length; i++)
            {
                Assert.Equal(0, output[i]);
            }
        }

        private static byte[] Filled(int length)
        {
            byte[] buffer = new byte[length];
            for (int i = 0; i < length; i++)
            {
                buffer[i] = 0x5A;
            }

            return buffer;
        }

        private static CoreCcm Ccm(string backend)
        {
            return new CoreCcm(AesBackends.Create(backend), Key);
        }
    }
}
