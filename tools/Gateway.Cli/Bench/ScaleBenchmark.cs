using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gateway.Cli.Demo;

namespace Gateway.Cli.Bench;

/// <summary>
/// One home of `gw bench scale`: `gw demo --deterministic` run in-process, watched step by step.
/// Memory is what the process's managed heap holds (GC.GetTotalMemory after a full collection):
/// the gateway together with every simulated device, the air, the cloud emulator and the broker.
/// It is sampled right after the home is built (the baseline) and every 10 s of simulated time;
/// the gateway's own share is the growth over the baseline at most, since the simulated devices
/// also grow a little (keys, replay state) as they are provisioned.
/// </summary>
internal static class ScaleBenchmark
{
    private const long HeapSampleEveryMs = 10_000;

    public static async Task<ScaleRun> RunAsync(int mesh, int wifi, double loss, long seed, bool stock, CancellationToken cancellation)
    {
        var wall = Stopwatch.StartNew();
        var options = new DemoOptions { Deterministic = true, Seed = seed, MeshDevices = mesh, WifiDevices = wifi, Loss = loss, Stock = stock };
        await using var run = new DemoRun(options);
        await run.StartAsync(cancellation);
        long baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        long nextSample = HeapSampleEveryMs;
        var doneBySecond = new List<int> { 0 };
        DemoVerdict verdict = DemoVerdict.Running;
        while (verdict == DemoVerdict.Running && !cancellation.IsCancellationRequested)
        {
            verdict = await run.StepAsync(cancellation);
            run.TakeFinished();
            while (doneBySecond.Count <= run.NowMs / 1000)
            {
                doneBySecond.Add(run.Devices.Count(d => d.Succeeded));
            }

            if (run.NowMs >= nextSample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(true));
                nextSample += HeapSampleEveryMs;
            }
        }

        peak = Math.Max(peak, GC.GetTotalMemory(true));
        IReadOnlyList<DemoDevice> devices = run.Devices;
        long[] meshTimes = devices.Where(d => d.Succeeded && d.Kind.StartsWith("mesh", StringComparison.Ordinal) && d.DurationMs >= 0)
            .Select(d => d.DurationMs).OrderBy(t => t).ToArray();
        var succeeded = devices.Where(d => d.Succeeded).ToList();
        string failures = DemoProgress.DescribeFailures(devices);
        string unfinished = DemoProgress.Describe(devices.Where(d => d.Status != DemoDeviceStatus.Failed).ToList());
        return new ScaleRun
        {
            Mesh = mesh,
            Wifi = wifi,
            Loss = loss,
            Seed = seed,
            Devices = devices.Count,
            Provisioned = succeeded.Count,
            LastDeviceMs = succeeded.Count == 0 ? 0 : succeeded.Max(d => d.EndedAtMs),
            MeshP50Ms = DemoView.Percentile(meshTimes, 0.5),
            MeshP95Ms = DemoView.Percentile(meshTimes, 0.95),
            Failures = string.Join("; ", new[] { failures, unfinished.Length == 0 ? string.Empty : "unfinished: " + unfinished }.Where(s => s.Length > 0)),
            Verdict = run.Progress.LastLine(devices),
            BaselineHeapBytes = baseline,
            PeakHeapBytes = peak,
            WallMs = wall.ElapsedMilliseconds,
            DoneBySecond = doneBySecond,
        };
    }
}
