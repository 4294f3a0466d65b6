using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Core.Runtime;
using Gateway.Simulation.Lan;

namespace Gateway.Simulation.Wifi;

/// <summary>
/// The home access point: SSID, BSSID, WPA passphrase and channel. A station that presents the
/// right SSID and passphrase joins after <see cref="WifiSettings.JoinDelayMs"/> and gets an
/// endpoint on the AP's <see cref="VirtualLan"/>; a wrong one is refused (as the 4-way handshake
/// would fail). The passphrase is compared, never logged or traced.
/// </summary>
public sealed class VirtualAccessPoint
{
    private readonly WifiMedium _medium;
    private readonly byte[] _ssid;
    private readonly byte[] _password;
    private readonly List<string> _joined = new List<string>();

    internal VirtualAccessPoint(WifiMedium medium, string ssid, byte[] bssid, string password, int channel, VirtualLan lan)
    {
        if (bssid == null || bssid.Length != 6)
        {
            throw new ArgumentException("a BSSID has 6 octets", nameof(bssid));
        }

        if (channel < WifiSettings.MinChannel || channel > WifiSettings.MaxChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(channel));
        }

        _medium = medium;
        Ssid = ssid;
        _ssid = Encoding.UTF8.GetBytes(ssid);
        _password = Encoding.UTF8.GetBytes(password ?? string.Empty);
        Bssid = (byte[])bssid.Clone();
        Channel = channel;
        Lan = lan ?? throw new ArgumentNullException(nameof(lan));
    }

    public string Ssid { get; }

    public byte[] Bssid { get; }

    public int Channel { get; }

    public VirtualLan Lan { get; }

    public int JoinAttempts { get; private set; }

    public int JoinRefusals { get; private set; }

    /// <summary>Names of the stations that joined, in order (a name twice means it joined twice).</summary>
    public IReadOnlyList<string> Joined => _joined;

    /// <summary>A station that is already associated (the gateway at the start of a scenario).</summary>
    public VirtualWifiStation ConnectStation(string name, VirtualWifiRadio radio)
    {
        radio.Channel = Channel;
        _joined.Add(name);
        return new VirtualWifiStation(this, name, radio, Lan.Attach(name));
    }

    /// <summary>
    /// Starts a join with the credentials a device received; <paramref name="done"/> gets the
    /// station after the join delay, or null when the AP refused it.
    /// </summary>
    public void BeginJoin(string name, VirtualWifiRadio radio, ReadOnlySpan<byte> ssid, ReadOnlySpan<byte> password, Action<VirtualWifiStation> done)
    {
        JoinAttempts++;
        bool accepted = ssid.SequenceEqual(_ssid) && password.SequenceEqual(_password);
        _medium.Scheduler.Schedule(_medium.Settings.JoinDelayMs, () =>
        {
            if (!accepted || !radio.IsPowered)
            {
                JoinRefusals++;
                _medium.Trace(new WifiTraceEvent(_medium.Scheduler.NowMilliseconds, name, Ssid, WifiEventKind.JoinRefused, Channel, 0, ManagementFrameType.ProbeRequest, null));
                done(null);
                return;
            }

            radio.Channel = Channel;
            _joined.Add(name);
            _medium.Trace(new WifiTraceEvent(_medium.Scheduler.NowMilliseconds, name, Ssid, WifiEventKind.Joined, Channel, 0, ManagementFrameType.ProbeRequest, null));
            done(new VirtualWifiStation(this, name, radio, Lan.Attach(name)));
        });
    }

    public override string ToString() => $"{Ssid} ch{Channel}";
}
