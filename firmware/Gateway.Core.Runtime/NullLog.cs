namespace Gateway.Core.Runtime
{
    /// <summary>A log that drops everything; <see cref="IsEnabled"/> is false so callers skip building messages.</summary>
    public sealed class NullLog : ILog
    {
        /// <summary>Shared instance; it has no state, so sharing it is safe.</summary>
        public static readonly NullLog Instance = new NullLog();

        public bool IsEnabled(LogLevel level)
        {
            return false;
        }

        public void Write(LogLevel level, string component, string message)
        {
        }
    }
}
