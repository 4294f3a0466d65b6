using System;
using System.Collections.Generic;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Lan;

/// <summary>Receives a datagram: the sender's address, the port it was sent to, and the payload (the buffer is the receiver's copy).</summary>
public delegate void LanDatagramHandler(string fromAddress, int port, byte[] payload, int offset, int count);

/// <summary>One datagram as the LAN carried it (for traces and secret scans).</summary>
public readonly record struct LanDatagram(long TimeMs, string From, string FromAddress, int Port, byte[] Payload);

/// <summary>
/// The home LAN behind a <see cref="Wifi.VirtualAccessPoint"/>: UDP-like broadcast datagrams
/// between the endpoints that joined it, delivered in order on the scheduler after
/// <see cref="LatencyMs"/> to every other endpoint listening on the port (DESIGN.md §7 "virtual
/// LAN for UDP"). Zero-config uses it for the CoAP notices of a new device (port 5683).
/// </summary>
public sealed class VirtualLan
{
    private readonly List<LanEndpoint> _endpoints = new List<LanEndpoint>();
    private readonly List<LanDatagram> _trace = new List<LanDatagram>();
    private int _nextHost = 2;

    public VirtualLan(IScheduler scheduler, string subnetPrefix = "192.168.50.")
    {
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        SubnetPrefix = subnetPrefix;
    }

    public IScheduler Scheduler { get; }

    public string SubnetPrefix { get; }

    public int LatencyMs { get; set; } = 1;

    /// <summary>Every datagram sent, in order.</summary>
    public IReadOnlyList<LanDatagram> Trace => _trace;

    /// <summary>A new endpoint with the next free address of the subnet (the DHCP lease).</summary>
    public LanEndpoint Attach(string name)
    {
        var endpoint = new LanEndpoint(this, name, SubnetPrefix + _nextHost++);
        _endpoints.Add(endpoint);
        return endpoint;
    }

    internal void Detach(LanEndpoint endpoint)
    {
        _endpoints.Remove(endpoint);
    }

    internal void Broadcast(LanEndpoint from, int port, byte[] payload)
    {
        _trace.Add(new LanDatagram(Scheduler.NowMilliseconds, from.Name, from.Address, port, payload));
        foreach (LanEndpoint to in _endpoints.ToArray())
        {
            if (to == from)
            {
                continue;
            }

            LanEndpoint receiver = to;
            Scheduler.Schedule(LatencyMs, () => receiver.Deliver(from.Address, port, payload));
        }
    }
}

/// <summary>One host on the <see cref="VirtualLan"/>: broadcast to a port, listen on ports.</summary>
public sealed class LanEndpoint
{
    private readonly VirtualLan _lan;
    private readonly Dictionary<int, LanDatagramHandler> _listeners = new Dictionary<int, LanDatagramHandler>();

    internal LanEndpoint(VirtualLan lan, string name, string address)
    {
        _lan = lan;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    /// <summary>The IPv4 address, dotted.</summary>
    public string Address { get; }

    public bool IsAttached { get; private set; } = true;

    /// <summary>Sets (or with null removes) the handler of datagrams to <paramref name="port"/>.</summary>
    public void Listen(int port, LanDatagramHandler handler)
    {
        if (handler == null)
        {
            _listeners.Remove(port);
        }
        else
        {
            _listeners[port] = handler;
        }
    }

    /// <summary>Sends a broadcast datagram (the LAN copies the payload).</summary>
    public void Broadcast(int port, byte[] payload, int offset, int count)
    {
        if (!IsAttached)
        {
            return;
        }

        _lan.Broadcast(this, port, payload.AsSpan(offset, count).ToArray());
    }

    /// <summary>Leaves the LAN (the station left the AP or lost power).</summary>
    public void Detach()
    {
        IsAttached = false;
        _listeners.Clear();
        _lan.Detach(this);
    }

    internal void Deliver(string from, int port, byte[] payload)
    {
        if (IsAttached && _listeners.TryGetValue(port, out LanDatagramHandler handler))
        {
            byte[] copy = (byte[])payload.Clone();
            handler(from, port, copy, 0, copy.Length);
        }
    }
}
