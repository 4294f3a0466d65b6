namespace Gateway.Cli.Demo;

/// <summary>Where a device of the demo stands, as the summary tells it: finished (two ways) or unfinished (four).</summary>
internal enum DemoDeviceStatus
{
    /// <summary>The gateway has not heard it yet (mesh: no workflow state; Wi-Fi: the registrar never heard its probe).</summary>
    NeverHeard,

    /// <summary>Heard and reported; the cloud has not authorized it yet.</summary>
    WaitingForApproval,

    /// <summary>Authorized, no session started yet.</summary>
    Queued,

    /// <summary>Provisioning or configuration under way (a session, or the provisioner's queue).</summary>
    Running,

    /// <summary>Provisioned and configured, its result reported to the cloud.</summary>
    Provisioned,

    /// <summary>Ended with a failure (the reason is in <see cref="DemoDevice.Detail"/>).</summary>
    Failed,
}

/// <summary>One device of the simulated home, as the demo shows and reports it.</summary>
internal sealed class DemoDevice
{
    public DemoDevice(string name, string kind, string id)
    {
        Name = name;
        Kind = kind;
        Id = id;
    }

    public string Name { get; }

    /// <summary>How it joins: "mesh PB-ADV", "mesh PB-GATT", "wifi zero-config".</summary>
    public string Kind { get; }

    /// <summary>Mesh UUID (hex) or the Wi-Fi device's ProductKey/DeviceName.</summary>
    public string Id { get; }

    public string Method { get; set; } = "";

    /// <summary>The stage in words ("reported, waiting for approval", "configuring").</summary>
    public string Stage { get; set; } = "not heard";

    public DemoDeviceStatus Status { get; set; } = DemoDeviceStatus.NeverHeard;

    public bool Finished => Status == DemoDeviceStatus.Provisioned || Status == DemoDeviceStatus.Failed;

    public bool Succeeded => Status == DemoDeviceStatus.Provisioned;

    /// <summary>The unicast address or what it joined when it succeeded, the failure reason when it failed.</summary>
    public string Detail { get; set; } = "";

    /// <summary>When the gateway first heard it (simulated ms), -1 before.</summary>
    public long StartedAtMs { get; set; } = -1;

    /// <summary>When it finished (simulated ms), -1 while unfinished.</summary>
    public long EndedAtMs { get; set; } = -1;

    /// <summary>When its stage last changed (simulated ms): the live view shows the latest.</summary>
    public long ChangedAtMs { get; set; } = -1;

    /// <summary>Number of changes so far; orders changes at the same instant.</summary>
    public long ChangeSequence { get; set; }

    public long DurationMs => StartedAtMs < 0 || EndedAtMs < 0 ? -1 : EndedAtMs - StartedAtMs;
}
