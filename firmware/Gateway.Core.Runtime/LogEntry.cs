namespace Gateway.Core.Runtime
{
    /// <summary>One line kept by <see cref="CapturingLog"/>.</summary>
    public sealed class LogEntry
    {
        public LogEntry(LogLevel level, string component, string message)
        {
            Level = level;
            Component = component;
            Message = message;
        }

        public LogLevel Level { get; }

        public string Component { get; }

        public string Message { get; }

        /// <summary>"level component: message", the form <see cref="CapturingLog.AllText"/> joins.</summary>
        public override string ToString()
        {
            return LogLevels.Name(Level) + " " + Component + ": " + Message;
        }
    }
}
