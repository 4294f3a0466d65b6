using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The registrar's response element, OUI type 0xAB (reference/alibaba-provisioning.md §1.3;
    /// iotkit-embedded registrar_raw_frame_init): 221 ‖ len ‖ D8-96-E0 ‖ AB ‖ 0x01 ‖ sign_len ‖
    /// sign (the enrollee's own, echoed so it knows the frame is for it) ‖ frame_type 1 ‖
    /// ssid_len ‖ SSID (clear) ‖ passwd_len ‖ password under AES-128-CFB (key = the cloud's
    /// per-session secret, IV = the enrollee's random; same length as the plain text) ‖ BSSID.
    /// </summary>
    public static class RegistrarResponseIe
    {
        /// <summary>The enrollee refuses ssid_len ≥ 32 (OS_MAX_SSID_LEN), so a 32-octet SSID cannot be pushed this way.</summary>
        public const int MaxSsidLength = 31;

        /// <summary>The enrollee refuses passwd_len ≥ 64 (OS_MAX_PASSWD_LEN).</summary>
        public const int MaxPasswordLength = 63;

        /// <summary>Header, version, sign_len, sign, frame_type, ssid_len, passwd_len, BSSID: the 17 + 20 fixed octets.</summary>
        public const int FixedLength = AwssVendorElement.HeaderLength + 1 + 1 + EnrolleeRequestIe.SignLength + 1 + 1 + 1 + WifiCredentials.BssidLength;

        /// <summary>The largest element (31-octet SSID, 63-octet password): a buffer this size fits any.</summary>
        public const int MaxLength = FixedLength + MaxSsidLength + MaxPasswordLength;

        /// <summary>Octets of the element for these lengths.</summary>
        public static int GetLength(int ssidLength, int passwordLength)
        {
            return FixedLength + ssidLength + passwordLength;
        }

        /// <summary>
        /// Writes the element for <paramref name="home"/> into <paramref name="output"/>; returns its
        /// length. The password is copied straight into the output and encrypted there in place, so
        /// no other buffer ever holds it in clear text. <paramref name="cipher"/> is keyed with the
        /// cloud's secret. Throws <see cref="ZeroConfigFormatException"/> when the SSID or password
        /// is longer than an enrollee accepts (truncating would push a wrong password).
        /// </summary>
        public static int Encode(byte[] sign, int signOffset, byte[] random, int randomOffset, WifiCredentials home, AesCfb128 cipher, byte[] output, int offset)
        {
            if (home.SsidLength > MaxSsidLength)
            {
                throw new ZeroConfigFormatException("SSID of " + home.SsidLength + " octets: an enrollee accepts at most " + MaxSsidLength);
            }

            if (home.PasswordLength > MaxPasswordLength)
            {
                throw new ZeroConfigFormatException("password of " + home.PasswordLength + " octets: an enrollee accepts at most " + MaxPasswordLength);
            }

            int length = GetLength(home.SsidLength, home.PasswordLength);
            if (output == null || offset < 0 || offset > output.Length - length)
            {
                throw new ZeroConfigFormatException("no room for a " + length + "-octet registrar element");
            }

            ByteWriter writer = new ByteWriter(output, offset, length);
            writer.WriteByte(AwssVendorElement.ElementId);
            writer.WriteByte((byte)(length - 2));
            writer.WriteByte(0xD8);
            writer.WriteByte(0x96);
            writer.WriteByte(0xE0);
            writer.WriteByte(AwssVendorElement.OuiTypeRegistrar);
            writer.WriteByte(AwssVendorElement.DeviceTypeVersion);
            writer.WriteByte(EnrolleeRequestIe.SignLength);
            writer.WriteBytes(sign, signOffset, EnrolleeRequestIe.SignLength);
            writer.WriteByte(AwssVendorElement.RegistrarFrameType);
            writer.WriteByte((byte)home.SsidLength);

            // The variable fields are copied by their owner straight into the window checked above.
            int at = writer.Position;
            home.CopySsid(output, at);
            at += home.SsidLength;
            output[at++] = (byte)home.PasswordLength;
            home.CopyPassword(output, at);
            cipher.Encrypt(random, randomOffset, output, at, home.PasswordLength, output, at);
            at += home.PasswordLength;
            home.CopyBssid(output, at);
            return length;
        }
    }
}
