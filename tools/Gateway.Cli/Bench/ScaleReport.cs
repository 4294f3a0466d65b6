using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Gateway.Cli.Bench;

/// <summary>The scale benchmark written out: a markdown table (also spliced into docs/BENCHMARKS.md between markers) and an SVG plot.</summary>
internal static class ScaleReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string BeginMarker(bool stock) => "<!-- gw bench scale" + (stock ? " --stock" : string.Empty) + ": begin (generated; a re-run replaces it) -->";

    public static string EndMarker(bool stock) => "<!-- gw bench scale" + (stock ? " --stock" : string.Empty) + ": end -->";

    /// <summary>One row per home size and loss, over its seeds.</summary>
    public static string Markdown(IReadOnlyList<ScaleRun> runs, bool stock, string plotPath)
    {
        var text = new StringBuilder();
        int seeds = runs.Select(r => r.Seed).Distinct().Count();
        text.AppendLine("`gw bench scale" + (stock ? " --stock" : string.Empty) + "`: " + (stock
            ? "the stock-firmware gateway (PB-GATT and GATT Proxy only, managed P-256 at 1,000 ms)"
            : "the gateway with the native radio add-on (PB-ADV and the advertising bearer, P-256 at 100 ms)")
            + ", `gw demo --deterministic` homes, " + seeds + " seed(s) each (" + string.Join(", ", runs.Select(r => r.Seed).Distinct()) + "). "
            + "Times are simulated; per device is heard to provisioned and configured (mesh devices); "
            + "devices/min counts provisioned devices up to the last one; heap is the live managed heap of the whole "
            + "simulation process (gateway, simulated devices, air, cloud emulator, broker) sampled every 10 s of simulated time "
            + "after a full GC, as peak and as growth over the home just built; wall is the host's time for the run.");
        text.AppendLine();
        text.AppendLine("| mesh + Wi-Fi | loss | all done | provisioned | last device, s | p50 / p95 per device, s | devices/min | peak heap, MB (growth) | wall, s | failures and unfinished |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (IGrouping<(int Mesh, int Wifi, double Loss), ScaleRun> group in runs.GroupBy(r => (r.Mesh, r.Wifi, r.Loss)).OrderBy(g => g.Key.Loss).ThenBy(g => g.Key.Mesh))
        {
            List<ScaleRun> list = group.ToList();
            text.Append("| ").Append(group.Key.Mesh).Append(" + ").Append(group.Key.Wifi)
                .Append(" | ").Append(group.Key.Loss.ToString("0.##", Invariant))
                .Append(" | ").Append(list.Count(r => r.AllDone)).Append(" of ").Append(list.Count)
                .Append(" | ").Append(Range(list.Select(r => (double)r.Provisioned), "0")).Append(" of ").Append(list[0].Devices)
                .Append(" | ").Append(Range(list.Select(r => r.LastDeviceMs / 1000.0), "0.0"))
                .Append(" | ").Append(Range(list.Select(r => r.MeshP50Ms / 1000.0), "0.0")).Append(" / ").Append(Range(list.Select(r => r.MeshP95Ms / 1000.0), "0.0"))
                .Append(" | ").Append(Range(list.Select(r => r.DevicesPerMinute), "0"))
                .Append(" | ").Append(Range(list.Select(r => r.PeakHeapBytes / 1048576.0), "0.0")).Append(" (").Append(Range(list.Select(r => (r.PeakHeapBytes - r.BaselineHeapBytes) / 1048576.0), "0.0")).Append(')')
                .Append(" | ").Append(Range(list.Select(r => r.WallMs / 1000.0), "0.0"))
                .Append(" | ").Append(Escape(string.Join("<br>", list.Where(r => r.Failures.Length > 0).Select(r => "seed " + r.Seed + ": " + r.Failures))))
                .AppendLine(" |");
        }

        if (plotPath != null)
        {
            text.AppendLine();
            text.AppendLine("![devices done over simulated time](" + plotPath + ")");
        }

        return text.ToString();
    }

    /// <summary>"12.3" or "11.0–14.2" over the seeds.</summary>
    private static string Range(IEnumerable<double> values, string format)
    {
        double[] v = values.ToArray();
        string min = v.Min().ToString(format, Invariant);
        string max = v.Max().ToString(format, Invariant);
        return min == max ? min : min + "–" + max;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Replaces what lies between the markers in <paramref name="file"/> (appends a section with them when absent).</summary>
    public static void Splice(string file, string content, bool stock)
    {
        string begin = BeginMarker(stock);
        string end = EndMarker(stock);
        string text = File.Exists(file) ? File.ReadAllText(file) : string.Empty;
        int at = text.IndexOf(begin, StringComparison.Ordinal);
        int to = at < 0 ? -1 : text.IndexOf(end, at, StringComparison.Ordinal);
        string block = begin + "\n" + content.TrimEnd() + "\n" + end;
        if (at >= 0 && to > at)
        {
            text = text.Substring(0, at) + block + text.Substring(to + end.Length);
        }
        else
        {
            text = text.TrimEnd() + "\n\n## A whole home at scale (`gw bench scale" + (stock ? " --stock" : string.Empty) + "`)\n\n" + block + "\n";
        }

        File.WriteAllText(file, text);
    }

    /// <summary>
    /// Devices done over simulated time, one line per home size (the first seed), solid at loss 0
    /// and dashed at other losses. Hand-written SVG: no plotting dependency.
    /// </summary>
    public static string Svg(IReadOnlyList<ScaleRun> runs, bool stock)
    {
        const int Width = 760;
        const int Height = 440;
        const int Left = 60;
        const int Right = 190;
        const int Top = 40;
        const int Bottom = 50;
        string[] colours = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };
        long firstSeed = runs.Min(r => r.Seed);
        List<ScaleRun> shown = runs.Where(r => r.Seed == firstSeed).OrderBy(r => r.Mesh).ThenBy(r => r.Loss).ToList();
        double maxSeconds = Math.Max(10, shown.Max(r => r.DoneBySecond.Count - 1));
        maxSeconds = NiceCeiling(maxSeconds);
        double maxDevices = NiceCeiling(Math.Max(10, shown.Max(r => r.Devices)));
        double plotW = Width - Left - Right;
        double plotH = Height - Top - Bottom;
        string X(double s) => (Left + (s / maxSeconds * plotW)).ToString("0.#", Invariant);
        string Y(double n) => (Top + plotH - (n / maxDevices * plotH)).ToString("0.#", Invariant);

        var svg = new StringBuilder();
        svg.AppendLine("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Width + "\" height=\"" + Height + "\" viewBox=\"0 0 " + Width + " " + Height + "\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine("<text x=\"" + Left + "\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Devices provisioned and configured over simulated time"
            + (stock ? " (stock firmware)" : " (native add-on)") + ", seed " + firstSeed + "</text>");
        for (int i = 0; i <= 5; i++)
        {
            double s = maxSeconds * i / 5;
            double n = maxDevices * i / 5;
            svg.AppendLine("<line x1=\"" + X(s) + "\" y1=\"" + Top + "\" x2=\"" + X(s) + "\" y2=\"" + (Top + plotH) + "\" stroke=\"#ddd\"/>");
            svg.AppendLine("<text x=\"" + X(s) + "\" y=\"" + (Top + plotH + 16) + "\" text-anchor=\"middle\">" + s.ToString("0", Invariant) + "</text>");
            svg.AppendLine("<line x1=\"" + Left + "\" y1=\"" + Y(n) + "\" x2=\"" + (Left + plotW) + "\" y2=\"" + Y(n) + "\" stroke=\"#ddd\"/>");
            svg.AppendLine("<text x=\"" + (Left - 6) + "\" y=\"" + Y(n) + "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + n.ToString("0", Invariant) + "</text>");
        }

        svg.AppendLine("<rect x=\"" + Left + "\" y=\"" + Top + "\" width=\"" + plotW + "\" height=\"" + plotH + "\" fill=\"none\" stroke=\"#333\"/>");
        svg.AppendLine("<text x=\"" + (Left + (plotW / 2)).ToString("0", Invariant) + "\" y=\"" + (Height - 12) + "\" text-anchor=\"middle\">simulated time, s</text>");
        svg.AppendLine("<text transform=\"translate(16," + (Top + (plotH / 2)).ToString("0", Invariant) + ") rotate(-90)\" text-anchor=\"middle\">devices done</text>");
        List<int> sizes = shown.Select(r => r.Mesh).Distinct().ToList();
        int legend = 0;
        foreach (ScaleRun run in shown)
        {
            string colour = colours[sizes.IndexOf(run.Mesh) % colours.Length];
            string dash = run.Loss > 0 ? " stroke-dasharray=\"6 4\"" : string.Empty;
            var points = new StringBuilder();
            for (int s = 0; s < run.DoneBySecond.Count; s++)
            {
                points.Append(X(s)).Append(',').Append(Y(run.DoneBySecond[s])).Append(' ');
            }

            svg.AppendLine("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash + " points=\"" + points.ToString().TrimEnd() + "\"/>");
            double ly = Top + 10 + (legend++ * 18);
            svg.AppendLine("<line x1=\"" + (Left + plotW + 12) + "\" y1=\"" + ly.ToString("0", Invariant) + "\" x2=\"" + (Left + plotW + 40) + "\" y2=\"" + ly.ToString("0", Invariant) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash + "/>");
            svg.AppendLine("<text x=\"" + (Left + plotW + 46) + "\" y=\"" + ly.ToString("0", Invariant) + "\" dominant-baseline=\"middle\">" + run.Mesh + " + " + run.Wifi + ", loss " + run.Loss.ToString("0.##", Invariant)
                + " (" + run.Provisioned + "/" + run.Devices + ")</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        double step = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * step >= value)
            {
                return m * step;
            }
        }

        return 10 * step;
    }
}
