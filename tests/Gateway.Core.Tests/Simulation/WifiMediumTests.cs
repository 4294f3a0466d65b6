using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Core.Runtime;
using Gateway.Simulation.Lan;
using Gateway.Simulation.Wifi;
using Xunit;

namespace Gateway.Core.Tests.Simulation
{
    /// <summary>The 802.11 side of the virtual air: channels, vendor filters, loss, RSSI, the access point and the LAN.</summary>
    public class WifiMediumTests
    {
        private static readonly byte[] Element = { 221, 5, 0xD8, 0x96, 0xE0, 0xAA, 0x01 };

        private sealed class Heard
        {
            public readonly List<(ulong From, int Channel, int Rssi, byte[] Element)> Frames = new List<(ulong, int, int, byte[])>();

            public void On(ulong from, int channel, int rssi, ManagementFrameType type, byte[] buffer, int offset, int length)
            {
                Frames.Add((from, channel, rssi, buffer.AsSpan(offset, length).ToArray()));
            }
        }

        [Fact]
        public void ProbeRequestsReachFilteringRadiosOnTheSameChannelOnly()
        {
            var scheduler = new VirtualTimeScheduler();
            var medium = new WifiMedium(scheduler, 1);
            VirtualWifiRadio sender = medium.AddRadio("sender", 0x1, 6);
            VirtualWifiRadio same = medium.AddRadio("same", 0x2, 6, fixedRssi: -40);
            VirtualWifiRadio other = medium.AddRadio("other", 0x3, 11);
            VirtualWifiRadio wrongOui = medium.AddRadio("wrong-oui", 0x4, 6);
            VirtualWifiRadio deaf = medium.AddRadio("deaf", 0x5, 6);
            var heardSame = new Heard();
            var heardOther = new Heard();
            var heardWrong = new Heard();
            same.SetVendorElementFilter(0xD896E0, heardSame.On);
            other.SetVendorElementFilter(0xD896E0, heardOther.On);
            wrongOui.SetVendorElementFilter(0x0050F2, heardWrong.On);

            Assert.True(sender.SendProbeRequest(Element, 0, Element.Length));
            scheduler.Advance(10);

            var frame = Assert.Single(heardSame.Frames);
            Assert.Equal(1UL, frame.From);
            Assert.Equal(6, frame.Channel);
            Assert.Equal(-40, frame.Rssi);
            Assert.Equal(Element, frame.Element);
            Assert.Empty(heardOther.Frames);
            Assert.Empty(heardWrong.Frames);
            Assert.Equal(0, deaf.FramesReceived);
        }

        [Fact]
        public void AReceiverThatHopsAwayBeforeDeliveryMissesTheFrame()
        {
            var scheduler = new VirtualTimeScheduler();
            var medium = new WifiMedium(scheduler, 1, new WifiSettings { LatencyMinMs = 5, LatencyMaxMs = 5 });
            VirtualWifiRadio sender = medium.AddRadio("sender", 0x1, 1);
            VirtualWifiRadio hopper = medium.AddRadio("hopper", 0x2, 1);
            var heard = new Heard();
            hopper.SetVendorElementFilter(0xD896E0, heard.On);
            sender.SendProbeRequest(Element, 0, Element.Length);
            hopper.Channel = 2;
            scheduler.Advance(10);
            Assert.Empty(heard.Frames);
        }

