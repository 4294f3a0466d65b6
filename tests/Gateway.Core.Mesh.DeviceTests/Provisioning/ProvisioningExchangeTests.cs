using System;
using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// Whole MshPRT §8.7 provisioning exchanges on the device: the provisioner and device sessions of
    /// the core, with the specification's key pairs and randoms, put exactly the sample's PDUs on the
    /// link and derive the sample's DeviceKey, with either algorithm. Host twins:
    /// tests/Gateway.Core.Tests/Mesh/Provisioning/ProvisioningSampleExchangeTests.cs,
    /// ProvisioningAttackTests.TheScriptedSampleDeviceIsProvisioned and ProvisioningDeviceAttackTests.
    /// </summary>
    [TestClass]
    public class ProvisioningExchangeTests
    {
        [TestMethod]
        public static void MshPRT_8_7_ProvisioningExchange_Cmac()
        {
            ProvisioningRequest request = SessionPair.SampleRequest();
            request.PreferHmacSha256 = false;
            SessionPair pair = new SessionPair(ProvisioningSamples.CapabilitiesParameters, null, request);
            pair.ProvisionerRandom.EnqueueBytes(ProvisioningSamples.RandomProvisionerValue);
            pair.DeviceRandom.EnqueueBytes(ProvisioningSamples.RandomDeviceValue);

            long start = DateTime.UtcNow.Ticks;
            Assert.IsTrue(pair.Run(), "both sessions end");
            long ticks = DateTime.UtcNow.Ticks - start;
            OutputHelper.WriteLine("MshPRT 8.7 exchange, CMAC, both roles (2 key pairs from private keys + 2 ECDH): "
                + (ticks / 10000).ToString() + " ms");

            Assert.AreEqual(
                ProvisioningSamples.ProvisionerPdus(),
                pair.ProvisionerLink.AllSentHex(), "#1");
            Assert.AreEqual(
                ProvisioningSamples.DevicePdus(),
                pair.DeviceLink.AllSentHex(), "#2");
            AssertBothProvisioned(pair, ProvisioningSamples.DeviceKey);
        }

        [TestMethod]
        public static void MshPRT_8_17_2_ProvisioningExchange_HmacSha256_StaticOob()
        {
            byte[] staticOob = Hex.Decode(ProvisioningSamples.HmacStaticOob);
            ProvisioningRequest request = SessionPair.SampleRequest();
            request.StaticOob = staticOob;
            SessionPair pair = new SessionPair(ProvisioningSamples.HmacCapabilitiesParameters, staticOob, request);
            pair.ProvisionerRandom.EnqueueBytes(ProvisioningSamples.HmacRandomProvisionerValue);
            pair.DeviceRandom.EnqueueBytes(ProvisioningSamples.HmacRandomDeviceValue);

            long start = DateTime.UtcNow.Ticks;
            Assert.IsTrue(pair.Run(), "both sessions end");
            long ticks = DateTime.UtcNow.Ticks - start;
            OutputHelper.WriteLine("MshPRT 8.17.2 exchange, HMAC-SHA256 + static OOB, both roles: " + (ticks / 10000).ToString() + " ms");

            Assert.AreEqual(
                ProvisioningSamples.Joined(ProvisioningSamples.Invite, ProvisioningSamples.HmacStart, ProvisioningSamples.PublicKeyProvisioner,
                    ProvisioningSamples.HmacConfirmationProvisioner, ProvisioningSamples.HmacRandomProvisioner, ProvisioningSamples.HmacData),
                pair.ProvisionerLink.AllSentHex(), "#3");
            Assert.AreEqual(
                ProvisioningSamples.Joined(ProvisioningSamples.HmacCapabilities, ProvisioningSamples.PublicKeyDevice, ProvisioningSamples.HmacConfirmationDevice,
                    ProvisioningSamples.HmacRandomDevice, ProvisioningSamples.Complete),
                pair.DeviceLink.AllSentHex(), "#4");
            Assert.AreEqual((int)ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, (int)pair.Provisioner.StartParameters.Algorithm, "#5");
            Assert.AreEqual((int)AuthenticationMethod.StaticOob, (int)pair.Device.StartParameters.AuthenticationMethod, "#6");
            AssertBothProvisioned(pair, ProvisioningSamples.HmacDeviceKey);
            Assert.IsFalse(pair.Log.ContainsSecret(staticOob), "the static OOB value is not logged");
        }

        [TestMethod]
        public static void MshPRT_8_7_ProvisioningExchange_OverPbAdv_EveryAdvert()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            LoopbackAir air = new LoopbackAir(scheduler);
            LoopbackRadio provisionerRadio = air.CreateRadio(0xC0FFEE000001);
            LoopbackRadio deviceRadio = air.CreateRadio(0xC0FFEE000002);
            ScriptedRandom linkRandom = new ScriptedRandom(5);
            linkRandom.EnqueueBytes(ProvisioningSamples.LinkIdHex);
            PbAdvBearer provisionerBearer = new PbAdvBearer(provisionerRadio, scheduler, linkRandom);
            PbAdvBearer deviceBearer = new PbAdvBearer(deviceRadio, scheduler, new ScriptedRandom(9));
            provisionerRadio.SetReceiver(provisionerBearer.OnAdvertisement);
            deviceRadio.SetReceiver(deviceBearer.OnAdvertisement);

            ScriptedRandom provisionerRandom = new ScriptedRandom(3);
            provisionerRandom.EnqueueBytes(ProvisioningSamples.RandomProvisionerValue);
            ScriptedRandom deviceRandom = new ScriptedRandom(4);
            deviceRandom.EnqueueBytes(ProvisioningSamples.RandomDeviceValue);
            CapturingLog log = new CapturingLog();
            ProvisioningContext provisionerContext = new ProvisioningContext(scheduler, provisionerRandom,
                new FixedKeyWorker(scheduler, 1, ProvisioningSamples.ProvisionerPrivateKey), new ManagedAes128(), log, null);
            ProvisioningContext deviceContext = new ProvisioningContext(scheduler, deviceRandom,
                new FixedKeyWorker(scheduler, 2, ProvisioningSamples.DevicePrivateKey), new ManagedAes128(), log, null);

            byte[] uuid = Hex.Decode(ProvisioningSamples.DeviceUuid);
            RecordingDeviceEvents deviceEvents = new RecordingDeviceEvents();
            DeviceSession device = new DeviceSession(deviceContext,
                ProvisioningCapabilities.Parse(Hex.Decode(ProvisioningSamples.CapabilitiesParameters), 0, 11), null, deviceEvents);
            device.Start(deviceBearer.CreateDeviceLink(uuid, device));

            ProvisioningRequest request = SessionPair.SampleRequest();
            request.PreferHmacSha256 = false;
            RecordingProvisionerEvents events = new RecordingProvisionerEvents();
            ProvisionerSession provisioner = new ProvisionerSession(provisionerContext, uuid, request, events);

            long start = DateTime.UtcNow.Ticks;
            provisioner.Start(provisionerBearer.CreateProvisionerLink(uuid, provisioner));
            scheduler.RunAll(20000);
            long ticks = DateTime.UtcNow.Ticks - start;
            OutputHelper.WriteLine("MshPRT 8.7 exchange over two PB-ADV bearers (" + air.Log.Count.ToString() + " advertisements): "
                + (ticks / 10000).ToString() + " ms");

            string[] expected = ProvisioningSamples.Transcript();
            string[] actual = air.DistinctLog();
            for (int i = 0; i < expected.Length && i < actual.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "advertisement " + i.ToString());
            }

            Assert.AreEqual(expected.Length, actual.Length, "advertisements");
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)provisioner.Outcome, "#7");
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)device.Outcome, "#8");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(provisioner.DeviceKey), "#9");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(device.DeviceKey), "#10");
            Assert.AreEqual("assign 1, sending-data, provisioned, ended 1", events.Joined(), "#11");
            Assert.AreEqual(1, deviceEvents.EndedCount, "#12");
            Assert.AreEqual(0, scheduler.PendingTimerCount, "#13");
            Assert.AreEqual(0, provisionerBearer.LinkCount + deviceBearer.LinkCount, "#14");
            Assert.IsFalse(log.ContainsSecret(Hex.Decode(ProvisioningSamples.NetKey)), "#15");
            Assert.IsFalse(log.ContainsSecret(provisioner.DeviceKey), "#16");
        }

        [TestMethod]
        public static void MshPRT_8_7_ProvisionerAgainstTheScriptedSampleDevice()
        {
            SampleSession h = SampleSession.ForProvisioner();
            h.Start();
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)h.Provisioner.Outcome, "#17");
            Assert.AreEqual(
                ProvisioningSamples.ProvisionerPdus(),
                h.Link.AllSentHex(), "#18");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(h.Provisioner.DeviceKey), "#19");
            Assert.AreEqual(ProvisioningSamples.UnicastAddress, h.Provisioner.UnicastAddress, "#20");
            Assert.AreEqual(1, h.Provisioner.NumberOfElements, "#21");
            Assert.IsTrue(h.Link.ClosedByUs, "#22");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Success, (int)h.Link.CloseReason, "#23");
            Assert.AreEqual(0, h.Scheduler.PendingTimerCount, "#24");
        }

        [TestMethod]
        public static void MshPRT_8_7_DeviceAgainstTheScriptedSampleProvisioner()
        {
            SampleSession h = SampleSession.ForDevice();
            h.Play(ProvisioningSamples.Invite, ProvisioningSamples.Start, ProvisioningSamples.PublicKeyProvisioner,
                ProvisioningSamples.ConfirmationProvisioner, ProvisioningSamples.RandomProvisioner, ProvisioningSamples.Data);
            Assert.AreEqual(
                ProvisioningSamples.DevicePdus(),
                h.Link.AllSentHex(), "#25");
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)h.Device.Outcome, "#26");
            Assert.AreEqual(ProvisioningSamples.DeviceKey, Hex.Encode(h.Device.DeviceKey), "#27");
            Assert.AreEqual(ProvisioningSamples.NetKey, Hex.Encode(h.Device.Data.NetKey), "#28");
            Assert.AreEqual(0, h.Scheduler.PendingTimerCount, "#29");
        }

        [TestMethod]
        public static void MshPRT_5_4_2_4_OutputOobNumeric_RandomKeys_BothSessionsAgree()
        {
            // Output numeric up to 8 digits, both algorithms offered: the provisioner picks HMAC-SHA256.
            SessionPair pair = new SessionPair("0100030000060008000000", null, SessionPair.SampleRequest());
            Assert.IsTrue(pair.Run(), "#30");
            Assert.AreEqual((int)AuthenticationMethod.OutputOob, (int)pair.Provisioner.StartParameters.AuthenticationMethod, "#31");
            Assert.AreEqual((int)ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, (int)pair.Provisioner.StartParameters.Algorithm, "#32");
            AssertBothProvisioned(pair, Hex.Encode(pair.Device.DeviceKey));
        }

        [TestMethod]
        public static void MshPRT_5_4_2_4_InputOobAlphanumeric_BothSessionsAgree()
        {
            SessionPair pair = new SessionPair("0100030000000000080008", null, SessionPair.SampleRequest());
            Assert.IsTrue(pair.Run(), "#33");
            Assert.AreEqual((int)AuthenticationMethod.InputOob, (int)pair.Provisioner.StartParameters.AuthenticationMethod, "#34");
            Assert.AreEqual(1, pair.DeviceLink.CountSent((int)ProvisioningPduType.InputComplete), "#35");
            AssertBothProvisioned(pair, Hex.Encode(pair.Device.DeviceKey));
        }

        private static void AssertBothProvisioned(SessionPair pair, string deviceKey)
        {
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)pair.Provisioner.Outcome, "provisioner outcome");
            Assert.AreEqual((int)ProvisioningOutcome.Success, (int)pair.Device.Outcome, "device outcome");
            Assert.AreEqual(deviceKey, Hex.Encode(pair.Provisioner.DeviceKey), "#36");
            Assert.AreEqual(deviceKey, Hex.Encode(pair.Device.DeviceKey), "#37");
            Assert.AreEqual(ProvisioningSamples.UnicastAddress, pair.Device.Data.UnicastAddress, "#38");
            Assert.AreEqual(ProvisioningSamples.KeyIndex, pair.Device.Data.KeyIndex, "#39");
            Assert.AreEqual(ProvisioningSamples.IvIndex, pair.Device.Data.IvIndex, "#40");
            Assert.AreEqual(ProvisioningSamples.NetKey, Hex.Encode(pair.Device.Data.NetKey), "#41");
            Assert.AreEqual(1, pair.AssignedElements, "#42");
            Assert.AreEqual(1, pair.Provisioned, "#43");
            Assert.AreEqual(1, pair.ProvisionerEnded, "#44");
            Assert.AreEqual(1, pair.DeviceEnded, "#45");
            Assert.IsTrue(pair.ProvisionerLink.ClosedByUs, "#46");
            Assert.AreEqual((int)ProvisioningLinkCloseReason.Success, (int)pair.ProvisionerLink.CloseReason, "#47");
            Assert.AreEqual(0, pair.Scheduler.PendingTimerCount, "#48");
            Assert.AreEqual(0, pair.ProvisionerLink.SendsAfterClose + pair.DeviceLink.SendsAfterClose, "#49");
            Assert.IsFalse(pair.Log.ContainsSecret(Hex.Decode(ProvisioningSamples.NetKey)), "NetKey in the log");
            Assert.IsFalse(pair.Log.ContainsSecret(pair.Device.DeviceKey), "DeviceKey in the log");
        }
    }
}
