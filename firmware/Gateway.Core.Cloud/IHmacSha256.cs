namespace Gateway.Core.Cloud
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 over FIPS 180-4) for the Link Kit sign-in. Device: nanoFramework's
    /// native <c>HMACSHA256.HashData</c> (mbedTLS); host: .NET <c>HMACSHA256.HashData</c>.
    /// The key is a device secret: implementations never log or keep it.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>Returns the 32-octet MAC of <paramref name="message"/> under <paramref name="key"/>.</summary>
        byte[] ComputeHash(byte[] key, byte[] message);
    }
}
