namespace Gateway.Core.Runtime
{
    /// <summary>Severity of a log line. Numeric values are stable: nanoFramework prints enums as numbers.</summary>
    public enum LogLevel
    {
        Trace = 0,
        Debug = 1,
        Information = 2,
        Warning = 3,
        Error = 4,
    }

    /// <summary>
    /// Log port. Never pass key material, passwords or device secrets: log identifiers
    /// (addresses, UUIDs, lengths, codes) instead. Tests capture every line and scan it for secrets.
    /// </summary>
    public interface ILog
    {
        bool IsEnabled(LogLevel level);

        void Write(LogLevel level, string component, string message);
    }

    /// <summary>Helpers that keep call sites short.</summary>
    public static class LogLevels
    {
        /// <summary>A fixed short name for a level (enum ToString prints a number on the device).</summary>
        public static string Name(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Trace: return "trace";
                case LogLevel.Debug: return "debug";
                case LogLevel.Information: return "info";
                case LogLevel.Warning: return "warn";
                case LogLevel.Error: return "error";
                default: return "level" + (int)level;
            }
        }
    }
}
