using System;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Topic names of one device (DESIGN.md §6): every Alink method has the topic
    /// <c>/sys/{productKey}/{deviceName}/</c> + the method with '.' turned into '/', and its answer
    /// travels on the same topic + <c>_reply</c> (reference/alibaba-provisioning.md §1.2,
    /// iotkit-embedded awss_packet.h topic table).
    /// </summary>
    public sealed class TopicBuilder
    {
        public const string SystemRoot = "/sys/";

        public const string ReplySuffix = "_reply";

        public TopicBuilder(string productKey, string deviceName)
        {
            if (!DeviceCredentials.IsValidName(productKey) || !DeviceCredentials.IsValidName(deviceName))
            {
                throw new ArgumentException("product key or device name cannot be a topic level");
            }

            ProductKey = productKey;
            DeviceName = deviceName;
            Prefix = SystemRoot + productKey + "/" + deviceName;
        }

        public string ProductKey { get; }

        public string DeviceName { get; }

        /// <summary><c>/sys/{productKey}/{deviceName}</c>, without a trailing slash.</summary>
        public string Prefix { get; }

        /// <summary>The request topic of <paramref name="method"/>, e.g. thing.cipher.get → /sys/pk/dn/thing/cipher/get.</summary>
        public string ForMethod(string method)
        {
            return Prefix + MethodSuffix(method);
        }

        /// <summary>The reply topic of <paramref name="method"/> (request topic + "_reply").</summary>
        public string ReplyForMethod(string method)
        {
            return Prefix + MethodSuffix(method) + ReplySuffix;
        }

        /// <summary>"/" + the method with every '.' replaced by '/'. Refuses names that are not Alink methods.</summary>
        public static string MethodSuffix(string method)
        {
            if (!IsValidMethod(method))
            {
                throw new ArgumentException("not an Alink method name", "method");
            }

            char[] chars = new char[method.Length + 1];
            chars[0] = '/';
            for (int i = 0; i < method.Length; i++)
            {
                char c = method[i];
                chars[i + 1] = c == '.' ? '/' : c;
            }

            return new string(chars);
        }

        /// <summary>Dot-separated non-empty segments of letters, digits and '_' (e.g. thing.awss.enrollee.found).</summary>
        public static bool IsValidMethod(string method)
        {
            if (method == null || method.Length == 0 || method.Length > 128)
            {
                return false;
            }

            bool segmentEmpty = true;
            for (int i = 0; i < method.Length; i++)
            {
                char c = method[i];
                if (c == '.')
                {
                    if (segmentEmpty)
                    {
                        return false;
                    }

                    segmentEmpty = true;
                    continue;
                }

                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                if (!ok)
                {
                    return false;
                }

                segmentEmpty = false;
            }

            return !segmentEmpty;
        }

        /// <summary>True when <paramref name="topic"/> is an answer topic (ends with "_reply").</summary>
        public static bool IsReply(string topic)
        {
            return topic != null && topic.EndsWith(ReplySuffix);
        }

        /// <summary>
        /// Splits <c>/sys/{pk}/{dn}/{rest}</c>. <paramref name="suffix"/> keeps its leading '/'
        /// (e.g. "/thing/cipher/get_reply"). Returns false for any other shape.
        /// </summary>
        public static bool TryParse(string topic, out string productKey, out string deviceName, out string suffix)
        {
            productKey = null;
            deviceName = null;
            suffix = null;
            if (topic == null || !topic.StartsWith(SystemRoot))
            {
                return false;
            }

            int pkStart = SystemRoot.Length;
            int pkEnd = topic.IndexOf('/', pkStart);
            if (pkEnd <= pkStart)
            {
                return false;
            }

            int dnEnd = topic.IndexOf('/', pkEnd + 1);
            if (dnEnd <= pkEnd + 1 || dnEnd == topic.Length - 1)
            {
                return false;
            }

            productKey = topic.Substring(pkStart, pkEnd - pkStart);
            deviceName = topic.Substring(pkEnd + 1, dnEnd - pkEnd - 1);
            suffix = topic.Substring(dnEnd);
            return true;
        }
    }
}
