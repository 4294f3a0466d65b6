using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// AES-CCM on the device: an RFC 3610 packet vector, the Mesh Provisioning Data encryption
    /// of MshPRT §8.7 (v1.1 §8.17.1; 25 octets, 8-octet MIC) and a 4-octet TransMIC message
    /// (MshPRT §8.3.6). Host twin: tests/Gateway.Core.Tests/Crypto/AesCcmTests.cs and
    /// ProvisioningCryptoTests.cs.
    /// </summary>
    [TestClass]
    public class AesCcmTests
    {
        // MshPRT §8.7: SessionKey, SessionNonce and the Provisioning Data (NetKey ‖ Key Index 0567 ‖
        // Flags 00 ‖ IV Index 01020304 ‖ Unicast Address 0b0c).
        private const string SessionKey = "c80253af86b33dfa450bbdb2a191fea3";
        private const string SessionNonce = "da7ddbe78b5f62b81d6847487e";
        private const string ProvisioningData = "efb2255e6422d330088e09bb015ed707056700010203040b0c";
        private const string EncryptedProvisioningData = "d0bd7f4a89a2ff6222af59a90a60ad58acfe3123356f5cec29";
        private const string ProvisioningDataMic = "73e0ec50783b10c7";

        [TestMethod]
        public static void RFC3610_PacketVector1()
        {
            // Packet = octets 00..1e; the first 8 are the header (authenticated only).
            byte[] packet = new byte[31];
            for (int i = 0; i < packet.Length; i++)
            {
                packet[i] = (byte)i;
            }

            AesCcm ccm = new AesCcm(DeviceCrypto.Cipher("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
            byte[] nonce = Hex.Decode("00000003020100a0a1a2a3a4a5");
            byte[] output = new byte[23 + 8];
            ccm.Encrypt(nonce, 0, packet, 8, 23, packet, 0, 8, output, 0, 8);
            Assert.AreEqual("588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0", Hex.Encode(output), "#1");

            byte[] decrypted = new byte[23];
            Assert.IsTrue(ccm.TryDecrypt(nonce, 0, output, 0, output.Length, packet, 0, 8, decrypted, 0, 8), "#2");
            Assert.AreEqual(Hex.Encode(packet, 8, 23), Hex.Encode(decrypted), "#3");
        }

        [TestMethod]
        public static void MshPRT_8_7_ProvisioningDataEncryption_Mic8()
        {
            AesCcm ccm = new AesCcm(DeviceCrypto.CreateAes(), Hex.Decode(SessionKey));
            byte[] nonce = Hex.Decode(SessionNonce);
            byte[] data = Hex.Decode(ProvisioningData);
            byte[] pdu = new byte[1 + 25 + 8];
            pdu[0] = 0x07;
            ccm.Encrypt(nonce, 0, data, 0, data.Length, null, 0, 0, pdu, 1, 8);
            Assert.AreEqual("07" + EncryptedProvisioningData + ProvisioningDataMic, Hex.Encode(pdu), "#4");

            byte[] decrypted = new byte[25];
            Assert.IsTrue(ccm.TryDecrypt(nonce, 0, pdu, 1, 33, null, 0, 0, decrypted, 0, 8), "#5");
            Assert.AreEqual(ProvisioningData, Hex.Encode(decrypted), "#6");
        }

        [TestMethod]
        public static void MshPRT_8_7_ProvisioningDataEncryption_ThroughProvisioningCrypto()
        {
            ProvisioningCrypto prov = new ProvisioningCrypto(DeviceCrypto.CreateAes());
            byte[] pdu = new byte[ProvisioningCrypto.EncryptedProvisioningDataLength];
            prov.EncryptProvisioningData(Hex.Decode(SessionKey), Hex.Decode(SessionNonce), Hex.Decode(ProvisioningData), 0, pdu, 0);
            Assert.AreEqual(EncryptedProvisioningData + ProvisioningDataMic, Hex.Encode(pdu), "#7");

            byte[] decrypted = new byte[ProvisioningCrypto.ProvisioningDataLength];
            Assert.IsTrue(prov.TryDecryptProvisioningData(Hex.Decode(SessionKey), Hex.Decode(SessionNonce), pdu, 0, decrypted, 0), "#8");
            Assert.AreEqual(ProvisioningData, Hex.Encode(decrypted), "#9");
        }

        [TestMethod]
        public static void MshPRT_8_7_ForgedMicIsRejectedAndLeavesNoPlaintext()
        {
            ProvisioningCrypto prov = new ProvisioningCrypto(DeviceCrypto.CreateAes());
            byte[] pdu = Hex.Decode(EncryptedProvisioningData + ProvisioningDataMic);
            pdu[32] ^= 0x01;
            byte[] output = new byte[25];
            Assert.IsFalse(prov.TryDecryptProvisioningData(Hex.Decode(SessionKey), Hex.Decode(SessionNonce), pdu, 0, output, 0), "#10");
            Assert.AreEqual("00000000000000000000000000000000000000000000000000", Hex.Encode(output), "#11");
        }

        [TestMethod]
        public static void MshPRT_8_3_6_ConfigAppKeyAdd_DeviceKey_TransMic4()
        {
            AesCcm ccm = new AesCcm(DeviceCrypto.CreateAes(), Hex.Decode("9d6dd0e96eb25dc19a40ed9914f8f03f"));
            byte[] nonce = Hex.Decode("02003129ab0003120112345678");
            byte[] access = Hex.Decode("0056341263964771734fbd76e3b40519d1d94a48");
            byte[] output = new byte[access.Length + 4];
            ccm.Encrypt(nonce, 0, access, 0, access.Length, null, 0, 0, output, 0, 4);
            Assert.AreEqual("ee9dddfd2169326d23f3afdfcfdc18c52fdef772e0e17308", Hex.Encode(output), "#12");
        }

        [TestMethod]
        public static void WrongLengthsAreFormatErrors()
        {
            AesCcm ccm = new AesCcm(DeviceCrypto.CreateAes(), Hex.Decode(SessionKey));
            byte[] nonce = Hex.Decode(SessionNonce);
            byte[] buffer = new byte[40];
            Assert.ThrowsException(typeof(ProtocolFormatException), () => ccm.Encrypt(nonce, 0, buffer, 0, 25, null, 0, 0, buffer, 0, 5), "#13");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => ccm.Encrypt(new byte[12], 0, buffer, 0, 25, null, 0, 0, buffer, 0, 8), "#14");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => ccm.Encrypt(nonce, 0, buffer, 0, 25, null, 0, 0, new byte[32], 0, 8), "#15");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => ccm.TryDecrypt(nonce, 0, buffer, 0, 3, null, 0, 0, buffer, 0, 4), "#16");
        }
    }
}
