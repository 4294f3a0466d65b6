using System;
using System.Text;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The home network the gateway is connected to and hands to new devices: SSID, BSSID and the
    /// WPA passphrase. The gateway owns one instance. The password is kept as octets, is only ever
    /// copied out into a buffer that the caller encrypts in place (zero-config 0xAB element), and
    /// never appears in <see cref="ToString"/>, an exception message or a log line (DESIGN.md §6).
    /// </summary>
    public sealed class WifiCredentials
    {
        /// <summary>IEEE 802.11 SSID element: at most 32 octets.</summary>
        public const int MaxSsidLength = 32;

        /// <summary>WPA2 passphrase: 8..63 characters, or 64 hex digits of a raw PSK; 0 for an open network.</summary>
        public const int MaxPasswordLength = 64;

        public const int BssidLength = 6;

        private readonly byte[] _ssid;
        private readonly byte[] _password;
        private readonly byte[] _bssid;

        /// <param name="ssid">The network name (UTF-8, 1..32 octets).</param>
        /// <param name="password">The passphrase (UTF-8, 0..64 octets); empty for an open network.</param>
        /// <param name="bssid">The AP's 6-octet MAC address.</param>
        public WifiCredentials(string ssid, string password, byte[] bssid)
            : this(ssid == null ? null : Encoding.UTF8.GetBytes(ssid), password == null ? null : Encoding.UTF8.GetBytes(password), bssid)
        {
        }

        public WifiCredentials(byte[] ssid, byte[] password, byte[] bssid)
        {
            if (ssid == null || ssid.Length == 0 || ssid.Length > MaxSsidLength)
            {
                throw new ArgumentException("the SSID must be 1..32 octets", "ssid");
            }

            if (password == null || password.Length > MaxPasswordLength)
            {
                throw new ArgumentException("the password must be 0..64 octets", "password");
            }

            if (bssid == null || bssid.Length != BssidLength)
            {
                throw new ArgumentException("the BSSID must be 6 octets", "bssid");
            }

            _ssid = Copy(ssid);
            _password = Copy(password);
            _bssid = Copy(bssid);
            Ssid = Encoding.UTF8.GetString(_ssid, 0, _ssid.Length);
            BssidText = MacAddressText.Format(_bssid, 0);
        }

        /// <summary>The SSID as text (not a secret).</summary>
        public string Ssid { get; }

        public int SsidLength
        {
            get { return _ssid.Length; }
        }

        /// <summary>The BSSID as AA:BB:CC:DD:EE:FF, the form thing.awss.enrollee.found carries.</summary>
        public string BssidText { get; }

        public int PasswordLength
        {
            get { return _password.Length; }
        }

        public void CopySsid(byte[] destination, int offset)
        {
            Array.Copy(_ssid, 0, destination, offset, _ssid.Length);
        }

        public void CopyBssid(byte[] destination, int offset)
        {
            Array.Copy(_bssid, 0, destination, offset, BssidLength);
        }

        /// <summary>
        /// Copies the password octets into <paramref name="destination"/>. The caller encrypts them
        /// in place at once and never keeps them in clear text.
        /// </summary>
        public void CopyPassword(byte[] destination, int offset)
        {
            Array.Copy(_password, 0, destination, offset, _password.Length);
        }

        /// <summary>Overwrites the password in memory (when the gateway forgets this network).</summary>
        public void Clear()
        {
            Array.Clear(_password, 0, _password.Length);
        }

        /// <summary>The SSID and BSSID; never the password.</summary>
        public override string ToString()
        {
            return Ssid + " (" + BssidText + ")";
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, 0, copy, 0, source.Length);
            return copy;
        }
    }
}