        [Fact]
        public void LossAndSensitivityAreDrawnPerReceiverAndReplayFromTheSeed()
        {
            int Run(long seed)
            {
                var scheduler = new VirtualTimeScheduler();
                var medium = new WifiMedium(scheduler, seed, new WifiSettings { LossProbability = 0.3 });
                VirtualWifiRadio sender = medium.AddRadio("sender", 0x1, 6);
                VirtualWifiRadio receiver = medium.AddRadio("receiver", 0x2, 6);
                VirtualWifiRadio far = medium.AddRadio("far", 0x3, 6);
                medium.SetPathRssi(sender, far, -99);
                var heard = new Heard();
                var heardFar = new Heard();
                receiver.SetVendorElementFilter(0xD896E0, heard.On);
                far.SetVendorElementFilter(0xD896E0, heardFar.On);
                for (int i = 0; i < 1000; i++)
                {
                    sender.SendProbeRequest(Element, 0, Element.Length);
                }

                scheduler.Advance(100);
                Assert.Empty(heardFar.Frames);
                Assert.Equal(1000 - heard.Frames.Count, medium.FramesLost);
                return heard.Frames.Count;
            }

            int first = Run(42);
            Assert.InRange(first, 600, 800);
            Assert.Equal(first, Run(42));
        }

        [Fact]
        public void APoweredOffRadioNeitherSendsNorHears()
        {
            var scheduler = new VirtualTimeScheduler();
            var medium = new WifiMedium(scheduler, 1);
            VirtualWifiRadio a = medium.AddRadio("a", 0x1, 6);
            VirtualWifiRadio b = medium.AddRadio("b", 0x2, 6);
            var heard = new Heard();
            b.SetVendorElementFilter(0xD896E0, heard.On);
            a.PowerOff();
            Assert.False(a.SendProbeRequest(Element, 0, Element.Length));
            b.PowerOff();
            a.PowerOn();
            a.SendProbeRequest(Element, 0, Element.Length);
            scheduler.Advance(10);
            Assert.Empty(heard.Frames);
            Assert.Throws<ArgumentException>(() => a.SendProbeRequest(new byte[] { 1, 2, 3 }, 0, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.Channel = 14);
        }

        [Fact]
        public void TheAccessPointAdmitsOnlyTheRightPasswordAndGivesALanEndpoint()
        {
            var scheduler = new VirtualTimeScheduler();
            var medium = new WifiMedium(scheduler, 1);
            var lan = new VirtualLan(scheduler);
            VirtualAccessPoint ap = medium.AddAccessPoint("HomeNet", new byte[] { 2, 0, 0, 0, 0, 1 }, "right-password", 11, lan);
            VirtualWifiRadio radio = medium.AddRadio("lamp", 0x9, 1);
            VirtualWifiStation joined = null;
            bool refused = false;
            ap.BeginJoin("lamp", radio, Encoding.UTF8.GetBytes("HomeNet"), Encoding.UTF8.GetBytes("wrong-password"), s => refused = s == null);
            scheduler.Advance(medium.Settings.JoinDelayMs);
            Assert.True(refused);
            ap.BeginJoin("lamp", radio, Encoding.UTF8.GetBytes("HomeNet"), Encoding.UTF8.GetBytes("right-password"), s => joined = s);
            scheduler.Advance(medium.Settings.JoinDelayMs);
            Assert.NotNull(joined);
            Assert.True(joined.IsConnected);
            Assert.Equal(11, joined.Channel);
            Assert.Equal(11, radio.Channel);
            Assert.Equal(new[] { "lamp" }, ap.Joined);
            Assert.Equal(2, ap.JoinAttempts);
            Assert.Equal(1, ap.JoinRefusals);
            Assert.Same(ap, medium.FindAccessPoint(new byte[] { 2, 0, 0, 0, 0, 1 }));

            VirtualWifiStation gateway = ap.ConnectStation("gateway", medium.AddRadio("gw", 0x10, 1));
            var received = new List<string>();
            gateway.Lan.Listen(5683, (from, port, payload, offset, count) => received.Add(from + " " + Encoding.UTF8.GetString(payload, offset, count)));
            byte[] hello = Encoding.UTF8.GetBytes("hello");
            joined.Lan.Broadcast(5683, hello, 0, hello.Length);
            joined.Lan.Broadcast(9999, hello, 0, hello.Length);
            scheduler.Advance(10);
            Assert.Equal(new[] { joined.Lan.Address + " hello" }, received);
            Assert.Equal(2, lan.Trace.Count);
        }
    }
}
