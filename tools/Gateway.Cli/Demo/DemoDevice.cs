namespace Gateway.Cli.Demo;

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

    public string Stage { get; set; } = "waiting";

    public bool Finished { get; set; }

    public bool Succeeded { get; set; }

    public string Detail { get; set; } = "";

    public long StartedAtMs { get; set; } = -1;

    public long EndedAtMs { get; set; } = -1;

    public long DurationMs => StartedAtMs < 0 || EndedAtMs < 0 ? -1 : EndedAtMs - StartedAtMs;
}
