namespace Gateway.Core.ZeroConfig
{
    /// <summary>What happened to an enrollee in the registrar. Numeric values are stable.</summary>
    public enum RegistrarEventKind
    {
        /// <summary>A new enrollee entered the table.</summary>
        Heard = 0,

        /// <summary>It was reported to the authority (thing.awss.enrollee.found).</summary>
        Reported = 1,

        /// <summary>The authority left it out of its answer to the report (found_reply: unknown, forged or denied).</summary>
        NotAccepted = 2,

        /// <summary>Its found-report interval passed without a checkin; the slot is free again.</summary>
        Evicted = 3,

        /// <summary>The authority's checkin (user approval) was accepted.</summary>
        CheckedIn = 4,

        /// <summary>The per-session key arrived; the response element is built.</summary>
        KeyReceived = 5,

        /// <summary>Sending the response element started.</summary>
        PushStarted = 6,

        /// <summary>The enrollee is online (its LAN notice, or the authority said so); pushing stopped, slot free.</summary>
        Online = 7,

        /// <summary>The checkin timeout passed before the enrollee came online; slot free.</summary>
        TimedOut = 8,

        /// <summary>The authority refused the key request; slot free.</summary>
        Refused = 9,
    }

    /// <summary>Receives registrar events (on the scheduler's thread).</summary>
    public delegate void RegistrarEventHandler(RegistrarEventKind kind, string productKey, string deviceName);
}
