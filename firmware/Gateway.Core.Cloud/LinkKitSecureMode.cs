namespace Gateway.Core.Cloud
{
    /// <summary>
    /// The <c>securemode</c> value of the Link Kit MQTT client id (Alibaba IoT Platform "MQTT-TCP
    /// connection" documentation; iotkit-embedded dev_sign: MODE_TLS_DIRECT "2",
    /// MODE_TCP_DIRECT_PLAIN "3"). Numeric values are the wire values.
    /// </summary>
    public enum LinkKitSecureMode
    {
        /// <summary>TLS direct connection (port 8883 on the platform; production).</summary>
        TlsDirect = 2,

        /// <summary>Plain TCP direct connection (port 1883; development and the emulator).</summary>
        TcpDirect = 3,
    }
}
