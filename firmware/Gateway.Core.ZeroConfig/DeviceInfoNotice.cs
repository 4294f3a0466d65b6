using System.Collections;
using Gateway.Core.Cloud;
using Gateway.Core.Runtime;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// A new device announcing itself on the LAN after it joined the network
    /// (reference/alibaba-provisioning.md §0.1 items 2 and 3): CoAP to port 5683,
    /// <c>device.info.notify</c> or <c>awss.event.connectap.notify</c>, params = the device-info
    /// block (productKey, deviceName, mac, ip, cipherType, …). The registrar stops pushing
    /// credentials to that device when it hears one (iotkit-embedded online_dev_bind_monitor).
    /// Only the Alink JSON payload is decoded here; the CoAP framing is the LAN adapter's.
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
            AlinkRequest request = AlinkRequest.Decode(json, payload, offset, count);
            if (request.Method != DeviceInfoNotifyMethod && request.Method != ConnectApNotifyMethod)
            {
                throw new ZeroConfigFormatException("LAN notice method is neither " + DeviceInfoNotifyMethod + " nor " + ConnectApNotifyMethod);
            }

            Hashtable parameters = request.ParamsObject;
            string productKey = JsonFields.GetString(parameters, "productKey");
            string deviceName = JsonFields.GetString(parameters, "deviceName");
            if (!DeviceCredentials.IsValidName(productKey) || !DeviceCredentials.IsValidName(deviceName))
            {
                throw new ZeroConfigFormatException("LAN notice productKey or deviceName is not a device name");
            }

            return new DeviceInfoNotice(request.Method, productKey, deviceName);
        }

        public override string ToString()
        {
            return Method + " " + ProductKey + "/" + DeviceName;
        }
    }
}
