using System;

namespace Gateway.Core.Mesh.Config
{
    /// <summary>
    /// Timeouts and retries of <see cref="ConfigClient"/>. BlueZ's cfgcli waits 2 s, the nRF5 SDK
    /// 60 s (reference/ble-mesh.md §4.5); a segmented exchange over a GATT proxy with a lost segment
    /// needs several 400 ms retransmission rounds, hence the longer wait for segmented ones.
    /// </summary>
    public sealed class ConfigClientOptions
    {
        public ConfigClientOptions()
        {
            ResponseTimeoutMilliseconds = 5000;
            SegmentedResponseTimeoutMilliseconds = 10000;
            RetryCount = 2;
            SendRetryDelayMilliseconds = 1000;
            Ttl = -1;
        }

        /// <summary>Wait for an unsegmented request's status (each attempt).</summary>
        public int ResponseTimeoutMilliseconds { get; set; }

        /// <summary>Wait when the request or its status is segmented (AppKey Add, Composition Data Get).</summary>
        public int SegmentedResponseTimeoutMilliseconds { get; set; }

        /// <summary>Attempts after the first one.</summary>
        public int RetryCount { get; set; }

        /// <summary>
        /// Pause before the next attempt when the transport gave up on the request itself (a
        /// segmented request not acknowledged, the node busy); doubles with each attempt.
        /// </summary>
        public int SendRetryDelayMilliseconds { get; set; }

        /// <summary>TTL of requests; −1 uses the network's default.</summary>
        public int Ttl { get; set; }

        public void Validate()
        {
            if (ResponseTimeoutMilliseconds < 1 || SegmentedResponseTimeoutMilliseconds < 1 || RetryCount < 0 || RetryCount > 10
                || SendRetryDelayMilliseconds < 0 || SendRetryDelayMilliseconds > 60000)
            {
                throw new ArgumentOutOfRangeException("ResponseTimeoutMilliseconds");
            }
        }
    }
}
