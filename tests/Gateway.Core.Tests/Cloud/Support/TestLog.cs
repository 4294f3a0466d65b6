using System.Collections.Generic;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>Captures every log line so tests can scan them for secrets.</summary>
    public sealed class TestLog : ILog
    {
        private readonly object _gate = new object();
        private readonly List<string> _lines = new List<string>();

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return _lines.ToArray();
                }
            }
        }

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string component, string message)
        {
            lock (_gate)
            {
                _lines.Add(LogLevels.Name(level) + " " + component + ": " + message);
            }
        }

        public void AssertNeverContains(params string[] secrets)
        {
            foreach (string line in Lines)
            {
                foreach (string secret in secrets)
                {
                    Assert.DoesNotContain(secret, line);
                }
            }
        }
    }
}
