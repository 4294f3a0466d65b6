namespace Gateway.Cloud.InMemory
{
    /// <summary>MQTT 3.1.1 §4.7 topic filter matching: '+' one level, '#' this level and all below.</summary>
    public static class MqttTopicFilter
    {
        public static bool Matches(string filter, string topic)
        {
            if (string.IsNullOrEmpty(filter) || string.IsNullOrEmpty(topic))
            {
                return false;
            }

            string[] f = filter.Split('/');
            string[] t = topic.Split('/');

            // §4.7.2: wildcards at the first level do not match topics starting with '$'.
            if (topic[0] == '$' && (f[0] == "+" || f[0] == "#"))
            {
                return false;
            }

            for (int i = 0; i < f.Length; i++)
            {
                if (f[i] == "#")
                {
                    return i == f.Length - 1;
                }

                if (i >= t.Length)
                {
                    return false;
                }

                if (f[i] != "+" && f[i] != t[i])
                {
                    return false;
                }
            }

            return f.Length == t.Length;
        }

        /// <summary>A well-formed filter: '#' only last and alone in its level, '+' alone in its level.</summary>
        public static bool IsValid(string filter)
        {
            if (string.IsNullOrEmpty(filter))
            {
                return false;
            }

            string[] levels = filter.Split('/');
            for (int i = 0; i < levels.Length; i++)
            {
                string level = levels[i];
                if (level.Contains('#') && (level != "#" || i != levels.Length - 1))
                {
                    return false;
                }

                if (level.Contains('+') && level != "+")
                {
                    return false;
                }
            }

            return true;
        }
    }
}
