using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gateway.Cli.Demo;
using Gateway.Core.Cloud;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>
/// `gw gateway --config FILE`: the host gateway as a process against a cloud on an MQTT broker
/// (for example `gw cloud`), with its storage in a folder and its radio on the virtual air, where the
/// simulated devices the config describes live. Runs until Ctrl-C, or with --until-done until every
/// device has finished.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "gateway configuration JSON (identity, broker, simulated devices); see docs/cli.md", Required = true };
        var untilDone = new Option<bool>("--until-done") { Description = "exit when every simulated device has finished (exit code 1 if any failed)" };
        var command = new Command("gateway", "Run the host gateway against a broker and a cloud.") { config, untilDone };
        command.SetAction(async (parse, cancellation) =>
        {
            DemoOptions options = Load(parse.GetValue(config));
            await using var run = new DemoRun(options);
            await run.StartAsync(cancellation);
            string radio = options.ExternalRadio ? ", mesh radio on " + options.RadioSocket + " (" + options.RadioPeers.Count + " peer(s))" : string.Empty;
            AnsiConsole.MarkupLine($"gateway {Markup.Escape(options.GatewayIdentity.ProductKey)}/{Markup.Escape(options.GatewayIdentity.DeviceName)}: {Markup.Escape(run.BrokerDescription)}, {run.Devices.Count} simulated device(s){Markup.Escape(radio)}; Ctrl-C stops it");
            var reported = new HashSet<DemoDevice>();
            bool done = false;
            while (!cancellation.IsCancellationRequested && !(done && parse.GetValue(untilDone)) && run.NowMs < options.LimitMs)
            {
                done = await run.PollAsync();
                foreach (DemoDevice d in run.Devices.Where(d => d.Finished && reported.Add(d)))
                {
                    Console.WriteLine($"[{run.NowMs / 1000.0,7:F1} s] {d.Name} ({d.Kind}, {d.Method}): {(d.Succeeded ? "provisioned" : "FAILED")} {d.Detail}");
                }

                try
                {
                    await Task.Delay(100, cancellation);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return run.Devices.All(d => d.Succeeded) ? 0 : 1;
        });
        return command;
    }

    private static DemoOptions Load(FileInfo file)
    {
        if (file == null || !file.Exists)
        {
            throw new CliException("configuration file not found: " + file?.FullName);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
            JsonElement root = doc.RootElement;
            var identity = new DeviceCredentials(Text(root, "productKey"), Text(root, "deviceName"), Text(root, "deviceSecret"));
            JsonElement home = root.TryGetProperty("home", out JsonElement h) ? h : default;
            var lamps = new List<WifiLampConfig>();
            if (home.ValueKind == JsonValueKind.Object && home.TryGetProperty("wifi", out JsonElement wifi))
            {
                foreach (JsonElement lamp in wifi.EnumerateArray())
                {
                    lamps.Add(new WifiLampConfig(Text(lamp, "productKey"), Text(lamp, "deviceName"), Text(lamp, "deviceSecret"), Text(lamp, "productSecret")));
                }
            }

            string radioSocket = null;
            var radioPeers = new List<string>();
            int expected = 0;
            if (root.TryGetProperty("radio", out JsonElement radio))
            {
                // "radio": { "unixSocket": PATH, "peers": [PATH...], "expectDevices": N } — docs/cli.md
                radioSocket = Text(radio, "unixSocket");
                if (!radio.TryGetProperty("peers", out JsonElement peers) || peers.ValueKind != JsonValueKind.Array || peers.GetArrayLength() == 0)
                {
                    throw new CliException("configuration: \"radio.peers\" must list at least one socket path");
                }

                foreach (JsonElement peer in peers.EnumerateArray())
                {
                    radioPeers.Add(peer.GetString() ?? throw new CliException("configuration: \"radio.peers\" holds a non-string"));
                }

                expected = radio.TryGetProperty("expectDevices", out JsonElement e) ? e.GetInt32() : 0;
                if (home.ValueKind == JsonValueKind.Object && home.TryGetProperty("mesh", out JsonElement m) && m.GetInt32() > 0)
                {
                    throw new CliException("configuration: simulated mesh devices (home.mesh) live on the virtual air; with an external radio set home.mesh to 0");
                }
            }

            return new DemoOptions
            {
                RadioSocket = radioSocket,
                RadioPeers = radioPeers,
                ExpectedRadioDevices = expected,
                GatewayIdentity = identity,
                Broker = Text(root, "broker"),
                Seed = home.ValueKind == JsonValueKind.Object && home.TryGetProperty("seed", out JsonElement seed) ? seed.GetInt64() : 1,
                MeshDevices = home.ValueKind == JsonValueKind.Object && home.TryGetProperty("mesh", out JsonElement mesh) ? mesh.GetInt32() : 0,
                WifiLamps = lamps,
                RealTime = root.TryGetProperty("realTime", out JsonElement rt) && rt.GetBoolean(),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            throw new CliException("configuration file " + file.Name + " is not valid: " + e.Message);
        }
    }

    private static string Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String || value.GetString().Length == 0)
        {
            throw new CliException("configuration: \"" + name + "\" is missing or not a string");
        }

        return value.GetString();
    }
}
