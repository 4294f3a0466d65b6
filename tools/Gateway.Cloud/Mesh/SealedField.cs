using System;
using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Cloud.Mesh;

/// <summary>
/// The platform's side of sealed secret fields (docs/cloud-protocol.md "Secret fields"), written
/// on .NET's AesCcm and HMACSHA256 independently of the core's SecretEnvelope so the tests prove
/// interoperability: key = HMAC-SHA256(gateway DeviceSecret, "gw-secret-v1")[0:16], 13-octet nonce,
/// 8-octet tag, additional data "method|context".
/// </summary>
public static class SealedField
{
    /// <summary>Seals <paramref name="secret"/> under a fresh nonce: random, or from <paramref name="nonceSource"/> (a seeded one in deterministic runs).</summary>
    public static Hashtable Seal(string gatewayDeviceSecret, byte[] secret, string method, string context, Func<int, byte[]> nonceSource = null)
    {
        byte[] nonce = nonceSource == null ? RandomNumberGenerator.GetBytes(13) : nonceSource(13);
        byte[] cipher = new byte[secret.Length];
        byte[] tag = new byte[8];
        using (var ccm = new AesCcm(Key(gatewayDeviceSecret)))
        {
            ccm.Encrypt(nonce, secret, cipher, tag, Encoding.UTF8.GetBytes(method + "|" + context));
        }

        byte[] sealedBytes = new byte[cipher.Length + 8];
        cipher.CopyTo(sealedBytes, 0);
        tag.CopyTo(sealedBytes, cipher.Length);
        return new Hashtable { { "n", Hex.Encode(nonce) }, { "c", Hex.Encode(sealedBytes) } };
    }

    public static bool TryOpen(string gatewayDeviceSecret, object field, string method, string context, out byte[] secret)
    {
        secret = null;
        if (field is not Hashtable table || !Hex.TryDecode(table["n"] as string, out byte[] nonce) || nonce.Length != 13
            || !Hex.TryDecode(table["c"] as string, out byte[] sealedBytes) || sealedBytes.Length <= 8)
        {
            return false;
        }

        byte[] plain = new byte[sealedBytes.Length - 8];
        try
        {
            using var ccm = new AesCcm(Key(gatewayDeviceSecret));
            ccm.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, Encoding.UTF8.GetBytes(method + "|" + context));
        }
        catch (CryptographicException)
        {
            return false;
        }

        secret = plain;
        return true;
    }

    private static byte[] Key(string gatewayDeviceSecret)
    {
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(gatewayDeviceSecret), Encoding.UTF8.GetBytes("gw-secret-v1"));
        return mac.AsSpan(0, 16).ToArray();
    }
}
