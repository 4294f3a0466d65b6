using System;
using Gateway.Core.Crypto;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Upper transport access encryption (MshPRT §3.6.4, §3.9.7.1; reference/ble-mesh.md §4.4):
    /// AES-CCM under an AppKey with the application nonce or under a device key with the device
    /// nonce; TransMIC of 4 octets, or 8 when the segmented message has SZMIC = 1 (ASZMIC in the
    /// nonce). A virtual destination adds its Label UUID as additional data. Allocation-free.
    /// </summary>
    public sealed class UpperTransportCrypto
    {
        public const int LabelUuidLength = 16;

        private readonly byte[] _nonce = new byte[MeshNonce.Length];

        public static int MicLength(bool szmic)
        {
            return szmic ? 8 : 4;
        }

        /// <summary>Encrypts an access payload; writes ciphertext ‖ TransMIC (<paramref name="count"/> + MIC octets).</summary>
        public void Encrypt(ApplicationKeyMaterial key, bool szmic, int seq, int src, int dst, uint ivIndex, byte[] labelUuid,
            byte[] payload, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            MeshNonce.WriteApplication(_nonce, szmic, seq, src, dst, ivIndex);
            Seal(key.Ccm, szmic, labelUuid, payload, offset, count, output, outputOffset);
        }

        public void Encrypt(DeviceKeyMaterial key, bool szmic, int seq, int src, int dst, uint ivIndex,
            byte[] payload, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            MeshNonce.WriteDevice(_nonce, szmic, seq, src, dst, ivIndex);
            Seal(key.Ccm, szmic, null, payload, offset, count, output, outputOffset);
        }

        /// <summary>
        /// Decrypts an Upper Transport Access PDU (<paramref name="count"/> octets with the
        /// TransMIC) into <paramref name="count"/> − MIC octets. False on a TransMIC mismatch or
        /// a PDU too short to hold one; never throws for bad bytes.
        /// </summary>
        public bool TryDecrypt(ApplicationKeyMaterial key, bool szmic, int seq, int src, int dst, uint ivIndex, byte[] labelUuid,
            byte[] pdu, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                return false;
            }

            MeshNonce.WriteApplication(_nonce, szmic, seq, src, dst, ivIndex);
            return Open(key.Ccm, szmic, labelUuid, pdu, offset, count, output, outputOffset);
        }

        public bool TryDecrypt(DeviceKeyMaterial key, bool szmic, int seq, int src, int dst, uint ivIndex,
            byte[] pdu, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                return false;
            }

            MeshNonce.WriteDevice(_nonce, szmic, seq, src, dst, ivIndex);
            return Open(key.Ccm, szmic, null, pdu, offset, count, output, outputOffset);
        }

        private void Seal(AesCcm ccm, bool szmic, byte[] labelUuid, byte[] payload, int offset, int count, byte[] output, int outputOffset)
        {
            int aadCount = labelUuid == null ? 0 : LabelUuidLength;
            ccm.Encrypt(_nonce, 0, payload, offset, count, labelUuid, 0, aadCount, output, outputOffset, MicLength(szmic));
        }

        private bool Open(AesCcm ccm, bool szmic, byte[] labelUuid, byte[] pdu, int offset, int count, byte[] output, int outputOffset)
        {
            int mic = MicLength(szmic);
            if (pdu == null || output == null || offset < 0 || count < mic + 1 || offset > pdu.Length - count
                || outputOffset < 0 || outputOffset > output.Length - (count - mic))
            {
                return false;
            }

            if (labelUuid != null && labelUuid.Length != LabelUuidLength)
            {
                return false;
            }

            int aadCount = labelUuid == null ? 0 : LabelUuidLength;
            return ccm.TryDecrypt(_nonce, 0, pdu, offset, count, labelUuid, 0, aadCount, output, outputOffset, mic);
        }
    }
}
