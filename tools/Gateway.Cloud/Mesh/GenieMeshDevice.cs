using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Runtime;

namespace Gateway.Cloud.Mesh;

/// <summary>
/// A Tmall Genie-style mesh product device (alibaba-provisioning.md §4): its UUID layout (CID 0x01A8
/// little-endian, PID flags 0x71, Product ID LE, MAC byte-reversed, feature flags, 0x10) and its
/// static OOB AuthValue, SHA-256("%08x(pid),%s(mac hex),%s(secret hex)")[0:16] (the GENIE_OLD_AUTH
/// scheme; the newer scheme mixes in randoms outside the SIG procedure and is not supported).
/// </summary>
public sealed record GenieMeshDevice(uint ProductId, byte[] Mac, byte[] DeviceSecret, string Name)
{
    public const ushort CompanyId = 0x01A8;

    public byte[] Uuid()
    {
        var uuid = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(uuid, CompanyId);
        uuid[2] = 0x71;
        BinaryPrimitives.WriteUInt32LittleEndian(uuid.AsSpan(3), ProductId);
        for (int i = 0; i < 6; i++)
        {
            uuid[7 + i] = Mac[5 - i];
        }

        uuid[13] = 0x02;
        uuid[14] = 0x10;
        return uuid;
    }

    public byte[] StaticOob()
    {
        string text = ProductId.ToString("x8") + "," + Hex.Encode(Mac) + "," + Hex.Encode(DeviceSecret);
        return SHA256.HashData(Encoding.ASCII.GetBytes(text)).AsSpan(0, 16).ToArray();
    }

    /// <summary>Reads CID, Product ID and MAC back from a Genie UUID; false for other UUIDs.</summary>
    public static bool TryParseUuid(byte[] uuid, out uint productId, out byte[] mac)
    {
        productId = 0;
        mac = null;
        if (uuid == null || uuid.Length != 16 || BinaryPrimitives.ReadUInt16LittleEndian(uuid) != CompanyId || (uuid[2] & 0x0F) != 0x01)
        {
            return false;
        }

        productId = BinaryPrimitives.ReadUInt32LittleEndian(uuid.AsSpan(3));
        mac = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            mac[i] = uuid[12 - i];
        }

        return true;
    }
}
