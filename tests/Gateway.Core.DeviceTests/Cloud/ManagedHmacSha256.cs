using Gateway.Core.Cloud;
using Gateway.Core.Crypto;

namespace Gateway.Core.DeviceTests.Cloud
{
    /// <summary>The sign-in's HMAC port over the core's managed HMAC-SHA256 (the firmware uses the native one).</summary>
    internal sealed class ManagedHmacSha256 : IHmacSha256
    {
        public byte[] ComputeHash(byte[] key, byte[] message)
        {
            return HmacSha256.Compute(key, message);
        }
    }
}
