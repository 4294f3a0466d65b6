using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Secure Network beacon (MshPRT §3.10.3; reference/ble-mesh.md §3.3): Beacon Type 0x01 ‖
    /// Flags (bit 0 Key Refresh, bit 1 IV Update) ‖ Network ID (8) ‖ IV Index (4, big-endian) ‖
    /// Authentication Value, the first 8 octets of AES-CMAC_BeaconKey(Flags ‖ Network ID ‖ IV Index).
    /// One instance holds the fields of the last parsed beacon and a scratch buffer.
    /// </summary>
    public sealed class SecureNetworkBeacon
    {
        public const byte BeaconType = 0x01;
        public const int Length = 22;
        public const int FlagKeyRefresh = 0x01;
        public const int FlagIvUpdate = 0x02;
        private const int AuthenticatedLength = 13;
        private const int AuthenticationLength = 8;

        private readonly byte[] _beacon = new byte[Length];
        private readonly byte[] _mac = new byte[AesCmac.MacLength];

        public int Flags { get; private set; }

        public uint IvIndex { get; private set; }

        public bool KeyRefresh
        {
            get { return (Flags & FlagKeyRefresh) != 0; }
        }

        public bool IvUpdate
        {
            get { return (Flags & FlagIvUpdate) != 0; }
        }

        /// <summary>The NetKey whose Network ID and BeaconKey matched in the last <see cref="TryParse"/>.</summary>
        public NetworkKeyMaterial Key { get; private set; }

        /// <summary>
        /// Parses a beacon (type octet first) and authenticates it with the first key of
        /// <paramref name="keys"/> whose Network ID matches. Never throws; false when malformed,
        /// from another network, or forged.
        /// </summary>
        public bool TryParse(IMeshKeyStore keys, byte[] data, int offset, int count)
        {
            Key = null;
            if (keys == null || data == null || offset < 0 || count != Length || offset > data.Length - count || data[offset] != BeaconType)
            {
                return false;
            }

            for (int i = 0; i < keys.NetworkKeyCount; i++)
            {
                NetworkKeyMaterial key = keys.GetNetworkKeyAt(i);
                if (key.NetworkIdEquals(data, offset + 2) && Authenticate(key, data, offset))
                {
                    Key = key;
                    Flags = data[offset + 1];
                    IvIndex = ((uint)data[offset + 10] << 24) | ((uint)data[offset + 11] << 16) | ((uint)data[offset + 12] << 8) | data[offset + 13];
                    return true;
                }
            }

            return false;
        }

        /// <summary>Builds a beacon of <paramref name="key"/>; returns <see cref="Length"/>.</summary>
        public int Write(NetworkKeyMaterial key, int flags, uint ivIndex, byte[] output, int outputOffset)
        {
            if (key == null || !key.HasBeaconKeys)
            {
                throw new ArgumentException("beacons need material derived from a NetKey", "key");
            }

            CryptoArguments.CheckRange(output, outputOffset, Length, "beacon output");
            _beacon[0] = BeaconType;
            _beacon[1] = (byte)flags;
            key.CopyNetworkId(_beacon, 2);
            _beacon[10] = (byte)(ivIndex >> 24);
            _beacon[11] = (byte)(ivIndex >> 16);
            _beacon[12] = (byte)(ivIndex >> 8);
            _beacon[13] = (byte)ivIndex;
            key.Beacon.Compute(_beacon, 1, AuthenticatedLength, _mac, 0);
            Array.Copy(_mac, 0, _beacon, 14, AuthenticationLength);
            Array.Copy(_beacon, 0, output, outputOffset, Length);
            return Length;
        }

        private bool Authenticate(NetworkKeyMaterial key, byte[] data, int offset)
        {
            key.Beacon.Compute(data, offset + 1, AuthenticatedLength, _mac, 0);
            return ConstantTime.AreEqual(_mac, 0, data, offset + 14, AuthenticationLength);
        }
    }
}
