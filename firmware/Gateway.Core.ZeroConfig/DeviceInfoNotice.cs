using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// A new device announcing itself on the LAN after it joined the network
    /// (reference/alibaba-provisioning.md §0.1 items 2 and 3): CoAP to port 5683,
    /// <c>device.info.notify</c> or <c>awss.event.connectap.notify</c>, params = the device-info
    /// block (productKey, deviceName, mac, ip, cipherType, …). The registrar stops pushing
    /// credentials to that device when it hears one (iotkit-embedded online_dev_bind_monitor).
    /// Only the JSON payload is decoded here; the CoAP framing is the LAN adapter's.
    /// </summary>
    public sealed class DeviceInfoNotice
    {
        public const string DeviceInfoNotifyMethod = "device.info.notify";

        public const string ConnectApNotifyMethod = "awss.event.connectap.notify";

        /// <summary>The CoAP port both notices are sent to.</summary>
        public const int CoapPort = 5683;

        private DeviceInfoNotice(string method, string productKey, string deviceName)
        {
            Method = method;
            ProductKey = productKey;
            DeviceName = deviceName;
        }

        public string Method { get; }

        public string ProductKey { get; }

        public string DeviceName { get; }

        /// <summary>Parses the JSON payload; a <see cref="ProtocolFormatException"/> subclass for anything else.</summary>
        public static DeviceInfoNotice Decode(IJsonDom json, byte[] payload, int offset, int count)
        {
            // The Alink request envelope {"id","version","method","params"} (§0), held to the rules the
            // gateway's cloud link applies to the same envelope: a notice the link would refuse is refused here too.
            Hashtable root = json.Parse(payload, offset, count) as Hashtable;
            if (root == null)
            {
                throw new ZeroConfigFormatException("LAN notice must be a JSON object");
            }

            CheckId(root["id"]);
            string method = root["method"] as string;
            if (method != DeviceInfoNotifyMethod && method != ConnectApNotifyMethod)
            {
                throw new ZeroConfigFormatException("LAN notice method is neither " + DeviceInfoNotifyMethod + " nor " + ConnectApNotifyMethod);
            }

            object version = root["version"];
            if (version != null && (!(version is string text) || text.Length == 0 || text.Length > 16))
            {
                throw new ZeroConfigFormatException("LAN notice field 'version' must be a short string");
            }

            Hashtable parameters = root["params"] as Hashtable;
            if (parameters == null)
            {
                throw new ZeroConfigFormatException("LAN notice field 'params' must be a JSON object");
            }

            string productKey = JsonFields.GetString(parameters, "productKey");
            string deviceName = JsonFields.GetString(parameters, "deviceName");
            if (!EnrolleeRequestIe.IsValidName(productKey) || !EnrolleeRequestIe.IsValidName(deviceName))
            {
                throw new ZeroConfigFormatException("LAN notice productKey or deviceName is not a device name");
            }

            return new DeviceInfoNotice(method, productKey, deviceName);
        }

        public override string ToString()
        {
            return Method + " " + ProductKey + "/" + DeviceName;
        }

        // A non-negative integer (the SDK writes a bare number here) or 1..32 characters of [0-9A-Za-z_-].
        private static void CheckId(object id)
        {
            if (id is long number)
            {
                if (number < 0)
                {
                    throw new ZeroConfigFormatException("LAN notice field 'id' must not be negative");
                }

                return;
            }

            if (!PlatformNames.IsValidMessageId(id as string))
            {
                throw new ZeroConfigFormatException("LAN notice field 'id' must be an integer or 1.." + PlatformNames.MaxMessageIdLength + " characters of [0-9A-Za-z_-]");
            }
        }
    }
}
