using System;
using Gateway.Core.Runtime;

namespace Gateway.Simulation.Process;

/// <summary>
/// An <see cref="IMqttLink"/> seen by the software of a <see cref="SimulatedProcess"/>: calls go
/// to the real link, and the link's events and callbacks reach the process only while it lives.
/// When the process is killed the connection drops (the broker sees the TCP link die).
/// </summary>
public sealed class ProcessMqttLink : IMqttLink
{
    private readonly IMqttLink _inner;
    private readonly SimulatedProcess _process;

    public ProcessMqttLink(IMqttLink inner, SimulatedProcess process)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _process = process ?? throw new ArgumentNullException(nameof(process));
        _inner.Connected += () => _process.Run(() => Connected?.Invoke());
        _inner.ConnectionLost += () => _process.Run(() => ConnectionLost?.Invoke());
        _inner.MessageReceived += (topic, payload) => _process.Run(() => MessageReceived?.Invoke(topic, payload));
        _process.Killed += _inner.Disconnect;
    }

    public event MqttLinkEventHandler Connected;

    public event MqttLinkEventHandler ConnectionLost;

    public event MqttMessageHandler MessageReceived;

    public bool IsConnected => _process.IsAlive && _inner.IsConnected;

    public void Connect(MqttConnectOptions options, MqttConnectCallback callback)
    {
        _inner.Connect(options, status => _process.Run(() => callback(status)));
    }

    public void Publish(string topic, byte[] payload, MqttQos qos, MqttPublishCallback callback)
    {
        _inner.Publish(topic, payload, qos, callback == null ? null : delivered => _process.Run(() => callback(delivered)));
    }

    public void Subscribe(string[] topicFilters, MqttQos qos, MqttSubscribeCallback callback)
    {
        _inner.Subscribe(topicFilters, qos, callback == null ? null : granted => _process.Run(() => callback(granted)));
    }

    public void Disconnect()
    {
        _inner.Disconnect();
    }
}
