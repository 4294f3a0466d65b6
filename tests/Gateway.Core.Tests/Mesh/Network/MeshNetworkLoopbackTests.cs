using System.Collections.Generic;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>Two stacks over a lossy loopback wire in virtual time: segmentation, acknowledgments, timers, IV Update.</summary>
    public class MeshNetworkLoopbackTests
    {
        private static byte[] VendorPayload(int length, int seed)
        {
            byte[] payload = new byte[length];
            new System.Random(seed).NextBytes(payload);
            payload[0] = 0xC1; // 3-octet vendor opcode 0xC1xxxx
            return payload;
        }

        [Theory]
        [InlineData(1, 0.0)]
        [InlineData(2, 0.2)]
        [InlineData(3, 0.3)]
        [InlineData(4, 0.3)]
        [InlineData(5, 0.4)]
        public void MshPRT_3_5_3_SegmentedDeviceKeyMessage_ArrivesOnceDespiteLoss(int seed, double loss)
        {
            var home = new TwoStacks(seed, loss);
            var results = new List<AccessSendResult>();
            byte[] payload = VendorPayload(MeshNetwork.MaxAccessPayload, seed);
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, results.Add);
            home.Scheduler.RunUntil(() => results.Count > 0, 60_000);
            Assert.True(results.Count == 1, "seed " + seed);
            if (results[0] == AccessSendResult.Acknowledged)
            {
                Assert.Equal(Hex.Encode(payload), Assert.Single(home.NodeReceived));
            }
            else
            {
                // Heavy loss may exhaust the rounds; the message must then never arrive twice.
                Assert.Equal(AccessSendResult.Timeout, results[0]);
                Assert.True(home.NodeReceived.Count <= 1);
            }

            home.Scheduler.RunAll(30_000);
            Assert.True(home.NodeReceived.Count <= 1);
        }

        [Fact]
        public void SegmentedAppKeyMessageToGroup_RepeatsAndReportsSent()
        {
            var home = new TwoStacks();
            home.NodeKeys.AddApplicationKey(MeshSampleData.ApplicationKey());
            home.Node.AddSubscription(0xC000);
            var results = new List<AccessSendResult>();
            byte[] payload = VendorPayload(40, 9);
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, 0xC000, 0, payload, 0, payload.Length, results.Add);
            home.Scheduler.RunAll(10_000);
            Assert.Equal(new[] { AccessSendResult.Sent }, results);
            Assert.Equal(Hex.Encode(payload), Assert.Single(home.NodeReceived));
            Assert.Equal(4 * (1 + home.Gateway.Options.GroupSegmentRetransmitCount), home.Wire.A.Sent.Count);
        }

        [Fact]
        public void NoAcknowledgment_GivesUpAfterTheRetransmissionRounds()
        {
            var home = new TwoStacks(loss: 1.0);
            var results = new List<AccessSendResult>();
            byte[] payload = VendorPayload(30, 1);
            long start = home.Scheduler.NowMilliseconds;
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, results.Add);
            home.Scheduler.RunUntil(() => results.Count > 0, 60_000);
            Assert.Equal(new[] { AccessSendResult.Timeout }, results);
            int rounds = 1 + home.Gateway.Options.SegmentRetransmitCount;
            Assert.Equal(3 * rounds, home.Wire.A.Sent.Count);
            Assert.Equal(rounds * home.Gateway.Options.SegmentRetransmitUnicastMilliseconds, home.Scheduler.NowMilliseconds - start);
        }

        [Fact]
        public void MissingLastSegment_IncompleteTimerDropsTheMessage()
        {
            var home = new TwoStacks();
            var codec = new NetworkPduCodec();
            var key = MeshSampleData.NetworkKey();
            home.Wire.DropFilter = pdu => codec.TryDecode(key, MeshSampleData.IvIndex, false, pdu, 0, pdu.Length) && !codec.Ctl
                && LowerTransportHeader.IsSegmented(codec.TransportBuffer[2])
                && LowerTransportHeader.SegO(codec.TransportBuffer, 2) == LowerTransportHeader.SegN(codec.TransportBuffer, 2);
            byte[] payload = VendorPayload(30, 2);
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, null);
            var results = new List<AccessSendResult>();
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, results.Add);
            home.Scheduler.RunAll(60_000);
            Assert.Empty(home.NodeReceived);
            Assert.Contains(AccessSendResult.Timeout, results);
            Assert.Equal(0, home.Scheduler.PendingTimerCount);
        }

        [Fact]
        public void QueuedMessagesToOneNode_GoInOrderOneSegmentedAtATime()
        {
            var home = new TwoStacks(seed: 11, loss: 0.1);
            var results = new List<AccessSendResult>();
            var expected = new List<string>();
            for (int i = 0; i < 5; i++)
            {
                byte[] payload = VendorPayload(20 + (i * 30), 100 + i);
                expected.Add(Hex.Encode(payload));
                home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, results.Add);
            }

            home.Scheduler.RunUntil(() => results.Count == 5, 120_000);
            Assert.All(results, r => Assert.Equal(AccessSendResult.Acknowledged, r));
            Assert.Equal(expected, home.NodeReceived);
        }

        [Fact]
        public void MshPRT_3_11_5_IvUpdate_NodeFollowsBeacons_TrafficContinues()
        {
            var home = new TwoStacks();
            byte[] payload = VendorPayload(8, 3);
            home.Gateway.StartIvUpdate();
            home.Scheduler.RunAll(1_000);
            Assert.True(home.Node.IvUpdateInProgress);
            Assert.Equal(MeshSampleData.IvIndex + 1, home.Node.IvIndex);
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, null);
            home.Scheduler.RunAll(1_000);
            Assert.Single(home.NodeReceived);

            home.Gateway.CompleteIvUpdate();
            home.Scheduler.RunAll(1_000);
            Assert.False(home.Node.IvUpdateInProgress);
            Assert.Equal(0, home.Gateway.SequenceNumbers.NextSeq);
            home.Gateway.SendAccessMessage(TwoStacks.GatewayAddress, TwoStacks.NodeAddress, MeshNetwork.RemoteDeviceKey, payload, 0, payload.Length, null);
            home.Scheduler.RunAll(1_000);
            Assert.Equal(2, home.NodeReceived.Count);
        }
    }
}
