using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Core.Platform
{
    /// <summary>
    /// The gateway's start-up configuration: its identity on the IoT platform (the triple of
    /// reference/alibaba-provisioning.md §0), the MQTT broker, and the home Wi-Fi. Read by the
    /// firmware from a JSON file on drive I: (hardware/README.md shows one), parsed here so the
    /// host tests the rules the device applies. Secrets (device secret, Wi-Fi password) never
    /// appear in <see cref="ToString"/> or in an exception message.
    /// <code>
    /// { "productKey": "a1...", "deviceName": "gw-01", "deviceSecret": "...",
    ///   "broker": { "host": "a1....iot-as-mqtt.cn-shanghai.aliyuncs.com", "port": 8883, "tls": true, "caFile": "ca.pem" },
    ///   "wifi": { "ssid": "home", "password": "..." } }
    /// </code>
    /// "broker.port" defaults to 8883 with TLS and 1883 without; "broker.tls" defaults to true;
    /// "broker.caFile" names a PEM file next to the configuration (absent: the device's stored CA).
    /// "wifi" is optional: without it the gateway starts in onboarding mode.
    /// </summary>
    public sealed class GatewayConfig
    {
        /// <summary>File name of the configuration on drive I:.</summary>
        public const string FileName = "gateway.json";

        /// <summary>Largest configuration file accepted (a PEM chain is a separate file).</summary>
        public const int MaxBytes = 4096;

        private GatewayConfig()
        {
        }

        public DeviceCredentials Device { get; private set; }

        public string BrokerHost { get; private set; }

        public int BrokerPort { get; private set; }

        public bool BrokerTls { get; private set; }

        /// <summary>PEM file of the broker's CA on drive I:, or null to use the certificate stored in the device.</summary>
        public string CaCertificateFile { get; private set; }

        /// <summary>Home Wi-Fi SSID, or null when the gateway has not been onboarded.</summary>
        public string WifiSsid { get; private set; }

        public string WifiPassword { get; private set; }

        public bool HasWifiCredentials
        {
            get { return WifiSsid != null; }
        }

        /// <summary>
        /// Parses and validates a configuration. Throws <see cref="JsonFormatException"/> naming
        /// the field at fault (never its value) when the JSON or a field is not acceptable.
        /// </summary>
        public static GatewayConfig Parse(IJsonDom json, byte[] utf8)
        {
            if (utf8 == null || utf8.Length > MaxBytes)
            {
                throw new JsonFormatException("configuration must be at most " + MaxBytes + " bytes");
            }

            Hashtable root = JsonFields.AsObject(json.Parse(utf8, 0, utf8.Length), "configuration");
            GatewayConfig config = new GatewayConfig();
            string productKey = JsonFields.GetString(root, "productKey");
            string deviceName = JsonFields.GetString(root, "deviceName");
            string deviceSecret = JsonFields.GetString(root, "deviceSecret");
            if (!DeviceCredentials.IsValidName(productKey))
            {
                throw new JsonFormatException("field 'productKey' is not a valid name");
            }

            if (!DeviceCredentials.IsValidName(deviceName))
            {
                throw new JsonFormatException("field 'deviceName' is not a valid name");
            }

            if (deviceSecret.Length == 0)
            {
                throw new JsonFormatException("field 'deviceSecret' is empty");
            }

            config.Device = new DeviceCredentials(productKey, deviceName, deviceSecret);

            Hashtable broker = JsonFields.GetObject(root, "broker");
            config.BrokerHost = JsonFields.GetString(broker, "host");
            if (!IsHostName(config.BrokerHost))
            {
                throw new JsonFormatException("field 'broker.host' is not a host name");
            }

            config.BrokerTls = !JsonFields.Has(broker, "tls") || GetBoolean(broker, "tls");
            config.BrokerPort = JsonFields.GetOptionalInt32(broker, "port", 1, 65535, config.BrokerTls ? 8883 : 1883);
            config.CaCertificateFile = JsonFields.GetOptionalString(broker, "caFile", null);
            if (config.CaCertificateFile != null && !StorageNames.IsValid(config.CaCertificateFile))
            {
                throw new JsonFormatException("field 'broker.caFile' must be a file name on the configuration drive");
            }

            if (JsonFields.Has(root, "wifi"))
            {
                Hashtable wifi = JsonFields.GetObject(root, "wifi");
                string ssid = JsonFields.GetString(wifi, "ssid");
                string password = JsonFields.GetOptionalString(wifi, "password", string.Empty);

                // IEEE 802.11 §9.4.2.2: an SSID is 0..32 octets; WPA2-PSK passphrases are 8..63 characters (or none for open networks).
                if (ssid.Length == 0 || ssid.Length > 32)
                {
                    throw new JsonFormatException("field 'wifi.ssid' must be 1..32 characters");
                }

                if (password.Length != 0 && (password.Length < 8 || password.Length > 64))
                {
                    throw new JsonFormatException("field 'wifi.password' must be empty or 8..64 characters");
                }

                config.WifiSsid = ssid;
                config.WifiPassword = password;
            }

            return config;
        }

        public override string ToString()
        {
            return "device=" + Device.ToString() + " broker=" + BrokerHost + ":" + BrokerPort + (BrokerTls ? " tls" : " plain")
                + (CaCertificateFile == null ? string.Empty : " ca=" + CaCertificateFile)
                + (HasWifiCredentials ? " wifi=" + WifiSsid : " wifi=none");
        }

        private static bool GetBoolean(Hashtable table, string name)
        {
            object value = table[name];
            if (value is bool b)
            {
                return b;
            }

            throw new JsonFormatException("field '" + name + "' must be true or false");
        }

        private static bool IsHostName(string host)
        {
            if (host.Length == 0 || host.Length > 253)
            {
                return false;
            }

            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
