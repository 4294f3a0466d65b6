using Gateway.Core.Runtime;

namespace Gateway.Simulation;

/// <summary>The peripheral's end of a simulated GATT link (the core's <see cref="IGattServerConnection"/>).</summary>
public sealed class VirtualGattServerConnection : IGattServerConnection
{
    private readonly GattLink _link;

    internal VirtualGattServerConnection(GattLink link)
    {
        _link = link;
    }

    public int Mtu => _link.Mtu;

    /// <summary>The central connected to us.</summary>
    public AirStation Peer => _link.Central;

    /// <summary>The peripheral's own station.</summary>
    public AirStation Local => _link.Peripheral;

    /// <summary>Open and not closed by this side.</summary>
    public bool IsOpen => _link.IsOpen && !_link.PeripheralDone;

    /// <summary>
    /// Notification on Data Out, delivered at a coming connection event. Throws ArgumentException
    /// above Mtu − 3 octets; silently dropped once the link is closed or lost.
    /// </summary>
    public void Notify(byte[] data, int offset, int length)
    {
        _link.Send(false, data, offset, length);
    }

    public void Disconnect()
    {
        _link.Disconnect(false);
    }

    public override string ToString()
    {
        return $"GATT {Local.Name} <- {Peer.Name} (MTU {Mtu})";
    }
}
