using BenchmarkDotNet.Attributes;
using Gateway.Core.DeviceTests.Benchmarks;
using Gateway.Core.DeviceTests.Mesh.Network;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// .NET's figures for the interpreter workloads: the same source file the device tests time on
    /// nanoCLR (tests/Gateway.Core.DeviceTests/Benchmarks/InterpreterWorkloads.cs, compiled into
    /// this project with its helpers), so docs/BENCHMARKS.md can give nanoCLR ÷ .NET for the same
    /// code. P-256 key generation and ECDH are in <see cref="P256Benchmarks"/>.
    /// </summary>
    [MemoryDiagnoser]
    public class InterpreterWorkloadBenchmarks
    {
        private NetworkPduCodec _codec;
        private NetworkKeyMaterial _key;
        private byte[] _transport;
        private byte[] _pdu;

        [GlobalSetup]
        public void Setup()
        {
            _codec = new NetworkPduCodec();
            _key = MeshSamples.NetworkKey();
            _transport = Hex.Decode(InterpreterWorkloads.SampleTransportPdu);
            _pdu = new byte[NetworkPduCodec.MaxLength];
        }

        [Benchmark(Description = "provisioning exchange, both roles, CPU only")]
        public bool ProvisioningExchange()
        {
            return InterpreterWorkloads.ProvisioningExchange();
        }

        [Benchmark(Description = "network PDU encrypt + decrypt")]
        public int NetworkPduRoundTrip()
        {
            return InterpreterWorkloads.NetworkPduRoundTrip(_codec, _key, _transport, _pdu, 0x3129ab);
        }

        [Benchmark(Description = "mesh database, 100 nodes (build)")]
        public MeshDatabase Database100()
        {
            return InterpreterWorkloads.Database(100);
        }
    }
}
