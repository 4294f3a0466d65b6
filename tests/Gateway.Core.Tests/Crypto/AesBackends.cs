using System;
using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Gateway.Host.Crypto;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>Every AES-based test runs against both block-cipher ports: managed (core) and host (.NET).</summary>
    public static class AesBackends
    {
        public const string Managed = "managed";
        public const string Host = "host";

        public static TheoryData<string> Names
        {
            get { return new TheoryData<string> { Managed, Host }; }
        }

        public static IAes128 Create(string name)
        {
            switch (name)
            {
                case Managed:
                    return new ManagedAes128();
                case Host:
                    return new HostAes128();
                default:
                    throw new ArgumentException("unknown AES backend " + name);
            }
        }

        public static IBlockCipher Cipher(string name, string keyHex)
        {
            return Create(name).CreateEncryptor(Hex.Decode(keyHex));
        }

        public static byte[] RandomBytes(Random random, int count)
        {
            byte[] bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
