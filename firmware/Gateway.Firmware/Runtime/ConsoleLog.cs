using System;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Runtime
{
    /// <summary>
    /// <see cref="ILog"/> on the device's console (the debug UART/USB that Visual Studio and
    /// nanoff show). <c>Console.WriteLine</c> rather than <c>Debug.WriteLine</c>: the latter is
    /// [Conditional("DEBUG")] and vanishes from Release builds (nanoframework.md §6). One line per
    /// call: "[ms] level component: message", time in milliseconds since boot.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly LogLevel _minimum;

        public ConsoleLog(LogLevel minimum)
        {
            _minimum = minimum;
        }

        public bool IsEnabled(LogLevel level)
        {
            return level >= _minimum;
        }

        public void Write(LogLevel level, string component, string message)
        {
            if (level < _minimum)
            {
                return;
            }

            Console.WriteLine("[" + Environment.TickCount64.ToString() + "] " + LogLevels.Name(level) + " " + component + ": " + message);
        }
    }
}
