using System;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Link Kit MQTT sign-in with a DeviceSecret ("one secret per device"; Alibaba IoT Platform,
    /// "Establish MQTT over TCP connections"; iotkit-embedded dev_sign_mqtt.c):
    /// client id <c>{clientId}|securemode={2|3},signmethod=hmacsha256,timestamp={ts}|</c>,
    /// user name <c>{deviceName}&amp;{productKey}</c>, password = hex HMAC-SHA256(DeviceSecret,
    /// sign content), where the sign content is the submitted parameters sorted by name and
    /// concatenated as name+value: <c>clientId{id}deviceName{dn}productKey{pk}timestamp{ts}</c>.
    /// </summary>
    public sealed class LinkKitSignIn
    {
        /// <summary>
        /// The fixed timestamp iotkit-embedded sends (2050-01-01): the device has no trusted clock
        /// before it is online, and the platform accepts any value that matches the signature.
        /// </summary>
        public const string DefaultTimestamp = "2524608000000";

        public const string SignMethod = "hmacsha256";

        private readonly DeviceCredentials _device;
        private readonly IHmacSha256 _hmac;

        public LinkKitSignIn(DeviceCredentials device, IHmacSha256 hmac)
        {
            if (device == null || hmac == null)
            {
                throw new ArgumentNullException(device == null ? "device" : "hmac");
            }

            _device = device;
            _hmac = hmac;
        }

        public DeviceCredentials Device
        {
            get { return _device; }
        }

        /// <summary>The console's default client id: <c>{productKey}.{deviceName}</c>.</summary>
        public string DefaultClientId
        {
            get { return _device.ProductKey + "." + _device.DeviceName; }
        }

        /// <summary>The CONNECT fields for one connection attempt.</summary>
        public MqttConnectOptions CreateConnectOptions(string clientId, LinkKitSecureMode secureMode, string timestamp, bool cleanSession, int keepAliveSeconds)
        {
            if (clientId == null)
            {
                clientId = DefaultClientId;
            }

            CheckClientId(clientId);
            CheckTimestamp(timestamp);
            return new MqttConnectOptions(
                BuildMqttClientId(clientId, secureMode, timestamp),
                BuildUserName(_device.DeviceName, _device.ProductKey),
                ComputePassword(clientId, timestamp),
                cleanSession,
                keepAliveSeconds);
        }

        /// <summary>Lower-case hex HMAC-SHA256 of the sign content under the DeviceSecret.</summary>
        public string ComputePassword(string clientId, string timestamp)
        {
            string content = BuildSignContent(clientId, _device.DeviceName, _device.ProductKey, timestamp);
            byte[] mac = _hmac.ComputeHash(Encoding.UTF8.GetBytes(_device.DeviceSecret), Encoding.UTF8.GetBytes(content));
            return Hex.Encode(mac);
        }

        /// <summary>
        /// <c>{clientId}|securemode={mode},signmethod=hmacsha256,timestamp={ts}|</c>; the timestamp
        /// pair is left out when <paramref name="timestamp"/> is null (it is optional on the platform).
        /// </summary>
        public static string BuildMqttClientId(string clientId, LinkKitSecureMode secureMode, string timestamp)
        {
            StringBuilder builder = new StringBuilder(clientId.Length + 64);
            builder.Append(clientId);
            builder.Append("|securemode=");
            builder.Append((int)secureMode);
            builder.Append(",signmethod=");
            builder.Append(SignMethod);
            if (timestamp != null)
            {
                builder.Append(",timestamp=");
                builder.Append(timestamp);
            }

            builder.Append('|');
            return builder.ToString();
        }

        public static string BuildUserName(string deviceName, string productKey)
        {
            return deviceName + "&" + productKey;
        }

        /// <summary>
        /// The signed parameters sorted by name (clientId, deviceName, productKey, timestamp), each
        /// as name followed by value; clientId and timestamp are optional and left out when null.
        /// </summary>
        public static string BuildSignContent(string clientId, string deviceName, string productKey, string timestamp)
        {
            StringBuilder builder = new StringBuilder(128);
            if (clientId != null)
            {
                builder.Append("clientId");
                builder.Append(clientId);
            }

            builder.Append("deviceName");
            builder.Append(deviceName);
            builder.Append("productKey");
            builder.Append(productKey);
            if (timestamp != null)
            {
                builder.Append("timestamp");
                builder.Append(timestamp);
            }

            return builder.ToString();
        }

        // The platform limits the client id to 64 characters; '|' and ',' would break the extension field.
        private static void CheckClientId(string clientId)
        {
            if (clientId.Length == 0 || clientId.Length > 64)
            {
                throw new ArgumentException("the client id must be 1..64 characters", "clientId");
            }

            for (int i = 0; i < clientId.Length; i++)
            {
                char c = clientId[i];
                if (c <= ' ' || c > '~' || c == '|' || c == ',' || c == '=')
                {
                    throw new ArgumentException("the client id has a character the sign-in cannot carry", "clientId");
                }
            }
        }

        private static void CheckTimestamp(string timestamp)
        {
            if (timestamp == null)
            {
                return;
            }

            if (timestamp.Length == 0 || timestamp.Length > 20)
            {
                throw new ArgumentException("the timestamp must be 1..20 digits", "timestamp");
            }

            for (int i = 0; i < timestamp.Length; i++)
            {
                if (timestamp[i] < '0' || timestamp[i] > '9')
                {
                    throw new ArgumentException("the timestamp must be decimal milliseconds", "timestamp");
                }
            }
        }
    }
}
