using Gateway.Cloud.Registry;

namespace Gateway.Cloud.ZeroConfig
{
    /// <summary>Where a zero-config enrollee is in the cloud's flow (reference/alibaba-provisioning.md §1.2).</summary>
    public enum EnrolleeState
    {
        /// <summary>Reported and verified; waiting for the approval policy.</summary>
        Found,

        /// <summary>Manual policy: on the operator's pending list.</summary>
        Pending,

        /// <summary>Approved; checkin sent to the registrar.</summary>
        Approved,

        /// <summary>The registrar acknowledged the checkin.</summary>
        CheckinAcknowledged,

        /// <summary>The registrar received the per-session key (cipher/get answered).</summary>
        KeyIssued,

        /// <summary>The enrollee signed in as itself and reported its bind token.</summary>
        Matched,

        /// <summary>Refused by policy or by the operator.</summary>
        Denied,
    }

    /// <summary>The cloud's view of one enrollee. The id is "{productKey}.{deviceName}".</summary>
    public sealed class EnrolleeRecord
    {
        internal EnrolleeRecord(DeviceKey device)
        {
            Device = device;
        }

        public DeviceKey Device { get; }

        public string Id => Device.ProductKey + "." + Device.DeviceName;

        public EnrolleeState State { get; internal set; }

        /// <summary>The gateway that reported it (and is the only one that may ask for its key).</summary>
        public DeviceKey Registrar { get; internal set; }

        /// <summary>The 16-octet random of the latest report, uppercase hex.</summary>
        public string Random { get; internal set; }

        public byte Security { get; internal set; }

        public int Rssi { get; internal set; }

        public string Ssid { get; internal set; }

        public int FoundReports { get; internal set; }

        /// <summary>Id of the checkin request sent for it, or null.</summary>
        public string CheckinId { get; internal set; }

        public int CheckinsSent { get; internal set; }

        public int KeysIssued { get; internal set; }

        /// <summary>thing.awss.enrollee.match messages received (the device resends until it has a reply).</summary>
        public int MatchReports { get; internal set; }

        /// <summary>The bind token from thing.awss.enrollee.match, or null.</summary>
        public string Token { get; internal set; }

        public override string ToString() => Id + " " + State;
    }
}
