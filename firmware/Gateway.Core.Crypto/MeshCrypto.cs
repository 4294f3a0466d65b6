using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// The Bluetooth Mesh security toolbox (MshPRT v1.1 §3.9.2, as written out and checked in
    /// reference/ble-mesh.md §2.1): s1, k1–k4 on AES-CMAC, s2 and k5 on HMAC-SHA-256, the keys
    /// derived from a NetKey (IdentityKey, BeaconKey, PrivateBeaconKey) and virtual addresses.
    /// The s1 salts of the constant strings are computed once per instance. A derivation with a
    /// fresh key re-keys one working cipher and CMAC when the port is <see cref="ManagedAes128"/>
    /// (nothing allocated) and creates a block cipher through the <see cref="IAes128"/> port
    /// otherwise (key setup, not per packet). An instance is not thread-safe.
    /// </summary>
    public sealed class MeshCrypto
    {
        public const int KeyLength = 16;
        public const int NetworkIdLength = 8;

        private readonly IAes128 _aes;
        private readonly AesCmac _zeroKeyCmac;
        private readonly HmacSha256 _zeroKeyHmac;
        private readonly HmacSha256 _hmac;
        private readonly byte[] _key = new byte[KeyLength];
        private readonly byte[] _t = new byte[KeyLength];
        private readonly byte[] _hmacT = new byte[HmacSha256.MacLength];

        /// <summary>The re-keyable working cipher and its CMAC, or null when the port's ciphers cannot be re-keyed.</summary>
        private readonly ManagedAesBlockCipher _workCipher;
        private readonly AesCmac _workCmac;

        private readonly byte[] _saltSmk2;
        private readonly byte[] _saltSmk3;
        private readonly byte[] _saltSmk4;
        private readonly byte[] _saltNkik;
        private readonly byte[] _saltNkbk;
        private readonly byte[] _saltNkpk;
        private readonly byte[] _saltVtad;
        private readonly byte[] _id64;
        private readonly byte[] _id6;
        private readonly byte[] _id128;

        public MeshCrypto(IAes128 aes)
        {
            if (aes == null)
            {
                throw new ProtocolFormatException("mesh crypto needs an AES port");
            }

            _aes = aes;
            _zeroKeyCmac = new AesCmac(aes.CreateEncryptor(new byte[KeyLength]));
            _zeroKeyHmac = new HmacSha256(new byte[HmacSha256.MacLength]);
            _hmac = new HmacSha256(_hmacT);
            _workCipher = aes.CreateEncryptor(new byte[KeyLength]) as ManagedAesBlockCipher;
            if (_workCipher != null)
            {
                _workCmac = new AesCmac(_workCipher);
            }

            _saltSmk2 = S1(CryptoArguments.Ascii("smk2"));
            _saltSmk3 = S1(CryptoArguments.Ascii("smk3"));
            _saltSmk4 = S1(CryptoArguments.Ascii("smk4"));
            _saltNkik = S1(CryptoArguments.Ascii("nkik"));
            _saltNkbk = S1(CryptoArguments.Ascii("nkbk"));
            _saltNkpk = S1(CryptoArguments.Ascii("nkpk"));
            _saltVtad = S1(CryptoArguments.Ascii("vtad"));
            _id64 = WithOne(CryptoArguments.Ascii("id64"));
            _id6 = WithOne(CryptoArguments.Ascii("id6"));
            _id128 = WithOne(CryptoArguments.Ascii("id128"));
        }

        /// <summary>s1(M) = AES-CMAC with the zero key (MshPRT §3.9.2); 16 octets.</summary>
        public void S1(byte[] m, int offset, int count, byte[] result, int resultOffset)
        {
            _zeroKeyCmac.Compute(m, offset, count, result, resultOffset);
        }

        public byte[] S1(byte[] m)
        {
            return _zeroKeyCmac.Compute(m);
        }

        /// <summary>k1(N, SALT, P) = AES-CMAC_T(P) with T = AES-CMAC_SALT(N) (MshPRT §3.9.2); 16 octets.</summary>
        public void K1(byte[] n, int nOffset, int nCount, byte[] salt, int saltOffset,
            byte[] p, int pOffset, int pCount, byte[] result, int resultOffset)
        {
            CryptoArguments.CheckRange(result, resultOffset, KeyLength, "k1 output");
            Keyed(salt, saltOffset, "k1 SALT").Compute(n, nOffset, nCount, _t, 0);
            Keyed(_t, 0, "k1 T").Compute(p, pOffset, pCount, result, resultOffset);
            Array.Clear(_t, 0, KeyLength);
            Forget();
        }

        public byte[] K1(byte[] n, byte[] salt, byte[] p)
        {
            byte[] result = new byte[KeyLength];
            K1(n, 0, Length(n), salt, 0, p, 0, Length(p), result, 0);
            return result;
        }

        /// <summary>
        /// k2(N, P) (MshPRT §3.9.2): returns the 7-bit NID and writes EncryptionKey and PrivacyKey
        /// (16 octets each). P is 0x00 (managed flooding), 0x01 ‖ LPNAddress ‖ FriendAddress ‖
        /// LPNCounter ‖ FriendCounter (friendship) or 0x02 (directed forwarding).
        /// </summary>
        public byte K2(byte[] n, int nOffset, byte[] p, int pOffset, int pCount,
            byte[] encryptionKey, int encryptionKeyOffset, byte[] privacyKey, int privacyKeyOffset)
        {
            CryptoArguments.CheckRange(n, nOffset, KeyLength, "k2 N");
            CryptoArguments.CheckRange(p, pOffset, pCount, "k2 P");
            CryptoArguments.CheckRange(encryptionKey, encryptionKeyOffset, KeyLength, "k2 EncryptionKey");
            CryptoArguments.CheckRange(privacyKey, privacyKeyOffset, KeyLength, "k2 PrivacyKey");

            Keyed(_saltSmk2, 0, "k2 SALT").Compute(n, nOffset, KeyLength, _t, 0);
            AesCmac cmacT = Keyed(_t, 0, "k2 T");

            // T1 = CMAC_T(T0 ‖ P ‖ 0x01) with T0 empty; (T1 ‖ T2 ‖ T3) mod 2^263 keeps 7 bits of T1.
            cmacT.Begin();
            cmacT.Update(p, pOffset, pCount);
            cmacT.Update(0x01);
            cmacT.Finish(_t, 0);
            byte nid = (byte)(_t[15] & 0x7F);

            cmacT.Update(_t, 0, KeyLength);
            cmacT.Update(p, pOffset, pCount);
            cmacT.Update(0x02);
            cmacT.Finish(encryptionKey, encryptionKeyOffset);

            cmacT.Update(encryptionKey, encryptionKeyOffset, KeyLength);
            cmacT.Update(p, pOffset, pCount);
            cmacT.Update(0x03);
            cmacT.Finish(privacyKey, privacyKeyOffset);

            Array.Clear(_t, 0, KeyLength);
            Forget();
            Array.Clear(_key, 0, KeyLength);
            return nid;
        }

        public byte K2(byte[] n, byte[] p, byte[] encryptionKey, byte[] privacyKey)
        {
            return K2(n, 0, p, 0, Length(p), encryptionKey, 0, privacyKey, 0);
        }

        /// <summary>k3(N) (MshPRT §3.9.2): the 64-bit Network ID, the last 8 octets of CMAC_T("id64" ‖ 0x01).</summary>
        public void K3(byte[] n, int nOffset, byte[] networkId, int networkIdOffset)
        {
            CryptoArguments.CheckRange(n, nOffset, KeyLength, "k3 N");
            CryptoArguments.CheckRange(networkId, networkIdOffset, NetworkIdLength, "k3 output");
            Keyed(_saltSmk3, 0, "k3 SALT").Compute(n, nOffset, KeyLength, _t, 0);
            Keyed(_t, 0, "k3 T").Compute(_id64, 0, _id64.Length, _t, 0);
            Array.Copy(_t, KeyLength - NetworkIdLength, networkId, networkIdOffset, NetworkIdLength);
            Array.Clear(_t, 0, KeyLength);
            Forget();
        }

        public byte[] K3(byte[] n)
        {
            byte[] networkId = new byte[NetworkIdLength];
            K3(n, 0, networkId, 0);
            return networkId;
        }

        /// <summary>k4(N) (MshPRT §3.9.2): the 6-bit AID, CMAC_T("id6" ‖ 0x01) mod 2^6.</summary>
        public byte K4(byte[] n, int nOffset)
        {
            CryptoArguments.CheckRange(n, nOffset, KeyLength, "k4 N");
            Keyed(_saltSmk4, 0, "k4 SALT").Compute(n, nOffset, KeyLength, _t, 0);
            Keyed(_t, 0, "k4 T").Compute(_id6, 0, _id6.Length, _t, 0);
            byte aid = (byte)(_t[15] & 0x3F);
            Array.Clear(_t, 0, KeyLength);
            Forget();
            return aid;
        }

        public byte K4(byte[] n)
        {
            return K4(n, 0);
        }

        /// <summary>s2(M) = HMAC-SHA-256 with a 32-octet zero key (MshPRT v1.1 §3.9.2); 32 octets.</summary>
        public void S2(byte[] m, int offset, int count, byte[] result, int resultOffset)
        {
            _zeroKeyHmac.Compute(m, offset, count, result, resultOffset);
        }

        public byte[] S2(byte[] m)
        {
            byte[] result = new byte[HmacSha256.MacLength];
            S2(m, 0, Length(m), result, 0);
            return result;
        }

        /// <summary>k5(N, SALT, P) = HMAC-SHA-256_T(P) with T = HMAC-SHA-256_SALT(N) (§3.9.2.11); 32 octets.</summary>
        public void K5(byte[] n, int nOffset, int nCount, byte[] salt, int saltOffset, int saltCount,
            byte[] p, int pOffset, int pCount, byte[] result, int resultOffset)
        {
            CryptoArguments.CheckRange(result, resultOffset, HmacSha256.MacLength, "k5 output");
            _hmac.SetKey(salt, saltOffset, saltCount);
            _hmac.Compute(n, nOffset, nCount, _hmacT, 0);
            _hmac.SetKey(_hmacT, 0, HmacSha256.MacLength);
            _hmac.Compute(p, pOffset, pCount, result, resultOffset);
            _hmac.Clear();
            Array.Clear(_hmacT, 0, HmacSha256.MacLength);
        }

        public byte[] K5(byte[] n, byte[] salt, byte[] p)
        {
            byte[] result = new byte[HmacSha256.MacLength];
            K5(n, 0, Length(n), salt, 0, Length(salt), p, 0, Length(p), result, 0);
            return result;
        }

        /// <summary>IdentityKey = k1(NetKey, s1("nkik"), "id128" ‖ 0x01), for Node Identity.</summary>
        public void IdentityKey(byte[] netKey, int netKeyOffset, byte[] result, int resultOffset)
        {
            DeriveFromNetKey(netKey, netKeyOffset, _saltNkik, result, resultOffset);
        }

        public byte[] IdentityKey(byte[] netKey)
        {
            byte[] result = new byte[KeyLength];
            IdentityKey(netKey, 0, result, 0);
            return result;
        }

        /// <summary>BeaconKey = k1(NetKey, s1("nkbk"), "id128" ‖ 0x01), for Secure Network beacons.</summary>
        public void BeaconKey(byte[] netKey, int netKeyOffset, byte[] result, int resultOffset)
        {
            DeriveFromNetKey(netKey, netKeyOffset, _saltNkbk, result, resultOffset);
        }

        public byte[] BeaconKey(byte[] netKey)
        {
            byte[] result = new byte[KeyLength];
            BeaconKey(netKey, 0, result, 0);
            return result;
        }

        /// <summary>PrivateBeaconKey = k1(NetKey, s1("nkpk"), "id128" ‖ 0x01) (Mesh 1.1), for Mesh Private beacons.</summary>
        public void PrivateBeaconKey(byte[] netKey, int netKeyOffset, byte[] result, int resultOffset)
        {
            DeriveFromNetKey(netKey, netKeyOffset, _saltNkpk, result, resultOffset);
        }

        public byte[] PrivateBeaconKey(byte[] netKey)
        {
            byte[] result = new byte[KeyLength];
            PrivateBeaconKey(netKey, 0, result, 0);
            return result;
        }

        /// <summary>
        /// The virtual address of a 16-octet Label UUID: 0b10 ‖ the low 14 bits of
        /// AES-CMAC_{s1("vtad")}(Label UUID), as a 16-bit value.
        /// </summary>
        public int VirtualAddress(byte[] labelUuid, int offset)
        {
            CryptoArguments.CheckRange(labelUuid, offset, KeyLength, "Label UUID");
            Keyed(_saltVtad, 0, "vtad SALT").Compute(labelUuid, offset, KeyLength, _t, 0);
            int hash = ((_t[14] << 8) | _t[15]) & 0x3FFF;
            Array.Clear(_t, 0, KeyLength);
            return 0x8000 | hash;
        }

        public int VirtualAddress(byte[] labelUuid)
        {
            return VirtualAddress(labelUuid, 0);
        }

        private void DeriveFromNetKey(byte[] netKey, int netKeyOffset, byte[] salt, byte[] result, int resultOffset)
        {
            CryptoArguments.CheckRange(netKey, netKeyOffset, KeyLength, "NetKey");
            K1(netKey, netKeyOffset, KeyLength, salt, 0, _id128, 0, _id128.Length, result, resultOffset);
        }

        /// <summary>The s1 CMAC (zero key), for callers that MAC a concatenation (ProvisioningSalt).</summary>
        internal AesCmac ZeroKeyCmac
        {
            get { return _zeroKeyCmac; }
        }

        /// <summary>
        /// A CMAC under the 16 octets at <paramref name="key"/>[<paramref name="keyOffset"/>], valid until
        /// the next derivation of this instance; <see cref="Forget"/> wipes it.
        /// </summary>
        internal AesCmac Keyed(byte[] key, int keyOffset, string name)
        {
            CryptoArguments.CheckRange(key, keyOffset, KeyLength, name);
            if (_workCipher != null)
            {
                _workCipher.SetKey(key, keyOffset);
                _workCmac.Rekey();
                return _workCmac;
            }

            Array.Copy(key, keyOffset, _key, 0, KeyLength);
            AesCmac cmac = new AesCmac(_aes.CreateEncryptor(_key));
            Array.Clear(_key, 0, KeyLength);
            return cmac;
        }

        /// <summary>Wipes the working cipher's key schedule and subkeys after a derivation.</summary>
        internal void Forget()
        {
            if (_workCipher != null)
            {
                _workCipher.Clear();
                _workCmac.Clear();
            }
        }

        private static byte[] WithOne(byte[] ascii)
        {
            byte[] result = new byte[ascii.Length + 1];
            Array.Copy(ascii, result, ascii.Length);
            result[ascii.Length] = 0x01;
            return result;
        }

        private static int Length(byte[] data)
        {
            return data == null ? 0 : data.Length;
        }
    }
}
