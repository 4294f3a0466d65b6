using Gateway.Core.Runtime;

namespace Gateway.Firmware.Cloud
{
    /// <summary>CONNACK reason codes of M2Mqtt as the port's connect status.</summary>
    /// <remarks>
    /// No nanoFramework API in this part: tests/Gateway.Core.Tests compiles it on the host
    /// (Firmware/FirmwareAdapterLogicTests). Keep it that way.
    /// </remarks>
    public sealed partial class M2MqttLink
    {
        /// <summary>
        /// The port's status for an M2Mqtt CONNACK reason: 0..5 are the MQTT 3.1.1 return codes
        /// (MQTT 3.1.1 §3.2.2.3) with the same numbers in both enums; anything else is an MQTT 5
        /// reason the core treats as a refusal.
        /// </summary>
        public static MqttConnectStatus MapReasonCode(int reasonCode)
        {
            if (reasonCode >= 0 && reasonCode <= 5)
            {
                return (MqttConnectStatus)reasonCode;
            }

            return MqttConnectStatus.Refused;
        }
    }
}
