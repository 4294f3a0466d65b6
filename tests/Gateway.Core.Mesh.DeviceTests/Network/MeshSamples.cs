using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Mesh.Network
{
    /// <summary>
    /// MshPRT §8.2–§8.6 sample keys (NetKey 7dd7…, AppKey 6396…, DevKey of node 0x1201, IV Index
    /// 0x12345678) and the key material built from them. Host twin: tests/Gateway.Core.Tests/Mesh/Network/MeshSampleData.cs.
    /// </summary>
    internal static class MeshSamples
    {
        public const string NetKey = "7dd7364cd842ad18c17c2b820c84c3d6";
        public const string AppKey = "63964771734fbd76e3b40519d1d94a48";
        public const string DevKey1201 = "9d6dd0e96eb25dc19a40ed9914f8f03f";
        public const uint IvIndex = 0x12345678;
        public const uint IvIndexMinusOne = 0x12345677;

        // §8.3.6 Config AppKey Add from 0x0003 to 0x1201 (SEQ 0x3129ab), its two Network PDUs, and §8.3.16 AppKey Status.
        public const string AppKeyAddAccess = "0056341263964771734fbd76e3b40519d1d94a48";
        public const string AppKeyAddSeg0 = "68cab5c5348a230afba8c63d4e686364979deaf4fd40961145939cda0e";
        public const string AppKeyAddSeg1 = "681615b5dd4a846cae0c032bf0746f44f1b8cc8ce5edc57e55beed49c0";
        public const string AppKeyStatusPdu = "68e80e5da5af0e6b9be7f5a642f2f98680e61c3a8b47f228";

        private static IAes128 s_aes;

        public static IAes128 Aes
        {
            get
            {
                if (s_aes == null)
                {
                    s_aes = new ManagedAes128();
                }

                return s_aes;
            }
        }

        public static NetworkKeyMaterial NetworkKey()
        {
            return new NetworkKeyMaterial(new MeshCrypto(Aes), Aes, 0, Hex.Decode(NetKey));
        }

        /// <summary>The §8.2.3 friendship credentials (LPN 1201, Friend 2345); only the derived keys are published.</summary>
        public static NetworkKeyMaterial FriendKey()
        {
            return NetworkKeyMaterial.FromDerivedKeys(Aes, 0, 0x5e, Hex.Decode("be635105434859f484fc798e043ce40e"), Hex.Decode("5d396d4b54d3cbafe943e051fe9a4eb8"));
        }

        public static ApplicationKeyMaterial ApplicationKey()
        {
            return new ApplicationKeyMaterial(new MeshCrypto(Aes), Aes, 0, 0, Hex.Decode(AppKey));
        }

        public static DeviceKeyMaterial DeviceKey1201()
        {
            return new DeviceKeyMaterial(Aes, 0x1201, Hex.Decode(DevKey1201));
        }

        /// <summary>A key store with the §8.3 NetKey, AppKey (index 0) and the device key of node 0x1201.</summary>
        public static MeshKeyStore KeyStore()
        {
            MeshKeyStore store = new MeshKeyStore();
            store.AddNetworkKey(NetworkKey());
            store.AddApplicationKey(ApplicationKey());
            store.AddDeviceKey(DeviceKey1201(), 1);
            return store;
        }

        /// <summary>A SEQ blob (SequenceNumberStore format) so a stack's next SEQ is <paramref name="nextSeq"/>.</summary>
        public static byte[] SeqBlob(uint ivIndex, int nextSeq)
        {
            return new byte[]
            {
                0x01, (byte)(ivIndex >> 24), (byte)(ivIndex >> 16), (byte)(ivIndex >> 8), (byte)ivIndex,
                0x00, (byte)(nextSeq >> 24), (byte)(nextSeq >> 16), (byte)(nextSeq >> 8), (byte)nextSeq,
            };
        }

        /// <summary>A Segment Acknowledgment from <paramref name="src"/> as an encrypted Network PDU.</summary>
        public static byte[] AckFrom(int src, int dst, int seq, int seqZero, uint blockAck)
        {
            byte[] ack = new byte[7];
            SegmentAcknowledgment.Write(ack, 0, false, seqZero, blockAck);
            byte[] pdu = new byte[29];
            int n = new NetworkPduCodec().Encode(NetworkKey(), IvIndex, true, 5, seq, src, dst, ack, 0, 7, false, pdu, 0);
            return Copy(pdu, 0, n);
        }

        public static byte[] Copy(byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(data, offset, copy, 0, count);
            return copy;
        }
    }
}
