namespace Gateway.Core.Cloud
{
    /// <summary>Connection state of <see cref="CloudLink"/>. Numeric values are stable (printed as numbers on the device).</summary>
    public enum CloudLinkState
    {
        /// <summary>Not started, or stopped: no connection and no timers.</summary>
        Stopped = 0,

        /// <summary>A connect attempt is under way.</summary>
        Connecting = 1,

        /// <summary>Signed in and subscribed; requests flow.</summary>
        Connected = 2,

        /// <summary>Waiting out a backoff delay before the next attempt.</summary>
        WaitingToReconnect = 3,
    }
}
