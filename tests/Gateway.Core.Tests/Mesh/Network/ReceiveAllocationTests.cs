using System;
using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>
    /// Bytes allocated per received Network PDU on the host (GC.GetAllocatedBytesForCurrentThread),
    /// after a warm-up. The receive path decrypts into buffers allocated once per stack, so the
    /// network, lower and upper transport layers allocate nothing per PDU; the numbers are printed
    /// for the report.
    /// </summary>
    public class ReceiveAllocationTests
    {
        private const int Count = 200;
        private readonly ITestOutputHelper _output;

        public ReceiveAllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void ForeignNidAndForgedPdus_AllocateNothing()
        {
            var gw = new StackHarness(0x0003, nextSeq: 0);
            byte[] foreign = Hex.Decode("11e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228");
            byte[] forged = Hex.Decode("68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f229");
            gw.Network.OnNetworkPdu(gw.Bearer, foreign, 0, foreign.Length);
            gw.Network.OnNetworkPdu(gw.Bearer, forged, 0, forged.Length);
            long perForeign = Measure(() => gw.Network.OnNetworkPdu(gw.Bearer, foreign, 0, foreign.Length));
            long perForged = Measure(() => gw.Network.OnNetworkPdu(gw.Bearer, forged, 0, forged.Length));
            _output.WriteLine($"foreign NID: {perForeign} B/PDU; NID match, NetMIC fails: {perForged} B/PDU");
            Assert.Equal(0, perForeign);
            Assert.Equal(0, perForged);
        }

        [Fact]
        public void UnsegmentedAccessMessages_AllocateNothingPerPdu_WithStoreBehindRpl()
        {
            List<byte[]> pdus = NodeTraffic(4, 2 * Count);
            var gw = new StackHarness(0x0003, nextSeq: 0, options: new MeshNetworkOptions { ReplayStoreDelayMilliseconds = 60_000 });
            Assert.Equal(Count, Feed(gw, pdus, 0, Count));
            int delivered = Feed(gw, pdus, Count, Count);
            long perPdu = LastAllocated / Count;
            _output.WriteLine($"unsegmented access message delivered (RPL store-behind): {perPdu} B/PDU ({delivered} delivered)");
            Assert.Equal(Count, delivered);
            Assert.Equal(0, perPdu);
        }

        [Fact]
        public void UnsegmentedAccessMessages_WriteThroughRpl_ReportsStorageCost()
        {
            List<byte[]> pdus = NodeTraffic(4, 2 * Count);
            var gw = new StackHarness(0x0003, nextSeq: 0);
            Feed(gw, pdus, 0, Count);
            Feed(gw, pdus, Count, Count);
            long perPdu = LastAllocated / Count;
            _output.WriteLine($"unsegmented access message delivered (RPL written before delivery, MemoryStorage): {perPdu} B/PDU");
            Assert.True(perPdu < 400, perPdu + " B/PDU");
        }

        [Fact]
        public void SegmentedAccessMessages_ReportPerPdu()
        {
            List<byte[]> pdus = NodeTraffic(30, 2 * Count);
            var gw = new StackHarness(0x0003, nextSeq: 0, options: new MeshNetworkOptions { ReplayStoreDelayMilliseconds = 60_000 });
            Feed(gw, pdus, 0, Count);
            Feed(gw, pdus, Count, Count);
            long perPdu = LastAllocated / Count;
            _output.WriteLine($"segmented access message (3 segments, ack timer + incomplete timer in VirtualTimeScheduler, ack sent): {perPdu} B/PDU");
            Assert.True(perPdu < 300, perPdu + " B/PDU");
        }

        /// <summary>Network PDUs the node 0x1201 sends to the gateway 0x0003 (device key), each message <paramref name="length"/> octets.</summary>
        private static List<byte[]> NodeTraffic(int length, int pduCount)
        {
            var node = new StackHarness(0x1201, nextSeq: 0);
            byte[] payload = new byte[length];
            payload[0] = 0x04;
            while (node.Bearer.Sent.Count < pduCount)
            {
                node.Network.SendAccessMessage(0x1201, 0x0003, MeshNetwork.LocalDeviceKey, payload, 0, length, null);
                node.Scheduler.RunPending();

                // Acknowledge segmented messages at once so the next one starts.
                if (length > 11)
                {
                    var codec = new NetworkPduCodec();
                    byte[] last = node.Bearer.Sent[node.Bearer.Sent.Count - 1];
                    codec.TryDecode(MeshSampleData.NetworkKey(), MeshSampleData.IvIndex, false, last, 0, last.Length);
                    int seqAuth = LowerTransportHeader.SeqAuth(codec.Seq, LowerTransportHeader.SeqZero(codec.TransportBuffer, 2));
                    node.Bearer.Inject(MeshNetworkSampleTests.AckFrom(0x0003, 0x1201, 0x100000 + node.Bearer.Sent.Count, seqAuth & 0x1FFF, 7));
                    node.Scheduler.RunPending();
                }
            }

            return node.Bearer.Sent;
        }

        /// <summary>Bytes allocated by the receive loop of the last <see cref="Feed"/>.</summary>
        private static long LastAllocated;

        private static int Feed(StackHarness gw, List<byte[]> pdus, int start, int count)
        {
            gw.Record = false;
            int delivered = 0;
            AccessMessageHandler counter = m => delivered++;
            gw.Network.AccessMessageReceived += counter;
            var quiet = new NullBearer();
            gw.Network.RemoveBearer(gw.Bearer);
            gw.Network.AddBearer(quiet);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = start; i < start + count; i++)
            {
                gw.Network.OnNetworkPdu(quiet, pdus[i], 0, pdus[i].Length);
            }

            LastAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

            gw.Network.AccessMessageReceived -= counter;
            return delivered;
        }

        private static long Measure(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Count; i++)
            {
                action();
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / Count;
        }

        private sealed class NullBearer : INetworkBearer
        {
            public bool IsReady => true;

            public void Send(byte[] pdu, int offset, int count)
            {
            }

            public void SendBeacon(byte[] beacon, int offset, int count)
            {
            }

            public void SetReceiver(INetworkBearerReceiver receiver)
            {
            }
        }
    }
}
