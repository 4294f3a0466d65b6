namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// Where one enrollee is in the registrar (reference/alibaba-provisioning.md §1.2, the SDK's
    /// ENR_* states). Numeric values are stable (persisted, and printed as numbers on the device).
    /// </summary>
    public enum EnrolleeSessionState
    {
        /// <summary>No such enrollee in the table (ENR_FREE).</summary>
        Free = 0,

        /// <summary>Heard, waiting to be reported to the cloud (ENR_IN_QUEUE).</summary>
        InQueue = 1,

        /// <summary>Reported in thing.awss.enrollee.found; waiting for the user's approval (ENR_FOUND).</summary>
        Found = 2,

        /// <summary>Checkin accepted; thing.cipher.get asked for the session key (ENR_CHECKIN_ENABLE).</summary>
        CheckinEnabled = 3,

        /// <summary>Key received and response element built; waiting for a push slot (ENR_CHECKIN_CIPHER).</summary>
        CheckinCipher = 4,

        /// <summary>Sending the 0xAB element every ~234 ms until online or timeout (ENR_CHECKIN_ONGOING).</summary>
        CheckinOngoing = 5,
    }
}
