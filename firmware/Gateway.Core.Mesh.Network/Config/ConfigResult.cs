namespace Gateway.Core.Mesh.Config
{
    /// <summary>How a Configuration request ended. Numeric values are stable.</summary>
    public enum ConfigOutcome
    {
        /// <summary>The node answered: see <see cref="ConfigResult.Status"/> (its status code may still be a failure).</summary>
        Answered = 0,

        /// <summary>No matching status after every attempt.</summary>
        Timeout = 1,

        /// <summary>The stack could not send (no key, no SEQ).</summary>
        SendFailed = 2,

        /// <summary>Cancelled before it completed.</summary>
        Cancelled = 3,
    }

    /// <summary>The outcome of one Configuration request.</summary>
    public sealed class ConfigResult
    {
        internal ConfigResult(int node, int requestOpcode, ConfigOutcome outcome, ConfigStatusMessage status, int attempts)
        {
            Node = node;
            RequestOpcode = requestOpcode;
            Outcome = outcome;
            Status = status;
            Attempts = attempts;
        }

        /// <summary>Primary element address of the node.</summary>
        public int Node { get; }

        public int RequestOpcode { get; }

        public ConfigOutcome Outcome { get; }

        /// <summary>The node's answer when <see cref="Outcome"/> is <see cref="ConfigOutcome.Answered"/>, else null.</summary>
        public ConfigStatusMessage Status { get; }

        /// <summary>Transmissions of the request made (1 + retries used).</summary>
        public int Attempts { get; }

        /// <summary>Answered with status Success.</summary>
        public bool Succeeded
        {
            get { return Outcome == ConfigOutcome.Answered && Status.IsSuccess; }
        }
    }

    /// <summary>Completion of a <see cref="ConfigClient"/> request, called from the scheduler.</summary>
    public delegate void ConfigResultHandler(ConfigResult result);
}
