using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Cli.Demo;

/// <summary>How a run of the demo stands after a step.</summary>
internal enum DemoVerdict
{
    Running,

    /// <summary>Every device finished (provisioned or failed).</summary>
    AllEnded,

    /// <summary>Nothing can progress any more: the run stops early and says why.</summary>
    Stalled,

    /// <summary>The time limit passed with work still under way.</summary>
    Limit,
}

/// <summary>What the gateway itself has in hand: provisioning sessions running and jobs waiting for a slot.</summary>
internal readonly record struct GatewayWork(int ActiveSessions, int QueuedSessions);

/// <summary>
/// The one place that decides whether anything in the home can still progress. Until the workflow
/// offers that itself, it is derived from what the CLI sees: each device's status, the
/// provisioner's running and queued sessions, and a no-change watchdog.
/// <list type="bullet">
/// <item>Every device provisioned: the run ends. Every device finished, some failed: the run ends
/// after <see cref="QuietMs"/> without a change (a failed device that beacons again is tried again).</item>
/// <item>No session runs or waits, no device is queued or running, and no device changed for
/// <see cref="QuietMs"/> (longer than the workflow's found re-report interval, so a device the
/// cloud has not answered yet gets its second report first): nothing can progress.</item>
/// <item>No device changed for <see cref="WatchdogMs"/> even though work is pending (a session
/// that never ends, a device authorized but out of range): stalled, saying what is pending.</item>
/// </list>
/// </summary>
internal sealed class DemoProgress
{
    private long _fingerprint = -1;

    public DemoProgress(long quietMs, long watchdogMs, long limitMs)
    {
        QuietMs = quietMs;
        WatchdogMs = watchdogMs;
        LimitMs = limitMs;
    }

    public long QuietMs { get; }

    public long WatchdogMs { get; }

    public long LimitMs { get; }

    /// <summary>Simulated time of the last change of any device or of the provisioner's counts.</summary>
    public long LastChangeMs { get; private set; }

    public long NowMs { get; private set; }

    public GatewayWork Work { get; private set; }

    public DemoVerdict Verdict { get; private set; }

    /// <summary>Why the run stopped, without the counts (e.g. "nothing can progress since 312.4 s").</summary>
    public string StopReason { get; private set; } = string.Empty;

    public DemoVerdict Observe(long nowMs, IReadOnlyList<DemoDevice> devices, GatewayWork work)
    {
        NowMs = nowMs;
        Work = work;
        long fingerprint = devices.Sum(d => d.ChangeSequence) * 31 + (work.ActiveSessions * 7919L) + work.QueuedSessions;
        if (fingerprint != _fingerprint)
        {
            _fingerprint = fingerprint;
            LastChangeMs = nowMs;
        }

        bool pending = work.ActiveSessions + work.QueuedSessions > 0
            || devices.Any(d => d.Status == DemoDeviceStatus.Running || d.Status == DemoDeviceStatus.Queued);
        long quiet = nowMs - LastChangeMs;
        bool allFinished = devices.Count > 0 && devices.All(d => d.Finished);
        if (allFinished && (devices.All(d => d.Succeeded) || (!pending && quiet >= QuietMs)))
        {
            // A failed device that beacons again is reported and tried again, so a failure is
            // final only once the home stayed quiet for a while.
            Verdict = DemoVerdict.AllEnded;
            StopReason = string.Empty;
        }
        else if (!pending && quiet >= QuietMs)
        {
            Verdict = DemoVerdict.Stalled;
            StopReason = "nothing can progress (the gateway is idle and nothing changed since " + Seconds(LastChangeMs) + ")";
        }
        else if (quiet >= WatchdogMs)
        {
            Verdict = DemoVerdict.Stalled;
            StopReason = "nothing changed since " + Seconds(LastChangeMs) + " though work is pending ("
                + work.ActiveSessions + " session(s) running, " + work.QueuedSessions + " queued)";
        }
        else if (nowMs >= LimitMs)
        {
            Verdict = DemoVerdict.Limit;
            StopReason = "the " + Seconds(LimitMs) + " limit passed";
        }
        else
        {
            Verdict = DemoVerdict.Running;
            StopReason = string.Empty;
        }

        return Verdict;
    }

    /// <summary>Unfinished devices by status, then failures by reason: "3 never heard, 2 waiting for approval; 7 failed (bind-timeout ×4, …)".</summary>
    public static string Describe(IReadOnlyList<DemoDevice> devices)
    {
        var parts = new List<string>();
        void Add(DemoDeviceStatus status, string words)
        {
            int n = devices.Count(d => d.Status == status);
            if (n > 0)
            {
                parts.Add(n + " " + words);
            }
        }

        Add(DemoDeviceStatus.NeverHeard, "never heard");
        Add(DemoDeviceStatus.WaitingForApproval, "waiting for approval");
        Add(DemoDeviceStatus.Queued, "authorized, not started");
        Add(DemoDeviceStatus.Running, "still running");
        string text = string.Join(", ", parts);
        string failed = DescribeFailures(devices);
        if (failed.Length > 0)
        {
            text = text.Length == 0 ? failed : text + "; " + failed;
        }

        return text;
    }

    /// <summary>"7 failed (bind-timeout ×4, link-closed-1 ×3)", or empty.</summary>
    public static string DescribeFailures(IReadOnlyList<DemoDevice> devices)
    {
        var failed = devices.Where(d => d.Status == DemoDeviceStatus.Failed).ToList();
        if (failed.Count == 0)
        {
            return string.Empty;
        }

        IEnumerable<string> reasons = failed
            .GroupBy(d => string.IsNullOrEmpty(d.Detail) ? "unknown" : d.Detail)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key + " ×" + g.Count());
        return failed.Count + " failed (" + string.Join(", ", reasons) + ")";
    }

    /// <summary>The summary's last line, which checkers read.</summary>
    public string LastLine(IReadOnlyList<DemoDevice> devices)
    {
        int ok = devices.Count(d => d.Succeeded);
        string head = ok + " of " + devices.Count + " devices provisioned and configured";
        if (Verdict == DemoVerdict.AllEnded)
        {
            long last = devices.Max(d => d.EndedAtMs);
            string failures = DescribeFailures(devices);
            return head + " in " + Seconds(last) + " of simulated time" + (failures.Length == 0 ? "." : "; " + failures + ".");
        }

        return head + "; stopped at " + Seconds(NowMs) + " of simulated time: " + (StopReason.Length == 0 ? "interrupted" : StopReason)
            + " — " + Describe(devices) + ".";
    }

    public static string Seconds(long ms) => (ms / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
