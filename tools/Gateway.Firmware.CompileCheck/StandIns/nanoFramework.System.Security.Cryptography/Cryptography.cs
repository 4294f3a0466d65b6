// Stand-ins (compile check only): nanoFramework.System.Security.Cryptography 1.0.43. They shadow
// .NET's Aes, CipherMode and HMACSHA256 of the same names inside this assembly (CS0436), which is
// what nanoFramework's own build sees: its CipherMode has None = 0, CBC = 1, ECB = 2.
namespace System.Security.Cryptography
{
    public enum CipherMode
    {
        None = 0,
        CBC = 1,
        ECB = 2,
    }

    public class Aes
    {
        public Aes(CipherMode mode)
        {
            throw new NotImplementedException("stand-in");
        }

        public byte[] Key
        {
            get { throw new NotImplementedException("stand-in"); }
            set { throw new NotImplementedException("stand-in"); }
        }

        public byte[] Encrypt(byte[] data)
        {
            throw new NotImplementedException("stand-in");
        }

        public byte[] Decrypt(byte[] data)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public class HMACSHA256 : IDisposable
    {
        internal HMACSHA256(int standIn)
        {
        }

        public static byte[] HashData(byte[] key, byte[] source)
        {
            throw new NotImplementedException("stand-in");
        }

        public void Dispose()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}
