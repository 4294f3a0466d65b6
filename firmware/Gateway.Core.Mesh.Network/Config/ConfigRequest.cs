using System;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>One queued or outstanding Configuration request and what its status must echo.</summary>
    internal sealed class ConfigRequest
    {
        public int Node;
        public int Opcode;
        public int StatusOpcode;
        public byte[] Payload;
        public int Timeout;
        public int AttemptsLeft;
        public int Attempts;
        public int Timer;
        public bool Active;

        /// <summary>The current attempt's transmission has not reported its result yet.</summary>
        public bool Sending;

        /// <summary>The current attempt's wait ran out while it was still <see cref="Sending"/>.</summary>
        public bool TimedOut;
        public ConfigResultHandler Callback;
        public Action TimerAction;

        // Fields the status must match (−1: any).
        public int NetKeyIndex = -1;
        public int AppKeyIndex = -1;
        public int ElementAddress = -1;
        public int Address = -1;
        public int Page = -1;
        public bool MatchModel;
        public uint ModelId;
        public bool Vendor;

        public bool Matches(ConfigStatusMessage status)
        {
            if (status.Opcode != StatusOpcode)
            {
                return false;
            }

            if ((NetKeyIndex >= 0 && status.NetKeyIndex != NetKeyIndex) || (AppKeyIndex >= 0 && status.AppKeyIndex != AppKeyIndex)
                || (ElementAddress >= 0 && status.ElementAddress != ElementAddress) || (Address >= 0 && status.Address != Address))
            {
                return false;
            }

            // Composition Data Get with page 0xFF is answered with the highest page there is.
            if (Page >= 0 && Page != 0xFF && status.Page != Page)
            {
                return false;
            }

            return !MatchModel || (status.ModelId == ModelId && status.IsVendorModel == Vendor);
        }
    }
}
