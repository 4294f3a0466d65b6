using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cloud;
using Gateway.Cloud.Registry;
using Gateway.Cloud.Service;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>`gw cloud`: the IoT platform emulator as a service, on an embedded MQTT broker or an external one.</summary>
internal static class CloudCommand
{
    public static Command Create()
    {
        var registry = new Option<FileInfo>("--registry") { Description = "registry JSON (products and devices); see tools/Gateway.Cloud/registry.example.json", Required = true };
        var broker = new Option<string>("--broker") { Description = "use an external broker (mqtt://host:port) instead of the embedded one" };
        var port = new Option<int>("--port") { Description = "port of the embedded broker on 127.0.0.1 (0: a free one)", DefaultValueFactory = _ => 1883 };
        var policy = new Option<string>("--approval") { Description = "approval policy: auto, deny or manual", DefaultValueFactory = _ => "auto" };
        var command = new Command("cloud", "Run the cloud emulator until Ctrl-C.") { registry, broker, port, policy };
        command.SetAction(async (parse, cancellation) =>
        {
            CloudRegistry loaded = LoadRegistry(parse.GetValue(registry));
            var emulator = new CloudEmulator(loaded, new CloudEmulatorOptions { Policy = ParsePolicy(parse.GetValue(policy)) });
            emulator.EventRecorded += e => AnsiConsole.MarkupLine("[grey]" + Markup.Escape(e.ToString()) + "[/]");
            CloudEmulatorService service = await StartAsync(emulator, parse.GetValue(broker), parse.GetValue(port), cancellation);
            await using (service)
            {
                AnsiConsole.MarkupLine($"cloud emulator on mqtt://{service.Host}:{service.Port} ({(service.IsEmbedded ? "embedded broker, sign-in enforced" : "external broker")}); Ctrl-C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return 0;
        });
        return command;
    }

    internal static CloudRegistry LoadRegistry(FileInfo file)
    {
        if (file == null || !file.Exists)
        {
            throw new CliException("registry file not found: " + file?.FullName);
        }

        try
        {
            return CloudRegistry.LoadFile(file.FullName);
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException("registry file " + file.Name + " is not valid: " + e.Message);
        }
    }

    internal static ApprovalPolicy ParsePolicy(string text) => text?.ToLowerInvariant() switch
    {
        "auto" => ApprovalPolicy.Auto,
        "deny" => ApprovalPolicy.Deny,
        "manual" => ApprovalPolicy.Manual,
        _ => throw new CliException("--approval must be auto, deny or manual"),
    };

    internal static async Task<CloudEmulatorService> StartAsync(CloudEmulator emulator, string broker, int port, CancellationToken cancellation)
    {
        try
        {
            if (broker != null)
            {
                if (!Uri.TryCreate(broker, UriKind.Absolute, out Uri uri))
                {
                    throw new CliException("--broker must be a URL such as mqtt://127.0.0.1:1883");
                }

                return await CloudEmulatorService.StartExternalAsync(emulator, uri, cancellation: cancellation);
            }

            return await CloudEmulatorService.StartEmbeddedAsync(emulator, null, port);
        }
        catch (CliException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new CliException("cannot start the cloud emulator: " + e.Message, 3);
        }
    }
}
