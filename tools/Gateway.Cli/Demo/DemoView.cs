using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gateway.Cli.Demo;

/// <summary>
/// What `gw demo` shows while the home runs and after: on a terminal a live view that fits it at
/// any home size (counts per stage and the devices that changed last), then the final table once;
/// piped, plain lines (one per device as it finishes), then the same summary.
/// </summary>
internal static class DemoView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the home to its end (or Ctrl-C) and returns the verdict.</summary>
    public static async Task<DemoVerdict> RunAsync(DemoRun run, bool interactive, CancellationToken cancellation)
    {
        return interactive ? await RunLiveAsync(run, cancellation) : await RunPlainAsync(run, cancellation);
    }

    private static async Task<DemoVerdict> RunPlainAsync(DemoRun run, CancellationToken cancellation)
    {
        DemoVerdict verdict = DemoVerdict.Running;
        while (verdict == DemoVerdict.Running && !cancellation.IsCancellationRequested)
        {
            verdict = await Step(run, cancellation);
            foreach (DemoDevice d in run.TakeFinished())
            {
                Console.WriteLine(FinishLine(d));
            }
        }

        return verdict;
    }

    private static async Task<DemoVerdict> RunLiveAsync(DemoRun run, CancellationToken cancellation)
    {
        DemoVerdict verdict = DemoVerdict.Running;
        var redraw = Stopwatch.StartNew();
        await AnsiConsole.Live(Live(run)).AutoClear(true).StartAsync(async context =>
        {
            while (verdict == DemoVerdict.Running && !cancellation.IsCancellationRequested)
            {
                verdict = await Step(run, cancellation);
                run.TakeFinished();

                // A deterministic run steps as fast as the host can; the terminal is redrawn ten times a second.
                if (redraw.ElapsedMilliseconds >= 100)
                {
                    context.UpdateTarget(Live(run));
                    redraw.Restart();
                }
            }
        });
        return verdict;
    }

    private static async Task<DemoVerdict> Step(DemoRun run, CancellationToken cancellation)
    {
        try
        {
            return await run.StepAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            return DemoVerdict.Running;
        }
    }

    /// <summary>"[  12.3 s] mesh-4 (mesh PB-GATT, no OOB): provisioned, address 0105".</summary>
    public static string FinishLine(DemoDevice d)
    {
        string time = (d.EndedAtMs / 1000.0).ToString("F1", Invariant).PadLeft(7);
        return "[" + time + " s] " + d.Name + " (" + d.Kind + ", " + d.Method + "): "
            + (d.Succeeded ? "provisioned and configured, " + d.Detail : "FAILED: " + d.Detail);
    }

    /// <summary>The live view: a fixed number of lines bounded by the terminal's height.</summary>
    private static IRenderable Live(DemoRun run)
    {
        IReadOnlyList<DemoDevice> devices = run.Devices;
        GatewayWork work = run.CurrentWork;
        var lines = new List<IRenderable>
        {
            new Markup("[bold]simulated time " + DemoProgress.Seconds(run.NowMs) + "[/]  provisioner: "
                + work.ActiveSessions + " session(s) running, " + work.QueuedSessions + " queued"),
            new Markup(Markup.Escape(Counts(devices))),
        };

        // Header (1), counts (up to 2 when wrapped), the table's title, borders and header (4), and a
        // spare line: the rest shows the latest changes, one line each (cells never wrap).
        int rows = Math.Max(3, Math.Min(devices.Count, TerminalHeight() - 8));
        var table = new Table().Border(TableBorder.Rounded).Title("changed last");
        foreach (string column in new[] { "device", "joins by", "stage", "at" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (DemoDevice d in devices.Where(d => d.ChangedAtMs >= 0).OrderByDescending(d => d.ChangeSequence).Take(rows))
        {
            table.AddRow(
                new Markup(Markup.Escape(d.Name)).Overflow(Overflow.Ellipsis),
                new Markup(Markup.Escape(d.Kind)).Overflow(Overflow.Ellipsis),
                new Markup(StageMarkup(d)).Overflow(Overflow.Ellipsis),
                new Markup(DemoProgress.Seconds(d.ChangedAtMs)));
        }

        lines.Add(table);
        return new Rows(lines);
    }

    private static int TerminalHeight()
    {
        try
        {
            return Console.WindowHeight > 0 ? Console.WindowHeight : 24;
        }
        catch (IOException)
        {
            return 24;
        }
    }

    /// <summary>"done 45 · failed 2 · running 11 · authorized 0 · waiting for approval 10 · never heard 52".</summary>
    public static string Counts(IReadOnlyList<DemoDevice> devices)
    {
        var parts = new List<string>();
        void Add(string words, int n)
        {
            parts.Add(words + " " + n);
        }

        Add("done", devices.Count(d => d.Status == DemoDeviceStatus.Provisioned));
        Add("failed", devices.Count(d => d.Status == DemoDeviceStatus.Failed));
        foreach (IGrouping<string, DemoDevice> running in devices.Where(d => d.Status == DemoDeviceStatus.Running).GroupBy(d => d.Stage).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Add(running.Key, running.Count());
        }

        Add("authorized, not started", devices.Count(d => d.Status == DemoDeviceStatus.Queued));
        Add("waiting for approval", devices.Count(d => d.Status == DemoDeviceStatus.WaitingForApproval));
        Add("never heard", devices.Count(d => d.Status == DemoDeviceStatus.NeverHeard));
        return string.Join(" · ", parts);
    }

    private static string StageMarkup(DemoDevice d) => d.Status switch
    {
        DemoDeviceStatus.Provisioned => "[green]done[/] " + Markup.Escape(d.Detail),
        DemoDeviceStatus.Failed => "[red]failed[/] " + Markup.Escape(d.Detail),
        _ => Markup.Escape(d.Stage),
    };

    /// <summary>The final table (terminal only), printed once.</summary>
    public static void PrintTable(DemoRun run)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("result");
        table.AddColumns("device", "joins by", "auth", "time", "result");
        foreach (DemoDevice d in run.Devices)
        {
            string result = d.Status switch
            {
                DemoDeviceStatus.Provisioned => "[green]provisioned and configured[/] " + Markup.Escape(d.Detail),
                DemoDeviceStatus.Failed => "[red]failed[/] " + Markup.Escape(d.Detail),
                _ => "[yellow]unfinished[/] " + Markup.Escape(d.Stage),
            };
            table.AddRow(Markup.Escape(d.Name), Markup.Escape(d.Kind), Markup.Escape(d.Method), d.DurationMs < 0 ? "-" : DemoProgress.Seconds(d.DurationMs), result);
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The summary, as plain lines: failures by reason, unfinished devices by status, times per kind, and the last line.</summary>
    public static IEnumerable<string> Summary(DemoRun run)
    {
        IReadOnlyList<DemoDevice> devices = run.Devices;
        int ok = devices.Count(d => d.Succeeded);
        int failed = devices.Count(d => d.Status == DemoDeviceStatus.Failed);
        yield return "summary: " + ok + " provisioned and configured, " + failed + " failed, " + (devices.Count - ok - failed) + " unfinished";
        foreach (IGrouping<string, DemoDevice> reason in devices.Where(d => d.Status == DemoDeviceStatus.Failed)
            .GroupBy(d => d.Detail).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return "  failed, " + reason.Key + ": " + Names(reason);
        }

        foreach ((DemoDeviceStatus status, string words) in new[]
        {
            (DemoDeviceStatus.NeverHeard, "never heard"),
            (DemoDeviceStatus.WaitingForApproval, "waiting for approval"),
            (DemoDeviceStatus.Queued, "authorized, not started"),
            (DemoDeviceStatus.Running, "still running"),
        })
        {
            var group = devices.Where(d => d.Status == status).ToList();
            if (group.Count > 0)
            {
                yield return "  unfinished, " + words + ": " + Names(group);
            }
        }

        foreach (IGrouping<string, DemoDevice> kind in devices.Where(d => d.Succeeded && d.DurationMs >= 0).GroupBy(d => d.Kind.StartsWith("mesh", StringComparison.Ordinal) ? "mesh" : "wifi").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            long[] times = kind.Select(d => d.DurationMs).OrderBy(t => t).ToArray();
            yield return "  " + kind.Key + " per device, heard to done: median " + DemoProgress.Seconds(Percentile(times, 0.5)) + ", p95 " + DemoProgress.Seconds(Percentile(times, 0.95));
        }

        yield return run.Progress.LastLine(devices);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static string Names(IEnumerable<DemoDevice> devices)
    {
        var list = devices.ToList();
        const int Shown = 12;
        string names = string.Join(", ", list.Take(Shown).Select(d => d.Name));
        return list.Count + " (" + names + (list.Count > Shown ? ", …" : string.Empty) + ")";
    }
}
