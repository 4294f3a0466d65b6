using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// One AppKey ready for the upper transport layer (MshPRT §3.9.6.2, §3.6.4): its AID (k4,
    /// 6 bits, sent in the lower transport header so a receiver can pick candidate keys), the
    /// NetKey it is bound to, and an AES-CCM object under the key. The raw key is not kept.
    /// </summary>
    public sealed class ApplicationKeyMaterial
    {
        private readonly int _index;
        private readonly int _netKeyIndex;
        private readonly int _aid;
        private readonly AesCcm _ccm;

        public ApplicationKeyMaterial(MeshCrypto crypto, IAes128 aes, int appKeyIndex, int boundNetKeyIndex, byte[] appKey)
        {
            if (crypto == null || aes == null)
            {
                throw new ArgumentNullException(crypto == null ? "crypto" : "aes");
            }

            if (appKeyIndex < 0 || appKeyIndex > 0xFFF || boundNetKeyIndex < 0 || boundNetKeyIndex > 0xFFF)
            {
                throw new ArgumentOutOfRangeException("appKeyIndex");
            }

            CryptoArguments.CheckLength(appKey, MeshCrypto.KeyLength, "AppKey");
            _index = appKeyIndex;
            _netKeyIndex = boundNetKeyIndex;
            _aid = crypto.K4(appKey, 0);
            _ccm = new AesCcm(aes.CreateEncryptor(appKey));
        }

        /// <summary>AppKey Index (12 bits).</summary>
        public int Index
        {
            get { return _index; }
        }

        /// <summary>The NetKey Index the AppKey is bound to (MshPRT §4.4.1.2.9).</summary>
        public int NetKeyIndex
        {
            get { return _netKeyIndex; }
        }

        /// <summary>Application key identifier, k4(AppKey).</summary>
        public int Aid
        {
            get { return _aid; }
        }

        internal AesCcm Ccm
        {
            get { return _ccm; }
        }

        public override string ToString()
        {
            return "AppKey index " + _index + " AID 0x" + _aid.ToString("x2");
        }
    }
}
