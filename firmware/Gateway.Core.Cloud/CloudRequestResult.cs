namespace Gateway.Core.Cloud
{
    /// <summary>How a request ended. Numeric values are stable.</summary>
    public enum CloudRequestOutcome
    {
        /// <summary>A reply with this id arrived (its code may still be an error).</summary>
        Replied = 0,

        /// <summary>Every attempt timed out without a reply.</summary>
        TimedOut = 1,

        /// <summary>Refused locally: the outbox was full.</summary>
        Rejected = 2,
    }

    /// <summary>The end of one request: the request as sent and, when <see cref="Outcome"/> is Replied, the reply.</summary>
    public sealed class CloudRequestResult
    {
        public CloudRequestResult(CloudRequestOutcome outcome, AlinkRequest request, AlinkReply reply)
        {
            Outcome = outcome;
            Request = request;
            Reply = reply;
        }

        public CloudRequestOutcome Outcome { get; }

        public AlinkRequest Request { get; }

        /// <summary>The reply, or null unless <see cref="Outcome"/> is Replied.</summary>
        public AlinkReply Reply { get; }
    }

    /// <summary>Receives the end of a request (on the scheduler's thread).</summary>
    public delegate void CloudRequestCallback(CloudRequestResult result);

    /// <summary>Receives a request from the cloud; answer it with <see cref="CloudLink.Reply"/>, now or later.</summary>
    public delegate void AlinkRequestHandler(AlinkRequest request);

    /// <summary>Receives state changes of <see cref="CloudLink"/>.</summary>
    public delegate void CloudLinkStateHandler(CloudLinkState state);
}
