using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Network
{
    /// <summary>
    /// MshPRT §8.2–§8.6 sample keys and values. #1, #6, #16, the beacon and the identity samples
    /// are in reference/ble-mesh.md §3.3/§4.7; the other §8.3 messages are the specification's
    /// sample data as compiled into BlueZ unit/test-mesh-crypto.c and BTstack test/mesh/mesh_message_test.cpp.
    /// </summary>
    internal static class MeshSampleData
    {
        public const string NetKey = "7dd7364cd842ad18c17c2b820c84c3d6";
        public const string AppKey = "63964771734fbd76e3b40519d1d94a48";
        public const string DevKey1201 = "9d6dd0e96eb25dc19a40ed9914f8f03f";
        public const uint IvIndex = 0x12345678;
        public const uint IvIndexMinusOne = 0x12345677;

        // Friendship credentials of §8.2.3 (LPN 1201, Friend 2345): only the derived keys are published.
        public const int FriendNid = 0x5e;
        public const string FriendEncryptionKey = "be635105434859f484fc798e043ce40e";
        public const string FriendPrivacyKey = "5d396d4b54d3cbafe943e051fe9a4eb8";

        public static readonly IAes128 Aes = new ManagedAes128();

        public static MeshCrypto Crypto()
        {
            return new MeshCrypto(Aes);
        }

        public static NetworkKeyMaterial NetworkKey(int index = 0)
        {
            return new NetworkKeyMaterial(Crypto(), Aes, index, Hex.Decode(NetKey));
        }

        public static NetworkKeyMaterial FriendKey()
        {
            return NetworkKeyMaterial.FromDerivedKeys(Aes, 0, FriendNid, Hex.Decode(FriendEncryptionKey), Hex.Decode(FriendPrivacyKey));
        }

        public static ApplicationKeyMaterial ApplicationKey(int index = 0, int netKeyIndex = 0)
        {
            return new ApplicationKeyMaterial(Crypto(), Aes, index, netKeyIndex, Hex.Decode(AppKey));
        }

        public static DeviceKeyMaterial DeviceKey1201()
        {
            return new DeviceKeyMaterial(Aes, 0x1201, Hex.Decode(DevKey1201));
        }

        /// <summary>A key store with the §8.3 NetKey, AppKey (index 0) and the device key of node 0x1201.</summary>
        public static MeshKeyStore KeyStore()
        {
            var store = new MeshKeyStore();
            store.AddNetworkKey(NetworkKey());
            store.AddApplicationKey(ApplicationKey());
            store.AddDeviceKey(DeviceKey1201(), 1);
            return store;
        }

        /// <summary>A SEQ blob (SequenceNumberStore format) so a stack's next SEQ is <paramref name="nextSeq"/>.</summary>
        public static byte[] SeqBlob(uint ivIndex, bool ivUpdate, int nextSeq)
        {
            return new byte[]
            {
                0x01, (byte)(ivIndex >> 24), (byte)(ivIndex >> 16), (byte)(ivIndex >> 8), (byte)ivIndex,
                (byte)(ivUpdate ? 1 : 0), (byte)(nextSeq >> 24), (byte)(nextSeq >> 16), (byte)(nextSeq >> 8), (byte)nextSeq,
            };
        }
    }
}
