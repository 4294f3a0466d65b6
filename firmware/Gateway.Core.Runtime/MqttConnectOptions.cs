namespace Gateway.Core.Runtime
{
    /// <summary>
    /// CONNECT fields for <see cref="IMqttLink.Connect"/>. The password is a credential: it never
    /// appears in <see cref="ToString"/>, a log line or an exception message.
    /// </summary>
    public sealed class MqttConnectOptions
    {
        public MqttConnectOptions(string clientId, string userName, string password, bool cleanSession, int keepAliveSeconds)
        {
            ClientId = clientId;
            UserName = userName;
            Password = password;
            CleanSession = cleanSession;
            KeepAliveSeconds = keepAliveSeconds;
        }

        public string ClientId { get; }

        public string UserName { get; }

        public string Password { get; }

        public bool CleanSession { get; }

        /// <summary>Keep-alive in seconds; the platform accepts 30..1200 (Link Kit MQTT CONNECT rules).</summary>
        public int KeepAliveSeconds { get; }

        public override string ToString()
        {
            return "clientId=" + ClientId + " user=" + UserName + " clean=" + (CleanSession ? "1" : "0") + " keepAlive=" + KeepAliveSeconds;
        }
    }
}
