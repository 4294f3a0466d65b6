using System.Text;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Crypto
{
    /// <summary>
    /// What the crypto device tests share: the AES port they run on and ASCII inputs.
    /// </summary>
    /// <remarks>
    /// Today every AES-based device test runs on <see cref="ManagedAes128"/>, the portable cipher
    /// of the core. The firmware's native adapter (nanoFramework <c>Aes</c> in ECB mode, mbedTLS)
    /// comes later with Gateway.Firmware; when it does, these same vectors must pass on it too
    /// (add it here as a second backend, the way the host tests run managed and .NET AES).
    /// </remarks>
    internal static class DeviceCrypto
    {
        public static IAes128 CreateAes()
        {
            return new ManagedAes128();
        }

        public static byte[] Ascii(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        public static IBlockCipher Cipher(string keyHex)
        {
            return CreateAes().CreateEncryptor(Hex.Decode(keyHex));
        }
    }
}
