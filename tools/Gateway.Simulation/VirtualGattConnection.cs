using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>The central's end of a simulated GATT link (the core's <see cref="IGattConnection"/>).</summary>
public sealed class VirtualGattConnection : IGattConnection
{
    private readonly GattLink _link;

    internal VirtualGattConnection(GattLink link)
    {
        _link = link;
    }

    public int Mtu => _link.Mtu;

    /// <summary>The station this central is connected to.</summary>
    public AirStation Peer => _link.Peripheral;

    /// <summary>The central's own station.</summary>
    public AirStation Local => _link.Central;

    /// <summary>Open and not closed by this side.</summary>
    public bool IsOpen => _link.IsOpen && !_link.CentralDone;

    /// <summary>
    /// Write Without Response to Data In, delivered at a coming connection event. Throws
    /// ArgumentException above Mtu − 3 octets; silently dropped once the link is closed or lost
    /// (the core may race with an OnDisconnected it has not seen yet).
    /// </summary>
    public void Write(byte[] data, int offset, int length)
    {
        _link.Send(true, data, offset, length);
    }

    public void Disconnect()
    {
        _link.Disconnect(true);
    }

    public override string ToString()
    {
        return $"GATT {Local.Name} -> {Peer.Name} (MTU {Mtu})";
    }
}
