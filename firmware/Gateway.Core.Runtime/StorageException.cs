using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// The storage medium failed (unreadable folder, I/O error, full flash). Adapters wrap their
    /// platform's I/O exceptions in this one type so the core can handle storage failures
    /// without knowing the platform. Messages name the blob and folder, never the content.
    /// </summary>
    public class StorageException : Exception
    {
        public StorageException(string message)
            : base(message)
        {
        }

        public StorageException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
