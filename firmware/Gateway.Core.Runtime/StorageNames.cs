using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// The one rule for blob names shared by every <see cref="IStorage"/> adapter, so a name that
    /// works in simulation also works on LittleFS and in a host folder: 1 to 64 characters from
    /// letters, digits, '.', '-' and '_'. "." and ".." are refused because every file system
    /// reads them as directories. Characters outside the set stay free for adapters' own files
    /// (the host's temporary files start with '~', so they can never collide with a blob).
    /// </summary>
    public static class StorageNames
    {
        /// <summary>Longest accepted name; LittleFS's default name limit is 255, so 64 leaves room for adapter prefixes.</summary>
        public const int MaxLength = 64;

        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength)
            {
                return false;
            }

            if (name == "." || name == "..")
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is valid.</summary>
        public static void Validate(string name)
        {
            if (!IsValid(name))
            {
                // The name is an identifier chosen by our own code, not secret, but it may be long or
                // contain control characters: report only its length.
                int length = name == null ? -1 : name.Length;
                throw new ArgumentException("invalid storage name (length " + length + "): use 1.." + MaxLength + " letters, digits, '.', '-' or '_'", "name");
            }
        }

        /// <summary>Ordinal comparison (string.CompareOrdinal is missing on the device) so List() orders the same everywhere.</summary>
        public static int CompareOrdinal(string a, string b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                int d = a[i] - b[i];
                if (d != 0)
                {
                    return d;
                }
            }

            return a.Length - b.Length;
        }
    }
}
