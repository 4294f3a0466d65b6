using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Spectre.Console;

namespace Gateway.Cli.Demo;

/// <summary>`gw demo`: a whole simulated home provisioned end to end, with live progress and a summary.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed") { Description = "seed of the simulated home (same seed, same home)", DefaultValueFactory = _ => 1 };
        var mesh = new Option<int>("--mesh") { Description = "number of Bluetooth Mesh devices (half PB-ADV, half PB-GATT)", DefaultValueFactory = _ => 6 };
        var wifi = new Option<int>("--wifi") { Description = "number of zero-config Wi-Fi devices", DefaultValueFactory = _ => 3 };
        var loss = new Option<double>("--loss") { Description = "radio loss probability, 0 to 0.5", DefaultValueFactory = _ => 0 };
        var realTime = new Option<bool>("--real-time") { Description = "run at wall-clock speed instead of 10×" };
        var broker = new Option<string>("--broker") { Description = "use an external MQTT broker (mqtt://host:port) instead of the embedded one" };
        var report = new Option<FileInfo>("--report") { Description = "write a JSON report here (and the mesh database next to it)" };
        var command = new Command("demo", "Provision a simulated home end to end: cloud emulator, MQTT broker, gateway, mesh and Wi-Fi devices.")
        {
            seed, mesh, wifi, loss, realTime, broker, report,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new DemoOptions
            {
                Seed = parse.GetValue(seed),
                MeshDevices = parse.GetValue(mesh),
                WifiDevices = parse.GetValue(wifi),
                Loss = parse.GetValue(loss),
                RealTime = parse.GetValue(realTime),
                Broker = parse.GetValue(broker),
                Report = parse.GetValue(report),
            };
            Validate(options);
            await using var run = new DemoRun(options);
            await run.StartAsync(cancellation);
            AnsiConsole.MarkupLine($"[bold]Gateway demo[/] seed {options.Seed}: {options.MeshDevices} mesh + {options.WifiDevices} Wi-Fi devices, loss {options.Loss:P0}, {run.BrokerDescription}, clock ×{options.Speed}");
            bool finished = await ShowProgressAsync(run, options);
            PrintSummary(run, finished);
            if (options.Report != null)
            {
                await run.WriteReportAsync(options.Report, finished);
                AnsiConsole.MarkupLine($"report: {Markup.Escape(options.Report.FullName)}");
            }

            bool allOk = finished && run.Devices.All(d => d.Succeeded);
            return allOk ? 0 : 1;
        });
        return command;
    }

    private static void Validate(DemoOptions options)
    {
        if (options.MeshDevices < 0 || options.MeshDevices > 200 || options.WifiDevices < 0 || options.WifiDevices > 20)
        {
            throw new CliException("--mesh must be 0 to 200 and --wifi 0 to 20");
        }

        if (options.Loss < 0 || options.Loss > 0.5)
        {
            throw new CliException("--loss must be between 0 and 0.5");
        }

        if (options.MeshDevices + options.WifiDevices == 0)
        {
            throw new CliException("nothing to provision: give --mesh or --wifi a positive number");
        }
    }

    private static async Task<bool> ShowProgressAsync(DemoRun run, DemoOptions options)
    {
        bool finished = false;
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Plain output for logs and CI: one line per device as it finishes.
            var reported = new System.Collections.Generic.HashSet<DemoDevice>();
            while (!finished && run.NowMs < options.LimitMs)
            {
                finished = await run.PollAsync();
                foreach (DemoDevice d in run.Devices.Where(d => d.Finished && reported.Add(d)))
                {
                    Console.WriteLine($"[{run.NowMs / 1000.0,7:F1} s] {d.Name} ({d.Kind}, {d.Method}): {(d.Succeeded ? "provisioned" : "FAILED")} {d.Detail}");
                }

                await Task.Delay(100);
            }

            return finished;
        }

        await AnsiConsole.Live(BuildTable(run)).StartAsync(async context =>
        {
            while (!finished && run.NowMs < options.LimitMs)
            {
                finished = await run.PollAsync();
                context.UpdateTarget(BuildTable(run));
                await Task.Delay(150);
            }
        });
        return finished;
    }

    private static Table BuildTable(DemoRun run)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"simulated time {run.NowMs / 1000.0:F1} s");
        table.AddColumns("device", "joins by", "auth", "stage", "time");
        foreach (DemoDevice d in run.Devices)
        {
            string stage = d.Finished ? (d.Succeeded ? "[green]done[/]" : "[red]failed[/]") : Markup.Escape(d.Stage);
            table.AddRow(d.Name, d.Kind, d.Method, stage, d.DurationMs < 0 ? "" : $"{d.DurationMs / 1000.0:F1} s");
        }

        return table;
    }

    private static void PrintSummary(DemoRun run, bool finished)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("result");
        table.AddColumns("device", "joins by", "auth", "time", "result");
        foreach (DemoDevice d in run.Devices)
        {
            table.AddRow(d.Name, d.Kind, d.Method, d.DurationMs < 0 ? "-" : $"{d.DurationMs / 1000.0:F1} s",
                d.Succeeded ? "[green]provisioned[/] " + Markup.Escape(d.Detail) : "[red]failed[/] " + Markup.Escape(d.Detail ?? d.Stage));
        }

        AnsiConsole.Write(table);
        int ok = run.Devices.Count(d => d.Succeeded);
        AnsiConsole.MarkupLine(finished
            ? $"{ok} of {run.Devices.Count} devices provisioned in {run.NowMs / 1000.0:F1} s of simulated time."
            : $"[red]stopped after {run.NowMs / 1000.0:F1} s of simulated time:[/] {ok} of {run.Devices.Count} devices provisioned.");
    }
}
