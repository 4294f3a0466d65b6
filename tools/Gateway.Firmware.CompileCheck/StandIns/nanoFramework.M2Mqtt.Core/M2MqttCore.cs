// Stand-ins (compile check only): the nanoFramework.M2Mqtt.Core assembly of package
// nanoFramework.M2Mqtt 5.1.220, as used by the firmware.
namespace nanoFramework.M2Mqtt
{
    using System;
    using nanoFramework.M2Mqtt.Messages;

    public interface IMqttClient
    {
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);
    }

    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    using System;

    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        GrantedFailure = 0x80,
    }

    public enum MqttReasonCode
    {
        Success = 0x00,
    }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        internal MqttMsgPublishEventArgs(int standIn)
        {
        }

        public string Topic
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public byte[] Message
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        internal MqttMsgPublishedEventArgs(int standIn)
        {
        }

        public ushort MessageId
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public bool IsPublished
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        internal MqttMsgSubscribedEventArgs(int standIn)
        {
        }

        public ushort MessageId
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public MqttQoSLevel[] GrantedQoSLevels
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }
}
