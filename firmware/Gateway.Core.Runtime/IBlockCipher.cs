namespace Gateway.Core.Runtime
{
    /// <summary>
    /// One AES-128 key, ready to encrypt or decrypt 16-octet blocks. CMAC, CCM, CFB and the mesh
    /// functions only use the forward cipher; CBC decryption (Breeze, dev-ap) needs the inverse.
    /// Created once per key and reused, so per-message work allocates nothing.
    /// </summary>
    public interface IBlockCipher
    {
        /// <summary>
        /// Encrypts the 16 octets at <paramref name="input"/>[<paramref name="inputOffset"/>] into
        /// <paramref name="output"/>[<paramref name="outputOffset"/>]. Input and output may overlap exactly.
        /// </summary>
        void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);

        /// <summary>
        /// Decrypts (inverse cipher, FIPS-197 §5.3) the 16 octets at <paramref name="input"/>[<paramref name="inputOffset"/>]
        /// into <paramref name="output"/>[<paramref name="outputOffset"/>]. Input and output may overlap exactly.
        /// Device: nanoFramework <c>Aes(CipherMode.ECB).Decrypt</c>.
        /// </summary>
        void DecryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);
    }

    /// <summary>
    /// AES-128 block cipher port (DESIGN.md §3). Device: nanoFramework <c>Aes</c> in ECB mode
    /// (native mbedTLS); host: <c>System.Security.Cryptography.Aes.EncryptEcb/DecryptEcb</c>;
    /// anywhere: <c>Gateway.Core.Crypto.ManagedAes128</c>.
    /// </summary>
    public interface IAes128
    {
        /// <summary>Keys a block cipher with a 16-octet key (the key array is copied).</summary>
        IBlockCipher CreateEncryptor(byte[] key);
    }
}
