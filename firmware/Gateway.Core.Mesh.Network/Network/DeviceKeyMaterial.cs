using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The device key of one node (MshPRT §3.9.6.1), keyed for the upper transport layer.
    /// Configuration messages travel under it with AKF = 0 and the device nonce (MshPRT §3.9.5.3).
    /// </summary>
    public sealed class DeviceKeyMaterial
    {
        private readonly int _address;
        private readonly AesCcm _ccm;

        /// <param name="address">Primary element address of the node the key belongs to.</param>
        public DeviceKeyMaterial(IAes128 aes, int address, byte[] deviceKey)
        {
            if (aes == null)
            {
                throw new ArgumentNullException("aes");
            }

            if (!MeshAddress.IsUnicast(address))
            {
                throw new ArgumentOutOfRangeException("address");
            }

            CryptoArguments.CheckLength(deviceKey, MeshCrypto.KeyLength, "DevKey");
            _address = address;
            _ccm = new AesCcm(aes.CreateEncryptor(deviceKey));
        }

        public int Address
        {
            get { return _address; }
        }

        internal AesCcm Ccm
        {
            get { return _ccm; }
        }

        public override string ToString()
        {
            return "DevKey of 0x" + _address.ToString("x4");
        }
    }
}
