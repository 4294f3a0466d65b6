using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Discovery;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>
    /// MshPRT §8.2 key material, §8.4 beacons (unprovisioned device, secure network), §8.5
    /// provisioning service data and §8.6 Mesh Proxy service data on the device. Host twins:
    /// tests/Gateway.Core.Tests/Mesh/Network/BeaconAndIdentitySampleTests.cs and Mesh/Bearers/DiscoveryTests.cs.
    /// </summary>
    [TestClass]
    public class BeaconTests
    {
        private const string Beacon841 = "0070cf7c9732a345b691494810d2e9cbf4a040";
        private const string Beacon842 = "0070cf7c9732a345b691494810d2e9cbf44020d36b25b8";
        private const string ServiceData851 = "1516271870cf7c9732a345b691494810d2e9cbf42040";
        private const string SecureBeacon = "01003ecaff672f673370123456788ea261582f364f6f";

        /// <summary>MshPRT §8.2.2/§8.2.4/§8.2.6: NID 0x68 and Network ID from the NetKey, AID 0x26 from the AppKey; no key in ToString.</summary>
        [TestMethod]
        public static void MshPRT_8_2_NidNetworkIdAndAid()
        {
            NetworkKeyMaterial key = MeshSamples.NetworkKey();
            Assert.AreEqual(0x68, key.Nid, "#1");
            byte[] id = new byte[8];
            key.CopyNetworkId(id, 0);
            Assert.AreEqual("3ecaff672f673370", Hex.Encode(id), "#2");
            Assert.AreEqual(0x26, MeshSamples.ApplicationKey().Aid, "#3");
            Assert.AreEqual(-1, key.ToString().IndexOf("7dd7364c"), "#4");
        }

        /// <summary>MshPRT §8.4.3: the Secure Network beacon, written byte for byte and authenticated against the key store.</summary>
        [TestMethod]
        public static void MshPRT_8_4_3_SecureNetworkBeacon()
        {
            SecureNetworkBeacon beacon = new SecureNetworkBeacon();
            byte[] output = new byte[22];
            beacon.Write(MeshSamples.NetworkKey(), 0x00, MeshSamples.IvIndex, output, 0);
            Assert.AreEqual(SecureBeacon, Hex.Encode(output), "#5");

            MeshKeyStore keys = MeshSamples.KeyStore();
            Assert.IsTrue(beacon.TryParse(keys, output, 0, output.Length), "#6");
            Assert.AreEqual(MeshSamples.IvIndex, beacon.IvIndex, "#7");
            Assert.IsFalse(beacon.IvUpdate, "#8");
            Assert.AreSame(keys.GetNetworkKeyAt(0), beacon.Key, "#9");
        }

        /// <summary>A Secure Network beacon with a forged authentication value, changed flags or a missing octet is refused.</summary>
        [TestMethod]
        public static void MalformedInput_ForgedSecureNetworkBeaconIsRefused()
        {
            SecureNetworkBeacon beacon = new SecureNetworkBeacon();
            MeshKeyStore keys = MeshSamples.KeyStore();
            byte[] data = Hex.Decode(SecureBeacon);
            data[21] ^= 0x01;
            Assert.IsFalse(beacon.TryParse(keys, data, 0, data.Length), "#10");
            data = Hex.Decode("0102" + SecureBeacon.Substring(4));
            Assert.IsFalse(beacon.TryParse(keys, data, 0, data.Length), "#11");
            data = Hex.Decode(SecureBeacon.Substring(0, 42));
            Assert.IsFalse(beacon.TryParse(keys, data, 0, data.Length), "#12");
        }

        /// <summary>MshPRT §8.6.1: Mesh Proxy service data with the Network ID, written and matched to our key.</summary>
        [TestMethod]
        public static void MshPRT_8_6_1_ProxyServiceDataWithNetworkId()
        {
            byte[] ad = new byte[13];
            MeshProxyServiceData.WriteNetworkId(MeshSamples.NetworkKey(), ad, 0);
            Assert.AreEqual("0c162818003ecaff672f673370", Hex.Encode(ad), "#13");
            MeshProxyServiceData parser = new MeshProxyServiceData();
            Assert.IsTrue(parser.TryParseAdvertisement(ad, 0, ad.Length), "#14");
            Assert.AreEqual(MeshProxyServiceData.TypeNetworkId, parser.IdentificationType, "#15");
            MeshKeyStore keys = MeshSamples.KeyStore();
            Assert.AreSame(keys.GetNetworkKeyAt(0), parser.MatchNetworkId(keys), "#16");
        }

        /// <summary>MshPRT §8.6.2: Node Identity of node 0x1201 with the sample random; recognised for 0x1201 only.</summary>
        [TestMethod]
        public static void MshPRT_8_6_2_ProxyServiceDataWithNodeIdentity()
        {
            MeshProxyServiceData parser = new MeshProxyServiceData();
            byte[] ad = new byte[21];
            parser.WriteNodeIdentity(MeshSamples.NetworkKey(), 0x1201, Hex.Decode("34ae608fbbc1f2c6"), 0, ad, 0);
            Assert.AreEqual("141628180100861765aefcc57b34ae608fbbc1f2c6", Hex.Encode(ad), "#17");

            byte[] advert = Hex.Decode("020106" + "03032818" + "141628180100861765aefcc57b34ae608fbbc1f2c6");
            Assert.IsTrue(parser.TryParseAdvertisement(advert, 0, advert.Length), "#18");
            Assert.AreEqual(MeshProxyServiceData.TypeNodeIdentity, parser.IdentificationType, "#19");
            MeshKeyStore keys = MeshSamples.KeyStore();
            Assert.IsTrue(parser.MatchesNodeIdentity(keys.GetNetworkKeyAt(0), 0x1201), "#20");
            Assert.IsFalse(parser.MatchesNodeIdentity(keys.GetNetworkKeyAt(0), 0x1202), "#21");
            Assert.IsNull(parser.MatchNetworkId(keys), "#22");

            Assert.IsFalse(parser.TryParseAdvertisement(Hex.Decode(ServiceData851), 0, 22), "0x1827 is not the proxy service");
        }

        /// <summary>MshPRT §8.4.1/§8.4.2: unprovisioned device beacons without and with URI hash, parsed and written.</summary>
        [TestMethod]
        public static void MshPRT_8_4_1_UnprovisionedDeviceBeacons()
        {
            UnprovisionedDeviceAdvert advert = new UnprovisionedDeviceAdvert();
            byte[] value = Hex.Decode(Beacon841);
            Assert.IsTrue(UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, advert), "#23");
            Assert.AreEqual(ProvisioningSamples.DeviceUuid, Hex.Encode(advert.Uuid), "#24");
            Assert.AreEqual((ushort)0xa040, advert.OobInformation, "#25");
            Assert.IsFalse(advert.HasUriHash, "#26");
            Assert.AreEqual((int)UnprovisionedDeviceBearers.PbAdv, (int)advert.Bearer, "#27");
            ByteWriter writer = new ByteWriter(31);
            UnprovisionedDeviceBeacon.Write(writer, Hex.Decode(ProvisioningSamples.DeviceUuid), 0xa040, false, 0);
            Assert.AreEqual("142b" + Beacon841, Hex.Encode(writer.ToArray()), "#28");

            value = Hex.Decode(Beacon842);
            Assert.IsTrue(UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, advert), "#29");
            Assert.AreEqual((ushort)0x4020, advert.OobInformation, "#30");
            Assert.IsTrue(advert.HasUriHash, "#31");
            Assert.AreEqual(0xd36b25b8u, advert.UriHash, "#32");
            writer.Clear();
            UnprovisionedDeviceBeacon.Write(writer, Hex.Decode(ProvisioningSamples.DeviceUuid), 0x4020, true, 0xd36b25b8);
            Assert.AreEqual("182b" + Beacon842, Hex.Encode(writer.ToArray()), "#33");
        }

        /// <summary>MshPRT §8.5.1: provisioning service data (0x1827) in either byte order of the OOB field, and the advertising data built for it.</summary>
        [TestMethod]
        public static void MshPRT_8_5_1_ProvisioningServiceData()
        {
            byte[] ad = Hex.Decode(ServiceData851);
            UnprovisionedDeviceAdvert advert = new UnprovisionedDeviceAdvert();
            Assert.IsTrue(ProvisioningServiceData.TryParse(ad, 2, ad.Length - 2, true, advert), "#34");
            Assert.AreEqual((ushort)0x4020, advert.OobInformation, "#35");
            Assert.AreEqual(ProvisioningSamples.DeviceUuid, Hex.Encode(advert.Uuid), "#36");
            Assert.AreEqual((int)UnprovisionedDeviceBearers.PbGatt, (int)advert.Bearer, "#37");
            Assert.IsTrue(ProvisioningServiceData.TryParse(ad, 2, ad.Length - 2, false, advert), "#38");
            Assert.AreEqual((ushort)0x2040, advert.OobInformation, "#39");
            byte[] built = ProvisioningServiceData.BuildAdvertisingData(Hex.Decode(ProvisioningSamples.DeviceUuid), 0x4020, true);
            Assert.AreEqual("020106" + "03032718" + ServiceData851, Hex.Encode(built), "#40");
        }

        /// <summary>Other beacons and other service data are not taken for unprovisioned devices.</summary>
        [TestMethod]
        [DataRow(true, "0170cf7c9732a345b691494810d2e9cbf4a040")]
        [DataRow(true, "0070cf7c9732a345b691494810d2e9cbf4a0")]
        [DataRow(true, "0070cf7c9732a345b691494810d2e9cbf44020d36b25")]
        [DataRow(true, "")]
        [DataRow(false, "281870cf7c9732a345b691494810d2e9cbf42040")]
        [DataRow(false, "182770cf7c9732a345b691494810d2e9cbf42040")]
        [DataRow(false, "2718")]
        public static void MalformedInput_NotAnUnprovisionedDevice(bool beacon, string hex)
        {
            byte[] value = Hex.Decode(hex);
            UnprovisionedDeviceAdvert advert = new UnprovisionedDeviceAdvert();
            Assert.IsFalse(beacon
                ? UnprovisionedDeviceBeacon.TryParse(value, 0, value.Length, advert)
                : ProvisioningServiceData.TryParse(value, 0, value.Length, false, advert), "#41");
        }

        /// <summary>The discovery table reports a device once, and again when it adds a bearer; the beacon's OOB wins.</summary>
        [TestMethod]
        public static void DiscoveryTableReportsNewDevicesAndAddedBearers()
        {
            VirtualTimeScheduler scheduler = new VirtualTimeScheduler();
            UnprovisionedDeviceTable table = new UnprovisionedDeviceTable(scheduler);
            System.Collections.ArrayList changes = new System.Collections.ArrayList();
            table.DeviceFound += (device, change) => changes.Add((int)change);
            Feed(table, 0x111111, -60, "142b" + Beacon841);
            scheduler.Advance(100);
            Feed(table, 0x111111, -58, "142b" + Beacon841);
            Assert.AreEqual(1, changes.Count, "#42");
            Assert.AreEqual((int)UnprovisionedDeviceChange.New, (int)changes[0], "#43");
            Feed(table, 0x222222, -70, "020106" + "03032718" + ServiceData851);
            Assert.AreEqual(2, changes.Count, "#44");
            Assert.AreEqual((int)UnprovisionedDeviceChange.BearerAdded, (int)changes[1], "#45");

            UnprovisionedDevice found = table.Find(Hex.Decode(ProvisioningSamples.DeviceUuid));
            Assert.IsNotNull(found, "#46");
            Assert.AreEqual((int)(UnprovisionedDeviceBearers.PbAdv | UnprovisionedDeviceBearers.PbGatt), (int)found.Bearers, "#47");
            Assert.AreEqual((ushort)0xa040, found.OobInformation, "#48");
            Assert.AreEqual(0x222222UL, found.GattAddress, "#49");
            Assert.AreEqual(-70, found.Rssi, "#50");
            Assert.AreEqual(1, table.Count, "#51");
        }

        private static void Feed(UnprovisionedDeviceTable table, ulong address, int rssi, string hex)
        {
            byte[] ad = Hex.Decode(hex);
            table.OnAdvertisement(address, rssi, ad, 0, ad.Length);
        }
    }
}
