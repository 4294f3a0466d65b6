using System;
using BenchmarkDotNet.Attributes;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Gateway.Host.Crypto;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// AES-CMAC and AES-CCM of the core at mesh sizes, on both block-cipher ports: the managed
    /// AES-128 (what the device runs until its native adapter exists) and the host adapter over
    /// .NET's AES. Keys are set up once; every call writes into a caller-provided buffer, so the
    /// allocation column must read 0 B. CCM at 25 octets is the Provisioning Data shape (MshPRT
    /// §5.4.2.5, 8-octet MIC) and with a 4-octet MIC an access message's TransMIC (§3.9.2).
    /// </summary>
    [MemoryDiagnoser]
    public class SymmetricBenchmarks
    {
        private const int CcmPayload = 25;

        private readonly byte[] _message = new byte[64];
        private readonly byte[] _mac = new byte[AesCmac.MacLength];
        private readonly byte[] _nonce = new byte[AesCcm.MeshNonceLength];
        private readonly byte[] _plaintext = new byte[CcmPayload];
        private readonly byte[] _output = new byte[CcmPayload + 8];
        private readonly byte[] _decrypted = new byte[CcmPayload];
        private readonly byte[] _sealedMic8 = new byte[CcmPayload + 8];
        private readonly byte[] _sealedMic4 = new byte[CcmPayload + 4];
        private AesCmac _cmac;
        private AesCcm _ccm;

        [Params("managed", "host")]
        public string Backend { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            IAes128 aes = Backend == "managed" ? new ManagedAes128() : (IAes128)new HostAes128();
            byte[] key = Hex.Decode("c80253af86b33dfa450bbdb2a191fea3");
            _cmac = new AesCmac(aes, key);
            _ccm = new AesCcm(aes, key);
            new SeededRandom(3).NextBytes(_message, 0, _message.Length);
            Array.Copy(_message, _plaintext, CcmPayload);
            Array.Copy(Hex.Decode("da7ddbe78b5f62b81d6847487e"), _nonce, _nonce.Length);
            _ccm.Encrypt(_nonce, 0, _plaintext, 0, CcmPayload, null, 0, 0, _sealedMic8, 0, 8);
            _ccm.Encrypt(_nonce, 0, _plaintext, 0, CcmPayload, null, 0, 0, _sealedMic4, 0, 4);
            if (!CcmDecrypt25Mic8() || !CcmDecrypt25Mic4())
            {
                throw new InvalidOperationException("the sealed benchmark inputs do not decrypt");
            }
        }

        [Benchmark(Description = "AES-CMAC 16 B")]
        public byte[] Cmac16()
        {
            _cmac.Compute(_message, 0, 16, _mac, 0);
            return _mac;
        }

        [Benchmark(Description = "AES-CMAC 64 B")]
        public byte[] Cmac64()
        {
            _cmac.Compute(_message, 0, 64, _mac, 0);
            return _mac;
        }

        [Benchmark(Description = "AES-CCM encrypt 25 B, MIC 8")]
        public byte[] CcmEncrypt25Mic8()
        {
            _ccm.Encrypt(_nonce, 0, _plaintext, 0, CcmPayload, null, 0, 0, _output, 0, 8);
            return _output;
        }

        [Benchmark(Description = "AES-CCM decrypt 25 B, MIC 8")]
        public bool CcmDecrypt25Mic8()
        {
            return _ccm.TryDecrypt(_nonce, 0, _sealedMic8, 0, _sealedMic8.Length, null, 0, 0, _decrypted, 0, 8);
        }

        [Benchmark(Description = "AES-CCM encrypt 25 B, MIC 4")]
        public byte[] CcmEncrypt25Mic4()
        {
            _ccm.Encrypt(_nonce, 0, _plaintext, 0, CcmPayload, null, 0, 0, _output, 0, 4);
            return _output;
        }

        [Benchmark(Description = "AES-CCM decrypt 25 B, MIC 4")]
        public bool CcmDecrypt25Mic4()
        {
            return _ccm.TryDecrypt(_nonce, 0, _sealedMic4, 0, _sealedMic4.Length, null, 0, 0, _decrypted, 0, 4);
        }
    }
}
