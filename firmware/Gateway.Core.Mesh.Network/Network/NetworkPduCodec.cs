using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Network PDU encryption, obfuscation and their inverse (MshPRT §3.4.4, §3.9.7;
    /// reference/ble-mesh.md §4.2): IVI ‖ NID ‖ obfuscated(CTL ‖ TTL ‖ SEQ ‖ SRC) ‖
    /// encrypted(DST ‖ TransportPDU) ‖ NetMIC (4 octets when CTL = 0, 8 when CTL = 1).
    /// One instance owns all scratch buffers, so encoding and decoding allocate nothing; the
    /// fields of the last successful <see cref="TryDecode"/> stay valid until the next call.
    /// The input is never modified, so a receiver can try several keys on the same bytes.
    /// </summary>
    public sealed class NetworkPduCodec
    {
        /// <summary>Largest Network PDU (31-octet advertising payload minus AD length and type).</summary>
        public const int MaxLength = 29;

        /// <summary>IVI/NID, CTL/TTL, SEQ, SRC, DST, one transport octet and a 4-octet NetMIC.</summary>
        public const int MinLength = 14;

        public const int HeaderLength = 9;

        /// <summary>Largest Lower Transport PDU: 16 octets for access messages, 12 for control messages.</summary>
        public const int MaxAccessTransportLength = 16;
        public const int MaxControlTransportLength = 12;

        private const int ObfuscatedOffset = 1;
        private const int EncryptedOffset = 7;

        private readonly byte[] _nonce = new byte[MeshNonce.Length];
        private readonly byte[] _pecb = new byte[16];
        private readonly byte[] _plain = new byte[MaxLength];

        /// <summary>IV Index the last PDU was decrypted with.</summary>
        public uint IvIndex { get; private set; }

        public NetworkKeyMaterial Key { get; private set; }

        public bool Ctl { get; private set; }

        public int Ttl { get; private set; }

        public int Seq { get; private set; }

        public int Src { get; private set; }

        public int Dst { get; private set; }

        /// <summary>Decrypted Lower Transport PDU: <see cref="TransportBuffer"/>[<see cref="TransportOffset"/> …].</summary>
        public byte[] TransportBuffer
        {
            get { return _plain; }
        }

        public int TransportOffset
        {
            get { return 2; }
        }

        public int TransportLength { get; private set; }

        /// <summary>NID of a Network PDU (no decryption); -1 when too short to be one.</summary>
        public static int PeekNid(byte[] pdu, int offset, int count)
        {
            if (pdu == null || offset < 0 || count < MinLength || count > MaxLength || offset > pdu.Length - count)
            {
                return -1;
            }

            return pdu[offset] & 0x7F;
        }

        /// <summary>IVI bit of a Network PDU; call after <see cref="PeekNid"/> returned a NID.</summary>
        public static int PeekIvi(byte[] pdu, int offset)
        {
            return pdu[offset] >> 7;
        }

        /// <summary>
        /// Builds a Network PDU into <paramref name="output"/> and returns its length. With
        /// <paramref name="proxyNonce"/> the proxy nonce is used (proxy configuration messages,
        /// MshPRT §6.6: CTL = 1, TTL = 0, DST = unassigned).
        /// </summary>
        public int Encode(NetworkKeyMaterial key, uint ivIndex, bool ctl, int ttl, int seq, int src, int dst,
            byte[] transport, int offset, int count, bool proxyNonce, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            int maxTransport = ctl ? MaxControlTransportLength : MaxAccessTransportLength;
            if (transport == null || count < 1 || count > maxTransport || offset < 0 || offset > transport.Length - count)
            {
                throw new ProtocolFormatException("transport PDU of " + count + " octets does not fit a Network PDU");
            }

            if (ttl < 0 || ttl > 0x7F || seq < 0 || seq > 0xFFFFFF || src < 0 || src > 0xFFFF || dst < 0 || dst > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("seq");
            }

            int micLength = ctl ? 8 : 4;
            int length = HeaderLength + count + micLength;
            if (output == null || outputOffset < 0 || outputOffset > output.Length - length)
            {
                throw new ArgumentOutOfRangeException("outputOffset");
            }

            int ctlTtl = (ctl ? 0x80 : 0) | ttl;
            if (proxyNonce)
            {
                MeshNonce.WriteProxy(_nonce, seq, src, ivIndex);
            }
            else
            {
                MeshNonce.WriteNetwork(_nonce, ctlTtl, seq, src, ivIndex);
            }

            // MshPRT §3.9.7.2: DST ‖ TransportPDU are encrypted and authenticated with the EncryptionKey.
            int at = outputOffset + EncryptedOffset;
            output[at] = (byte)(dst >> 8);
            output[at + 1] = (byte)dst;
            Array.Copy(transport, offset, output, at + 2, count);
            key.Encryption.Encrypt(_nonce, 0, output, at, 2 + count, null, 0, 0, output, at, micLength);

            output[outputOffset] = (byte)(((int)(ivIndex & 1) << 7) | key.Nid);
            output[outputOffset + 1] = (byte)ctlTtl;
            output[outputOffset + 2] = (byte)(seq >> 16);
            output[outputOffset + 3] = (byte)(seq >> 8);
            output[outputOffset + 4] = (byte)seq;
            output[outputOffset + 5] = (byte)(src >> 8);
            output[outputOffset + 6] = (byte)src;
            ComputePecb(key, ivIndex, output, at);
            for (int i = 0; i < 6; i++)
            {
                output[outputOffset + ObfuscatedOffset + i] ^= _pecb[i];
            }

            return length;
        }

        /// <summary>
        /// Deobfuscates and decrypts one Network PDU with <paramref name="key"/> and
        /// <paramref name="ivIndex"/> (the caller picked both from NID and IVI). False for any
        /// malformed input or a NetMIC mismatch; never throws for bad bytes.
        /// </summary>
        public bool TryDecode(NetworkKeyMaterial key, uint ivIndex, bool proxyNonce, byte[] pdu, int offset, int count)
        {
            if (key == null || PeekNid(pdu, offset, count) != key.Nid)
            {
                return false;
            }

            // MshPRT §3.9.7.3: PECB from the first 7 octets after the obfuscated header.
            ComputePecb(key, ivIndex, pdu, offset + EncryptedOffset);
            int ctlTtl = pdu[offset + 1] ^ _pecb[0];
            bool ctl = (ctlTtl & 0x80) != 0;
            int micLength = ctl ? 8 : 4;
            int encryptedLength = count - EncryptedOffset;
            if (encryptedLength < 2 + 1 + micLength)
            {
                return false;
            }

            int seq = ((pdu[offset + 2] ^ _pecb[1]) << 16) | ((pdu[offset + 3] ^ _pecb[2]) << 8) | (pdu[offset + 4] ^ _pecb[3]);
            int src = ((pdu[offset + 5] ^ _pecb[4]) << 8) | (pdu[offset + 6] ^ _pecb[5]);
            if (proxyNonce)
            {
                MeshNonce.WriteProxy(_nonce, seq, src, ivIndex);
            }
            else
            {
                MeshNonce.WriteNetwork(_nonce, ctlTtl, seq, src, ivIndex);
            }

            if (!key.Encryption.TryDecrypt(_nonce, 0, pdu, offset + EncryptedOffset, encryptedLength, null, 0, 0, _plain, 0, micLength))
            {
                return false;
            }

            Key = key;
            IvIndex = ivIndex;
            Ctl = ctl;
            Ttl = ctlTtl & 0x7F;
            Seq = seq;
            Src = src;
            Dst = (_plain[0] << 8) | _plain[1];
            TransportLength = encryptedLength - micLength - 2;
            return true;
        }

        private void ComputePecb(NetworkKeyMaterial key, uint ivIndex, byte[] privacyRandom, int at)
        {
            // PECB = e(PrivacyKey, 0x0000000000 ‖ IV Index ‖ Privacy Random (7 octets)).
            _pecb[0] = 0;
            _pecb[1] = 0;
            _pecb[2] = 0;
            _pecb[3] = 0;
            _pecb[4] = 0;
            _pecb[5] = (byte)(ivIndex >> 24);
            _pecb[6] = (byte)(ivIndex >> 16);
            _pecb[7] = (byte)(ivIndex >> 8);
            _pecb[8] = (byte)ivIndex;
            Array.Copy(privacyRandom, at, _pecb, 9, 7);
            key.Privacy.EncryptBlock(_pecb, 0, _pecb, 0);
        }
    }
}
