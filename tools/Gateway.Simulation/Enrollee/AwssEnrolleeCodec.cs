using System;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Simulation.Enrollee;

/// <summary>
/// The enrollee's side of the zero-config elements, written independently of the core's codec
/// (so tests that pair the two check interoperation, not one implementation against itself):
/// builds the 0xAA request (reference/alibaba-provisioning.md §1.1, awss_enrollee.c
/// awss_init_enrollee_info), reads the 0xAB response with the enrollee's checks (§1.3,
/// decrypt_ssid_passwd), and the §0 crypto (HMAC-SHA1 signature, SHA-256 key, AES-128-CFB).
/// </summary>
public static class AwssEnrolleeCodec
{
    public const byte DeviceTypeVersion = 0x01;

    /// <summary>221 ‖ len ‖ D8 96 E0 ‖ AA ‖ 01 ‖ dn_len ‖ DN ‖ 0 ‖ pk_len ‖ PK ‖ 16 ‖ random ‖ security ‖ 0 ‖ 20 ‖ sign.</summary>
    public static byte[] BuildRequestElement(string productKey, string deviceName, byte[] random, byte security, byte[] sign)
    {
        byte[] dn = Encoding.ASCII.GetBytes(deviceName);
        byte[] pk = Encoding.ASCII.GetBytes(productKey);
        var element = new byte[2 + 4 + 1 + 1 + dn.Length + 1 + 1 + pk.Length + 1 + random.Length + 3 + sign.Length];
        int i = 0;
        element[i++] = 221;
        element[i++] = (byte)(element.Length - 2);
        element[i++] = 0xD8;
        element[i++] = 0x96;
        element[i++] = 0xE0;
        element[i++] = 0xAA;
        element[i++] = DeviceTypeVersion;
        element[i++] = (byte)dn.Length;
        dn.CopyTo(element, i);
        i += dn.Length;
        element[i++] = 0; // frame_type: enrollee
        element[i++] = (byte)pk.Length;
        pk.CopyTo(element, i);
        i += pk.Length;
        element[i++] = (byte)random.Length;
        random.CopyTo(element, i);
        i += random.Length;
        element[i++] = security;
        element[i++] = 0; // sign_method: HMAC-SHA1
        element[i++] = (byte)sign.Length;
        sign.CopyTo(element, i);
        return element;
    }

    /// <summary>HMAC-SHA1(secret, random ‖ DN ‖ PK), raw 20 octets (§0 "Signature").</summary>
    public static byte[] ComputeSign(string secret, byte[] random, string deviceName, string productKey)
    {
        byte[] message = [.. random, .. Encoding.ASCII.GetBytes(deviceName), .. Encoding.ASCII.GetBytes(productKey)];
        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    /// <summary>SHA-256(secret ‖ "," ‖ random)[0:16] (§0 "AES key derivation", cal_passwd).</summary>
    public static byte[] DeriveKey(string secret, byte[] random)
    {
        byte[] source = [.. Encoding.UTF8.GetBytes(secret + ","), .. random];
        return SHA256.HashData(source).AsSpan(0, 16).ToArray();
    }

    /// <summary>
    /// AES-128-CFB128 of any length with .NET's own implementation: CFB is a stream mode, so the
    /// input is zero-padded to whole blocks and the output cut back (.NET wants whole blocks with
    /// PaddingMode.None).
    /// </summary>
    public static byte[] Cfb128(byte[] key, byte[] iv, ReadOnlySpan<byte> input, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded);
        byte[] output = encrypt
            ? aes.EncryptCfb(padded, iv, PaddingMode.None, 128)
            : aes.DecryptCfb(padded, iv, PaddingMode.None, 128);
        Array.Clear(padded);
        byte[] result = output.AsSpan(0, input.Length).ToArray();
        Array.Clear(output);
        return result;
    }

    /// <summary>
    /// Reads a 0xAB element with the enrollee's checks: version 1, the echoed sign equal to
    /// <paramref name="ownSign"/>, frame_type 1, ssid_len &lt; 32, passwd_len &lt; 64, room for the
    /// BSSID. Returns null on success, else the reason. The password stays encrypted here.
    /// </summary>
    public static string TryReadResponse(ReadOnlySpan<byte> element, ReadOnlySpan<byte> ownSign, out byte[] ssid, out byte[] encryptedPassword, out byte[] bssid)
    {
        ssid = null;
        encryptedPassword = null;
        bssid = null;
        if (element.Length < 8 || element[0] != 221 || element[2] != 0xD8 || element[3] != 0x96 || element[4] != 0xE0 || element[5] != 0xAB)
        {
            return "not a registrar element";
        }

        int end = 2 + element[1];
        if (end > element.Length)
        {
            return "element length beyond the frame";
        }

        ReadOnlySpan<byte> body = element[6..end];
        int i = 0;
        if (body[i++] != DeviceTypeVersion)
        {
            return "version";
        }

        int signLength = body[i++];
        if (i + signLength > body.Length || !body.Slice(i, signLength).SequenceEqual(ownSign))
        {
            return "sign is not ours";
        }

        i += signLength;
        if (i >= body.Length || body[i++] != 1)
        {
            return "frame_type";
        }

        if (i >= body.Length || body[i] >= 32 || i + 1 + body[i] > body.Length)
        {
            return "ssid_len";
        }

        ssid = body.Slice(i + 1, body[i]).ToArray();
        i += 1 + body[i];
        if (i >= body.Length || body[i] >= 64 || i + 1 + body[i] > body.Length)
        {
            return "passwd_len";
        }

        encryptedPassword = body.Slice(i + 1, body[i]).ToArray();
        i += 1 + body[i];
        if (i + 6 > body.Length)
        {
            return "bssid";
        }

        bssid = body.Slice(i, 6).ToArray();
        return null;
    }
}
