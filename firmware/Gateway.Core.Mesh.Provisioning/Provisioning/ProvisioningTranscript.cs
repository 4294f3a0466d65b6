using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>
    /// The security state of one provisioning exchange, shared by the provisioner and device roles
    /// (MshPRT v1.1 §5.4.2.4–§5.4.2.5; ble-mesh.md §2.2): ConfirmationInputs (Invite ‖ Capabilities
    /// ‖ Start ‖ both public keys, 145 octets, opcodes excluded), AuthValue, ECDHSecret, randoms and
    /// the derived session material. Holds secrets: nothing here is ever logged, and
    /// <see cref="Clear"/> wipes them when the session ends.
    /// </summary>
    internal sealed class ProvisioningTranscript
    {
        public const int ConfirmationInputsLength = 145;

        private readonly ProvisioningCrypto _crypto;
        private readonly byte[] _confirmationInputs = new byte[ConfirmationInputsLength];
        private byte[] _confirmationSalt;
        private byte[] _confirmationKey;

        public ProvisioningTranscript(ProvisioningCrypto crypto)
        {
            _crypto = crypto;
        }

        public ProvisioningAlgorithm Algorithm { get; private set; }

        /// <summary>16 for CMAC-AES128, 32 for HMAC-SHA256.</summary>
        public int AuthSize { get; private set; }

        public byte[] AuthValue { get; set; }

        public byte[] EcdhSecret { get; set; }

        public byte[] RandomProvisioner { get; set; }

        public byte[] RandomDevice { get; set; }

        public byte[] ConfirmationProvisioner { get; set; }

        public byte[] ConfirmationDevice { get; set; }

        public byte[] DeviceKey { get; private set; }

        private byte[] _sessionKey;
        private byte[] _sessionNonce;

        public void SetInvite(byte[] pdu, int offset)
        {
            Array.Copy(pdu, offset + 1, _confirmationInputs, 0, 1);
        }

        public void SetCapabilities(byte[] pdu, int offset)
        {
            Array.Copy(pdu, offset + 1, _confirmationInputs, 1, ProvisioningCapabilities.ParametersLength);
        }

        public void SetStart(byte[] pdu, int offset, ProvisioningAlgorithm algorithm)
        {
            Array.Copy(pdu, offset + 1, _confirmationInputs, 12, ProvisioningStart.ParametersLength);
            Algorithm = algorithm;
            AuthSize = algorithm == ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm ? 32 : 16;
        }

        public void SetPublicKeyProvisioner(byte[] key, int offset)
        {
            Array.Copy(key, offset, _confirmationInputs, 17, 64);
        }

        public void SetPublicKeyDevice(byte[] key, int offset)
        {
            Array.Copy(key, offset, _confirmationInputs, 81, 64);
        }

        public bool PublicKeysEqual()
        {
            return ConstantTime.AreEqual(_confirmationInputs, 17, _confirmationInputs, 81, 64);
        }

        /// <summary>ConfirmationSalt and ConfirmationKey, once the ECDHSecret and the AuthValue are known.</summary>
        public void DeriveConfirmationKey()
        {
            _confirmationSalt = _crypto.ConfirmationSalt((int)Algorithm, _confirmationInputs);
            _confirmationKey = _crypto.ConfirmationKey((int)Algorithm, EcdhSecret, _confirmationSalt, AuthValue);
        }

        /// <summary>Confirmation value over a random (§5.4.2.4.2: the AuthValue enters the CMAC input, or only the key with HMAC).</summary>
        public byte[] Confirm(byte[] random)
        {
            return _crypto.Confirmation((int)Algorithm, _confirmationKey, random, AuthValue);
        }

        /// <summary>ProvisioningSalt, SessionKey, SessionNonce and DeviceKey (§5.4.2.5).</summary>
        public void DeriveSessionKeys()
        {
            byte[] provisioningSalt = _crypto.ProvisioningSalt((int)Algorithm, _confirmationSalt, RandomProvisioner, RandomDevice);
            _sessionKey = _crypto.SessionKey(EcdhSecret, provisioningSalt);
            _sessionNonce = _crypto.SessionNonce(EcdhSecret, provisioningSalt);
            DeviceKey = _crypto.DeviceKey(EcdhSecret, provisioningSalt);
        }

        /// <summary>Encrypts the 25-octet Provisioning Data into <paramref name="output"/>: 25 + 8-octet MIC.</summary>
        public void EncryptProvisioningData(byte[] plaintext, byte[] output, int outputOffset)
        {
            _crypto.EncryptProvisioningData(_sessionKey, _sessionNonce, plaintext, 0, output, outputOffset);
        }

        /// <summary>Decrypts 33 octets (data ‖ MIC); false when the MIC does not verify.</summary>
        public bool TryDecryptProvisioningData(byte[] input, int inputOffset, byte[] plaintext)
        {
            return _crypto.TryDecryptProvisioningData(_sessionKey, _sessionNonce, input, inputOffset, plaintext, 0);
        }

        /// <summary>Wipes every secret. The DeviceKey survives only in the result handed to the caller.</summary>
        public void Clear()
        {
            Wipe(AuthValue);
            Wipe(EcdhSecret);
            Wipe(_confirmationKey);
            Wipe(_sessionKey);
            Wipe(_sessionNonce);
            Wipe(RandomProvisioner);
            Wipe(RandomDevice);
        }

        private static void Wipe(byte[] secret)
        {
            if (secret != null)
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }
    }
}
