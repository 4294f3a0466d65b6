using Gateway.Cloud.Registry;

namespace Gateway.Cloud
{
    /// <summary>
    /// The platform's topic rule for a device: it may publish and subscribe only under its own
    /// <c>/sys/{productKey}/{deviceName}/</c> (Link Kit topic classes are isolated per device).
    /// Wildcards are allowed only after that prefix.
    /// </summary>
    public static class TopicAcl
    {
        public static bool MayPublish(DeviceKey device, string topic)
        {
            return topic != null
                && topic.StartsWith(device.TopicPrefix, System.StringComparison.Ordinal)
                && topic.Length > device.TopicPrefix.Length
                && topic.IndexOfAny(new[] { '+', '#' }) < 0;
        }

        public static bool MaySubscribe(DeviceKey device, string topicFilter)
        {
            if (topicFilter == null || !topicFilter.StartsWith(device.TopicPrefix, System.StringComparison.Ordinal) || topicFilter.Length == device.TopicPrefix.Length)
            {
                return false;
            }

            return topicFilter.IndexOfAny(new[] { '+', '#' }) >= device.TopicPrefix.Length || topicFilter.IndexOfAny(new[] { '+', '#' }) < 0;
        }
    }
}
