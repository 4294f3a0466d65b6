using Gateway.Core.DeviceTests.Mesh.Network;
using Gateway.Core.DeviceTests.Mesh.Provisioning;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Benchmarks
{
    /// <summary>
    /// The work docs/BENCHMARKS.md measures twice with the same code: on nanoCLR
    /// (<see cref="InterpreterFiguresTests"/>, timed with the device's clock, heap from its GC) and
    /// on .NET (tests/Gateway.Benchmarks/InterpreterWorkloadBenchmarks.cs, BenchmarkDotNet, which
    /// compiles this file). No test framework in here, so both builds take it as it is.
    /// </summary>
    internal static class InterpreterWorkloads
    {
        /// <summary>The §8.3 transport PDU of the sample "Config AppKey Add" segment (16 octets with its TransMIC).</summary>
        public const string SampleTransportPdu = "8026ac01ee9dddfd2169326d23f3afdf";

        /// <summary>
        /// One whole MshPRT §8.7 provisioning exchange, CPU only: both roles in this process over
        /// in-memory links (Invite to Complete, CMAC algorithm, No OOB), each side making its key
        /// pair from the sample private key and computing its ECDH. True when both ended provisioned.
        /// </summary>
        public static bool ProvisioningExchange()
        {
            Gateway.Core.Mesh.Provisioning.ProvisioningRequest request = SessionPair.SampleRequest();
            request.PreferHmacSha256 = false;
            SessionPair pair = new SessionPair(ProvisioningSamples.CapabilitiesParameters, null, request);
            return pair.Run() && pair.Provisioned == 1 && pair.Device.DeviceKey != null;
        }

        /// <summary>
        /// One Network PDU out and back (MshPRT §3.4.4 and §3.8.7.2: AES-CCM of the transport PDU,
        /// privacy obfuscation; then the receive side's deobfuscation, nonce and MIC check) with the
        /// §8.2 sample NetKey; returns the PDU length. The codec and key are made once by the caller.
        /// </summary>
        public static int NetworkPduRoundTrip(NetworkPduCodec codec, NetworkKeyMaterial key, byte[] transport, byte[] pdu, int seq)
        {
            int length = codec.Encode(key, MeshSamples.IvIndex, false, 4, seq, 0x0003, 0x1201, transport, 0, transport.Length, false, pdu, 0);
            return codec.TryDecode(key, MeshSamples.IvIndex, false, pdu, 0, length) ? length : -1;
        }

        /// <summary>
        /// A gateway's database with <paramref name="nodeCount"/> provisioned nodes of one element
        /// each (UUID, unicast address, device key, the primary NetKey), as the workflow builds it.
        /// </summary>
        public static MeshDatabase Database(int nodeCount)
        {
            SeededRandom random = new SeededRandom(100);
            ProvisionerEntry gateway = new ProvisionerEntry("Gateway", Bytes(random, 16));
            gateway.UnicastRanges.Add(new AddressRange(0x0001, 0x7FFF));
            gateway.GroupRanges.Add(new AddressRange(0xC000, 0xCFFF));
            gateway.SceneRanges.Add(new AddressRange(0x0001, 0x0FFF));
            MeshDatabase db = MeshDatabase.Create(Bytes(random, 16), "Home", gateway, new MeshNetKey(0, Hex.Decode(MeshSamples.NetKey)), Bytes(random, 16));
            UnicastAllocator allocator = new UnicastAllocator();
            for (int i = 0; i < nodeCount; i++)
            {
                int address;
                if (!allocator.TryAllocate(db, db.LocalProvisioner, 1, 0, out address))
                {
                    return null;
                }

                MeshNode node = new MeshNode(Bytes(random, 16), address, 1, Bytes(random, 16));
                node.AddNetKey(0);
                db.AddNode(node, 0);
            }

            return db;
        }

        private static byte[] Bytes(SeededRandom random, int count)
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes, 0, count);
            return bytes;
        }
    }
}
