using System.Net.NetworkInformation;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Net
{
    /// <summary>
    /// The soft AP of dev-ap onboarding (reference/alibaba-provisioning.md §3.1): an open network
    /// named adh_{ProductKey}_{last 3 MAC bytes, uppercase hex} at 192.168.4.1. nanoFramework
    /// applies a changed AP configuration at start-up, so <see cref="Enable"/> reports whether a
    /// reboot is needed (as the Samples' WiFiAP does; nanoframework.md §2.1). The dev-ap protocol
    /// itself (CoAP "switchap") belongs to the core's Onboarding layer, wired by a later issue.
    /// </summary>
    public static partial class SoftAccessPoint
    {
        public const string Address = "192.168.4.1";

        public const string SubnetMask = "255.255.255.0";

        private const string Component = "softap";

        /// <summary>The station interface's MAC address, or null when there is none.</summary>
        public static byte[] StationMac()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return interfaces[i].PhysicalAddress;
                }
            }

            return null;
        }

        /// <summary>
        /// Configures and enables the open soft AP <paramref name="ssid"/>. Returns true when the
        /// stored configuration changed: the caller must reboot for it to take effect.
        /// </summary>
        public static bool Enable(string ssid, ILog log)
        {
            WirelessAPConfiguration[] configs = WirelessAPConfiguration.GetAllWirelessAPConfigurations();
            if (configs.Length == 0)
            {
                log.Write(LogLevel.Error, Component, "this firmware has no soft AP configuration");
                return false;
            }

            WirelessAPConfiguration ap = configs[0];
            WirelessAPConfiguration.ConfigurationOptions wanted = WirelessAPConfiguration.ConfigurationOptions.AutoStart | WirelessAPConfiguration.ConfigurationOptions.Enable;
            if (ap.Ssid == ssid && ap.Options == wanted && ap.Authentication == AuthenticationType.Open)
            {
                return false;
            }

            NetworkInterface apInterface = FindInterface(NetworkInterfaceType.WirelessAP);
            if (apInterface != null)
            {
                apInterface.EnableStaticIPv4(Address, SubnetMask, Address);
            }

            ap.Options = wanted;
            ap.Ssid = ssid;
            ap.Password = string.Empty;
            ap.Authentication = AuthenticationType.Open;
            ap.MaxConnections = 1;
            ap.SaveConfiguration();
            log.Write(LogLevel.Information, Component, "soft AP '" + ssid + "' configured; applies after a reboot");
            return true;
        }

        /// <summary>Disables the soft AP. Returns true when the stored configuration changed (reboot to apply).</summary>
        public static bool Disable(ILog log)
        {
            WirelessAPConfiguration[] configs = WirelessAPConfiguration.GetAllWirelessAPConfigurations();
            if (configs.Length == 0 || configs[0].Options == WirelessAPConfiguration.ConfigurationOptions.None)
            {
                return false;
            }

            configs[0].Options = WirelessAPConfiguration.ConfigurationOptions.None;
            configs[0].SaveConfiguration();
            log.Write(LogLevel.Information, Component, "soft AP disabled; applies after a reboot");
            return true;
        }

        private static NetworkInterface FindInterface(NetworkInterfaceType type)
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == type)
                {
                    return interfaces[i];
                }
            }

            return null;
        }
    }
}
