using System;
using System.Globalization;
using System.IO;
using Gateway.Core.Runtime;

namespace Gateway.Host.Runtime
{
    /// <summary>
    /// <see cref="ILog"/> that writes one line per message:
    /// <c>2025-01-31T12:00:00.123Z info  mesh.prov: message</c> (UTC timestamp, level name from
    /// <see cref="LogLevels.Name"/>, component). Line breaks inside a message are escaped so one
    /// message is always one line (a message cannot forge another line). Writes to standard error by
    /// default, so logs never mix with a command's output on standard output. Thread-safe.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly TextWriter _writer;
        private readonly Func<DateTimeOffset> _clock;
        private readonly object _sync = new object();

        public ConsoleLog(LogLevel minimumLevel = LogLevel.Information)
            : this(minimumLevel, Console.Error, null)
        {
        }

        /// <param name="writer">Where lines go.</param>
        /// <param name="clock">Wall-clock time for the stamp; null for <see cref="DateTimeOffset.UtcNow"/>.</param>
        public ConsoleLog(LogLevel minimumLevel, TextWriter writer, Func<DateTimeOffset> clock = null)
        {
            ArgumentNullException.ThrowIfNull(writer);
            MinimumLevel = minimumLevel;
            _writer = writer;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Lines below this level are dropped. Can change while running.</summary>
        public LogLevel MinimumLevel { get; set; }

        public bool IsEnabled(LogLevel level)
        {
            return level >= MinimumLevel;
        }

        public void Write(LogLevel level, string component, string message)
        {
            if (!IsEnabled(level))
            {
                return;
            }

            string stamp = _clock().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            string line = stamp + " " + LogLevels.Name(level).PadRight(5) + " " + OneLine(component) + ": " + OneLine(message);
            lock (_sync)
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
        }

        private static string OneLine(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            if (text.AsSpan().IndexOfAny('\r', '\n') < 0)
            {
                return text;
            }

            return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        }
    }
}
