using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;
using Gateway.Simulation;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    public class AdvertisingAirTests
    {
        private sealed record Heard(long TimeMs, ulong From, int Rssi, byte[] Data);

        private static List<Heard> Listen(AirStation station, IScheduler scheduler)
        {
            var heard = new List<Heard>();
            station.Radio.SetReceiver((address, rssi, data, offset, length) =>
                heard.Add(new Heard(scheduler.NowMilliseconds, address, rssi, data.AsSpan(offset, length).ToArray())));
            return heard;
        }

        private static List<string> FaultyScenarioTrace(long seed)
        {
            var scheduler = new VirtualTimeScheduler();
            var settings = new AirSettings
            {
                LossProbability = 0.2,
                DuplicationProbability = 0.1,
                ExtraLatencyMinMs = 0,
                ExtraLatencyMaxMs = 8,
                RssiNoiseSigmaDb = 3,
            };
            var air = new VirtualAir(scheduler, seed, settings);
            var trace = new List<string>();
            air.Traced += e => trace.Add(e.ToString());
            var stations = new[]
            {
                air.AddStation("gw", 0x0000A0000001, 0, 0),
                air.AddStation("a", 0x0000A0000002, 5, 0),
                air.AddStation("b", 0x0000A0000003, 0, 12),
                air.AddStation("c", 0x0000A0000004, 20, 20),
            };
            foreach (AirStation s in stations)
            {
                s.Radio.SetReceiver((address, rssi, data, offset, length) => { });
            }

            for (int i = 0; i < 20; i++)
            {
                foreach (AirStation s in stations)
                {
                    s.Radio.Send(new byte[] { 2, 0x2A, (byte)i }, 0, 3, 2, 0);
                }
            }

            scheduler.RunAll(10_000);
            return trace;
        }

        [Fact]
        public void SameSeed_GivesIdenticalDeliveryTrace()
        {
            List<string> first = FaultyScenarioTrace(42);
            List<string> second = FaultyScenarioTrace(42);
            Assert.True(first.Count > 400);
            Assert.Contains(first, line => line.Contains("AdvertisingLost"));
            Assert.Contains(first, line => line.Contains("AdvertisingDuplicated"));
            Assert.Equal(first, second);
        }

        [Fact]
        public void DifferentSeed_GivesDifferentDeliveryTrace()
        {
            Assert.NotEqual(FaultyScenarioTrace(42), FaultyScenarioTrace(43));
        }

        [Fact]
        public void Loss_0_3_LosesAboutThirtyPercentOfTransmissions()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 7, new AirSettings { LossProbability = 0.3 });
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            AirStation receiver = air.AddStation("rx", 2, 1, 0);
            List<Heard> heard = Listen(receiver, scheduler);
            const int frames = 10_000;
            for (int i = 0; i < frames; i++)
            {
                sender.Radio.Send(new byte[] { 1, 0x2A }, 0, 2, 1, 0);
            }

            scheduler.RunAll(frames * 40L);

            // The honest air misses a few events by itself (a scanner changing channel in the
            // middle of the event); the loss draw applies to every packet the air let through.
            // Binomial(~10000, 0.3): sigma = 46 frames, the bound is 4.4 sigma; the seed is fixed.
            AirStatistics rx = receiver.Statistics;
            Assert.Equal(frames, sender.Statistics.AdvertsSent);
            Assert.Equal(heard.Count, rx.AdvertsDelivered);
            Assert.InRange(rx.AdvertsMissedOffChannel, 1, frames / 50);
            Assert.Equal(0, rx.AdvertsCollided + rx.AdvertsMissedWhileTransmitting);
            Assert.InRange(heard.Count + rx.AdvertsLost + rx.AdvertsMissedOffChannel, frames, frames + (frames / 50));
            Assert.InRange(rx.AdvertsLost, 2800, 3200);
            Assert.Equal(air.Statistics.AdvertsLost, rx.AdvertsLost);
        }

        [Fact]
        public void StationLossOverride_SilencesOneReceiverOnly()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 7);
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            AirStation deaf = air.AddStation("deaf", 2, 1, 0);
            AirStation fine = air.AddStation("fine", 3, 0, 1);
            deaf.LossProbability = 1.0;
            List<Heard> deafHeard = Listen(deaf, scheduler);
            List<Heard> fineHeard = Listen(fine, scheduler);
            for (int i = 0; i < 50; i++)
            {
                sender.Radio.Send(new byte[] { 1, 0x2A }, 0, 2, 1, 0);
            }

            scheduler.RunAll(5_000);
            Assert.Empty(deafHeard);
            Assert.Equal(50, fineHeard.Count);
            Assert.Equal(50, deaf.Statistics.AdvertsLost);
        }

        [Fact]
        public void Duplication_DeliversSomeFramesTwice()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 11, new AirSettings { DuplicationProbability = 0.25 });
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            AirStation receiver = air.AddStation("rx", 2, 1, 0);
            List<Heard> heard = Listen(receiver, scheduler);
            const int frames = 4000;
            for (int i = 0; i < frames; i++)
            {
                sender.Radio.Send(new byte[] { 3, 0x2A, (byte)i, (byte)(i >> 8) }, 0, 4, 1, 0);
            }

            scheduler.RunAll(frames * 40L);
            long duplicated = receiver.Statistics.AdvertsDuplicated;
            long copies = heard.Count - duplicated; // packets the air let through (an event heard on two channels gives two)
            Assert.Equal(heard.Count, receiver.Statistics.AdvertsDelivered);
            Assert.InRange(copies, frames - (frames / 50), frames + (frames / 50));
            Assert.InRange(duplicated, 850, 1150); // Binomial(~4000, 0.25): sigma = 27
            var perFrame = heard.GroupBy(h => BitConverter.ToUInt16(h.Data, 2)).Select(g => g.Count()).ToList();
            Assert.InRange(perFrame.Count, frames - (frames / 50), frames);
            Assert.All(perFrame, n => Assert.InRange(n, 1, 4));
            Assert.InRange(perFrame.Count(n => n >= 2), duplicated - 10, duplicated + (frames / 50));
        }

        [Fact]
        public void ExtraLatencyRange_ReordersFrames_ZeroLatencyKeepsOrder()
        {
            Assert.True(CountInversions(latencyMaxMs: 40) > 0);
            Assert.Equal(0, CountInversions(latencyMaxMs: 0));
        }

        private static int CountInversions(int latencyMaxMs)
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 5, new AirSettings { ExtraLatencyMaxMs = latencyMaxMs });
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            List<Heard> heard = Listen(air.AddStation("rx", 2, 1, 0), scheduler);
            for (int i = 0; i < 200; i++)
            {
                sender.Radio.Send(new byte[] { 2, 0x2A, (byte)i }, 0, 3, 1, 0);
            }

            scheduler.RunAll(20_000);
            Assert.InRange(heard.Count, 190, 210); // a few events fall on a scanner's channel change
            int inversions = 0;
            for (int i = 1; i < heard.Count; i++)
            {
                if (heard[i].Data[2] < heard[i - 1].Data[2])
                {
                    inversions++;
                }
            }

            return inversions;
        }

        [Fact]
        public void LogDistancePathLoss_RssiFallsWithDistance_BelowSensitivityNothingArrives()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1);
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            var receivers = new[]
            {
                air.AddStation("1m", 2, 1, 0),
                air.AddStation("10m", 3, 0, 10),
                air.AddStation("30m", 4, 30, 0),
                air.AddStation("100m", 5, 0, 100),
            };
            List<Heard>[] heard = receivers.Select(r => Listen(r, scheduler)).ToArray();
            sender.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 1, 0);
            scheduler.RunAll(1_000);

            // RSSI = 0 dBm - (40 dB + 10 * 3.0 * log10(d)): -40, -70, -84.3, -100 (below -95).
            Assert.Equal(-40, Assert.Single(heard[0]).Rssi);
            Assert.Equal(-70, Assert.Single(heard[1]).Rssi);
            Assert.Equal(-84, Assert.Single(heard[2]).Rssi);
            Assert.Empty(heard[3]);
            Assert.Equal(1, receivers[3].Statistics.AdvertsBelowSensitivity);
            Assert.Equal(-100.0, air.MeanRssi(sender, receivers[3]), 6);
            Assert.Equal(sender.Address, heard[0][0].From);
        }

        [Fact]
        public void FixedRssiAndPinnedPath_OverrideTheDistanceModel()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1);
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            AirStation fixedStation = air.AddStation("fixed", 2, -55);
            AirStation far = air.AddStation("far", 3, 500, 0);
            List<Heard> fixedHeard = Listen(fixedStation, scheduler);
            List<Heard> farHeard = Listen(far, scheduler);
            air.SetPathRssi(far, sender, -80);
            sender.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 1, 0);
            scheduler.RunAll(1_000);
            Assert.Equal(-55, Assert.Single(fixedHeard).Rssi);
            Assert.Equal(-80, Assert.Single(farHeard).Rssi);

            air.ClearPathRssi(sender, far);
            sender.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 1, 0);
            scheduler.RunAll(1_000);
            Assert.Single(farHeard);
        }

        [Fact]
        public void RssiNoise_VariesAroundTheModel()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 3, new AirSettings { RssiNoiseSigmaDb = 4 });
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            List<Heard> heard = Listen(air.AddStation("rx", 2, 10, 0), scheduler);
            for (int i = 0; i < 500; i++)
            {
                sender.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 1, 0);
            }

            scheduler.RunAll(30_000);
            double mean = heard.Average(h => h.Rssi);
            Assert.InRange(mean, -71, -69); // standard error 0.18 dB
            Assert.True(heard.Select(h => h.Rssi).Distinct().Count() > 10);
        }

        [Fact]
        public void Receiver_GetsEveryoneElsesTransmissions_NotItsOwn_InAReusedBuffer()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1);
            AirStation a = air.AddStation("a", 1, 0, 0);
            AirStation b = air.AddStation("b", 2, 1, 0);
            var buffers = new List<byte[]>();
            var contents = new List<string>();
            a.Radio.SetReceiver((address, rssi, data, offset, length) => Assert.Fail("heard itself"));
            b.Radio.SetReceiver((address, rssi, data, offset, length) =>
            {
                buffers.Add(data);
                contents.Add(Hex.Encode(data.AsSpan(offset, length).ToArray()));
            });
            byte[] source = { 2, 0x2A, 0x11 };
            a.Radio.Send(source, 0, 3, 1, 0);
            source[2] = 0x22; // the radio copied before returning
            a.Radio.Send(new byte[] { 0xFF, 2, 0x2A, 0x33 }, 1, 3, 1, 0);
            scheduler.RunAll(1_000);

            Assert.Equal(new[] { "022a11", "022a33" }, contents);
            Assert.Same(buffers[0], buffers[1]);
        }

        [Fact]
        public void PowerOff_IsSilent_BothWays_AndPowerOnResumes()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1, new AirSettings { ExtraLatencyMinMs = 5, ExtraLatencyMaxMs = 5 });
            AirStation a = air.AddStation("a", 1, 0, 0);
            AirStation b = air.AddStation("b", 2, 1, 0);
            List<Heard> aHeard = Listen(a, scheduler);
            List<Heard> bHeard = Listen(b, scheduler);

            a.Radio.Send(new byte[] { 1, 0x2A }, 0, 2, 10, 50); // in progress when b dies
            scheduler.Advance(120);
            int heardBeforeCut = bHeard.Count;
            Assert.InRange(heardBeforeCut, 2, 3);
            b.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 5, 0);
            b.PowerOff();
            b.Radio.Send(new byte[] { 1, 0x2B }, 0, 2, 5, 0); // dead radios do not transmit
            scheduler.Advance(1_000);
            Assert.Equal(heardBeforeCut, bHeard.Count);
            Assert.Empty(aHeard);
            Assert.False(b.IsPowered);

            b.PowerOn();
            a.Radio.Send(new byte[] { 1, 0x29 }, 0, 2, 1, 0);
            b.Radio.Send(new byte[] { 1, 0x29 }, 0, 2, 1, 0);
            scheduler.Advance(1_000);
            Assert.Equal(0x29, bHeard[^1].Data[1]);
            Assert.Equal(0x29, Assert.Single(aHeard).Data[1]);
        }

        [Fact]
        public void PowerOff_DropsFramesStillInFlight()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1, new AirSettings { AdvDelayMaxMs = 0, ExtraLatencyMinMs = 30, ExtraLatencyMaxMs = 30 });
            AirStation a = air.AddStation("a", 1, 0, 0);
            AirStation b = air.AddStation("b", 2, 1, 0);
            List<Heard> bHeard = Listen(b, scheduler);
            a.Radio.Send(new byte[] { 1, 0x2A }, 0, 2, 1, 0);
            scheduler.Advance(10); // sent at 0, arrives at 30
            b.PowerOff();
            scheduler.Advance(100);
            Assert.Empty(bHeard);
        }

        [Fact]
        public void CoreSpec_V6B_4_4_2_2_RepeatedSend_IsSpacedByIntervalPlusAdvDelay()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 9);
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            List<Heard> heard = Listen(air.AddStation("rx", 2, 1, 0), scheduler);
            sender.Radio.Send(new byte[] { 2, 0x2A, 1 }, 0, 3, 3, 50);
            sender.Radio.Send(new byte[] { 2, 0x2A, 2 }, 0, 3, 4, 0); // queued behind; 0 = the 20 ms default
            Assert.Equal(1, sender.Radio.QueuedAdvertisements);
            scheduler.RunAll(2_000);

            Assert.Equal(7, heard.Count);
            Assert.Equal(new byte[] { 1, 1, 1, 2, 2, 2, 2 }, heard.Select(h => h.Data[2]).ToArray());
            Assert.InRange(heard[0].TimeMs, 0, 10);
            for (int i = 1; i < 3; i++)
            {
                Assert.InRange(heard[i].TimeMs - heard[i - 1].TimeMs, 50, 60);
            }

            // The advertiser takes the next advertisement one interval after the last event.
            Assert.InRange(heard[3].TimeMs - heard[2].TimeMs, 50, 60);
            for (int i = 4; i < 7; i++)
            {
                Assert.InRange(heard[i].TimeMs - heard[i - 1].TimeMs, 20, 30);
            }

            Assert.Equal(7, sender.Statistics.AdvertsSent);
            Assert.False(sender.Radio.IsTransmitting);
        }

        [Fact]
        public void CoreSpec_V6B_4_4_2_2_1_AdvDelayIsDrawnPerEvent()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 9);
            AirStation sender = air.AddStation("tx", 1, 0, 0);
            List<Heard> heard = Listen(air.AddStation("rx", 2, 1, 0), scheduler);
            var sent = new List<long>();
            air.Traced += e =>
            {
                if (e.Kind == AirEventKind.AdvertisingSent)
                {
                    sent.Add(e.TimeMs);
                }
            };
            sender.Radio.Send(new byte[] { 1, 0x2A }, 0, 2, 200, 20);
            scheduler.RunAll(10_000);
            Assert.Equal(200, sent.Count);
            Assert.InRange(heard.Count, 190, 210);
            long[] gaps = sent.Zip(sent.Skip(1), (x, y) => y - x).ToArray();
            Assert.All(gaps, g => Assert.InRange(g, 20, 30));
            Assert.True(gaps.Distinct().Count() >= 8);
        }

        [Fact]
        public void Send_RejectsWhatARealControllerRefuses()
        {
            var air = new VirtualAir(new VirtualTimeScheduler(), 1);
            AirStation s = air.AddStation("s", 1, 0, 0);
            Assert.Throws<ArgumentException>(() => s.Radio.Send(new byte[32], 0, 32, 1, 0));
            Assert.Throws<ArgumentException>(() => s.Radio.Send(new byte[2], 0, 0, 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => s.Radio.Send(new byte[2], 1, 2, 1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => s.Radio.Send(new byte[2], 0, 2, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => air.AddStation("big", 0x1000000000000, 0, 0));
            Assert.Throws<ArgumentException>(() => air.AddStation("again", 1, 0, 0));
        }

        [Fact]
        public void TraceHook_RecordsSenderReceiverKindAndLength()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new VirtualAir(scheduler, 1, new AirSettings { AdvDelayMaxMs = 0, EventStartJitterUs = 0 });
            var events = new List<AirTraceEvent>();
            air.Traced += events.Add;
            AirStation a = air.AddStation("a", 0xC0FFEE000001, 0, 0);
            AirStation b = air.AddStation("b", 0xC0FFEE000002, 1, 0);
            Listen(b, scheduler);
            scheduler.Advance(7);
            a.Radio.Send(new byte[] { 4, 0x2A, 1, 2, 3 }, 0, 5, 1, 0);
            scheduler.RunAll(100);

            Assert.Equal(2, events.Count);
            Assert.Equal(new AirTraceEvent(7, a, null, AirEventKind.AdvertisingSent, 5, 0), events[0]);
            // 21 octets on the air (16 + AdvData 5) = 168 µs per channel, three channels and two
            // 150 µs gaps: the event ends at 7.804 ms and is resolved in the next tick.
            Assert.Equal(new AirTraceEvent(8, a, b, AirEventKind.AdvertisingDelivered, 5, -40), events[1]);
            Assert.Equal("C0:FF:EE:00:00:01", AirStation.FormatAddress(a.Address));
        }
    }
}
