using Gateway.Cloud.Registry;

namespace Gateway.Cloud.Mesh;

public enum MeshDeviceRecordState
{
    Found,
    Pending,
    Denied,
    Authorized,
    Provisioned,
    Failed,
    ResetRequested,
}

/// <summary>One mesh device as the platform saw it, kept for inspection (tests, the demo, the CLI).</summary>
public sealed class MeshDeviceRecord
{
    public MeshDeviceRecord(string uuid, DeviceKey gateway)
    {
        Uuid = uuid;
        Gateway = gateway;
    }

    public string Uuid { get; }

    public DeviceKey Gateway { get; set; }

    public MeshDeviceRecordState State { get; set; }

    public long FoundAtMs { get; set; }

    public int Reports { get; set; }

    public int Authorizations { get; set; }

    /// <summary>Final results received (a result repeated with the same request id is not counted again).</summary>
    public int Results { get; set; }

    /// <summary>Results with "success".</summary>
    public int SuccessResults { get; set; }

    /// <summary>Results repeated with an id already received (a gateway's outbox after a reboot).</summary>
    public int DuplicateResults { get; set; }

    public string ResultStage { get; set; }

    public string Reason { get; set; }

    public int Code { get; set; }

    public string UnicastAddress { get; set; }

    /// <summary>The Input OOB value the gateway asked the app to show (opened from its sealed field).</summary>
    public string InputOobShown { get; set; }
}
