namespace Gateway.Core.Runtime
{
    /// <summary>
    /// The IoT platform's identifier rules, shared by every layer that reads them: the cloud link
    /// (topics, sign-in, Alink envelopes), the zero-config registrar (enrollee elements, LAN
    /// notices, its stored table) and the configuration file. One copy, so a name the cloud link
    /// refuses is refused everywhere (reference/alibaba-provisioning.md §0).
    /// </summary>
    public static class PlatformNames
    {
        /// <summary>Longest ProductKey or DeviceName accepted.</summary>
        public const int MaxNameLength = 64;

        /// <summary>Longest Alink message id accepted.</summary>
        public const int MaxMessageIdLength = 32;

        /// <summary>
        /// A character of a ProductKey or DeviceName: printable ASCII without the characters that
        /// would break a topic level (/sys/{pk}/{dn}/…, MQTT wildcards), the Link Kit user name
        /// ({dn}&amp;{pk}), the client id's separators or a JSON string.
        /// </summary>
        public static bool IsNameCharacter(int c)
        {
            return c > 0x20 && c <= 0x7E && c != '/' && c != '+' && c != '#' && c != '&' && c != '|' && c != ',' && c != '"' && c != '\\';
        }

        /// <summary>A ProductKey or DeviceName: 1..64 characters, each one <see cref="IsNameCharacter"/> allows.</summary>
        public static bool IsValidName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxNameLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (!IsNameCharacter(name[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// An Alink message id held as a string: 1..32 characters of [0-9A-Za-z_-], so an id can be
        /// a log token and a storage key without escaping.
        /// </summary>
        public static bool IsValidMessageId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxMessageIdLength)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
