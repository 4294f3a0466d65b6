using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Everything derived from one NetKey (MshPRT §3.9.6.3; reference/ble-mesh.md §2.1), computed
    /// once when the key is installed so the receive path only runs block operations: the 7-bit
    /// NID and the EncryptionKey / PrivacyKey of k2 (managed flooding, P = 0x00), the Network ID
    /// of k3, the IdentityKey (Node Identity) and the BeaconKey (Secure Network beacon).
    /// The raw keys are not kept: only keyed cipher objects, which never print their key.
    /// </summary>
    public sealed class NetworkKeyMaterial
    {
        private readonly int _index;
        private readonly int _nid;
        private readonly byte[] _networkId = new byte[MeshCrypto.NetworkIdLength];
        private readonly AesCcm _encryption;
        private readonly IBlockCipher _privacy;
        private readonly IBlockCipher _identity;
        private readonly AesCmac _beacon;

        /// <summary>Derives the material of <paramref name="netKey"/> (16 octets) for NetKey Index <paramref name="netKeyIndex"/>.</summary>
        public NetworkKeyMaterial(MeshCrypto crypto, IAes128 aes, int netKeyIndex, byte[] netKey)
        {
            if (crypto == null || aes == null)
            {
                throw new ArgumentNullException(crypto == null ? "crypto" : "aes");
            }

            CheckIndex(netKeyIndex);
            CryptoArguments.CheckLength(netKey, MeshCrypto.KeyLength, "NetKey");
            byte[] key = new byte[MeshCrypto.KeyLength];
            byte[] privacy = new byte[MeshCrypto.KeyLength];
            _index = netKeyIndex;
            _nid = crypto.K2(netKey, 0, new byte[] { 0x00 }, 0, 1, key, 0, privacy, 0);
            _encryption = new AesCcm(aes.CreateEncryptor(key));
            _privacy = aes.CreateEncryptor(privacy);
            crypto.K3(netKey, 0, _networkId, 0);
            crypto.IdentityKey(netKey, 0, key, 0);
            _identity = aes.CreateEncryptor(key);
            crypto.BeaconKey(netKey, 0, key, 0);
            _beacon = new AesCmac(aes.CreateEncryptor(key));
            Array.Clear(key, 0, key.Length);
            Array.Clear(privacy, 0, privacy.Length);
        }

        private NetworkKeyMaterial(IAes128 aes, int netKeyIndex, int nid, byte[] encryptionKey, byte[] privacyKey)
        {
            CheckIndex(netKeyIndex);
            _index = netKeyIndex;
            _nid = nid & 0x7F;
            _encryption = new AesCcm(aes.CreateEncryptor(encryptionKey));
            _privacy = aes.CreateEncryptor(privacyKey);
        }

        /// <summary>
        /// Material from already derived keys, for sample data that publishes only NID,
        /// EncryptionKey and PrivacyKey (e.g. friendship credentials). It cannot check beacons or
        /// Node Identity (no BeaconKey or IdentityKey).
        /// </summary>
        public static NetworkKeyMaterial FromDerivedKeys(IAes128 aes, int netKeyIndex, int nid, byte[] encryptionKey, byte[] privacyKey)
        {
            if (aes == null)
            {
                throw new ArgumentNullException("aes");
            }

            CryptoArguments.CheckLength(encryptionKey, MeshCrypto.KeyLength, "EncryptionKey");
            CryptoArguments.CheckLength(privacyKey, MeshCrypto.KeyLength, "PrivacyKey");
            return new NetworkKeyMaterial(aes, netKeyIndex, nid, encryptionKey, privacyKey);
        }

        /// <summary>NetKey Index (12 bits).</summary>
        public int Index
        {
            get { return _index; }
        }

        /// <summary>NID, the 7 bits that let a receiver pick candidate keys before decrypting.</summary>
        public int Nid
        {
            get { return _nid; }
        }

        /// <summary>True when beacons and Node Identity can be checked (built from a NetKey).</summary>
        public bool HasBeaconKeys
        {
            get { return _beacon != null; }
        }

        /// <summary>Copies the 8-octet Network ID (k3; public: it is advertised).</summary>
        public void CopyNetworkId(byte[] destination, int offset)
        {
            Array.Copy(_networkId, 0, destination, offset, MeshCrypto.NetworkIdLength);
        }

        /// <summary>Compares the Network ID with 8 octets of a beacon or advertisement.</summary>
        public bool NetworkIdEquals(byte[] data, int offset)
        {
            if (data == null || offset < 0 || offset > data.Length - MeshCrypto.NetworkIdLength || _beacon == null)
            {
                return false;
            }

            return ConstantTime.AreEqual(_networkId, 0, data, offset, MeshCrypto.NetworkIdLength);
        }

        /// <summary>AES-CCM under the EncryptionKey (network layer).</summary>
        internal AesCcm Encryption
        {
            get { return _encryption; }
        }

        /// <summary>AES-ECB under the PrivacyKey (PECB of the obfuscation).</summary>
        internal IBlockCipher Privacy
        {
            get { return _privacy; }
        }

        /// <summary>AES-ECB under the IdentityKey (Node Identity hash); null for derived-key material.</summary>
        internal IBlockCipher Identity
        {
            get { return _identity; }
        }

        /// <summary>AES-CMAC under the BeaconKey (Secure Network beacon); null for derived-key material.</summary>
        internal AesCmac Beacon
        {
            get { return _beacon; }
        }

        public override string ToString()
        {
            return "NetKey index " + _index + " NID 0x" + _nid.ToString("x2");
        }

        private static void CheckIndex(int index)
        {
            if (index < 0 || index > 0xFFF)
            {
                throw new ArgumentOutOfRangeException("netKeyIndex");
            }
        }
    }
}
