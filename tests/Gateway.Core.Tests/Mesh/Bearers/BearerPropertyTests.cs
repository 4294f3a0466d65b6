using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Runtime;
using FsCheck.Xunit;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>Random bytes into every receive-path parser: no exception, ever (DESIGN.md §8.2).</summary>
    public class BearerPropertyTests
    {
        [Property(MaxTest = 2000)]
        public void GenericProvisioningDecoderNeverThrows(byte[] payload, int offset, int count)
        {
            var pdu = new GenericProvisioningPdu();
            pdu.Decode(payload, 0, payload?.Length ?? 0);
            pdu.Decode(payload, offset, count); // arbitrary (also invalid) windows
            byte[] withLinkId = Concat(new byte[] { 0x23, 0xaf, 0x58, 0x50 }, payload);
            var status = pdu.Decode(withLinkId, 0, withLinkId.Length);
            if (status == GenericProvisioningDecodeStatus.Ok)
            {
                Assert.InRange(pdu.DataOffset + pdu.DataCount, 0, withLinkId.Length);
            }
        }

        [Property(MaxTest = 1000)]
        public void ReassemblerNeverThrowsOnArbitrarySegments(byte[][] segments, int[] numbers)
        {
            var r = new GenericProvisioningReassembler(65);
            if (segments == null || numbers == null || numbers.Length == 0)
            {
                return;
            }

            for (int i = 0; i < segments.Length; i++)
            {
                int n = numbers[i % numbers.Length];
                byte[] data = segments[i] ?? new byte[0];
                byte tn = (byte)(n >> 1);
                int offset = (n >> 4) % 4;
                int count = data.Length - ((n >> 6) & 3);
                ReassemblyResult result = (n & 1) == 0
                    ? r.AddStart(tn, (n >> 9) % 70, (n >> 12) % 100, (byte)(n >> 20), data, offset, count)
                    : r.AddContinuation(tn, (n >> 9) % 70, data, offset, count);
                if (result == ReassemblyResult.Complete)
                {
                    Assert.InRange(r.TotalLength, 1, 65);
                }
            }
        }

        [Property(MaxTest = 1000)]
        public void ReassemblerFedByTheDecoderNeverThrows(byte[][] tails)
        {
            var pdu = new GenericProvisioningPdu();
            var r = new GenericProvisioningReassembler(65);
            if (tails == null)
            {
                return;
            }

            foreach (var tail in tails)
            {
                byte[] payload = Concat(new byte[] { 0x23, 0xaf, 0x58, 0x50, 0x80 }, tail);
                if (pdu.Decode(payload, 0, payload.Length) != GenericProvisioningDecodeStatus.Ok)
                {
                    continue;
                }

                if (pdu.Format == GenericProvisioning.FormatTransactionStart)
                {
                    r.AddStart(pdu.TransactionNumber, pdu.LastSegmentIndex, pdu.TotalLength, pdu.Fcs, pdu.Buffer, pdu.DataOffset, pdu.DataCount);
                }
                else if (pdu.Format == GenericProvisioning.FormatTransactionContinuation)
                {
                    r.AddContinuation(pdu.TransactionNumber, pdu.SegmentIndex, pdu.Buffer, pdu.DataOffset, pdu.DataCount);
                }
            }
        }

        [Property(MaxTest = 500)]
        public void SegmentationRoundTripsInAnyOrderWithRepeats(byte[] seedBytes, int seed)
        {
            var random = new SeededRandom(seed);
            int length = 1 + random.NextInt(65);
            var pdu = new byte[length];
            random.NextBytes(pdu, 0, length);
            byte fcs = ProvisioningFcs.Compute(pdu, 0, length);
            int segN = GenericProvisioning.LastSegmentIndex(length);
            var writer = new ByteWriter(31);
            var decoder = new GenericProvisioningPdu();
            var r = new GenericProvisioningReassembler(65);

            // The start first (continuations before it are dropped), then the rest shuffled, each possibly twice.
            var order = new int[segN * 2];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = 1 + (i % Math.Max(segN, 1));
            }

            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            ReassemblyResult last = Feed(0);
            foreach (int index in order)
            {
                if (index <= segN)
                {
                    var result = Feed(index);
                    if (last != ReassemblyResult.Complete)
                    {
                        last = result;
                    }
                }
            }

            Assert.Equal(ReassemblyResult.Complete, last);
            Assert.Equal(Hex.Encode(pdu), Hex.Encode(r.Buffer, 0, r.TotalLength));

            ReassemblyResult Feed(int index)
            {
                writer.Clear();
                GenericProvisioning.WriteTransactionSegment(writer, 0x01020304, 0x81, pdu, 0, length, fcs, index);
                byte[] ad = writer.ToArray();
                Assert.True(ad.Length <= 31);
                Assert.Equal(GenericProvisioningDecodeStatus.Ok, decoder.Decode(ad, 2, ad.Length - 2));
                return decoder.Format == GenericProvisioning.FormatTransactionStart
                    ? r.AddStart(decoder.TransactionNumber, decoder.LastSegmentIndex, decoder.TotalLength, decoder.Fcs, ad, decoder.DataOffset, decoder.DataCount)
                    : r.AddContinuation(decoder.TransactionNumber, decoder.SegmentIndex, ad, decoder.DataOffset, decoder.DataCount);
            }
        }

        [Property(MaxTest = 2000)]
        public void ProxySarReassemblerNeverThrows(byte[][] pdus, int offset)
        {
            var r = new ProxySarReassembler(66);
            if (pdus == null)
            {
                return;
            }

            foreach (var pdu in pdus)
            {
                var result = r.Add(pdu, 0, pdu?.Length ?? 0);
                Assert.InRange(r.Length, 0, 66);
                if (result == ProxySarResult.Complete)
                {
                    Assert.False(r.IsInProgress);
                }

                r.Add(pdu, offset, (pdu?.Length ?? 0) - 1);
                Assert.InRange(r.Length, 0, 66);
            }
        }

        [Property(MaxTest = 300)]
        public void ProxySarRoundTripsAtAnyMtu(int seed)
        {
            var random = new SeededRandom(seed);
            int mtu = ProxySar.MinAttMtu + random.NextInt(200);
            int length = 1 + random.NextInt(66);
            var message = new byte[length];
            random.NextBytes(message, 0, length);
            var r = new ProxySarReassembler(66);
            var output = new byte[mtu];
            int segments = ProxySar.SegmentCount(length, mtu);
            ProxySarResult result = ProxySarResult.Empty;
            for (int i = 0; i < segments; i++)
            {
                int n = ProxySar.WriteSegment(ProxySar.MessageTypeNetworkPdu, message, 0, length, mtu, i, output, 0);
                Assert.InRange(n, 2, mtu - 3);
                result = r.Add(output, 0, n);
            }

            Assert.Equal(ProxySarResult.Complete, result);
            Assert.Equal(ProxySar.MessageTypeNetworkPdu, r.MessageType);
            Assert.Equal(Hex.Encode(message), Hex.Encode(r.Buffer, 0, r.Length));
        }

        [Property(MaxTest = 2000)]
        public void BeaconAndServiceDataParsersNeverThrow(byte[] value, int offset, int count, bool littleEndian)
        {
            var advert = new UnprovisionedDeviceAdvert();
            UnprovisionedDeviceBeacon.TryParse(value, 0, value?.Length ?? 0, advert);
            UnprovisionedDeviceBeacon.TryParse(value, offset, count, advert);
            ProvisioningServiceData.TryParse(value, 0, value?.Length ?? 0, littleEndian, advert);
            ProvisioningServiceData.TryParse(value, offset, count, littleEndian, advert);
            int valueOffset;
            int valueLength;
            AdStructures.TryFind(value, offset, count, 0x16, out valueOffset, out valueLength);
        }

        [Property(MaxTest = 1000)]
        public void ReceivePathsNeverThrowOnArbitraryAdvertisements(byte[][] tails, byte[] raw, int offset, int length)
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            h.Bearer.CreateDeviceLink(Hex.Decode(SampleData.DeviceUuid), h.Handler).Open();
            var table = new UnprovisionedDeviceTable(h.Scheduler, new DiscoveryOptions { Capacity = 4 });
            h.Bearer.OnAdvertisement(0, 0, raw, offset, length);
            table.OnAdvertisement(0, 0, raw, offset, length);
            if (raw != null)
            {
                h.Bearer.OnAdvertisement(0, 0, raw, 0, raw.Length);
                table.OnAdvertisement(0, 0, raw, 0, raw.Length);
            }

            if (tails == null)
            {
                return;
            }

            foreach (var tail in tails)
            {
                // Aimed at our link: AD length, PB-ADV type, the link's ID, then anything.
                byte[] body = Concat(new byte[] { 0x23, 0xaf, 0x58, 0x50 }, tail);
                byte[] ad = Concat(new byte[] { (byte)(body.Length + 1), 0x29 }, body);
                h.Bearer.OnAdvertisement(1, -40, ad, 0, ad.Length);
                byte[] beacon = Concat(new byte[] { (byte)((tail?.Length ?? 0) + 1), 0x2b }, tail);
                table.OnAdvertisement(1, -40, beacon, 0, beacon.Length);
                h.Scheduler.Advance(60);
            }
        }

        private static byte[] Concat(byte[] head, byte[] tail)
        {
            tail = tail ?? new byte[0];
            var result = new byte[head.Length + tail.Length];
            Array.Copy(head, result, head.Length);
            Array.Copy(tail, 0, result, head.Length, tail.Length);
            return result;
        }
    }
}
