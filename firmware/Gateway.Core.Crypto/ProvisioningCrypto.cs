using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Crypto
{
    /// <summary>
    /// The key derivation and encryption of Mesh provisioning (MshPRT v1.1 §5.4.2.4–§5.4.2.5,
    /// reference/ble-mesh.md §2.2) for both algorithms: BTM_ECDH_P256_CMAC_AES128_AES_CCM (0x00)
    /// and BTM_ECDH_P256_HMAC_SHA256_AES_CCM (0x01). Pure functions of their inputs; the state
    /// machine and the ECDH itself live elsewhere. Results are new arrays (once per provisioned
    /// device, not a hot path); intermediate secrets in scratch buffers are cleared after use.
    /// With <see cref="ManagedAes128"/> the CMACs, the CCM and the HMAC are re-keyed instances
    /// made once, so a whole exchange allocates only its results here.
    /// An instance is not thread-safe.
    /// </summary>
    public sealed class ProvisioningCrypto
    {
        /// <summary>BTM_ECDH_P256_CMAC_AES128_AES_CCM: 16-octet randoms, AuthValue and confirmations.</summary>
        public const int AlgorithmCmacAes128 = 0x00;

        /// <summary>BTM_ECDH_P256_HMAC_SHA256_AES_CCM (Mesh 1.1): 32-octet randoms, AuthValue and confirmations.</summary>
        public const int AlgorithmHmacSha256 = 0x01;

        /// <summary>Invite (1) ‖ Capabilities (11) ‖ Start (5) ‖ both public keys (64 + 64), §5.4.2.4.1.</summary>
        public const int ConfirmationInputsLength = 145;
        public const int EcdhSecretLength = 32;
        public const int ProvisioningSaltLength = 16;
        public const int SessionKeyLength = 16;
        public const int SessionNonceLength = 13;
        public const int DeviceKeyLength = 16;
        public const int ProvisioningDataLength = 25;
        public const int ProvisioningDataMicLength = 8;
        public const int EncryptedProvisioningDataLength = ProvisioningDataLength + ProvisioningDataMicLength;

        private readonly IAes128 _aes;
        private readonly MeshCrypto _mesh;
        private readonly byte[] _prck = CryptoArguments.Ascii("prck");
        private readonly byte[] _prck256 = CryptoArguments.Ascii("prck256");
        private readonly byte[] _prsk = CryptoArguments.Ascii("prsk");
        private readonly byte[] _prsn = CryptoArguments.Ascii("prsn");
        private readonly byte[] _prdk = CryptoArguments.Ascii("prdk");
        private readonly byte[] _k5Input = new byte[EcdhSecretLength + 32];
        private readonly byte[] _block = new byte[16];
        private readonly ManagedAesBlockCipher _ccmCipher;
        private readonly AesCcm _ccm;
        private HmacSha256 _confirmationHmac;

        public ProvisioningCrypto(IAes128 aes)
        {
            if (aes == null)
            {
                throw new ProtocolFormatException("provisioning crypto needs an AES port");
            }

            _aes = aes;
            _mesh = new MeshCrypto(aes);

            // With the managed AES one cipher is re-keyed with each SessionKey; other ports get a new one.
            _ccmCipher = aes.CreateEncryptor(new byte[16]) as ManagedAesBlockCipher;
            if (_ccmCipher != null)
            {
                _ccm = new AesCcm(_ccmCipher, SessionNonceLength);
            }
        }

        /// <summary>
        /// Octets of the Random, AuthValue, Confirmation, ConfirmationSalt and ConfirmationKey of an
        /// algorithm: 16 for CMAC, 32 for HMAC. An unknown algorithm is a format error.
        /// </summary>
        public static int ValueLength(int algorithm)
        {
            switch (algorithm)
            {
                case AlgorithmCmacAes128:
                    return 16;
                case AlgorithmHmacSha256:
                    return 32;
                default:
                    throw new ProtocolFormatException("provisioning algorithm " + algorithm + " is not supported");
            }
        }

        /// <summary>ConfirmationSalt = s1(ConfirmationInputs) (CMAC) or s2(ConfirmationInputs) (HMAC).</summary>
        public byte[] ConfirmationSalt(int algorithm, byte[] confirmationInputs)
        {
            int length = ValueLength(algorithm);
            CryptoArguments.CheckLength(confirmationInputs, ConfirmationInputsLength, "ConfirmationInputs");
            byte[] salt = new byte[length];
            if (algorithm == AlgorithmCmacAes128)
            {
                _mesh.S1(confirmationInputs, 0, ConfirmationInputsLength, salt, 0);
            }
            else
            {
                _mesh.S2(confirmationInputs, 0, ConfirmationInputsLength, salt, 0);
            }

            return salt;
        }

        /// <summary>
        /// ConfirmationKey = k1(ECDHSecret, ConfirmationSalt, "prck") (CMAC) or
        /// k5(ECDHSecret ‖ AuthValue, ConfirmationSalt, "prck256") (HMAC). The AuthValue is only
        /// used (and checked) by the HMAC algorithm; pass it anyway, it may be null for CMAC.
        /// </summary>
        public byte[] ConfirmationKey(int algorithm, byte[] ecdhSecret, byte[] confirmationSalt, byte[] authValue)
        {
            int length = ValueLength(algorithm);
            CryptoArguments.CheckLength(ecdhSecret, EcdhSecretLength, "ECDHSecret");
            CryptoArguments.CheckLength(confirmationSalt, length, "ConfirmationSalt");
            byte[] key = new byte[length];
            if (algorithm == AlgorithmCmacAes128)
            {
                _mesh.K1(ecdhSecret, 0, EcdhSecretLength, confirmationSalt, 0, _prck, 0, _prck.Length, key, 0);
                return key;
            }

            // The HMAC algorithm folds the AuthValue into the key (the CVE-2020-26559 mitigation).
            CryptoArguments.CheckLength(authValue, length, "AuthValue");
            Array.Copy(ecdhSecret, 0, _k5Input, 0, EcdhSecretLength);
            Array.Copy(authValue, 0, _k5Input, EcdhSecretLength, length);
            _mesh.K5(_k5Input, 0, _k5Input.Length, confirmationSalt, 0, length, _prck256, 0, _prck256.Length, key, 0);
            Array.Clear(_k5Input, 0, _k5Input.Length);
            return key;
        }

        /// <summary>
        /// A Confirmation value, the same formula for both sides with their own random
        /// (ConfirmationProvisioner from RandomProvisioner, ConfirmationDevice from RandomDevice):
        /// AES-CMAC_ConfirmationKey(Random ‖ AuthValue) (CMAC) or HMAC-SHA-256_ConfirmationKey(Random) (HMAC).
        /// </summary>
        public byte[] Confirmation(int algorithm, byte[] confirmationKey, byte[] random, byte[] authValue)
        {
            int length = ValueLength(algorithm);
            CryptoArguments.CheckLength(confirmationKey, length, "ConfirmationKey");
            CryptoArguments.CheckLength(random, length, "Random");
            byte[] confirmation = new byte[length];
            if (algorithm == AlgorithmCmacAes128)
            {
                CryptoArguments.CheckLength(authValue, length, "AuthValue");
                AesCmac cmac = _mesh.Keyed(confirmationKey, 0, "ConfirmationKey");
                cmac.Begin();
                cmac.Update(random, 0, length);
                cmac.Update(authValue, 0, length);
                cmac.Finish(confirmation, 0);
                _mesh.Forget();
                return confirmation;
            }

            // The AuthValue is not in the MAC input here; it is already in the ConfirmationKey.
            if (_confirmationHmac == null)
            {
                _confirmationHmac = new HmacSha256(confirmationKey);
            }
            else
            {
                _confirmationHmac.SetKey(confirmationKey, 0, length);
            }

            _confirmationHmac.Compute(random, 0, length, confirmation, 0);
            _confirmationHmac.Clear();
            return confirmation;
        }

        /// <summary>ProvisioningSalt = s1(ConfirmationSalt ‖ RandomProvisioner ‖ RandomDevice); 16 octets for both algorithms.</summary>
        public byte[] ProvisioningSalt(int algorithm, byte[] confirmationSalt, byte[] randomProvisioner, byte[] randomDevice)
        {
            int length = ValueLength(algorithm);
            CryptoArguments.CheckLength(confirmationSalt, length, "ConfirmationSalt");
            CryptoArguments.CheckLength(randomProvisioner, length, "RandomProvisioner");
            CryptoArguments.CheckLength(randomDevice, length, "RandomDevice");
            AesCmac s1 = _mesh.ZeroKeyCmac;
            s1.Begin();
            s1.Update(confirmationSalt, 0, length);
            s1.Update(randomProvisioner, 0, length);
            s1.Update(randomDevice, 0, length);
            byte[] salt = new byte[ProvisioningSaltLength];
            s1.Finish(salt, 0);
            return salt;
        }

        /// <summary>SessionKey = k1(ECDHSecret, ProvisioningSalt, "prsk").</summary>
        public byte[] SessionKey(byte[] ecdhSecret, byte[] provisioningSalt)
        {
            return DeriveFromEcdh(ecdhSecret, provisioningSalt, _prsk);
        }

        /// <summary>SessionNonce = the 13 least significant octets of k1(ECDHSecret, ProvisioningSalt, "prsn").</summary>
        public byte[] SessionNonce(byte[] ecdhSecret, byte[] provisioningSalt)
        {
            CheckEcdhAndSalt(ecdhSecret, provisioningSalt);
            _mesh.K1(ecdhSecret, 0, EcdhSecretLength, provisioningSalt, 0, _prsn, 0, _prsn.Length, _block, 0);
            byte[] nonce = new byte[SessionNonceLength];
            Array.Copy(_block, 16 - SessionNonceLength, nonce, 0, SessionNonceLength);
            Array.Clear(_block, 0, 16);
            return nonce;
        }

        /// <summary>DeviceKey = k1(ECDHSecret, ProvisioningSalt, "prdk").</summary>
        public byte[] DeviceKey(byte[] ecdhSecret, byte[] provisioningSalt)
        {
            return DeriveFromEcdh(ecdhSecret, provisioningSalt, _prdk);
        }

        /// <summary>
        /// Encrypts the 25-octet Provisioning Data (NetKey ‖ Key Index ‖ Flags ‖ IV Index ‖
        /// Unicast Address) with AES-CCM(SessionKey, SessionNonce), no additional data and an
        /// 8-octet MIC (§5.4.2.5): writes Encrypted Provisioning Data ‖ MIC, 33 octets.
        /// </summary>
        public void EncryptProvisioningData(byte[] sessionKey, byte[] sessionNonce,
            byte[] provisioningData, int offset, byte[] output, int outputOffset)
        {
            AesCcm ccm = CreateCcm(sessionKey, sessionNonce);
            ccm.Encrypt(sessionNonce, 0, provisioningData, offset, ProvisioningDataLength,
                null, 0, 0, output, outputOffset, ProvisioningDataMicLength);
            ForgetSessionKey();
        }

        /// <summary>
        /// Decrypts 33 octets of Encrypted Provisioning Data ‖ MIC into 25 octets. False (and the
        /// output cleared) when the MIC does not match: the device then fails with Decryption Failed.
        /// </summary>
        public bool TryDecryptProvisioningData(byte[] sessionKey, byte[] sessionNonce,
            byte[] encrypted, int offset, byte[] output, int outputOffset)
        {
            AesCcm ccm = CreateCcm(sessionKey, sessionNonce);
            bool authentic = ccm.TryDecrypt(sessionNonce, 0, encrypted, offset, EncryptedProvisioningDataLength,
                null, 0, 0, output, outputOffset, ProvisioningDataMicLength);
            ForgetSessionKey();
            return authentic;
        }

        private void ForgetSessionKey()
        {
            if (_ccmCipher != null)
            {
                _ccmCipher.Clear();
            }
        }

        private AesCcm CreateCcm(byte[] sessionKey, byte[] sessionNonce)
        {
            CryptoArguments.CheckLength(sessionKey, SessionKeyLength, "SessionKey");
            CryptoArguments.CheckLength(sessionNonce, SessionNonceLength, "SessionNonce");
            if (_ccmCipher == null)
            {
                return new AesCcm(_aes.CreateEncryptor(sessionKey), SessionNonceLength);
            }

            _ccmCipher.SetKey(sessionKey, 0);
            return _ccm;
        }

        private byte[] DeriveFromEcdh(byte[] ecdhSecret, byte[] provisioningSalt, byte[] p)
        {
            CheckEcdhAndSalt(ecdhSecret, provisioningSalt);
            byte[] key = new byte[16];
            _mesh.K1(ecdhSecret, 0, EcdhSecretLength, provisioningSalt, 0, p, 0, p.Length, key, 0);
            return key;
        }

        private static void CheckEcdhAndSalt(byte[] ecdhSecret, byte[] provisioningSalt)
        {
            CryptoArguments.CheckLength(ecdhSecret, EcdhSecretLength, "ECDHSecret");
            CryptoArguments.CheckLength(provisioningSalt, ProvisioningSaltLength, "ProvisioningSalt");
        }
    }
}
