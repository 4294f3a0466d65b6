using System;
using System.Security.Cryptography;
using System.Text;
using Gateway.Cloud.Registry;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Cloud
{
    /// <summary>Outcome of a Link Kit sign-in check.</summary>
    public sealed record SignInResult(MqttConnectStatus Status, DeviceKey Device, string Reason, int SecureMode)
    {
        public bool Accepted => Status == MqttConnectStatus.Accepted;
    }

    /// <summary>
    /// The platform side of the Link Kit sign-in (LinkKitSignIn on the device): parses
    /// <c>{clientId}|securemode=…,signmethod=…,timestamp=…|</c>, finds the device named by
    /// <c>{deviceName}&amp;{productKey}</c> and recomputes the password over the sorted
    /// parameters. Accepts hmacsha256 (what the gateway sends), hmacsha1 and hmacmd5 (the
    /// platform's other sign methods), either hex case, compared in constant time.
    /// </summary>
    public sealed class LinkKitVerifier
    {
        private readonly CloudRegistry _registry;

        public LinkKitVerifier(CloudRegistry registry)
        {
            _registry = registry;
        }

        public SignInResult Verify(string mqttClientId, string userName, string password)
        {
            if (!TryParseClientId(mqttClientId, out string clientId, out string secureMode, out string signMethod, out string timestamp))
            {
                return Refuse(MqttConnectStatus.IdentifierRejected, default, "client id is not in the Link Kit form");
            }

            if (secureMode != "2" && secureMode != "3")
            {
                return Refuse(MqttConnectStatus.IdentifierRejected, default, "unsupported securemode");
            }

            int amp = userName == null ? -1 : userName.IndexOf('&');
            if (amp <= 0 || amp == userName.Length - 1)
            {
                return Refuse(MqttConnectStatus.BadUserNameOrPassword, default, "user name is not {deviceName}&{productKey}");
            }

            var device = new DeviceKey(userName.Substring(amp + 1), userName.Substring(0, amp));
            DeviceRecord record = _registry.FindDevice(device.ProductKey, device.DeviceName);
            if (record == null)
            {
                return Refuse(MqttConnectStatus.BadUserNameOrPassword, device, "unknown device");
            }

            if (password == null || !Hex.TryDecode(password, out byte[] presented))
            {
                return Refuse(MqttConnectStatus.BadUserNameOrPassword, device, "password is not hex");
            }

            byte[] key = Encoding.UTF8.GetBytes(record.DeviceSecret);
            byte[] content = Encoding.UTF8.GetBytes(LinkKitSignIn.BuildSignContent(clientId, device.DeviceName, device.ProductKey, timestamp));
            byte[] expected = signMethod switch
            {
                "hmacsha256" => HMACSHA256.HashData(key, content),
                "hmacsha1" => HMACSHA1.HashData(key, content),
                "hmacmd5" => HMACMD5.HashData(key, content),
                _ => null,
            };
            if (expected == null)
            {
                return Refuse(MqttConnectStatus.BadUserNameOrPassword, device, "unsupported signmethod");
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return Refuse(MqttConnectStatus.BadUserNameOrPassword, device, "signature does not match");
            }

            return new SignInResult(MqttConnectStatus.Accepted, device, "signed in with " + signMethod, int.Parse(secureMode));
        }

        /// <summary>Splits the Link Kit client id into the bare id and its extension parameters.</summary>
        public static bool TryParseClientId(string mqttClientId, out string clientId, out string secureMode, out string signMethod, out string timestamp)
        {
            clientId = secureMode = signMethod = timestamp = null;
            if (string.IsNullOrEmpty(mqttClientId) || !mqttClientId.EndsWith('|'))
            {
                return false;
            }

            int bar = mqttClientId.IndexOf('|');
            if (bar <= 0 || bar == mqttClientId.Length - 1)
            {
                return false;
            }

            clientId = mqttClientId.Substring(0, bar);
            string extension = mqttClientId.Substring(bar + 1, mqttClientId.Length - bar - 2);
            foreach (string pair in extension.Split(','))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    return false;
                }

                string name = pair.Substring(0, eq);
                string value = pair.Substring(eq + 1);
                switch (name)
                {
                    case "securemode": secureMode = value; break;
                    case "signmethod": signMethod = value; break;
                    case "timestamp": timestamp = value; break;
                    default: break; // _v, lan, gw, ext …: carried by SDKs, not signed
                }
            }

            return signMethod != null && secureMode != null;
        }

        private static SignInResult Refuse(MqttConnectStatus status, DeviceKey device, string reason) => new SignInResult(status, device, reason, 0);
    }
}
