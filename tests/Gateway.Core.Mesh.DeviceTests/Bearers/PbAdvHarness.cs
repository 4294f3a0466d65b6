using System;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Mesh.Bearers
{
    /// <summary>
    /// One PB-ADV bearer under test on the loopback air plus a hand-driven peer radio: the test
    /// injects PB-ADV payloads (hex, as in the §8.7 table) and reads what the bearer transmitted.
    /// TX delays are fixed at 20 ms, the air latency is 1 ms, and a provisioner link gets the
    /// sample's Link ID 23af5850. Host twin: tests/Gateway.Core.Tests/Mesh/Bearers/PbAdvHarness.cs.
    /// </summary>
    internal sealed class PbAdvHarness
    {
        public PbAdvHarness(PbAdvOptions options)
        {
            Scheduler = new VirtualTimeScheduler();
            Air = new LoopbackAir(Scheduler);
            Radio = Air.CreateRadio(0xB0B0B0B0B0B0);
            Peer = Air.CreateRadio(0xEEEEEEEEEEEE);
            Random = new ScriptedRandom(7);
            Random.EnqueueBytes(ProvisioningSamples.LinkIdHex);
            Bearer = options == null ? new PbAdvBearer(Radio, Scheduler, Random) : new PbAdvBearer(Radio, Scheduler, Random, options);
            Radio.SetReceiver(Bearer.OnAdvertisement);
            Handler = new RecordingLinkHandler(Scheduler);
        }

        public PbAdvHarness()
            : this(null)
        {
        }

        public VirtualTimeScheduler Scheduler { get; private set; }

        public LoopbackAir Air { get; private set; }

        public LoopbackRadio Radio { get; private set; }

        public LoopbackRadio Peer { get; private set; }

        public ScriptedRandom Random { get; private set; }

        public PbAdvBearer Bearer { get; private set; }

        public RecordingLinkHandler Handler { get; private set; }

        public static byte[] Uuid
        {
            get { return Hex.Decode(ProvisioningSamples.DeviceUuid); }
        }

        /// <summary>A provisioner link to the sample device, opened and acknowledged (Link ACK injected).</summary>
        public PbAdvLink OpenProvisionerLink()
        {
            PbAdvLink link = Bearer.CreateProvisionerLink(Uuid, Handler);
            link.Open();
            Scheduler.Advance(30);
            Inject(ProvisioningSamples.LinkAckAdv);
            Scheduler.Advance(5);
            return link;
        }

        /// <summary>A device link for the sample UUID that accepted the sample Link Open.</summary>
        public PbAdvLink OpenDeviceLink()
        {
            PbAdvLink link = Bearer.CreateDeviceLink(Uuid, Handler);
            link.Open();
            Inject(ProvisioningSamples.LinkOpenAdv);
            Scheduler.Advance(30);
            return link;
        }

        /// <summary>Sends a PB-ADV payload from the peer; it arrives 1 ms later.</summary>
        public void Inject(string payloadHex)
        {
            byte[] payload = Hex.Decode(payloadHex);
            byte[] ad = new byte[payload.Length + 2];
            ad[0] = (byte)(payload.Length + 1);
            ad[1] = GenericProvisioning.AdType;
            Array.Copy(payload, 0, ad, 2, payload.Length);
            Peer.Send(ad, 0, ad.Length, 1, 0);
        }

        /// <summary>How many times the bearer transmitted this payload.</summary>
        public int Count(string payloadHex)
        {
            return Radio.Count(payloadHex);
        }
    }
}
