using System;
using FsCheck.Xunit;
using Gateway.Core.Mesh.Config;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>
    /// Random bytes into every decoder and the whole receive path: no exception, ever (DESIGN.md §8.2).
    /// The authentic-PDU properties encrypt random transport and access payloads with the right
    /// keys, so the fuzz reaches the lower transport, upper transport and configuration parsers.
    /// </summary>
    public class NetworkPropertyTests
    {
        private static readonly StackHarness Gateway = new StackHarness(0x0003, nextSeq: 0);
        private static readonly StackHarness Node = new StackHarness(0x1201, nextSeq: 0);
        private static readonly NetworkKeyMaterial Key = MeshSampleData.NetworkKey();
        private static int _nextSeq = 0x100000;

        static NetworkPropertyTests()
        {
            new ConfigClient(Gateway.Network, Gateway.Scheduler, null);
            new ConfigServer(Node.Network, Node.Keys, MeshSampleData.Crypto(), MeshSampleData.Aes, TwoStacks.Composition);
        }

        [Property(MaxTest = 2000)]
        public void RandomBytesIntoTheReceivePath_NeverThrow(byte[] data, bool knownNid, int offset, int count)
        {
            data = data ?? new byte[0];
            if (knownNid && data.Length > 0)
            {
                data[0] = (byte)((data[0] & 0x80) | 0x68);
            }

            Gateway.Network.OnNetworkPdu(Gateway.Bearer, data, 0, data.Length);
            Gateway.Network.OnNetworkPdu(Gateway.Bearer, data, offset, count);
            Gateway.Network.OnBeacon(Gateway.Bearer, data, 0, data.Length);
            Gateway.Network.OnBeacon(Gateway.Bearer, data, offset, count);
            Gateway.Network.TryDecodeProxyConfiguration(data, 0, data.Length, out _, out _, out _);
        }

        [Property(MaxTest = 3000)]
        public void AuthenticRandomTransportPdus_NeverThrow(byte[] transport, bool ctl, byte ttl, int seq, ushort src, ushort dst, bool toNode)
        {
            transport = transport ?? new byte[0];
            int max = ctl ? 12 : 16;
            int length = Math.Max(1, Math.Min(transport.Length, max));
            byte[] t = new byte[length];
            Array.Copy(transport, t, Math.Min(transport.Length, length));
            byte[] pdu = new byte[29];
            int n = new NetworkPduCodec().Encode(Key, MeshSampleData.IvIndex, ctl, ttl & 0x7F, seq & 0xFFFFFF, src, dst, t, 0, length, false, pdu, 0);
            StackHarness target = toNode ? Node : Gateway;
            target.Network.OnNetworkPdu(target.Bearer, pdu, 0, n);
            target.Scheduler.RunPending();
        }

        [Property(MaxTest = 2000)]
        public void AuthenticRandomAccessMessages_IntoConfigClientAndServer_NeverThrow(byte[] payload, byte opcodeKind, int seq, bool toNode)
        {
            payload = payload ?? new byte[0];
            byte[] access = new byte[Math.Min(payload.Length, 30) + 3];
            Array.Copy(payload, 0, access, 3, access.Length - 3);
            int[] opcodes = { 0x00, 0x02, 0x03, 0x8003, 0x8008, 0x800C, 0x800D, 0x800E, 0x8019, 0x801B, 0x801F, 0x803D, 0x803E, 0x8049, 0x804A };
            int opcodeLength = AccessOpcode.Write(opcodes[opcodeKind % opcodes.Length], access, 0);
            int count = access.Length - (3 - opcodeLength);
            Array.Copy(access, 3, access, opcodeLength, access.Length - 3);

            // Device key of 0x1201, unsegmented when it fits, otherwise two or more segments.
            var upper = new UpperTransportCrypto();
            int src = toNode ? 0x0003 : 0x1201;
            int dst = toNode ? 0x1201 : 0x0003;
            // Rising SEQs so the replay protection list lets the messages through to the parsers.
            seq = System.Threading.Interlocked.Add(ref _nextSeq, 40);
            byte[] sealedPdu = new byte[count + 4];
            upper.Encrypt(MeshSampleData.DeviceKey1201(), false, seq, src, dst, MeshSampleData.IvIndex, access, 0, count, sealedPdu, 0);
            StackHarness target = toNode ? Node : Gateway;
            var codec = new NetworkPduCodec();
            byte[] pdu = new byte[29];
            byte[] lower = new byte[16];
            if (sealedPdu.Length <= 15)
            {
                lower[0] = 0x00;
                Array.Copy(sealedPdu, 0, lower, 1, sealedPdu.Length);
                int n = codec.Encode(Key, MeshSampleData.IvIndex, false, 5, seq, src, dst, lower, 0, 1 + sealedPdu.Length, false, pdu, 0);
                target.Network.OnNetworkPdu(target.Bearer, pdu, 0, n);
            }
            else
            {
                int segN = (sealedPdu.Length - 1) / 12;
                for (int segO = 0; segO <= segN; segO++)
                {
                    int len = Math.Min(12, sealedPdu.Length - (segO * 12));
                    LowerTransportHeader.WriteSegmentedAccess(lower, 0, false, 0, false, seq, segO, segN);
                    Array.Copy(sealedPdu, segO * 12, lower, 4, len);
                    int n = codec.Encode(Key, MeshSampleData.IvIndex, false, 5, seq + segO, src, dst, lower, 0, 4 + len, false, pdu, 0);
                    target.Network.OnNetworkPdu(target.Bearer, pdu, 0, n);
                }
            }

            target.Scheduler.RunPending();
        }

        [Fact]
        public void AuthenticRandomAccessMessages_ReachTheAccessLayer()
        {
            long before = Node.Network.Statistics.AccessMessagesDelivered;
            AuthenticRandomAccessMessages_IntoConfigClientAndServer_NeverThrow(new byte[] { 1, 2, 3, 4 }, 13, 0, true);
            AuthenticRandomAccessMessages_IntoConfigClientAndServer_NeverThrow(new byte[40], 0, 0, true);
            Assert.Equal(before + 2, Node.Network.Statistics.AccessMessagesDelivered);
        }

        [Property(MaxTest = 2000)]
        public void Decoders_NeverThrow(byte[] data, int offset, int count, int opcode)
        {
            data = data ?? new byte[0];
            var keys = MeshSampleData.KeyStore();
            new SecureNetworkBeacon().TryParse(keys, data, offset, count);
            new SecureNetworkBeacon().TryParse(keys, data, 0, data.Length);
            var proxyData = new MeshProxyServiceData();
            proxyData.TryParseAdvertisement(data, offset, count);
            if (proxyData.TryParseAdvertisement(data, 0, data.Length))
            {
                proxyData.MatchNetworkId(keys);
                proxyData.FindNodeIdentity(keys, 0x1201);
            }

            SegmentAcknowledgment.TryParse(data, offset, count, out _, out _, out _);
            AccessOpcode.TryRead(data, offset, count, out _, out _);
            ProxyConfiguration.TryParseFilterStatus(data, offset, count, out _, out _);
            CompositionData.TryParse(data, offset, count, out _);
            CompositionData.TryParse(data, 0, data.Length, out _);
            ConfigStatusMessage.TryParse(opcode, data, offset, count, out _);
            ConfigStatusMessage.TryParse(0x8000 | (opcode & 0x7F), data, 0, data.Length, out _);
            new NetworkPduCodec().TryDecode(Key, MeshSampleData.IvIndex, false, data, offset, count);
            new UpperTransportCrypto().TryDecrypt(MeshSampleData.DeviceKey1201(), (opcode & 1) == 1, 1, 2, 3, 4, data, offset, count, new byte[400], 0);
        }

        [Property(MaxTest = 1000)]
        public void BearersFedRandomFrames_NeverThrow(byte[][] frames)
        {
            var radio = new RecordingRadio();
            var adv = new AdvertisingNetworkBearer(radio, 3, 20);
            var central = new FakeGattCentral();
            var proxy = new GattProxyClient(central, Gateway.Scheduler, Gateway.Network, null);
            adv.SetReceiver(Gateway.Network);
            proxy.SetReceiver(Gateway.Network);
            proxy.Connect(0x0000BB000001);
            var connection = new FakeGattConnection(proxy);
            proxy.OnConnected(connection);
            foreach (byte[] frame in frames ?? new byte[0][])
            {
                byte[] f = frame ?? new byte[0];
                adv.OnAdvertisement(1, -50, f, 0, f.Length);
                proxy.OnNotification(f, 0, f.Length);
                if (!proxy.IsReady && !proxy.IsConnecting)
                {
                    proxy.Connect(0x0000BB000001);
                    proxy.OnConnected(new FakeGattConnection(proxy));
                }
            }
        }

        internal sealed class RecordingRadio : IAdvertisingRadio
        {
            public readonly System.Collections.Generic.List<byte[]> Sent = new System.Collections.Generic.List<byte[]>();

            public AdvertisementReceivedHandler Receiver { get; private set; }

            public void Send(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds)
            {
                Sent.Add(CapturingBearer.Copy(data, offset, length));
            }

            public void SetReceiver(AdvertisementReceivedHandler handler)
            {
                Receiver = handler;
            }
        }
    }
}
