using Gateway.Core.Runtime;
using Gateway.Simulation.Lan;

namespace Gateway.Simulation.Wifi;

/// <summary>A station associated with a <see cref="VirtualAccessPoint"/>: the core's <see cref="IWifiStation"/> port and its LAN endpoint.</summary>
public sealed class VirtualWifiStation : IWifiStation
{
    internal VirtualWifiStation(VirtualAccessPoint ap, string name, VirtualWifiRadio radio, LanEndpoint lan)
    {
        AccessPoint = ap;
        Name = name;
        Radio = radio;
        Lan = lan;
        IsConnected = true;
    }

    public VirtualAccessPoint AccessPoint { get; }

    public string Name { get; }

    public VirtualWifiRadio Radio { get; }

    public LanEndpoint Lan { get; }

    public bool IsConnected { get; private set; }

    public int Channel => IsConnected ? AccessPoint.Channel : 0;

    /// <summary>Leaves the AP (and its LAN).</summary>
    public void Disconnect()
    {
        IsConnected = false;
        Lan.Detach();
    }

    /// <summary>Comes back to the same AP with a new LAN lease is not modelled; a test models a reconnect by a new station.</summary>
    public override string ToString() => $"{Name} @ {AccessPoint}";
}
