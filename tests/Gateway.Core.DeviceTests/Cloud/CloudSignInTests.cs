using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Cloud
{
    /// <summary>
    /// Link Kit MQTT sign-in, topic names (DESIGN.md §6, alibaba-provisioning.md §1.2) and sealed
    /// secret fields (docs/cloud-protocol.md §7) on the device. Host twins:
    /// tests/Gateway.Core.Tests/Cloud/LinkKitSignInTests.cs and TopicBuilderTests.cs.
    /// </summary>
    [TestClass]
    public class CloudSignInTests
    {
        /// <summary>Link Kit: the Aliyun documentation's sign content, and a CONNECT without a timestamp.</summary>
        [TestMethod]
        public static void LinkKit_SignContentOfThePublishedExamples()
        {
            Assert.AreEqual("clientId12345deviceNamedeviceproductKeypktimestamp789", LinkKitSignIn.BuildSignContent("12345", "device", "pk", "789"), "#1");
            Assert.AreEqual("clientIdXP001deviceNameXP001productKeya1Ze3BcsQ5x", LinkKitSignIn.BuildSignContent("XP001", "XP001", "a1Ze3BcsQ5x", null), "#2");
            Assert.AreEqual("XP001&a1Ze3BcsQ5x", LinkKitSignIn.BuildUserName("XP001", "a1Ze3BcsQ5x"), "#3");
        }

        /// <summary>Link Kit: client id, user name and the hex HMAC-SHA256 password (expected value from an independent HMAC).</summary>
        [TestMethod]
        public static void LinkKit_ConnectOptionsWithHmacSha256()
        {
            DeviceCredentials device = new DeviceCredentials("a1GwPk00001", "gateway-01", "0123456789abcdef0123456789abcdef");
            LinkKitSignIn signIn = new LinkKitSignIn(device, new ManagedHmacSha256());
            MqttConnectOptions options = signIn.CreateConnectOptions(null, LinkKitSecureMode.TcpDirect, LinkKitSignIn.DefaultTimestamp, true, 120);
            Assert.AreEqual("a1GwPk00001.gateway-01|securemode=3,signmethod=hmacsha256,timestamp=2524608000000|", options.ClientId, "#4");
            Assert.AreEqual("gateway-01&a1GwPk00001", options.UserName, "#5");
            Assert.AreEqual("c99627cc783b3853c87a5dc9783119b11f900047cd736d4a2e5115f99e6b4fef", options.Password, "#6");
            Assert.IsTrue(options.CleanSession, "#7");
            Assert.AreEqual(120, options.KeepAliveSeconds, "#8");
            Assert.AreEqual(-1, device.ToString().IndexOf(device.DeviceSecret), "#9");
            Assert.AreEqual(-1, options.ToString().IndexOf(options.Password), "#10");
        }

        /// <summary>Client ids the extension field cannot carry, and names that would break topics, are refused.</summary>
        [TestMethod]
        public static void MalformedInput_BadClientIdsAndNamesAreRefused()
        {
            LinkKitSignIn signIn = new LinkKitSignIn(new DeviceCredentials("pk", "dn", "s"), new ManagedHmacSha256());
            string[] clientIds = new string[] { "bad|id", "bad,id", string.Empty, "with space" };
            for (int i = 0; i < clientIds.Length; i++)
            {
                string id = clientIds[i];
                Assert.ThrowsException(typeof(System.ArgumentException), () => signIn.CreateConnectOptions(id, LinkKitSecureMode.TcpDirect, "1", true, 60), "#11");
            }

            string[] names = new string[] { "a/b", "a+b", "a#b", "a&b", string.Empty };
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                Assert.ThrowsException(typeof(System.ArgumentException), () => new DeviceCredentials(name, "dn", "s"), "#12");
                Assert.ThrowsException(typeof(System.ArgumentException), () => new DeviceCredentials("pk", name, "s"), "#13");
            }
        }

        /// <summary>§1.2: each method's topic under /sys/{pk}/{dn}, its _reply twin, and the parser.</summary>
        [TestMethod]
        public static void Alink_1_2_TopicsForMethods()
        {
            TopicBuilder topics = new TopicBuilder("a1GwPk00001", "gateway-01");
            string[] methods = new string[] { AlinkMethods.EnrolleeFound, AlinkMethods.EnrolleeCheckin, AlinkMethods.CipherGet, AlinkMethods.MeshDeviceFound, AlinkMethods.MeshNodeReset };
            string[] suffixes = new string[] { "awss/enrollee/found", "awss/enrollee/checkin", "cipher/get", "mesh/device/found", "mesh/node/reset" };
            for (int i = 0; i < methods.Length; i++)
            {
                string topic = "/sys/a1GwPk00001/gateway-01/thing/" + suffixes[i];
                Assert.AreEqual(topic, topics.ForMethod(methods[i]), "#14");
                Assert.AreEqual(topic + "_reply", topics.ReplyForMethod(methods[i]), "#15");
                Assert.IsTrue(TopicBuilder.IsReply(topic + "_reply"), "#16");
                Assert.IsFalse(TopicBuilder.IsReply(topic), "#17");
            }

            string pk;
            string dn;
            string suffix;
            Assert.IsTrue(TopicBuilder.TryParse("/sys/a1EnrPk0001/lamp-01/thing/cipher/get_reply", out pk, out dn, out suffix), "#18");
            Assert.AreEqual("a1EnrPk0001", pk, "#19");
            Assert.AreEqual("lamp-01", dn, "#20");
            Assert.AreEqual("/thing/cipher/get_reply", suffix, "#21");
        }

        /// <summary>Topics of other shapes do not parse; invalid method names are refused.</summary>
        [TestMethod]
        public static void MalformedInput_OtherTopicsAndMethodsAreRefused()
        {
            string[] topics = new string[] { "/sys/pk/dn", "/sys/pk/dn/", "/sys//dn/thing", "/pk/dn/thing", "sys/pk/dn/thing", null };
            for (int i = 0; i < topics.Length; i++)
            {
                string pk;
                string dn;
                string suffix;
                Assert.IsFalse(TopicBuilder.TryParse(topics[i], out pk, out dn, out suffix), "#22");
            }

            TopicBuilder builder = new TopicBuilder("a1GwPk00001", "gateway-01");
            string[] methods = new string[] { string.Empty, ".thing", "thing.", "thing..x", "thing/x", "thing.#", "thing.+" };
            for (int i = 0; i < methods.Length; i++)
            {
                string method = methods[i];
                Assert.IsFalse(TopicBuilder.IsValidMethod(method), "#23");
                Assert.ThrowsException(typeof(System.ArgumentException), () => builder.ForMethod(method), "#24");
            }
        }

        /// <summary>
        /// cloud-protocol.md §7: a sealed field is {"n": nonce, "c": AES-CCM(ciphertext ‖ 8-octet MIC)} under
        /// HMAC-SHA256(DeviceSecret, "gw-secret-v1")[0:16] with "method|context" as additional data
        /// (expected value from an independent AES-CCM); it opens only for the same method and context.
        /// </summary>
        [TestMethod]
        public static void SecretEnvelope_SealsWithTheDocumentedKeyAndOpensOnlyInContext()
        {
            CountingRandom random = new CountingRandom();
            SecretEnvelope envelope = new SecretEnvelope(new ManagedAes128(), random, "gw-device-secret");
            byte[] secret = Hex.Decode("00112233445566778899aabbccddeeff");
            string method = AlinkMethods.MeshDeviceProvision;
            string context = "70cf7c9732a345b691494810d2e9cbf4"; // the MshPRT §8.7 device UUID, as the workflow seals a static OOB value for it
            Hashtable field = envelope.Seal(secret, method, context);
            Assert.AreEqual("000102030405060708090a0b0c", (string)field["n"], "#25");
            Assert.AreEqual("63f113ab5ae58852cd8f4d0bbd1cf99ac00e9a8aecdc48ba", (string)field["c"], "#26");

            byte[] opened;
            Assert.IsTrue(envelope.TryOpen(field, method, context, out opened), "#27");
            CollectionAssert.AreEqual(secret, opened);
            Assert.IsFalse(envelope.TryOpen(field, AlinkMethods.MeshDeviceResult, context, out opened), "#28");
            Assert.IsFalse(envelope.TryOpen(field, method, "other-device", out opened), "#29");
            Assert.IsFalse(new SecretEnvelope(new ManagedAes128(), random, "other-secret").TryOpen(field, method, context, out opened), "#30");
            Assert.IsNull(opened, "#31");
        }

        /// <summary>Malformed sealed fields (not an object, bad hex, wrong nonce size, tampered) open to false, never an exception.</summary>
        [TestMethod]
        public static void MalformedInput_SealedFieldsThatDoNotOpen()
        {
            SecretEnvelope envelope = new SecretEnvelope(new ManagedAes128(), new SeededRandom(3), "gw-device-secret");
            Hashtable good = envelope.Seal(new byte[] { 1, 2, 3 }, "m", "c");
            object[] fields = new object[] { null, "text", 5L, Field((string)good["n"], "zz"), Field("0001", (string)good["c"]), Field((string)good["n"], "00"), Field((string)good["n"], null) };
            for (int i = 0; i < fields.Length; i++)
            {
                byte[] opened;
                Assert.IsFalse(envelope.TryOpen(fields[i], "m", "c", out opened), i.ToString());
            }

            string c = (string)good["c"];
            string tampered = (c[0] == '0' ? "1" : "0") + c.Substring(1);
            byte[] result;
            Assert.IsFalse(envelope.TryOpen(Field((string)good["n"], tampered), "m", "c", out result), "#32");
            Assert.IsTrue(envelope.TryOpen(good, "m", "c", out result), "#33");
        }

        private static Hashtable Field(string n, string c)
        {
            Hashtable field = new Hashtable();
            field["n"] = n;
            field["c"] = c;
            return field;
        }

        /// <summary>Random octets 00 01 02 ... from the start of each request: the nonce of the documented example.</summary>
        private sealed class CountingRandom : IRandom
        {
            public void NextBytes(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    buffer[offset + i] = (byte)i;
                }
            }

            public int NextInt(int maxExclusive)
            {
                return 0;
            }
        }
    }
}
