using System;
using System.Collections;
using System.Text;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Keeps every log line in memory for tests and simulation, optionally forwarding each line
    /// to another log (a console while debugging a scenario). It enables every level, so lines a
    /// production log would filter out are still scanned: DESIGN.md §6 says no key or password
    /// appears in any log line, at any level. Thread-safe, because host adapters log from their
    /// own worker threads.
    /// </summary>
    public sealed class CapturingLog : ILog
    {
        private readonly ArrayList _entries = new ArrayList();
        private readonly object _sync = new object();
        private readonly ILog _forward;

        public CapturingLog()
            : this(null)
        {
        }

        /// <param name="forward">Another log that also receives each line it enables, or null.</param>
        public CapturingLog(ILog forward)
        {
            _forward = forward;
        }

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _entries.Count;
                }
            }
        }

        public bool IsEnabled(LogLevel level)
        {
            return true;
        }

        public void Write(LogLevel level, string component, string message)
        {
            LogEntry entry = new LogEntry(level, component == null ? string.Empty : component, message == null ? string.Empty : message);
            lock (_sync)
            {
                _entries.Add(entry);
            }

            if (_forward != null && _forward.IsEnabled(level))
            {
                _forward.Write(level, entry.Component, entry.Message);
            }
        }

        /// <summary>The line at <paramref name="index"/>, in the order written.</summary>
        public LogEntry Get(int index)
        {
            lock (_sync)
            {
                return (LogEntry)_entries[index];
            }
        }

        /// <summary>A copy of all lines, in the order written.</summary>
        public LogEntry[] ToArray()
        {
            lock (_sync)
            {
                LogEntry[] result = new LogEntry[_entries.Count];
                _entries.CopyTo(result, 0);
                return result;
            }
        }

        /// <summary>Lines at <paramref name="level"/> or above.</summary>
        public int CountAtLeast(LogLevel level)
        {
            lock (_sync)
            {
                int n = 0;
                for (int i = 0; i < _entries.Count; i++)
                {
                    if ((int)((LogEntry)_entries[i]).Level >= (int)level)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>Every line as "level component: message", one per line, for scanning.</summary>
        public string AllText()
        {
            lock (_sync)
            {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < _entries.Count; i++)
                {
                    text.Append(((LogEntry)_entries[i]).ToString());
                    text.Append('\n');
                }

                return text.ToString();
            }
        }

        /// <summary>Whether any line (component or message) contains <paramref name="text"/>, case-sensitive.</summary>
        public bool Contains(string text)
        {
            if (text == null || text.Length == 0)
            {
                throw new ArgumentException("text to search for is empty", "text");
            }

            return AllText().IndexOf(text) >= 0;
        }

        /// <summary>
        /// Whether <paramref name="secret"/> appears in any line in the forms a careless log line
        /// would print it: lower- or upper-case hex, or Base64. Use with keys, passwords' bytes,
        /// ECDH secrets. Secrets shorter than 4 octets are refused: they would match by chance.
        /// </summary>
        public bool ContainsSecret(byte[] secret)
        {
            if (secret == null || secret.Length < 4)
            {
                throw new ArgumentException("secret must have at least 4 octets", "secret");
            }

            string all = AllText();
            string hex = Hex.Encode(secret);
            if (all.IndexOf(hex) >= 0 || all.IndexOf(hex.ToUpper()) >= 0)
            {
                return true;
            }

            // Base64 of the whole secret; also without padding, as URL-safe encoders print it.
            string base64 = Convert.ToBase64String(secret);
            int end = base64.Length;
            while (end > 0 && base64[end - 1] == '=')
            {
                end--;
            }

            return all.IndexOf(base64.Substring(0, end)) >= 0;
        }

        /// <summary>Whether any line contains the UTF-8 text <paramref name="secret"/> (a password) verbatim.</summary>
        public bool ContainsSecret(string secret)
        {
            if (secret == null || secret.Length < 4)
            {
                throw new ArgumentException("secret must have at least 4 characters", "secret");
            }

            return AllText().IndexOf(secret) >= 0;
        }

        public void Clear()
        {
            lock (_sync)
            {
                _entries.Clear();
            }
        }
    }
}
