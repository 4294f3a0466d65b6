using System;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Mesh Proxy Service advertising (MshPRT §7.2.2.2; reference/ble-mesh.md §3.3): Service Data
    /// (AD 0x16) for UUID 0x1828 with Identification Type 0x00 Network ID (8) or 0x01 Node Identity:
    /// Hash (8) ‖ Random (8), Hash = the last 8 octets of e(IdentityKey, 0x000000000000 ‖ Random ‖
    /// Address). A provisioner that just provisioned a node over PB-GATT uses it to find that node's
    /// proxy. One instance keeps the last parse in fixed buffers: parsing allocates nothing.
    /// </summary>
    public sealed class MeshProxyServiceData
    {
        public const ushort ServiceUuid = 0x1828;
        public const byte ServiceDataAdType = 0x16;
        public const int TypeNetworkId = 0x00;
        public const int TypeNodeIdentity = 0x01;
        public const int TypePrivateNetworkIdentity = 0x02;
        public const int TypePrivateNodeIdentity = 0x03;
        private const int NetworkIdValueLength = 11;
        private const int NodeIdentityValueLength = 19;

        private readonly byte[] _first = new byte[8];
        private readonly byte[] _random = new byte[8];
        private readonly byte[] _block = new byte[16];

        /// <summary>Identification Type of the last parse.</summary>
        public int IdentificationType { get; private set; }

        /// <summary>Finds the first 0x1828 service data in an advertisement and parses it. Never throws.</summary>
        public bool TryParseAdvertisement(byte[] data, int offset, int length)
        {
            int from = offset;
            int valueOffset;
            int valueLength;
            while (AdStructures.TryFindFrom(data, offset, length, ServiceDataAdType, from, out valueOffset, out valueLength))
            {
                if (TryParseServiceData(data, valueOffset, valueLength))
                {
                    return true;
                }

                from = valueOffset + valueLength;
            }

            return false;
        }

        /// <summary>Parses the value of one 0x16 AD structure (UUID first). Never throws.</summary>
        public bool TryParseServiceData(byte[] value, int offset, int count)
        {
            if (value == null || offset < 0 || count < 3 || offset > value.Length - count)
            {
                return false;
            }

            if (value[offset] != (ServiceUuid & 0xFF) || value[offset + 1] != (ServiceUuid >> 8))
            {
                return false;
            }

            int type = value[offset + 2];
            if ((type == TypeNetworkId && count == NetworkIdValueLength)
                || ((type == TypeNodeIdentity || type == TypePrivateNodeIdentity || type == TypePrivateNetworkIdentity) && count == NodeIdentityValueLength))
            {
                IdentificationType = type;
                Array.Copy(value, offset + 3, _first, 0, 8);
                if (count == NodeIdentityValueLength)
                {
                    Array.Copy(value, offset + 11, _random, 0, 8);
                }

                return true;
            }

            return false;
        }

        /// <summary>After a Network ID parse: the key of ours with that Network ID, or null.</summary>
        public NetworkKeyMaterial MatchNetworkId(IMeshKeyStore keys)
        {
            if (IdentificationType != TypeNetworkId || keys == null)
            {
                return null;
            }

            for (int i = 0; i < keys.NetworkKeyCount; i++)
            {
                NetworkKeyMaterial key = keys.GetNetworkKeyAt(i);
                if (key.NetworkIdEquals(_first, 0))
                {
                    return key;
                }
            }

            return null;
        }

        /// <summary>After a Node Identity parse: whether it was made by the node at <paramref name="address"/> with <paramref name="key"/>.</summary>
        public bool MatchesNodeIdentity(NetworkKeyMaterial key, int address)
        {
            if (IdentificationType != TypeNodeIdentity || key == null || key.Identity == null)
            {
                return false;
            }

            ComputeHash(key, _random, 0, address);
            return ConstantTime.AreEqual(_block, 8, _first, 0, 8);
        }

        /// <summary>After a Node Identity parse: the first of our NetKeys under which <paramref name="address"/> made it, or null.</summary>
        public NetworkKeyMaterial FindNodeIdentity(IMeshKeyStore keys, int address)
        {
            if (keys == null)
            {
                return null;
            }

            for (int i = 0; i < keys.NetworkKeyCount; i++)
            {
                NetworkKeyMaterial key = keys.GetNetworkKeyAt(i);
                if (MatchesNodeIdentity(key, address))
                {
                    return key;
                }
            }

            return null;
        }

        /// <summary>Writes the AD structure (length, 0x16, value) of a Network ID advertisement; returns 13.</summary>
        public static int WriteNetworkId(NetworkKeyMaterial key, byte[] output, int offset)
        {
            CryptoArguments.CheckRange(output, offset, NetworkIdValueLength + 2, "service data output");
            output[offset] = NetworkIdValueLength + 1;
            output[offset + 1] = ServiceDataAdType;
            output[offset + 2] = (byte)(ServiceUuid & 0xFF);
            output[offset + 3] = (byte)(ServiceUuid >> 8);
            output[offset + 4] = TypeNetworkId;
            key.CopyNetworkId(output, offset + 5);
            return NetworkIdValueLength + 2;
        }

        /// <summary>Writes the AD structure of a Node Identity advertisement; returns 21.</summary>
        public int WriteNodeIdentity(NetworkKeyMaterial key, int address, byte[] random, int randomOffset, byte[] output, int offset)
        {
            if (key == null || key.Identity == null)
            {
                throw new ArgumentException("Node Identity needs material derived from a NetKey", "key");
            }

            CryptoArguments.CheckRange(random, randomOffset, 8, "Node Identity random");
            CryptoArguments.CheckRange(output, offset, NodeIdentityValueLength + 2, "service data output");
            ComputeHash(key, random, randomOffset, address);
            output[offset] = NodeIdentityValueLength + 1;
            output[offset + 1] = ServiceDataAdType;
            output[offset + 2] = (byte)(ServiceUuid & 0xFF);
            output[offset + 3] = (byte)(ServiceUuid >> 8);
            output[offset + 4] = TypeNodeIdentity;
            Array.Copy(_block, 8, output, offset + 5, 8);
            Array.Copy(random, randomOffset, output, offset + 13, 8);
            return NodeIdentityValueLength + 2;
        }

        private void ComputeHash(NetworkKeyMaterial key, byte[] random, int randomOffset, int address)
        {
            // MshPRT §7.2.2.2.3: Hash input = Padding (6 × 0x00) ‖ Random ‖ Address.
            Array.Clear(_block, 0, 6);
            Array.Copy(random, randomOffset, _block, 6, 8);
            _block[14] = (byte)(address >> 8);
            _block[15] = (byte)address;
            key.Identity.EncryptBlock(_block, 0, _block, 0);
        }
    }
}
