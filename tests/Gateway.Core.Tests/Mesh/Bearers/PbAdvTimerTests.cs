using Gateway.Core.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>PB-ADV timers in virtual time (MshPRT §5.3.2, §5.3.3; reference/ble-mesh.md §1.8, §3.1).</summary>
    public class PbAdvTimerTests
    {
        [Fact]
        public void MshPRT_5_3_3_FirstTransmissionWaitsTheRandomDelayOf20To50ms()
        {
            var h = new PbAdvHarness();
            h.Random.FixedInt = null; // seeded delays
            var link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.Advance(19);
            Assert.Empty(h.Sent());
            h.Scheduler.Advance(31);
            Assert.Single(h.Sent());
            long at = h.SentAt(SampleData.LinkOpen)[0];
            Assert.InRange(at, 20, 50);
        }

        [Fact]
        public void MshPRT_5_3_2_LinkOpenIsRepeatedUntilLinkAck()
        {
            var h = new PbAdvHarness();
            var link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.RunUntil(3100);
            Assert.Equal(new long[] { 20, 1520, 3020 }, h.SentAt(SampleData.LinkOpen).ToArray());
            Assert.Equal(ProvisioningLinkState.Opening, link.State);

            h.Inject(SampleData.LinkAck);
            h.Deliver();
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            Assert.Equal(1, h.Handler.Opened);
            h.Scheduler.RunUntil(20_000);
            Assert.Equal(3, h.Count(SampleData.LinkOpen));
            h.Inject(SampleData.LinkAck); // a late duplicate changes nothing
            h.Deliver();
            Assert.Equal(1, h.Handler.Opened);
        }

        [Fact]
        public void MshPRT_5_3_2_LinkEstablishmentGivesUpAfter60sAndSendsLinkCloseTimeout()
        {
            var h = new PbAdvHarness();
            var link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.RunUntil(59_999);
            Assert.Equal(ProvisioningLinkState.Opening, link.State);
            Assert.Equal(40, h.Count(SampleData.LinkOpen)); // 20 ms, then every 1.5 s up to 58.52 s

            h.Scheduler.RunUntil(61_000);
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.LinkOpenTimeout, h.Handler.ClosedReason);
            Assert.Equal(new long[] { 60_020, 60_040, 60_060 }, h.SentAt("23af5850000b01").ToArray());
            Assert.Equal(60_060, h.Handler.ClosedAt);
            Assert.Equal(0, h.Handler.Opened);
            Assert.Equal(0, h.Bearer.LinkCount);
        }

        [Fact]
        public void MshPRT_5_3_3_UnacknowledgedTransactionIsResentWholeEvery500ms()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            long t0 = h.Scheduler.NowMilliseconds;
            PbAdvHarness.Send(link, SampleData.PublicKeyProvisioner);
            h.Scheduler.Advance(1100);

            long first = t0 + 20;
            foreach (string sample in SampleData.PublicKeyProvisionerAdv)
            {
                // The sample sends it as transaction 0x02; here it is the link's first (0x00).
                string segment = "23af585000" + sample.Substring(10);
                Assert.Equal(new[] { first, first + 500, first + 1000 }, h.SentAt(segment).ToArray());
            }

            Assert.Equal(9, h.Sent().Count - 1); // 3 segments × 3 rounds, after the Link Open
            h.Inject(SampleData.InviteAck); // 23af5850 00 01: ack of transaction 0x00
            h.Deliver();
            Assert.Equal(1, h.Handler.TransmitCompletes);
            h.Scheduler.Advance(5000);
            Assert.Equal(10, h.Sent().Count);
        }

        [Fact]
        public void MshPRT_5_3_3_TransactionTimeoutAfter30sClosesTheLinkWithTimeout()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            long t0 = h.Scheduler.NowMilliseconds;
            PbAdvHarness.Send(link, SampleData.Invite);
            long firstSend = t0 + 20;

            h.Scheduler.RunUntil(firstSend + 29_999);
            Assert.Equal(ProvisioningLinkState.Open, link.State);
            Assert.Equal(60, h.Count(SampleData.InviteAdv));

            h.Scheduler.RunUntil(firstSend + 31_000);
            Assert.Equal(ProvisioningLinkState.Closed, link.State);
            Assert.Equal(ProvisioningLinkCloseReason.Timeout, h.Handler.ClosedReason);
            Assert.False(link.ClosedByPeer);
            long closeAt = firstSend + 30_000;
            Assert.Equal(new[] { closeAt + 20, closeAt + 40, closeAt + 60 }, h.SentAt("23af5850000b01").ToArray());
            Assert.Equal(0, h.Handler.TransmitCompletes);
        }

        [Fact]
        public void MshPRT_5_3_2_LinkCloseIsSentThreeTimesWithItsReason()
        {
            var h = new PbAdvHarness();
            var link = h.OpenProvisionerLink();
            link.Close(ProvisioningLinkCloseReason.Fail);
            Assert.Equal(ProvisioningLinkState.Closing, link.State);
            Assert.Equal(0, h.Handler.ClosedCount);
            Assert.Throws<System.InvalidOperationException>(() => PbAdvHarness.Send(link, SampleData.Invite));
            h.Scheduler.Advance(1000);
            Assert.Equal(3, h.Count("23af5850000b02"));
            Assert.Equal(1, h.Handler.ClosedCount);
            Assert.Equal(ProvisioningLinkCloseReason.Fail, h.Handler.ClosedReason);
            Assert.Equal(0, h.Bearer.LinkCount);
            link.Close(ProvisioningLinkCloseReason.Success); // no second close
            h.Scheduler.Advance(1000);
            Assert.Equal(1, h.Handler.ClosedCount);
            Assert.Equal(0, h.Count(SampleData.LinkCloseSuccess));
        }

        [Fact]
        public void LinkCloseCountIsConfigurable()
        {
            var h = new PbAdvHarness(new PbAdvOptions { LinkCloseCount = 10 });
            var link = h.OpenProvisionerLink();
            link.Close(ProvisioningLinkCloseReason.Success);
            h.Scheduler.Advance(2000);
            Assert.Equal(10, h.Count(SampleData.LinkCloseSuccess));
        }

        [Fact]
        public void RetransmitAndTimeoutIntervalsAreConfigurable()
        {
            var h = new PbAdvHarness(new PbAdvOptions { RetransmitIntervalMilliseconds = 200, TransactionTimeoutMilliseconds = 1000, TxDelayMinMilliseconds = 30, TxDelayMaxMilliseconds = 30 });
            var link = h.Bearer.CreateProvisionerLink(PbAdvHarness.Uuid, h.Handler);
            link.Open();
            h.Scheduler.Advance(40);
            h.Inject(SampleData.LinkAck);
            h.Scheduler.Advance(9); // t = 49
            PbAdvHarness.Send(link, SampleData.Invite);
            h.Scheduler.Advance(5000);
            Assert.Equal(new long[] { 79, 279, 479, 679, 879 }, h.SentAt(SampleData.InviteAdv).ToArray());
            Assert.Equal(ProvisioningLinkCloseReason.Timeout, h.Handler.ClosedReason);
        }

        [Fact]
        public void AcknowledgmentWaitsTheTxDelayAndRepeatsAreCoveredByOnePendingAck()
        {
            var h = new PbAdvHarness();
            h.OpenProvisionerLink();
            long t0 = h.Scheduler.NowMilliseconds;
            h.Inject(SampleData.CapabilitiesAdv);
            h.Inject(SampleData.CapabilitiesAdv);
            h.Scheduler.Advance(100);
            Assert.Single(h.Handler.Received);
            Assert.Equal(new[] { t0 + 1 + 20 }, h.SentAt(SampleData.CapabilitiesAck).ToArray());
        }
    }
}
