using System;
using System.Security.Cryptography;
using Gateway.Core.Cloud;

namespace Gateway.Firmware.Crypto
{
    /// <summary>
    /// The Link Kit sign-in's HMAC-SHA256 on nanoFramework's native <c>HMACSHA256.HashData</c>
    /// (mbedTLS; nanoframework.md §7). The key is the device secret: never logged or kept.
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        public byte[] ComputeHash(byte[] key, byte[] message)
        {
            if (key == null || message == null)
            {
                throw new ArgumentNullException("key");
            }

            return HMACSHA256.HashData(key, message);
        }
    }
}
