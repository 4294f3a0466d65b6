namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The registrar's answer to a checkin (reference/alibaba-provisioning.md §1.2 rows 3–4).
    /// Numeric values are stable.
    /// </summary>
    public enum CheckinResult
    {
        /// <summary>An enrollee this registrar reported and nobody checked in yet: its key is asked for next.</summary>
        Accepted = 0,

        /// <summary>This registrar did not report that enrollee (not in the table, or still waiting to be reported).</summary>
        NotReported = 1,

        /// <summary>The enrollee was checked in already; the session in progress goes on unchanged.</summary>
        Repeated = 2,
    }

    /// <summary>
    /// Receives the answer to a checkin before the registrar acts on it, so the answer goes out
    /// ahead of the key request that follows an accepted checkin (§1.2 row 4 before row 5).
    /// </summary>
    public delegate void CheckinAnswerHandler(CheckinResult result);
}
