namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The 13-octet AES-CCM nonces of the mesh (MshPRT §3.9.5; reference/ble-mesh.md §4.2, §4.4),
    /// all big-endian: type ‖ type-specific octet ‖ SEQ (3) ‖ SRC (2) ‖ DST or pad (2) ‖ IV Index (4).
    /// </summary>
    public static class MeshNonce
    {
        public const int Length = 13;
        public const byte NetworkNonceType = 0x00;
        public const byte ApplicationNonceType = 0x01;
        public const byte DeviceNonceType = 0x02;
        public const byte ProxyNonceType = 0x03;

        /// <summary>Network nonce: 0x00 ‖ CTL|TTL ‖ SEQ ‖ SRC ‖ 0x0000 ‖ IV Index (MshPRT §3.9.5.1).</summary>
        public static void WriteNetwork(byte[] nonce, int ctlTtl, int seq, int src, uint ivIndex)
        {
            Write(nonce, NetworkNonceType, ctlTtl, seq, src, 0, ivIndex);
        }

        /// <summary>Proxy nonce: 0x03 ‖ 0x00 ‖ SEQ ‖ SRC ‖ 0x0000 ‖ IV Index (MshPRT §3.9.5.4), for proxy configuration.</summary>
        public static void WriteProxy(byte[] nonce, int seq, int src, uint ivIndex)
        {
            Write(nonce, ProxyNonceType, 0, seq, src, 0, ivIndex);
        }

        /// <summary>Application nonce: 0x01 ‖ ASZMIC‖pad ‖ SEQ ‖ SRC ‖ DST ‖ IV Index (MshPRT §3.9.5.2).</summary>
        public static void WriteApplication(byte[] nonce, bool aszmic, int seq, int src, int dst, uint ivIndex)
        {
            Write(nonce, ApplicationNonceType, aszmic ? 0x80 : 0x00, seq, src, dst, ivIndex);
        }

        /// <summary>Device nonce: 0x02 ‖ ASZMIC‖pad ‖ SEQ ‖ SRC ‖ DST ‖ IV Index (MshPRT §3.9.5.3).</summary>
        public static void WriteDevice(byte[] nonce, bool aszmic, int seq, int src, int dst, uint ivIndex)
        {
            Write(nonce, DeviceNonceType, aszmic ? 0x80 : 0x00, seq, src, dst, ivIndex);
        }

        private static void Write(byte[] nonce, byte type, int second, int seq, int src, int dst, uint ivIndex)
        {
            nonce[0] = type;
            nonce[1] = (byte)second;
            nonce[2] = (byte)(seq >> 16);
            nonce[3] = (byte)(seq >> 8);
            nonce[4] = (byte)seq;
            nonce[5] = (byte)(src >> 8);
            nonce[6] = (byte)src;
            nonce[7] = (byte)(dst >> 8);
            nonce[8] = (byte)dst;
            nonce[9] = (byte)(ivIndex >> 24);
            nonce[10] = (byte)(ivIndex >> 16);
            nonce[11] = (byte)(ivIndex >> 8);
            nonce[12] = (byte)ivIndex;
        }
    }
}
