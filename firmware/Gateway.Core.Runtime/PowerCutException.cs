using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Thrown by <see cref="MemoryStorage"/> when a test cuts the power: the "device" stops here.
    /// Deliberately not a <see cref="StorageException"/>, so code that handles storage errors
    /// does not carry on as if the device were still running.
    /// </summary>
    public class PowerCutException : Exception
    {
        public PowerCutException(string message)
            : base(message)
        {
        }
    }
}
