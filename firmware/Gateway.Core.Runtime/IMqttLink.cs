namespace Gateway.Core.Runtime
{
    /// <summary>MQTT quality of service the core uses. The platform supports 0 and 1, not 2 (Link Kit MQTT rules).</summary>
    public enum MqttQos
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
    }

    /// <summary>
    /// Result of a connect attempt. 0..5 are the MQTT 3.1.1 CONNACK return codes (MQTT 3.1.1 §3.2.2.3);
    /// the others are the adapter's own (no CONNACK was received). Numeric values are stable.
    /// </summary>
    public enum MqttConnectStatus
    {
        Accepted = 0,
        UnacceptableProtocolVersion = 1,
        IdentifierRejected = 2,
        ServerUnavailable = 3,
        BadUserNameOrPassword = 4,
        NotAuthorized = 5,

        /// <summary>The socket or TLS session could not be opened, or broke before CONNACK.</summary>
        TransportFailed = 100,

        /// <summary>No CONNACK within the adapter's timeout.</summary>
        Timeout = 101,

        /// <summary>Refused with a reason outside the 3.1.1 set (an MQTT 5 reason code).</summary>
        Refused = 102,
    }

    /// <summary>Outcome of <see cref="IMqttLink.Connect"/>.</summary>
    public delegate void MqttConnectCallback(MqttConnectStatus status);

    /// <summary>
    /// Outcome of a publish: QoS 1 reports the PUBACK (true) or a failure (false, e.g. the link
    /// dropped first); QoS 0 reports true once the packet was handed to the transport.
    /// </summary>
    public delegate void MqttPublishCallback(bool delivered);

    /// <summary>Outcome of a subscribe: true when the broker granted every filter.</summary>
    public delegate void MqttSubscribeCallback(bool granted);

    /// <summary>An application message. The payload array belongs to the receiver after the call.</summary>
    public delegate void MqttMessageHandler(string topic, byte[] payload);

    /// <summary>A link event without arguments (connected, connection lost).</summary>
    public delegate void MqttLinkEventHandler();

    /// <summary>
    /// MQTT client port (DESIGN.md §3). One broker connection, MQTT 3.1.1. Device: nanoFramework
    /// M2Mqtt (its synchronous Connect runs on an adapter worker thread; MqttMsgPublished maps to
    /// the publish callback, MqttMsgSubscribed to the subscribe callback, ConnectionClosed to
    /// <see cref="ConnectionLost"/>); host: MQTTnet; tests: the in-memory broker.
    /// Every callback and event is raised on the scheduler's thread, never inside the call that
    /// caused it. The adapter never reconnects by itself: <c>CloudLink</c> owns reconnection.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>True between an accepted CONNACK and the loss or close of the connection.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Opens the connection. <paramref name="callback"/> runs exactly once with the result;
        /// <see cref="Connected"/> follows an accepted connect.
        /// </summary>
        void Connect(MqttConnectOptions options, MqttConnectCallback callback);

        /// <summary>
        /// Publishes <paramref name="payload"/> (not retained). The adapter copies or owns the array.
        /// <paramref name="callback"/> may be null; when given it runs exactly once.
        /// </summary>
        void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback);

        /// <summary>Subscribes to topic filters at one QoS. <paramref name="callback"/> may be null.</summary>
        void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback);

        /// <summary>Sends DISCONNECT and closes. <see cref="ConnectionLost"/> is not raised for it.</summary>
        void Disconnect();

        /// <summary>Raised after an accepted connect.</summary>
        event MqttLinkEventHandler Connected;

        /// <summary>Raised when an open connection drops without <see cref="Disconnect"/> being called.</summary>
        event MqttLinkEventHandler ConnectionLost;

        /// <summary>Raised for each application message received on a subscribed topic.</summary>
        event MqttMessageHandler MessageReceived;
    }
}
