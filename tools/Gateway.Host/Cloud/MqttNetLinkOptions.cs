using System;

namespace Gateway.Host.Cloud
{
    /// <summary>Where <see cref="MqttNetLink"/> connects: broker host and port, TLS or plain TCP.</summary>
    public sealed class MqttNetLinkOptions
    {
        public MqttNetLinkOptions(string host, int port, bool useTls)
        {
            if (string.IsNullOrEmpty(host))
            {
                throw new ArgumentException("host is required", nameof(host));
            }

            if (port <= 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port));
            }

            Host = host;
            Port = port;
            UseTls = useTls;
        }

        public string Host { get; }

        public int Port { get; }

        public bool UseTls { get; }

        /// <summary>Accept a broker certificate that does not validate (development brokers only).</summary>
        public bool AllowUntrustedCertificates { get; init; }

        /// <summary>Time allowed for TCP, TLS and CONNACK together.</summary>
        public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

        /// <summary>Parses mqtt://host:port or mqtts://host:port (default ports 1883 and 8883).</summary>
        public static MqttNetLinkOptions FromUri(Uri uri)
        {
            bool tls = uri.Scheme == "mqtts" || uri.Scheme == "ssl" || uri.Scheme == "tls";
            if (!tls && uri.Scheme != "mqtt" && uri.Scheme != "tcp")
            {
                throw new ArgumentException("broker URL scheme must be mqtt:// or mqtts://", nameof(uri));
            }

            int port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 8883 : 1883) : uri.Port;
            return new MqttNetLinkOptions(uri.Host, port, tls);
        }
    }
}
