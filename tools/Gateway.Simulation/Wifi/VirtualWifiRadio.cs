using System;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Wifi;

/// <summary>
/// One Wi-Fi radio on the <see cref="WifiMedium"/>: the core's <see cref="IManagementFrameRadio"/>
/// port for the gateway and for simulated enrollees. A station's radio follows its AP's channel;
/// an enrollee hops with <see cref="Channel"/> while it scans (the real port has no channel call:
/// the registrar stays on its AP's channel).
/// </summary>
public sealed class VirtualWifiRadio : IManagementFrameRadio
{
    private readonly WifiMedium _medium;
    private byte[] _receiveBuffer = new byte[WifiSettings.MaxElementLength];
    private VendorElementReceivedHandler _handler;
    private int _filterOui = -1;
    private int _channel;

    internal VirtualWifiRadio(WifiMedium medium, string name, ulong address, int channel, int? fixedRssi)
    {
        _medium = medium;
        Name = string.IsNullOrEmpty(name) ? address.ToString("X12") : name;
        Address = address;
        Channel = channel;
        FixedRssi = fixedRssi;
        IsPowered = true;
    }

    public WifiMedium Medium => _medium;

    public string Name { get; }

    /// <summary>48-bit MAC address, most significant octet first.</summary>
    public ulong Address { get; }

    /// <summary>The channel the radio is tuned to, 1..13.</summary>
    public int Channel
    {
        get => _channel;
        set
        {
            if (value < WifiSettings.MinChannel || value > WifiSettings.MaxChannel)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "2.4 GHz channels are 1..13");
            }

            _channel = value;
        }
    }

    /// <summary>When set, everyone hears this radio (and it hears everyone) at this RSSI.</summary>
    public int? FixedRssi { get; set; }

    /// <summary>When set, replaces the medium's loss for everything this radio sends or hears (the larger wins).</summary>
    public double? LossProbability { get; set; }

    public bool IsPowered { get; private set; }

    /// <summary>Whether a vendor filter is on.</summary>
    public bool IsFiltering => _handler != null;

    /// <summary>Probe requests this radio sent.</summary>
    public int FramesSent { get; private set; }

    /// <summary>Frames its filter delivered.</summary>
    public int FramesReceived { get; private set; }

    public void SetVendorElementFilter(int oui, VendorElementReceivedHandler handler)
    {
        _filterOui = handler == null ? -1 : oui & 0xFFFFFF;
        _handler = handler;
    }

    public bool SendProbeRequest(byte[] element, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (offset < 0 || length < 0 || offset > element.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        if (length < 2 || length > WifiSettings.MaxElementLength || element[offset] != 221)
        {
            // A driver refuses a frame whose element it cannot even frame.
            throw new ArgumentException("a probe request carries one vendor element (id 221, at most 257 octets)", nameof(element));
        }

        if (!IsPowered)
        {
            return false;
        }

        FramesSent++;
        _medium.Transmit(this, ManagementFrameType.ProbeRequest, element.AsSpan(offset, length).ToArray());
        return true;
    }

    /// <summary>Power cut: nothing is sent or heard; the filter is gone (the software above died).</summary>
    public void PowerOff()
    {
        IsPowered = false;
        SetVendorElementFilter(0, null);
    }

    public void PowerOn()
    {
        IsPowered = true;
    }

    internal bool Accepts(int oui)
    {
        return _handler != null && oui == _filterOui;
    }

    internal void Deliver(ulong from, int channel, int rssi, ManagementFrameType frameType, byte[] element)
    {
        VendorElementReceivedHandler handler = _handler;
        if (handler == null)
        {
            return;
        }

        if (_receiveBuffer.Length < element.Length)
        {
            _receiveBuffer = new byte[element.Length];
        }

        // The port's contract: the buffer belongs to the radio and is reused after the call.
        Array.Copy(element, _receiveBuffer, element.Length);
        FramesReceived++;
        handler(from, channel, rssi, frameType, _receiveBuffer, 0, element.Length);
    }

    public override string ToString() => $"{Name} ch{Channel}";
}
