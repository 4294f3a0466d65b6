namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Reply codes. 200 is the platform's success code (iotkit-embedded awss_packet.h); the
    /// others are the HTTP-style codes this project uses between the gateway and the emulator
    /// (docs/cloud-protocol.md §Codes).
    /// </summary>
    public static class AlinkCodes
    {
        public const int Success = 200;

        /// <summary>The request envelope or its params are malformed.</summary>
        public const int BadRequest = 400;

        /// <summary>The sender may not ask this (not the registrar of that enrollee, not approved yet).</summary>
        public const int Forbidden = 403;

        /// <summary>The device or enrollee the request names is unknown.</summary>
        public const int NotFound = 404;

        /// <summary>The request repeats one already acted on under another id (a second checkin of the same enrollee).</summary>
        public const int Conflict = 409;

        /// <summary>A parameter is well-formed but wrong (a random that does not match, an unsupported cipher type).</summary>
        public const int InvalidParameter = 460;

        /// <summary>The receiver failed while handling a well-formed request.</summary>
        public const int InternalError = 500;
    }
}
