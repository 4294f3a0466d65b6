using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
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
        var deterministic = new Option<bool>("--deterministic") { Description = "virtual time and an in-process broker: the same seed gives the same output byte for byte, as fast as the host can" };
        var stock = new Option<bool>("--stock") { Description = "the stock-firmware gateway: PB-GATT and GATT Proxy only, managed P-256 (1,000 ms)" };
        var broker = new Option<string>("--broker") { Description = "use an external MQTT broker (mqtt://host:port) instead of the embedded one" };
        var report = new Option<FileInfo>("--report") { Description = "write a JSON report here (and the mesh database next to it)" };
        var command = new Command("demo", "Provision a simulated home end to end: cloud emulator, MQTT broker, gateway, mesh and Wi-Fi devices.")
        {
            seed, mesh, wifi, loss, realTime, deterministic, stock, broker, report,
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
                Deterministic = parse.GetValue(deterministic),
                Stock = parse.GetValue(stock),
                Broker = parse.GetValue(broker),
                Report = parse.GetValue(report),
            };
            Validate(options);
            bool interactive = AnsiConsole.Profile.Capabilities.Interactive;
            await using var run = new DemoRun(options);
            await run.StartAsync(cancellation);
            Line(interactive, Header(run, options));
            DemoVerdict verdict = await DemoView.RunAsync(run, interactive, cancellation);
            if (interactive)
            {
                DemoView.PrintTable(run);
            }

            if (options.Report != null)
            {
                await run.WriteReportAsync(options.Report, verdict == DemoVerdict.AllEnded);
                Line(interactive, "report: " + options.Report.FullName);
            }

            // The last line is the verdict (checkers read it).
            foreach (string line in DemoView.Summary(run))
            {
                Line(interactive, line);
            }

            return run.Devices.All(d => d.Succeeded) ? 0 : 1;
        });
        return command;
    }

    private static string Header(DemoRun run, DemoOptions options)
    {
        string clock = options.Deterministic ? "virtual clock (deterministic)" : "clock ×" + options.Speed.ToString(CultureInfo.InvariantCulture);
        string gateway = options.Stock
            ? "stock firmware (PB-GATT + GATT Proxy, P-256 " + run.GatewayScalarMultiplicationMs + " ms)"
            : "native add-on (PB-ADV + advertising bearer, P-256 " + run.GatewayScalarMultiplicationMs + " ms)";
        return "Gateway demo seed " + options.Seed + ": " + options.MeshDevices + " mesh + " + options.WifiDevices + " Wi-Fi devices, loss "
            + options.Loss.ToString("0.##", CultureInfo.InvariantCulture) + ", " + run.BrokerDescription + ", " + clock + ", gateway " + gateway;
    }

    /// <summary>A line of text: through Spectre on a terminal, straight to stdout when piped (no wrapping, no markup).</summary>
    private static void Line(bool interactive, string text)
    {
        if (interactive)
        {
            AnsiConsole.WriteLine(text);
        }
        else
        {
            Console.WriteLine(text);
        }
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

        if (options.Deterministic && (options.RealTime || options.Broker != null))
        {
            throw new CliException("--deterministic runs on virtual time with the in-process broker: drop --real-time and --broker");
        }
    }
}
