// Stand-ins (compile check only): nanoFramework.System.Net 1.11.60, as used by the firmware. They
// shadow .NET's NetworkInterface and X509Certificate here (CS0436); nanoFramework's
// X509Certificate(string) takes PEM text, not a file path.
namespace System.Net.NetworkInformation
{
    public enum AuthenticationType : byte
    {
        None = 0,

        // The list gives no value for Open (the members after None are implicit).
        Open,
    }

    public enum NetworkInterfaceType
    {
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex)
        {
            throw new NotImplementedException("stand-in");
        }

        public NetworkInterfaceType NetworkInterfaceType
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public string IPv4Address
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public byte[] PhysicalAddress
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public static NetworkInterface[] GetAllNetworkInterfaces()
        {
            throw new NotImplementedException("stand-in");
        }

        public static bool GetIsNetworkAvailable()
        {
            throw new NotImplementedException("stand-in");
        }

        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class WirelessAPConfiguration
    {
        internal WirelessAPConfiguration(int standIn)
        {
        }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Enable = 0x02,
            AutoStart = 0x04 | Enable,
        }

        public AuthenticationType Authentication
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public ConfigurationOptions Options
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public string Password
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public string Ssid
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public byte MaxConnections
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations()
        {
            throw new NotImplementedException("stand-in");
        }

        public void SaveConfiguration()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(string certificate)
        {
            throw new NotImplementedException("stand-in");
        }
    }
}

namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None,
    }
}
