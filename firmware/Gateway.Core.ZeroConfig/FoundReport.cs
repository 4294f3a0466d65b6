using System;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The content of one found report (reference/alibaba-provisioning.md §1.2 row 1): the
    /// enrollees heard and not yet reported, each as its binary record dn_len ‖ DN ‖ pk_len ‖ PK ‖
    /// rand_len ‖ random ‖ security ‖ sign_method ‖ sign_len ‖ sign (the element body minus
    /// header, version and frame_type), the strongest RSSI among them, and the network the
    /// registrar is on. The records are copies the report owns.
    /// </summary>
    public sealed class FoundReport
    {
        private readonly byte[][] _records;

        internal FoundReport(string ssid, string bssid, int rssi, byte[][] records)
        {
            Ssid = ssid;
            Bssid = bssid;
            Rssi = rssi;
            _records = records;
        }

        /// <summary>The SSID of the registrar's access point (the home network).</summary>
        public string Ssid { get; }

        /// <summary>The BSSID of that access point as AA:BB:CC:DD:EE:FF.</summary>
        public string Bssid { get; }

        /// <summary>The strongest RSSI of the enrollees in the report, dBm.</summary>
        public int Rssi { get; }

        /// <summary>Enrollees in the report.</summary>
        public int Count
        {
            get { return _records.Length; }
        }

        /// <summary>The record of enrollee <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>); the caller must not change it.</summary>
        public byte[] GetRecord(int index)
        {
            if (index < 0 || index >= _records.Length)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return _records[index];
        }
    }
}
