using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Gateway.Host.Crypto;
using Gateway.Host.Runtime;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>`gw mesh show|export|import|decode`: the gateway's mesh database (CDB JSON) and a PDU decoder for field debugging.</summary>
internal static class MeshCommand
{
    public static Command Create()
    {
        var mesh = new Command("mesh", "The mesh network database and captured PDUs.");
        mesh.Subcommands.Add(Show());
        mesh.Subcommands.Add(Export());
        mesh.Subcommands.Add(Import());
        mesh.Subcommands.Add(MeshDecodeCommand.Create());
        return mesh;
    }

    private static Option<DirectoryInfo> StateOption() => new("--state") { Description = "the gateway's state folder (its storage)" };

    private static Option<FileInfo> DatabaseOption() => new("--db") { Description = "a CDB JSON file (an export of ours, nRF Mesh or BlueZ)" };

    private static Command Show()
    {
        var state = StateOption();
        var db = DatabaseOption();
        var command = new Command("show", "Show the network: keys (by index), the provisioners and every node.") { state, db };
        command.SetAction(parse =>
        {
            MeshDatabase database = Load(parse.GetValue(state), parse.GetValue(db));
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(database.MeshName ?? "mesh")}[/] {Hex.Encode(database.MeshUuid)}: {database.NetKeys.Count} NetKey(s), {database.AppKeys.Count} AppKey(s), {database.Nodes.Count} node(s)");
            var provisioners = new Table().Border(TableBorder.Rounded).AddColumns("provisioner", "UUID");
            foreach (ProvisionerEntry p in database.Provisioners)
            {
                provisioners.AddRow(Markup.Escape(p.Name ?? ""), Hex.Encode(p.Uuid));
            }

            AnsiConsole.Write(provisioners);
            var nodes = new Table().Border(TableBorder.Rounded).AddColumns("address", "UUID", "elements", "models", "configured", "security", "name");
            foreach (MeshNode node in database.Nodes.Cast<MeshNode>().OrderBy(n => n.UnicastAddress))
            {
                int models = node.Elements.Cast<MeshElement>().Sum(e => e.Models.Count);
                nodes.AddRow(node.UnicastAddress.ToString("X4"), Hex.Encode(node.Uuid), node.ElementCount.ToString(), models.ToString(), node.ConfigComplete ? "yes" : "no", node.Security.ToString().ToLowerInvariant(), Markup.Escape(node.Name ?? ""));
            }

            AnsiConsole.Write(nodes);
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var state = StateOption();
        var output = new Option<FileInfo>("--out") { Description = "file to write (CDB JSON, readable by the nRF Mesh apps)", Required = true };
        var command = new Command("export", "Export the gateway's mesh database as Mesh Configuration Database JSON.") { state, output };
        command.SetAction(parse =>
        {
            MeshDatabase database = Load(parse.GetValue(state), null);
            File.WriteAllBytes(parse.GetValue(output).FullName, CdbExporter.Export(database));
            AnsiConsole.MarkupLine($"exported {database.Nodes.Count} node(s) to {Markup.Escape(parse.GetValue(output).FullName)} (it holds the network's keys: keep it safe)");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var state = new Option<DirectoryInfo>("--state") { Description = "the gateway's state folder", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "CDB JSON to import", Required = true };
        var iv = new Option<long>("--iv-index") { Description = "current IV Index of the network (default: what the file's exclusions imply)" };
        var command = new Command("import", "Import a Mesh Configuration Database; the gateway takes a new unicast address.") { state, input, iv };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetValue(input);
            byte[] bytes = ReadFile(file);
            var storage = new FileStorage(parse.GetValue(state).FullName);
            var options = new CdbImportOptions(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), "Gateway", System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), (uint)parse.GetValue(iv));
            MeshDatabase imported;
            try
            {
                imported = CdbImporter.Import(bytes, 0, bytes.Length, MeshDatabaseStore.DefaultMaxBlobBytes * 4, options);
            }
            catch (ProtocolFormatException e)
            {
                throw new CliException(file.Name + " is not a valid mesh database: " + e.Message);
            }

            var store = new MeshDatabaseStore(storage, MeshDatabaseStore.DefaultMaxBlobBytes * 4);
            store.Open();
            store.Replace(imported, DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            AnsiConsole.MarkupLine($"imported {imported.Nodes.Count} node(s); the gateway is now at address {imported.GatewayAddress:X4}");
            return 0;
        });
        return command;
    }

    internal static MeshDatabase Load(DirectoryInfo state, FileInfo db)
    {
        if (db != null)
        {
            byte[] bytes = ReadFile(db);
            try
            {
                return CdbImporter.Parse(bytes, 0, bytes.Length, bytes.Length);
            }
            catch (ProtocolFormatException e)
            {
                throw new CliException(db.Name + " is not a valid mesh database: " + e.Message);
            }
        }

        if (state == null || !state.Exists)
        {
            throw new CliException("give --state <the gateway's state folder> or --db <CDB JSON file>");
        }

        try
        {
            var store = new MeshDatabaseStore(new FileStorage(state.FullName), MeshDatabaseStore.DefaultMaxBlobBytes * 4);
            if (!store.Open())
            {
                throw new CliException("no mesh database in " + state.FullName);
            }

            return store.Current;
        }
        catch (ProtocolFormatException e)
        {
            throw new CliException("the mesh database in " + state.FullName + " is corrupt: " + e.Message);
        }
        catch (StorageException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static byte[] ReadFile(FileInfo file)
    {
        if (file == null || !file.Exists)
        {
            throw new CliException("file not found: " + file?.FullName);
        }

        return File.ReadAllBytes(file.FullName);
    }
}
