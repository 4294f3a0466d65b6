using System.Security.Cryptography;
using Gateway.Core.Cloud;

namespace Gateway.Host.Cloud
{
    /// <summary>Host <see cref="IHmacSha256"/> over .NET's HMACSHA256.</summary>
    public sealed class DotNetHmacSha256 : IHmacSha256
    {
        public byte[] ComputeHash(byte[] key, byte[] message)
        {
            return HMACSHA256.HashData(key, message);
        }
    }
}
