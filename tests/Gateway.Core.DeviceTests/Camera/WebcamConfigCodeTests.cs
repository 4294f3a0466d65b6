using System;
using System.Collections;
using Gateway.Core.Camera;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Camera
{
    /// <summary>
    /// The webcam-config QR payload and bind token (reference/alibaba-provisioning.md §5) on the
    /// device, with non-ASCII and supplementary characters in SSID and password. Host twin:
    /// tests/Gateway.Core.Tests/Camera/WebcamConfigCodeTests.cs.
    /// </summary>
    [TestClass]
    public class WebcamConfigCodeTests
    {
        /// <summary>§5: the payload is JSON the device's own DOM reads back field by field, escapes and emoji included.</summary>
        [TestMethod]
        public static void Webcam_5_PayloadReadsBackWithEscapesAndEmoji()
        {
            WebcamConfigCode code = new WebcamConfigCode("Home \"Net\" \ud83c\udfe0", "pa\\ss", Hex.Decode("aabbccddeeff"), Hex.Decode("010203"));
            Hashtable doc = (Hashtable)new JsonDom().Parse(code.ToPayload());
            Assert.AreEqual("Ali_1", (string)doc["v"], "#1");
            Assert.AreEqual("Home \"Net\" \ud83c\udfe0", (string)doc["s"], "#2");
            Assert.AreEqual("pa\\ss", (string)doc["p"], "#3");
            Assert.AreEqual("aabbccddeeff", (string)doc["b"], "#4");
            Assert.AreEqual("010203", (string)doc["t"], "#5");
        }

        /// <summary>§5: the bind token is SHA-256(BSSID ‖ random ‖ password)[0:16] (expected value from an independent SHA-256); ToString hides the password.</summary>
        [TestMethod]
        public static void Webcam_5_ExpandedTokenAndNoPasswordInText()
        {
            WebcamConfigCode code = new WebcamConfigCode("HomeNet", "pa\u00df\ud83d\udd11", Hex.Decode("aabbccddeeff"), Hex.Decode("010203"));
            Assert.AreEqual("8402a1b1f847f276b72d9a5dce1a5c46", Hex.Encode(code.ExpandedToken()), "#6");
            Assert.AreEqual(-1, code.ToString().IndexOf("pa\u00df"), "#7");
            Assert.ThrowsException(typeof(ArgumentException), () => new WebcamConfigCode(string.Empty, "x", new byte[6], new byte[3]), "#8");
            Assert.ThrowsException(typeof(ArgumentException), () => new WebcamConfigCode("ok", "x", new byte[5], new byte[3]), "#9");
        }
    }
}
