// Stand-ins (compile check only): the nanoFramework.M2Mqtt assembly of package
// nanoFramework.M2Mqtt 5.1.220, as used by the firmware. The real MqttClient also implements
// IMqttClient and IDisposable; the stand-in leaves the base list out so that it need not carry
// members the firmware does not use.
namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using System.Security.Cryptography.X509Certificates;
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttProtocolVersion
    {
        Version_3_1_1 = 0x04,
    }

    public class MqttClient
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            throw new NotImplementedException("stand-in");
        }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public bool IsConnected
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public MqttProtocolVersion ProtocolVersion
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod)
        {
            throw new NotImplementedException("stand-in");
        }

        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            throw new NotImplementedException("stand-in");
        }

        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            throw new NotImplementedException("stand-in");
        }

        public void Disconnect()
        {
            throw new NotImplementedException("stand-in");
        }

        public void Close()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    using System;

    public class MqttCommunicationException : Exception
    {
        internal MqttCommunicationException(int standIn)
        {
        }
    }

    public class MqttConnectionException : Exception
    {
        internal MqttConnectionException(int standIn)
        {
        }
    }
}
