using System.Collections.Generic;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Core.Tests.Mesh.Bearers;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// MshPRT §8.7 (ble-mesh.md §2.4 and §3.1): the provisioner and device sessions, driven with the
    /// sample keys, randoms and Link ID over two real PB-ADV bearers, put exactly the sample's
    /// advertising payloads on the air, and both ends derive the sample's DeviceKey.
    /// </summary>
    public class ProvisioningSampleExchangeTests
    {
        private const string ProvisionerPrivateKey = "06a516693c9aa31a6084545d0c5db641b48572b97203ddffb7ac73f7d0457663";
        private const string DevicePrivateKey = "529aa0670d72cd6497502ed473502b037e8803b5c60829a5a3caa219505530ba";
        private const string NetKey = "efb2255e6422d330088e09bb015ed707";

        [Fact]
        public void MshPRT_8_7_WholePbAdvExchangeByteForByte()
        {
            var scheduler = new VirtualTimeScheduler();
            var air = new LoopbackAir(scheduler);
            var provisionerRadio = air.CreateRadio("P", 0xC0FFEE000001);
            var deviceRadio = air.CreateRadio("D", 0xC0FFEE000002);
            var linkRandom = new ScriptedRandom();
            linkRandom.EnqueueBytes("23af5850");
            var provisionerBearer = new PbAdvBearer(provisionerRadio, scheduler, linkRandom);
            var deviceBearer = new PbAdvBearer(deviceRadio, scheduler, new ScriptedRandom(9));
            provisionerRadio.SetReceiver(provisionerBearer.OnAdvertisement);
            deviceRadio.SetReceiver(deviceBearer.OnAdvertisement);

            var provisionerRandom = new ScriptedRandom(3);
            provisionerRandom.EnqueueBytes("8b19ac31d58b124c946209b5db1021b9");
            var deviceRandom = new ScriptedRandom(4);
            deviceRandom.EnqueueBytes("55a2a2bca04cd32ff6f346bd0a0c1a3a");
            var log = new CapturingLog();
            var provisionerContext = new ProvisioningContext(scheduler, provisionerRandom, new FixedKeyWorker(scheduler, 1, ProvisionerPrivateKey), new ManagedAes128(), log, null);
            var deviceContext = new ProvisioningContext(scheduler, deviceRandom, new FixedKeyWorker(scheduler, 2, DevicePrivateKey), new ManagedAes128(), log, null);

            var uuid = Hex.Decode(SampleData.DeviceUuid);
            var capabilities = ProvisioningCapabilities.Parse(Hex.Decode("0100010000000000000000"), 0, 11);
            var deviceEvents = new RecordingDeviceEvents();
            var device = new DeviceSession(deviceContext, capabilities, null, deviceEvents);
            device.Start(deviceBearer.CreateDeviceLink(uuid, device));

            var request = new ProvisioningRequest(Hex.Decode(NetKey), 0x0567, 0x01020304) { PreferHmacSha256 = false };
            var events = new RecordingProvisionerEvents { NextAddress = 0x0b0c };
            var provisioner = new ProvisionerSession(provisionerContext, uuid, request, events);
            provisioner.Start(provisionerBearer.CreateProvisionerLink(uuid, provisioner));
            scheduler.RunAll(20_000);

            var distinct = new List<string>();
            foreach (var frame in air.Log)
            {
                if (distinct.Count == 0 || distinct[distinct.Count - 1] != frame.PayloadHex)
                {
                    distinct.Add(frame.PayloadHex);
                }
            }

            Assert.Equal(SampleData.Transcript(), distinct.ToArray());
            Assert.Equal(ProvisioningOutcome.Success, provisioner.Outcome);
            Assert.Equal(ProvisioningOutcome.Success, device.Outcome);
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(provisioner.DeviceKey));
            Assert.Equal("0520adad5e0142aa3e325087b4ec16d8", Hex.Encode(device.DeviceKey));
            Assert.Equal(0x0b0c, device.Data.UnicastAddress);
            Assert.Equal(0x0567, device.Data.KeyIndex);
            Assert.Equal(0x01020304u, device.Data.IvIndex);
            Assert.Equal(NetKey, Hex.Encode(device.Data.NetKey));
            Assert.Equal(new[] { "assign 1", "sending-data", "provisioned", "ended Success" }, events.Events.ToArray());
            Assert.Equal(1, deviceEvents.EndedCount);
            Assert.Equal(0, scheduler.PendingTimerCount);
            Assert.False(log.ContainsSecret(Hex.Decode(NetKey)));
            Assert.False(log.ContainsSecret(provisioner.DeviceKey));
        }
    }
}
