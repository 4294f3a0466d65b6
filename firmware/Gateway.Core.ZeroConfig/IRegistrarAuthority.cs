namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// What a <see cref="Registrar"/> asks of whoever decides which enrollees get the home network
    /// and holds their keys (reference/alibaba-provisioning.md §1.2: the cloud, after the user
    /// approved in the phone app). The gateway's zero-config workflow joins it to the cloud; a test
    /// may answer it directly. The answers come back through the registrar's methods:
    /// <see cref="Registrar.FoundAccepted"/>, <see cref="Registrar.FoundAnswered"/>,
    /// <see cref="Registrar.Checkin"/>, <see cref="Registrar.SupplyKey"/>,
    /// <see cref="Registrar.KeyRefused"/>, <see cref="Registrar.KeyNotReceived"/> and
    /// <see cref="Registrar.EnrolleeOnline"/>. Called on the scheduler's thread only.
    /// </summary>
    public interface IRegistrarAuthority
    {
        /// <summary>
        /// §1.2 row 1: report enrollees that were heard. Returns an id for the report (the answer
        /// names it in <see cref="Registrar.FoundAnswered"/>), or null when it cannot go out now;
        /// the registrar offers it again after <see cref="RegistrarSettings.CipherRetryDelayMilliseconds"/>.
        /// Nothing of a report has to survive a restart: the enrollees are heard and reported again.
        /// </summary>
        string ReportFound(FoundReport report);

        /// <summary>
        /// §1.2 row 5: the per-session key of a checked-in enrollee, for the session that
        /// <paramref name="random"/> (16 octets, a copy) names; <paramref name="security"/> is the
        /// enrollee's security byte (3 per product, 4 per device, 5 per manufacturer). Returns an id
        /// for the request, or null when it cannot be sent now (asked again after the retry delay).
        /// The registrar keeps the id on storage with the session; a request that survives a
        /// restart is answered the same way as one that did not.
        /// </summary>
        string RequestKey(string productKey, string deviceName, int security, byte[] random);

        /// <summary>
        /// After a restart: whether the key request with <paramref name="requestId"/> (an id
        /// <see cref="RequestKey"/> returned before it) is still on its way, so its answer will
        /// come. False makes the registrar ask again.
        /// </summary>
        bool IsKeyRequestPending(string requestId);
    }
}
