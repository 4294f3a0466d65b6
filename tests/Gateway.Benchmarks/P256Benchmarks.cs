using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// P-256 ECDH of Mesh provisioning: the managed core (what the device runs) side by side with
    /// .NET's ECDiffieHellman (OpenSSL on Linux) as the baseline, both with keys imported beforehand
    /// so only the agreement is measured; plus key generation.
    /// </summary>
    [MemoryDiagnoser]
    public class P256Benchmarks
    {
        private const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";

        private readonly byte[] _secret = new byte[32];
        private ManagedKeyAgreement _managed;
        private P256KeyPair _own;
        private byte[] _peer;
        private SeededRandom _random;
        private ECDiffieHellman _dotNetOwn;
        private ECDiffieHellman _dotNetPeer;
        private ECDiffieHellmanPublicKey _dotNetPeerKey;

        [GlobalSetup]
        public void Setup()
        {
            _managed = new ManagedKeyAgreement();
            _own = _managed.CreateKeyPair(Hex.Decode(DevicePrivateKey));
            _peer = Hex.Decode(ProvisionerPublicKey);
            _random = new SeededRandom(1);

            _dotNetOwn = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = _own.PrivateKey,
                Q = new ECPoint { X = _own.PublicKey[..32], Y = _own.PublicKey[32..] },
            });
            _dotNetPeer = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = _peer[..32], Y = _peer[32..] },
            });
            _dotNetPeerKey = _dotNetPeer.PublicKey;
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _dotNetPeerKey.Dispose();
            _dotNetPeer.Dispose();
            _dotNetOwn.Dispose();
        }

        [Benchmark(Baseline = true, Description = "ECDH .NET DeriveRawSecretAgreement")]
        public byte[] DotNetEcdh()
        {
            return _dotNetOwn.DeriveRawSecretAgreement(_dotNetPeerKey);
        }

        [Benchmark(Description = "ECDH managed TryComputeSharedSecret")]
        public bool ManagedEcdh()
        {
            return _managed.TryComputeSharedSecret(_own, _peer, 0, _secret, 0);
        }

        [Benchmark(Description = "Key generation managed")]
        public P256KeyPair ManagedKeyGeneration()
        {
            return _managed.GenerateKeyPair(_random);
        }

        [Benchmark(Description = "Key generation .NET (create + export)")]
        public ECParameters DotNetKeyGeneration()
        {
            using ECDiffieHellman key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            return key.ExportParameters(false);
        }
    }
}
