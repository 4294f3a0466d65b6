namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// Tunables of <see cref="Registrar"/>; the defaults are the SDK's
    /// (reference/alibaba-provisioning.md §0, §1.2, §1.3; iotkit-embedded awss_registrar.c).
    /// </summary>
    public sealed class RegistrarSettings
    {
        /// <summary>The most enrollees a registrar may hold (ESP-ALI built as a gateway).</summary>
        public const int MaxTableSize = 20;

        /// <summary>Enrollees held at once: MAX_ENROLLEE_NUM 5; 1..20.</summary>
        public int MaxEnrollees { get; set; } = 5;

        /// <summary>HAL_Awss_Get_Channelscan_Interval_Ms: the enrollee's dwell per channel (reference HAL 250 ms).</summary>
        public int ChannelScanIntervalMilliseconds { get; set; } = 250;

        /// <summary>
        /// The 0xAB element goes out every channelscan_interval × 15/16 (≈234 ms): shorter than one
        /// dwell, so an enrollee that visits our channel hears at least one copy.
        /// </summary>
        public int ResponseIntervalMilliseconds
        {
            get { return ChannelScanIntervalMilliseconds * 15 / 16; }
        }

        /// <summary>REGISTRAR_WORK_TIME = 16 × 400 ms: how long the vendor-element filter stays on.</summary>
        public int SniffOnMilliseconds { get; set; } = 6400;

        /// <summary>REGISTRAR_IDLE_DUTY: off time = on time × this; 0 keeps sniffing all the time.</summary>
        public int SniffIdleDuty { get; set; } = 1;

        /// <summary>found_reply "timeout" when the cloud sends none, s (REGISTRAR_TIMEOUT).</summary>
        public int DefaultReportIntervalSeconds { get; set; } = 60;

        /// <summary>checkin "timeout" when the cloud sends none, s (REGISTRAR_TIMEOUT).</summary>
        public int DefaultCheckinTimeoutSeconds { get; set; } = 60;

        /// <summary>Cap on a cloud-supplied report interval or checkin timeout, s: a wrong value must not pin a slot for days.</summary>
        public int MaxTimeoutSeconds { get; set; } = 600;

        /// <summary>Newly heard enrollees are collected this long and reported in one found message.</summary>
        public int ReportDelayMilliseconds { get; set; } = 100;

        /// <summary>Records in one found message's payload array at most (keeps the message near 1 KiB).</summary>
        public int MaxRecordsPerReport { get; set; } = 5;

        /// <summary>Enrollees receiving 0xAB elements at the same time; the others wait with their key.</summary>
        public int MaxSimultaneousPushes { get; set; } = 5;

        /// <summary>
        /// Wait before asking for the key again (no answer, a malformed one, or an authority that could
        /// not send the request), and before offering a found report again that could not go out.
        /// </summary>
        public int CipherRetryDelayMilliseconds { get; set; } = 2000;

        /// <summary>Key requests (thing.cipher.get) per checkin at most.</summary>
        public int MaxCipherRequests { get; set; } = 3;

        /// <summary>Storage blob of the checked-in enrollees (never a key or a password).</summary>
        public string StateBlobName { get; set; } = "zeroconf.registrar";
    }
}
