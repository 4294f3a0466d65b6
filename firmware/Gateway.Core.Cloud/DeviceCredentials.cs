using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// A device's triple on the IoT platform (reference/alibaba-provisioning.md §0): ProductKey,
    /// DeviceName and the DeviceSecret. The secret never appears in <see cref="ToString"/>, logs
    /// or exception messages.
    /// </summary>
    public sealed class DeviceCredentials
    {
        public DeviceCredentials(string productKey, string deviceName, string deviceSecret)
        {
            CheckName(productKey, "productKey");
            CheckName(deviceName, "deviceName");
            if (deviceSecret == null || deviceSecret.Length == 0)
            {
                throw new ArgumentException("the device secret is empty", "deviceSecret");
            }

            ProductKey = productKey;
            DeviceName = deviceName;
            DeviceSecret = deviceSecret;
        }

        public string ProductKey { get; }

        public string DeviceName { get; }

        public string DeviceSecret { get; }

        public override string ToString()
        {
            return ProductKey + "/" + DeviceName;
        }

        /// <summary>
        /// ProductKey and DeviceName become topic levels (/sys/{pk}/{dn}/…), the user name
        /// ({dn}&amp;{pk}) and the client id, so MQTT wildcards, level separators and the
        /// separators of those strings are refused.
        /// </summary>
        public static bool IsValidName(string name)
        {
            return PlatformNames.IsValidName(name);
        }

        private static void CheckName(string name, string what)
        {
            if (!IsValidName(name))
            {
                throw new ArgumentException(what + " must be 1..64 printable ASCII characters without / + # & | , \" \\", what);
            }
        }
    }
}
