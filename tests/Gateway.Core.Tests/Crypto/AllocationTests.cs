using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// Per-packet crypto on the device must not allocate (COMMON rules, DESIGN.md §4): after
    /// construction and a warm-up, the hot paths with caller buffers allocate 0 bytes.
    /// </summary>
    public class AllocationTests
    {
        private readonly ITestOutputHelper _output;

        public AllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void AesCmacCompute_AllocatesNothingAfterWarmUp_ManagedAes128()
        {
            var cmac = new AesCmac(new ManagedAes128(), Hex.Decode("2b7e151628aed2a6abf7158809cf4f3c"));
            byte[] message = new byte[100];
            byte[] mac = new byte[16];
            long allocated = Measure(() =>
            {
                cmac.Compute(message, 3, 64, mac, 0);
                cmac.Begin();
                cmac.Update(message, 0, 17);
                cmac.Update(0x01);
                cmac.Finish(mac, 0);
            });
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void AesCcmEncryptAndTryDecrypt_AllocateNothingAfterWarmUp_ManagedAes128()
        {
            var ccm = new AesCcm(new ManagedAes128(), Hex.Decode("0123456789abcdef0123456789abcdef"));
            byte[] nonce = Hex.Decode("00112233445566778899aabbcc");
            byte[] aad = new byte[16];
            byte[] plaintext = new byte[29];
            byte[] sealedMessage = new byte[29 + 8];
            byte[] opened = new byte[29];
            long allocated = Measure(() =>
            {
                ccm.Encrypt(nonce, 0, plaintext, 0, 29, aad, 0, 16, sealedMessage, 0, 8);
                if (!ccm.TryDecrypt(nonce, 0, sealedMessage, 0, 37, aad, 0, 16, opened, 0, 8))
                {
                    throw new InvalidOperationException("round trip failed");
                }

                sealedMessage[0] ^= 1;
                if (ccm.TryDecrypt(nonce, 0, sealedMessage, 0, 37, aad, 0, 16, opened, 0, 8))
                {
                    throw new InvalidOperationException("forgery accepted");
                }

                ccm.Encrypt(nonce, 0, plaintext, 0, 13, null, 0, 0, sealedMessage, 0, 4);
            });
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void CbcCfbShaHmac_AllocateNothingAfterWarmUp_ManagedAes128()
        {
            IBlockCipher cipher = new ManagedAes128().CreateEncryptor(new byte[16]);
            var cbc = new AesCbc(cipher);
            var cfb = new AesCfb128(cipher);
            var sha = new Sha256();
            var hmac = new HmacSha256(new byte[32]);
            byte[] iv = new byte[16];
            byte[] buffer = new byte[64];
            byte[] digest = new byte[32];
            long allocated = Measure(() =>
            {
                cbc.Encrypt(iv, 0, buffer, 0, 64, buffer, 0);
                cbc.Decrypt(iv, 0, buffer, 0, 64, buffer, 0);
                cfb.Encrypt(iv, 0, buffer, 0, 37, buffer, 0);
                cfb.Decrypt(iv, 0, buffer, 0, 37, buffer, 0);
                sha.Update(buffer, 0, 64);
                sha.Finish(digest, 0);
                hmac.Compute(buffer, 0, 50, digest, 0);
            });
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void HostAes128_EncryptAndDecryptBlock_AllocateNothingAfterWarmUp()
        {
            IBlockCipher cipher = new Gateway.Host.Crypto.HostAes128().CreateEncryptor(new byte[16]);
            byte[] block = new byte[16];
            long allocated = Measure(() =>
            {
                cipher.EncryptBlock(block, 0, block, 0);
                cipher.DecryptBlock(block, 0, block, 0);
            });
            _output.WriteLine("HostAes128: " + allocated + " bytes for 100 encrypt+decrypt pairs");
            Assert.Equal(0, allocated);
        }

        private static long Measure(Action action)
        {
            for (int i = 0; i < 200; i++)
            {
                action();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                action();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
