using System;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Crypto;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.ZeroConfig
{
    /// <summary>
    /// Wi-Fi zero-config vendor elements on the device (reference/alibaba-provisioning.md §1.1–§1.3,
    /// docs/cloud-protocol.md §4): the enrollee's 0xAA request element and its found record, the
    /// registrar's 0xAB response element with the AES-128-CFB password, and typed errors for every
    /// limit. Expected ciphertexts come from an independent AES-CFB. Host twins:
    /// tests/Gateway.Core.Tests/ZeroConfig/EnrolleeRequestIeTests.cs and RegistrarResponseIeTests.cs.
    /// </summary>
    [TestClass]
    public class AwssElementTests
    {
        private const string DocRandom = "102132435465768798a9bacbdcedfe0f";
        private const string DocSign = "b71568f4b31b16391284b2a701eb6bf2549477fc";
        private const string DocElement = "dd42d896e0aa01076c616d702d3031000b61314c616d70506b30303110" + DocRandom + "030014" + DocSign;
        private const string DocRecord = "076c616d702d30310b61314c616d70506b30303110" + DocRandom + "030014" + DocSign;
        private const string CloudKey = "486023b6d170309129f14689a30dbd0d";
        private const string Sign20 = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";
        private const string BssidHex = "021122334455";

        /// <summary>§1.1: the documentation's enrollee element (lamp-01 / a1LampPk001), field by field.</summary>
        [TestMethod]
        public static void Awss_1_1_EnrolleeRequestElementDecodes()
        {
            byte[] element = Hex.Decode(DocElement);
            Assert.AreEqual(element.Length - 2, (int)element[1], "#1");
            Assert.IsTrue(AwssVendorElement.HasType(element, 0, element.Length, AwssVendorElement.OuiTypeEnrollee), "#2");
            EnrolleeRequestIe ie = EnrolleeRequestIe.Parse(element, 0, element.Length);
            Assert.AreEqual("lamp-01", ie.GetDeviceName(), "#3");
            Assert.AreEqual("a1LampPk001", ie.GetProductKey(), "#4");
            Assert.AreEqual((byte)3, ie.Security, "#5");
            Assert.AreEqual((byte)0, ie.SignMethod, "#6");
            Assert.IsTrue(ie.IsDevice("a1LampPk001", "lamp-01"), "#7");
            Assert.IsFalse(ie.IsDevice("a1LampPk001", "lamp-02"), "#8");
            Assert.IsTrue(ie.HasRandom(Hex.Decode(DocRandom), 0), "#9");
            byte[] sign = new byte[20];
            ie.CopySign(sign, 0);
            Assert.AreEqual(DocSign, Hex.Encode(sign), "#10");
        }

        /// <summary>§1.2: the found record is the element body without header, version and frame type.</summary>
        [TestMethod]
        public static void Awss_1_2_FoundRecord()
        {
            byte[] element = Hex.Decode(DocElement);
            EnrolleeRequestIe ie = EnrolleeRequestIe.Parse(element, 0, element.Length);
            byte[] record = new byte[EnrolleeRequestIe.MaxRecordLength + 3];
            int n = ie.WriteFoundRecord(record, 3);
            Assert.AreEqual(ie.RecordLength, n, "#11");
            Assert.AreEqual(DocRecord, Hex.Encode(record, 3, n), "#12");
        }

        /// <summary>§1.1: every registrar limit on the element is a ZeroConfigFormatException (version, lengths, frame type, security, sign method, trailing octets, names).</summary>
        [TestMethod]
        [DataRow("dd42d896e0aa00076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0300140000000000000000000000000000000000000000")]
        [DataRow("dd42d896e0aa01076c616d702d3031010b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0300140000000000000000000000000000000000000000")]
        [DataRow("dd41d896e0aa01076c616d702d3031000b61314c616d70506b3030310f102132435465768798a9bacbdcedfe0300140000000000000000000000000000000000000000")]
        [DataRow("dd42d896e0aa01076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0200140000000000000000000000000000000000000000")]
        [DataRow("dd42d896e0aa01076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0302140000000000000000000000000000000000000000")]
        [DataRow("dd43d896e0aa01076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f030014000000000000000000000000000000000000000000")]
        [DataRow("dd42d896e0aa01076c616d7020303100" + "0b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0300140000000000000000000000000000000000000000")]
        [DataRow("dd42d896e0aa01076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0300140000000000000000000000000000000000")]
        [DataRow("dd42d896e0ab01076c616d702d3031000b61314c616d70506b30303110102132435465768798a9bacbdcedfe0f0300140000000000000000000000000000000000000000")]
        public static void MalformedInput_EnrolleeElementLimitsAreTypedErrors(string hex)
        {
            byte[] element = Hex.Decode(hex);
            EnrolleeRequestIe ie = new EnrolleeRequestIe();
            Assert.ThrowsException(typeof(ZeroConfigFormatException), () => ie.Decode(element, 0, element.Length), "#13");
            Assert.IsFalse(ie.IsValid, "#14");
        }

        /// <summary>The documentation's element cut at every length: always a typed error; a decode window outside the buffer too.</summary>
        [TestMethod]
        public static void MalformedInput_TruncatedEnrolleeElementAtEveryLength()
        {
            byte[] full = Hex.Decode(DocElement);
            EnrolleeRequestIe ie = new EnrolleeRequestIe();
            for (int n = 0; n < full.Length; n++)
            {
                byte[] cut = new byte[n];
                Array.Copy(full, cut, n);
                Assert.ThrowsException(typeof(ZeroConfigFormatException), () => ie.Decode(cut, 0, cut.Length), "#15");
                if (n >= 2)
                {
                    cut[1] = (byte)(n - 2);
                    Assert.ThrowsException(typeof(ZeroConfigFormatException), () => ie.Decode(cut, 0, cut.Length), "#16");
                }
            }

            Assert.ThrowsException(typeof(ZeroConfigFormatException), () => ie.Decode(full, 10, full.Length), "#17");
            Assert.ThrowsException(typeof(ZeroConfigFormatException), () => ie.Decode(null, 0, 0), "#18");
        }

        /// <summary>Seeded mutations of the documentation's element: each decodes or is a typed error, never another exception.</summary>
        [TestMethod]
        public static void MalformedInput_MutatedEnrolleeElementsNeverThrowAnythingElse()
        {
            SeededRandom random = new SeededRandom(20240601);
            EnrolleeRequestIe ie = new EnrolleeRequestIe();
            byte[] good = Hex.Decode(DocElement);
            int decoded = 0;
            for (int round = 0; round < 400; round++)
            {
                byte[] element = (byte[])good.Clone();
                element[random.NextInt(element.Length)] = (byte)random.NextInt(256);
                try
                {
                    ie.Decode(element, 0, element.Length);
                    decoded++;
                }
                catch (ZeroConfigFormatException)
                {
                }
            }

            OutputHelper.WriteLine("0xAA element: 400 one-octet mutations, " + decoded.ToString() + " still valid");
            Assert.IsTrue(decoded > 0, "#19");
        }

        /// <summary>§1.3: the 0xAB element field by field; the password is AES-128-CFB under the cloud's key with the enrollee's random as IV.</summary>
        [TestMethod]
        public static void Awss_1_3_RegistrarResponseElementLayout()
        {
            WifiCredentials home = new WifiCredentials("HomeNet", "pass-word", Hex.Decode(BssidHex));
            byte[] output = new byte[RegistrarResponseIe.MaxLength + 4];
            int n = RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, Hex.Decode(DocRandom), 0, home, Cfb(), output, 0);
            Assert.AreEqual(RegistrarResponseIe.GetLength(7, 9), n, "#20");
            Assert.AreEqual("dd" + Hex.Encode(new byte[] { (byte)(n - 2) }) + "d896e0ab0114" + Sign20 + "01" + "07" + "486f6d654e6574"
                + "09" + "9aae7bf18c4bc0184b" + BssidHex, Hex.Encode(output, 0, n), "#21");
            Assert.AreEqual("00000000", Hex.Encode(output, n, 4), "nothing written past the element");
        }

        /// <summary>§1.3: UTF-8 SSID and password (non-ASCII) are carried as octets; the cloud key is the enrollee's SHA-256(ProductSecret ‖ "," ‖ random)[0:16].</summary>
        [TestMethod]
        public static void Awss_1_3_Utf8CredentialsAndTheEnrolleesKeyDerivation()
        {
            byte[] random = Hex.Decode(DocRandom);
            byte[] input = new byte[17 + 16];
            Array.Copy(Encoding.UTF8.GetBytes("LampProdSecret16,"), input, 17);
            Array.Copy(random, 0, input, 17, 16);
            Assert.AreEqual(CloudKey, Hex.Encode(Sha256.Hash(input), 0, 16), "#22");

            WifiCredentials home = new WifiCredentials("Home Net \u2602", "Gr\u00fc\u00dfe aus dem WLAN 42", Hex.Decode(BssidHex));
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            int n = RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, random, 0, home, Cfb(), output, 0);
            string element = Hex.Encode(output, 0, n);
            Assert.AreEqual(29 * 2, element.IndexOf("0c486f6d65204e657420e29882"), "SSID length and UTF-8 octets");
            Assert.AreEqual("17adbdcb3e62a3ca4a4edcd8f3982211781e7fae0b0af385" + BssidHex, element.Substring(element.Length - 60), "#23");
        }

        /// <summary>§1.3: the enrollee's limits (SSID 31, password 63 octets) and an output buffer too small are typed errors that never show the password.</summary>
        [TestMethod]
        public static void MalformedInput_CredentialsBeyondTheEnrolleesLimits()
        {
            byte[] output = new byte[RegistrarResponseIe.MaxLength];
            byte[] bssid = Hex.Decode(BssidHex);
            WifiCredentials longest = new WifiCredentials(new string('s', 31), new string('p', 63), bssid);
            Assert.AreEqual(RegistrarResponseIe.MaxLength, RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, Hex.Decode(DocRandom), 0, longest, Cfb(), output, 0), "#24");
            WifiCredentials ssid32 = new WifiCredentials(new string('s', 32), "password", bssid);
            Assert.ThrowsException(typeof(ZeroConfigFormatException), () => RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, Hex.Decode(DocRandom), 0, ssid32, Cfb(), output, 0), "#25");
            WifiCredentials password64 = new WifiCredentials("HomeNet", new string('p', 64), bssid);
            try
            {
                RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, Hex.Decode(DocRandom), 0, password64, Cfb(), output, 0);
                Assert.IsTrue(false, "accepted a 64-octet password");
            }
            catch (ZeroConfigFormatException e)
            {
                Assert.AreEqual(-1, e.Message.IndexOf("pppp"), "#26");
            }

            Assert.ThrowsException(typeof(ZeroConfigFormatException), () => RegistrarResponseIe.Encode(Hex.Decode(Sign20), 0, Hex.Decode(DocRandom), 0, longest, Cfb(), new byte[20], 0), "#27");
        }

        /// <summary>Wi-Fi credentials print the SSID and BSSID, never the password, and wipe it on Clear.</summary>
        [TestMethod]
        public static void WifiCredentialsNeverPrintThePassword()
        {
            WifiCredentials home = new WifiCredentials("HomeNet", "Tr0ub4dor&3-home-passphrase", Hex.Decode(BssidHex));
            Assert.AreEqual("HomeNet (02:11:22:33:44:55)", home.ToString(), "#28");
            Assert.AreEqual(27, home.PasswordLength, "#29");
            home.Clear();
            byte[] copy = new byte[home.PasswordLength];
            home.CopyPassword(copy, 0);
            CollectionAssert.AreEqual(new byte[copy.Length], copy);
            Assert.ThrowsException(typeof(ArgumentException), () => new WifiCredentials(string.Empty, "x", Hex.Decode(BssidHex)), "#30");
            Assert.ThrowsException(typeof(ArgumentException), () => new WifiCredentials("s", "p", new byte[5]), "#31");
        }

        private static AesCfb128 Cfb()
        {
            return new AesCfb128(DeviceCrypto.Cipher(CloudKey));
        }
    }
}
