using System;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Camera
{
    /// <summary>
    /// The webcam-config QR code (alibaba-provisioning.md §5): the phone shows SSID, password,
    /// BSSID and a 3-octet random; the camera scans it, joins, and reports the token
    /// SHA-256(BSSID ‖ random3 ‖ password)[0:16] (IOTKIT awss_complete_token, §0.1 item 4) on
    /// thing.awss.enrollee.match, which is how the cloud and the gateway recognise it.
    /// The payload's key names ("v", "s", "p", "b", "t") come from the platform description and are
    /// not confirmed in public source code [U]. The code carries the Wi-Fi password by design:
    /// show it only to the camera; never log it.
    /// </summary>
    public sealed class WebcamConfigCode
    {
        public const string Version = "Ali_1";

        public WebcamConfigCode(string ssid, string password, byte[] bssid, byte[] random3)
        {
            if (ssid == null || ssid.Length == 0 || Encoding.UTF8.GetBytes(ssid).Length > 32)
            {
                throw new ArgumentException("SSID must be 1 to 32 octets");
            }

            if (password == null || Encoding.UTF8.GetBytes(password).Length > 64)
            {
                throw new ArgumentException("password must be at most 64 octets");
            }

            if (bssid == null || bssid.Length != 6 || random3 == null || random3.Length != 3)
            {
                throw new ArgumentException("BSSID must be 6 octets and the random 3 octets");
            }

            Ssid = ssid;
            Password = password;
            Bssid = bssid;
            Random = random3;
        }

        public string Ssid { get; }

        /// <summary>The Wi-Fi password (a secret).</summary>
        public string Password { get; }

        public byte[] Bssid { get; }

        public byte[] Random { get; }

        /// <summary>The text encoded in the QR code (JSON with string values, escaped).</summary>
        public string ToPayload()
        {
            StringBuilder sb = new StringBuilder();
            sb.Append("{\"v\":\"").Append(Version).Append("\",\"s\":");
            AppendJsonString(sb, Ssid);
            sb.Append(",\"p\":");
            AppendJsonString(sb, Password);
            sb.Append(",\"b\":\"").Append(Hex.Encode(Bssid)).Append("\",\"t\":\"").Append(Hex.Encode(Random)).Append("\"}");
            return sb.ToString();
        }

        /// <summary>The 16-octet bind token the camera will report: SHA-256(BSSID ‖ random3 ‖ password)[0:16].</summary>
        public byte[] ExpandedToken()
        {
            byte[] password = Encoding.UTF8.GetBytes(Password);
            byte[] input = new byte[6 + 3 + password.Length];
            Array.Copy(Bssid, 0, input, 0, 6);
            Array.Copy(Random, 0, input, 6, 3);
            Array.Copy(password, 0, input, 9, password.Length);
            byte[] hash = Sha256.Hash(input);
            Array.Clear(input, 0, input.Length);
            byte[] token = new byte[16];
            Array.Copy(hash, 0, token, 0, 16);
            return token;
        }

        /// <summary>Returns a string with the password replaced, for logs and errors.</summary>
        public override string ToString()
        {
            return "webcam-config code for SSID " + Ssid;
        }

        private static void AppendJsonString(StringBuilder sb, string value)
        {
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length)
                {
                    // A surrogate pair is read as a pair: nanoCLR's string indexer returns the high
                    // surrogate at both positions (see JsonWriter.AppendString).
                    char[] pair = value.ToCharArray(i, 2);
                    if (pair[1] >= 0xDC00 && pair[1] <= 0xDFFF)
                    {
                        sb.Append(pair[0]);
                        sb.Append(pair[1]);
                        i++;
                        continue;
                    }
                }

                if (c == '"' || c == '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c < 0x20)
                {
                    sb.Append("\\u00");
                    sb.Append(((int)c).ToString("x2"));
                }
                else
                {
                    sb.Append(c);
                }
            }

            sb.Append('"');
        }
    }
}
