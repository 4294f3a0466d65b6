using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>
    /// One bearer under test on a loopback air, plus a hand-driven peer radio: the test injects
    /// PB-ADV payloads (hex, as in the §8.7 table) and reads what the bearer transmitted.
    /// TX delays are fixed at 20 ms (ScriptedRandom), the air latency is 1 ms, and the Link ID
    /// of a provisioner link is the sample's 23af5850.
    /// </summary>
    internal sealed class PbAdvHarness
    {
        public PbAdvHarness(PbAdvOptions options = null)
        {
            Scheduler = new VirtualTimeScheduler();
            Air = new LoopbackAir(Scheduler);
            Radio = Air.CreateRadio("B", 0xB0B0B0B0B0B0);
            Peer = Air.CreateRadio("peer", 0xEEEEEEEEEEEE);
            Random = new ScriptedRandom();
            Random.EnqueueBytes("23af5850");
            Bearer = new PbAdvBearer(Radio, Scheduler, Random, options);
            Radio.SetReceiver(Bearer.OnAdvertisement);
            Handler = new RecordingLinkHandler(Scheduler);
        }

        public VirtualTimeScheduler Scheduler { get; }

        public LoopbackAir Air { get; }

        public LoopbackRadio Radio { get; }

        public LoopbackRadio Peer { get; }

        public ScriptedRandom Random { get; }

        public PbAdvBearer Bearer { get; }

        public RecordingLinkHandler Handler { get; }

        public static byte[] Uuid => Hex.Decode(SampleData.DeviceUuid);

        /// <summary>A provisioner link to the sample device, opened and acknowledged (Link ACK injected).</summary>
        public PbAdvLink OpenProvisionerLink()
        {
            var link = Bearer.CreateProvisionerLink(Uuid, Handler);
            link.Open();
            Scheduler.Advance(30);
            Inject(SampleData.LinkAck);
            Scheduler.Advance(5);
            return link;
        }

        /// <summary>A device link for the sample UUID that accepted the sample Link Open.</summary>
        public PbAdvLink OpenDeviceLink()
        {
            var link = Bearer.CreateDeviceLink(Uuid, Handler);
            link.Open();
            Inject(SampleData.LinkOpen);
            Scheduler.Advance(30);
            return link;
        }

        /// <summary>Sends a PB-ADV payload from the peer; it arrives 1 ms later (after <see cref="Deliver"/> or an Advance).</summary>
        public void Inject(string payloadHex)
        {
            byte[] payload = Hex.Decode(payloadHex);
            var ad = new byte[payload.Length + 2];
            ad[0] = (byte)(payload.Length + 1);
            ad[1] = GenericProvisioning.AdType;
            System.Array.Copy(payload, 0, ad, 2, payload.Length);
            Peer.Send(ad, 0, ad.Length, 1, 0);
        }

        public void Deliver()
        {
            Scheduler.Advance(1);
        }

        /// <summary>Payloads the bearer put on the air, as hex.</summary>
        public List<string> Sent()
        {
            var list = new List<string>();
            foreach (var frame in Air.Log)
            {
                if (frame.Sender == "B")
                {
                    list.Add(frame.PayloadHex);
                }
            }

            return list;
        }

        /// <summary>Times at which the bearer sent <paramref name="payloadHex"/>.</summary>
        public List<long> SentAt(string payloadHex)
        {
            var list = new List<long>();
            foreach (var frame in Air.Log)
            {
                if (frame.Sender == "B" && frame.PayloadHex == payloadHex)
                {
                    list.Add(frame.Time);
                }
            }

            return list;
        }

        public int Count(string payloadHex)
        {
            return SentAt(payloadHex).Count;
        }

        public static void Send(IProvisioningBearer link, string hex)
        {
            byte[] pdu = Hex.Decode(hex);
            link.Send(pdu, 0, pdu.Length);
        }
    }
}
