using System;
using System.Collections;
using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Cloud
{
    /// <summary>
    /// Keeps secret fields of Alink payloads (a device's static OOB value, keys) encrypted inside the
    /// JSON, so no secret is ever a clear-text MQTT payload even where TLS is off or terminated
    /// early (ours; docs/cloud-protocol.md §"Secret fields"). AES-CCM with an 8-octet MIC under
    /// key = HMAC-SHA256(DeviceSecret of the gateway, "gw-secret-v1")[0:16]; the 13-octet nonce is
    /// random per field and the method name and a context string (e.g. the device UUID) are the
    /// additional data, so a field cannot be moved to another message or device.
    /// JSON shape: {"n": "&lt;26 hex&gt;", "c": "&lt;hex of ciphertext ‖ MIC&gt;"}.
    /// </summary>
    public sealed class SecretEnvelope
    {
        public const string KeyLabel = "gw-secret-v1";
        private const int MicLength = 8;
        private const int NonceLength = 13;
        private const int MaxSecretLength = 64;

        private readonly AesCcm _ccm;
        private readonly IRandom _random;

        public SecretEnvelope(IAes128 aes, IRandom random, string gatewayDeviceSecret)
        {
            if (aes == null || random == null || gatewayDeviceSecret == null)
            {
                throw new ArgumentNullException("aes");
            }

            byte[] mac = HmacSha256.Compute(Encoding.UTF8.GetBytes(gatewayDeviceSecret), Encoding.UTF8.GetBytes(KeyLabel));
            byte[] key = new byte[16];
            Array.Copy(mac, 0, key, 0, 16);
            Array.Clear(mac, 0, mac.Length);
            _ccm = new AesCcm(aes.CreateEncryptor(key), NonceLength);
            Array.Clear(key, 0, key.Length);
            _random = random;
        }

        /// <summary>Seals <paramref name="secret"/> for the field of <paramref name="method"/> about <paramref name="context"/>.</summary>
        public Hashtable Seal(byte[] secret, string method, string context)
        {
            if (secret == null || secret.Length == 0 || secret.Length > MaxSecretLength)
            {
                throw new ArgumentException("secret must be 1 to 64 octets");
            }

            byte[] nonce = new byte[NonceLength];
            _random.NextBytes(nonce, 0, NonceLength);
            byte[] aad = AdditionalData(method, context);
            byte[] sealedBytes = new byte[secret.Length + MicLength];
            _ccm.Encrypt(nonce, 0, secret, 0, secret.Length, aad, 0, aad.Length, sealedBytes, 0, MicLength);
            Hashtable field = new Hashtable();
            field["n"] = Hex.Encode(nonce);
            field["c"] = Hex.Encode(sealedBytes);
            return field;
        }

        /// <summary>
        /// Opens a sealed field. Returns false for anything malformed or not authentic (wrong key,
        /// other method or context, tampered bytes); the message never reveals content.
        /// </summary>
        public bool TryOpen(object field, string method, string context, out byte[] secret)
        {
            secret = null;
            Hashtable table = field as Hashtable;
            if (table == null)
            {
                return false;
            }

            byte[] nonce;
            byte[] sealedBytes;
            if (!Hex.TryDecode(table["n"] as string, out nonce) || nonce.Length != NonceLength
                || !Hex.TryDecode(table["c"] as string, out sealedBytes) || sealedBytes.Length <= MicLength || sealedBytes.Length > MaxSecretLength + MicLength)
            {
                return false;
            }

            byte[] aad = AdditionalData(method, context);
            byte[] plain = new byte[sealedBytes.Length - MicLength];
            if (!_ccm.TryDecrypt(nonce, 0, sealedBytes, 0, sealedBytes.Length, aad, 0, aad.Length, plain, 0, MicLength))
            {
                return false;
            }

            secret = plain;
            return true;
        }

        private static byte[] AdditionalData(string method, string context)
        {
            return Encoding.UTF8.GetBytes((method ?? string.Empty) + "|" + (context ?? string.Empty));
        }
    }
}
