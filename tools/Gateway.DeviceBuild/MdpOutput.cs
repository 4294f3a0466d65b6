using System;

namespace Gateway.DeviceBuild
{
    /// <summary>Picks the one line that says why the metadata processor failed. Pure.</summary>
    public static class MdpOutput
    {
        /// <summary>
        /// The processor ends an unhandled exception with exit code 134, e.g.
        /// "System.InvalidOperationException: String table overflow in assembly 'X, Version=...'. Can't use so many strings."
        /// Prefers a line naming an overflow, then the first exception line, then the last non-empty line.
        /// </summary>
        public static string ErrorLine(string output)
        {
            string[] lines = (output ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            string exception = null;
            string last = null;
            foreach (string raw in lines)
            {
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.Contains("overflow", StringComparison.OrdinalIgnoreCase))
                {
                    return Shorten(line);
                }

                if (exception == null && line.Contains("Exception", StringComparison.Ordinal) && !line.StartsWith("at ", StringComparison.Ordinal))
                {
                    exception = line;
                }

                last = line;
            }

            return Shorten(exception ?? last ?? "(no output)");
        }

        /// <summary>A few words for the size table: "String table overflow", "Byte code table overflow", or the start of the line.</summary>
        public static string ShortReason(string errorLine)
        {
            foreach (string known in new[] { "String table overflow", "Byte code table overflow" })
            {
                if (errorLine.Contains(known, StringComparison.Ordinal))
                {
                    return known;
                }
            }

            return errorLine.Length <= 60 ? errorLine : errorLine.Substring(0, 57) + "...";
        }

        private static string Shorten(string line)
        {
            const string Unhandled = "Unhandled exception. ";
            return line.StartsWith(Unhandled, StringComparison.Ordinal) ? line.Substring(Unhandled.Length) : line;
        }
    }
}
