using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Cli.Bench;

/// <summary>
/// `gw bench scale`: deterministic homes of growing size at two losses and several seeds; a
/// measurement, not a test. Writes a markdown table (spliced into docs/BENCHMARKS.md between
/// markers, so a re-run replaces it) and an SVG plot of devices done over simulated time.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "seeds per home size and loss (1, 2, …)", DefaultValueFactory = _ => 3 };
        var sizes = new Option<string>("--sizes") { Description = "mesh devices per home, comma-separated", DefaultValueFactory = _ => "10,30,100,200" };
        var wifi = new Option<int>("--wifi") { Description = "zero-config Wi-Fi devices in every home", DefaultValueFactory = _ => 20 };
        var losses = new Option<string>("--loss") { Description = "radio loss probabilities, comma-separated", DefaultValueFactory = _ => "0,0.3" };
        var stock = new Option<bool>("--stock") { Description = "the stock-firmware gateway: PB-GATT and GATT Proxy only, managed P-256 (1,000 ms)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder for scale[-stock].md and scale[-stock].svg", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("docs", "bench")) };
        var docs = new Option<FileInfo>("--docs") { Description = "markdown file whose generated section is replaced (skipped when it does not exist)", DefaultValueFactory = _ => new FileInfo(Path.Combine("docs", "BENCHMARKS.md")) };
        var scale = new Command("scale", "Homes of 10 to 200 mesh devices plus Wi-Fi, at loss 0 and 0.3, several seeds: completion, simulated times, memory, host time.")
        {
            seeds, sizes, wifi, losses, stock, output, docs,
        };
        scale.SetAction(async (parse, cancellation) => await RunAsync(
            parse.GetValue(seeds), ParseList(parse.GetValue(sizes), "--sizes", s => int.Parse(s, CultureInfo.InvariantCulture)),
            parse.GetValue(wifi), ParseList(parse.GetValue(losses), "--loss", s => double.Parse(s, CultureInfo.InvariantCulture)),
            parse.GetValue(stock), parse.GetValue(output), parse.GetValue(docs), cancellation));
        return new Command("bench", "Measurements of whole simulated homes (not tests).") { scale };
    }

    private static async Task<int> RunAsync(int seeds, List<int> sizes, int wifi, List<double> losses, bool stock, DirectoryInfo output, FileInfo docs, CancellationToken cancellation)
    {
        if (seeds < 1 || sizes.Any(s => s < 1 || s > 200) || wifi < 0 || wifi > 20 || losses.Any(l => l < 0 || l > 0.5))
        {
            throw new CliException("--seeds must be at least 1, --sizes 1 to 200 each, --wifi 0 to 20, --loss 0 to 0.5 each");
        }

        var runs = new List<ScaleRun>();
        int total = seeds * sizes.Count * losses.Count;
        foreach (double loss in losses)
        {
            foreach (int size in sizes)
            {
                for (long seed = 1; seed <= seeds; seed++)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        break;
                    }

                    Console.WriteLine("[" + (runs.Count + 1) + "/" + total + "] " + size + " mesh + " + wifi + " Wi-Fi, loss " + loss.ToString("0.##", CultureInfo.InvariantCulture) + ", seed " + seed + " …");
                    ScaleRun run = await ScaleBenchmark.RunAsync(size, wifi, loss, seed, stock, cancellation);
                    runs.Add(run);
                    Console.WriteLine("    " + run.Verdict + " (p50 " + (run.MeshP50Ms / 1000.0).ToString("F1", CultureInfo.InvariantCulture)
                        + " s, p95 " + (run.MeshP95Ms / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + " s per mesh device; peak heap "
                        + (run.PeakHeapBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB; wall "
                        + (run.WallMs / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + " s)");
                }
            }
        }

        if (runs.Count == 0)
        {
            return 1;
        }

        string name = stock ? "scale-stock" : "scale";
        Directory.CreateDirectory(output.FullName);
        string svgPath = Path.Combine(output.FullName, name + ".svg");
        await File.WriteAllTextAsync(svgPath, ScaleReport.Svg(runs, stock));
        string table = ScaleReport.Markdown(runs, stock, Relative(docs.DirectoryName ?? ".", svgPath));
        string mdPath = Path.Combine(output.FullName, name + ".md");
        await File.WriteAllTextAsync(mdPath, table);
        Console.WriteLine("table: " + mdPath);
        Console.WriteLine("plot: " + svgPath);
        if (docs.Exists)
        {
            ScaleReport.Splice(docs.FullName, table, stock);
            Console.WriteLine("updated: " + docs.FullName);
        }
        else
        {
            Console.WriteLine("not updated (no such file): " + docs.FullName);
        }

        Console.WriteLine(runs.Count(r => r.AllDone) + " of " + runs.Count + " homes provisioned and configured completely.");
        return 0;
    }

    private static string Relative(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');

    private static List<T> ParseList<T>(string text, string option, Func<string, T> parse)
    {
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
        }
        catch (FormatException)
        {
            throw new CliException(option + " must be a comma-separated list of numbers");
        }
    }
}
