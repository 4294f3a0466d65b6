using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Mesh.Network;
using Gateway.Core.Runtime;
using Gateway.Host.Crypto;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>
/// `gw mesh decode`: decrypts one captured Network PDU (MshPRT §3.4.4, ble-mesh.md §4.2–§4.4) with the
/// keys of a database or given on the command line, and prints every layer: network header,
/// lower transport, and for an unsegmented access message the opcode and parameters.
/// </summary>
internal static class MeshDecodeCommand
{
    public static Command Create()
    {
        var pdu = new Argument<string>("pdu") { Description = "the Network PDU in hex (the Mesh Message AD payload, without length and type)" };
        var db = new Option<FileInfo>("--db") { Description = "take keys from this CDB JSON file" };
        var state = new Option<DirectoryInfo>("--state") { Description = "take keys from the gateway's state folder" };
        var netKeys = new Option<string[]>("--netkey") { Description = "NetKey in hex (repeatable)", AllowMultipleArgumentsPerToken = true };
        var appKeys = new Option<string[]>("--appkey") { Description = "AppKey in hex (repeatable)", AllowMultipleArgumentsPerToken = true };
        var devKeys = new Option<string[]>("--devkey") { Description = "device key as ADDRESS:HEX, e.g. 1201:9d6d… (repeatable)", AllowMultipleArgumentsPerToken = true };
        var iv = new Option<string>("--iv-index") { Description = "IV Index in hex, e.g. 12345678 (the PDU's IVI bit picks it or the one before)", Required = true };
        var command = new Command("decode", "Decrypt and print a captured Network PDU.") { pdu, db, state, netKeys, appKeys, devKeys, iv };
        command.SetAction(parse =>
        {
            if (!Hex.TryDecode(parse.GetValue(pdu), out byte[] bytes) || bytes.Length < NetworkPduCodec.MinLength || bytes.Length > NetworkPduCodec.MaxLength)
            {
                throw new CliException("the PDU must be 14 to 29 octets of hex");
            }

            var aes = new HostAes128();
            var crypto = new MeshCrypto(aes);
            var nets = new List<NetworkKeyMaterial>();
            var apps = new List<ApplicationKeyMaterial>();
            var devs = new List<DeviceKeyMaterial>();
            if (parse.GetValue(db) != null || parse.GetValue(state) != null)
            {
                MeshDatabase database = MeshCommand.Load(parse.GetValue(state), parse.GetValue(db));
                nets.AddRange(database.NetKeys.Cast<MeshNetKey>().Select(k => new NetworkKeyMaterial(crypto, aes, k.Index, k.Key)));
                apps.AddRange(database.AppKeys.Cast<MeshAppKey>().Select(k => new ApplicationKeyMaterial(crypto, aes, k.Index, k.BoundNetKey, k.Key)));
                devs.AddRange(database.Nodes.Cast<MeshNode>().Where(n => n.DeviceKey != null).Select(n => new DeviceKeyMaterial(aes, n.UnicastAddress, n.DeviceKey)));
            }

            int index = 0;
            foreach (string hex in parse.GetValue(netKeys) ?? Array.Empty<string>())
            {
                nets.Add(new NetworkKeyMaterial(crypto, aes, index++, Key(hex, "--netkey")));
            }

            index = 0;
            foreach (string hex in parse.GetValue(appKeys) ?? Array.Empty<string>())
            {
                apps.Add(new ApplicationKeyMaterial(crypto, aes, index++, 0, Key(hex, "--appkey")));
            }

            foreach (string pair in parse.GetValue(devKeys) ?? Array.Empty<string>())
            {
                string[] parts = pair.Split(':');
                if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.HexNumber, null, out int address))
                {
                    throw new CliException("--devkey must be ADDRESS:HEX");
                }

                devs.Add(new DeviceKeyMaterial(aes, address, Key(parts[1], "--devkey")));
            }

            if (nets.Count == 0)
            {
                throw new CliException("no NetKey: give --db, --state or --netkey");
            }

            string ivText = parse.GetValue(iv).Replace("0x", string.Empty, StringComparison.OrdinalIgnoreCase);
            if (!uint.TryParse(ivText, System.Globalization.NumberStyles.HexNumber, null, out uint ivIndex))
            {
                throw new CliException("--iv-index must be hexadecimal, e.g. 12345678");
            }

            return Decode(bytes, ivIndex, nets, apps, devs, aes);
        });
        return command;
    }

    private static int Decode(byte[] pdu, uint ivIndex, List<NetworkKeyMaterial> nets, List<ApplicationKeyMaterial> apps, List<DeviceKeyMaterial> devs, HostAes128 aes)
    {
        var codec = new NetworkPduCodec();
        int nid = NetworkPduCodec.PeekNid(pdu, 0, pdu.Length);
        uint iv = (NetworkPduCodec.PeekIvi(pdu, 0) == (int)(ivIndex & 1)) ? ivIndex : ivIndex - 1;
        NetworkKeyMaterial key = nets.FirstOrDefault(k => k.Nid == nid && codec.TryDecode(k, iv, false, pdu, 0, pdu.Length));
        if (key == null)
        {
            AnsiConsole.MarkupLine($"[red]no NetKey decrypts it[/] (NID {nid:x2}, IV Index {iv:X8}); {nets.Count(k => k.Nid == nid)} key(s) have that NID");
            return 1;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("field", "value");
        table.AddRow("NetKey", "index " + key.Index + ", NID " + nid.ToString("x2") + ", IV Index " + iv.ToString("X8"));
        table.AddRow("CTL / TTL", (codec.Ctl ? "control" : "access") + " / " + codec.Ttl);
        table.AddRow("SEQ", codec.Seq.ToString("X6"));
        table.AddRow("SRC → DST", codec.Src.ToString("X4") + " → " + codec.Dst.ToString("X4"));
        byte[] transport = new byte[codec.TransportLength];
        Array.Copy(codec.TransportBuffer, codec.TransportOffset, transport, 0, transport.Length);
        table.AddRow("Lower Transport PDU", Hex.Encode(transport));
        if (!codec.Ctl && transport.Length > 0 && !LowerTransportHeader.IsSegmented(transport[0]))
        {
            DecodeAccess(transport, codec, iv, apps, devs, aes, table);
        }
        else if (transport.Length > 0 && LowerTransportHeader.IsSegmented(transport[0]))
        {
            table.AddRow("segment", $"SeqZero {LowerTransportHeader.SeqZero(transport, 0):X4}, SegO {LowerTransportHeader.SegO(transport, 0)} of SegN {LowerTransportHeader.SegN(transport, 0)}, SZMIC {(LowerTransportHeader.Szmic(transport, 0) ? 1 : 0)} (reassemble every segment to decrypt)");
        }
        else
        {
            table.AddRow("control opcode", (transport[0] & 0x7F).ToString("x2") + " parameters " + Hex.Encode(transport, 1, transport.Length - 1));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static void DecodeAccess(byte[] transport, NetworkPduCodec codec, uint iv, List<ApplicationKeyMaterial> apps, List<DeviceKeyMaterial> devs, HostAes128 aes, Table table)
    {
        bool akf = (transport[0] & 0x40) != 0;
        int aid = transport[0] & 0x3F;
        var upper = new UpperTransportCrypto();
        byte[] plain = new byte[transport.Length - 1 - 4];
        string keyUsed = null;
        if (akf)
        {
            foreach (ApplicationKeyMaterial app in apps.Where(a => a.Aid == aid))
            {
                if (upper.TryDecrypt(app, false, codec.Seq, codec.Src, codec.Dst, iv, null, transport, 1, transport.Length - 1, plain, 0))
                {
                    keyUsed = "AppKey index " + app.Index + " (AID " + aid.ToString("x2") + ")";
                    break;
                }
            }
        }
        else
        {
            foreach (DeviceKeyMaterial dev in devs)
            {
                if (upper.TryDecrypt(dev, false, codec.Seq, codec.Src, codec.Dst, iv, transport, 1, transport.Length - 1, plain, 0))
                {
                    keyUsed = "device key of " + dev.Address.ToString("X4");
                    break;
                }
            }
        }

        if (keyUsed == null)
        {
            table.AddRow("access", $"[red]not decrypted[/]: no {(akf ? "AppKey with AID " + aid.ToString("x2") : "device key")} matches the TransMIC");
            return;
        }

        int opcodeLength = plain[0] < 0x7F ? 1 : ((plain[0] & 0xC0) == 0x80 ? 2 : 3);
        table.AddRow("key", keyUsed);
        table.AddRow("opcode", Hex.Encode(plain, 0, Math.Min(opcodeLength, plain.Length)));
        table.AddRow("parameters", opcodeLength < plain.Length ? Hex.Encode(plain, opcodeLength, plain.Length - opcodeLength) : "(none)");
    }

    private static byte[] Key(string hex, string option)
    {
        if (!Hex.TryDecode(hex, out byte[] key) || key.Length != 16)
        {
            throw new CliException(option + " must be 16 octets of hex");
        }

        return key;
    }
}
